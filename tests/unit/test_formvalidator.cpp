#include "db/dropdowncatalog.h"
#include "domain/caseforms.h"
#include "domain/fieldforms.h"
#include "domain/formvalidator.h"
#include "domain/projectforms.h"

#include "catchqt.h"

using namespace ocms;

namespace {

FormValidator validatorFor(const DropdownCatalog& catalog)
{
    return FormValidator([&catalog](const QString& list, const QString& code, const QString& parent) {
        return catalog.allows(list, code, parent);
    });
}

DropdownCatalog caseTypes()
{
    DropdownCatalog catalog = DropdownCatalog::fixedLists();
    catalog.addList(QStringLiteral("case_type"), {{QStringLiteral("removal"), QStringLiteral("Removal proceedings")},
                                                  {QStringLiteral("tort"), QStringLiteral("Tort claim (FTCA)")},
                                                  {QStringLiteral("retired_local"), QStringLiteral("Anything")}});
    catalog.addDependency(QStringLiteral("case_type"), QStringLiteral("removal"), QStringLiteral("immigration"));
    catalog.addDependency(QStringLiteral("case_type"), QStringLiteral("tort"), QStringLiteral("non_immigration"));
    return catalog;
}

} // namespace

TEST_CASE("Dates are refused outside their range, in words that say the range", "[domain][forms]")
{
    const FormValidator validator;
    FieldSpec due = FieldSpec::make(QStringLiteral("due_on"), QStringLiteral("Due on"), FieldKind::Date);
    CHECK(validator.validateField(due, QStringLiteral("2027-01-15"), {}).isEmpty());
    CHECK(validator.validateField(due, QStringLiteral("2027-02-30"), {}) == QStringLiteral("Due on is not a date (use YYYY-MM-DD)."));
    CHECK(validator.validateField(due, QStringLiteral("15/01/2027"), {}) == QStringLiteral("Due on is not a date (use YYYY-MM-DD)."));
    CHECK(validator.validateField(due, QStringLiteral("2200-01-01"), {}) ==
          QStringLiteral("Due on must lie between 1900-01-01 and 2199-12-31."));
    CHECK(validator.validateField(due, QStringLiteral("1899-12-31"), {}).contains(QStringLiteral("must lie between")));

    FieldSpec born = FieldSpec::make(QStringLiteral("date_of_birth"), QStringLiteral("Date of birth"), FieldKind::Date);
    born.notInFuture = true;
    const QString tomorrow = QDate::currentDate().addDays(1).toString(Qt::ISODate);
    CHECK(validator.validateField(born, tomorrow, {}) ==
          QStringLiteral("Date of birth must lie between 1900-01-01 and %1.").arg(QDate::currentDate().toString(Qt::ISODate)));
    CHECK(validator.validateField(born, QDate::currentDate().toString(Qt::ISODate), {}).isEmpty());
}

TEST_CASE("Required fields, A-Numbers, money, phones and codes are checked field by field", "[domain][forms]")
{
    const DropdownCatalog catalog = caseTypes();
    const FormValidator validator = validatorFor(catalog);
    const FormSpec form = CaseForms::newImmigrationCase();
    QVariantMap values = {{QStringLiteral("category"), QStringLiteral("immigration")}, {QStringLiteral("a_number"), QStringLiteral("A-20B")},
                          {QStringLiteral("case_type"), QStringLiteral("tort")}, {QStringLiteral("forum"), QStringLiteral("immigration_court")},
                          {QStringLiteral("title"), QStringLiteral("   ")}, {QStringLiteral("opened_on"), QStringLiteral("2026-11-02")},
                          {QStringLiteral("family_name"), QStringLiteral("Quintero")}, {QStringLiteral("nationality"), QStringLiteral("Honduras")}};
    const QHash<QString, QString> problems = validator.validate(form, values);
    CHECK(problems.value(QStringLiteral("a_number")).contains(QStringLiteral("only digits")));
    CHECK(problems.value(QStringLiteral("case_type")) == QStringLiteral("Choose case type from the list."));
    CHECK(problems.value(QStringLiteral("title")) == QStringLiteral("Title is required."));
    CHECK(problems.value(QStringLiteral("nationality")) == QStringLiteral("A country is a two-letter code, e.g. HN."));
    CHECK_FALSE(problems.contains(QStringLiteral("forum")));
    CHECK_FALSE(problems.contains(QStringLiteral("given_name"))); // optional and empty
    CHECK(problems.size() == 4);

    values.insert(QStringLiteral("a_number"), QStringLiteral("A 208-431-775"));
    values.insert(QStringLiteral("case_type"), QStringLiteral("removal"));
    values.insert(QStringLiteral("title"), QStringLiteral("Matter of Quintero"));
    values.insert(QStringLiteral("nationality"), QStringLiteral("hn"));
    CHECK(validator.validate(form, values).isEmpty());
    const QVariantMap stored = FormValidator::normalised(form, values);
    CHECK(stored.value(QStringLiteral("a_number")).toString() == QStringLiteral("208431775"));
    CHECK(stored.value(QStringLiteral("nationality")).toString() == QStringLiteral("HN"));
    CHECK(stored.value(QStringLiteral("opened_on")).toDate() == QDate(2026, 11, 2));
    CHECK(stored.value(QStringLiteral("given_name")).isNull());
    CHECK_FALSE(stored.contains(QStringLiteral("category"))); // only the form's own fields

    FieldSpec amount = FieldSpec::make(QStringLiteral("claim_amount"), QStringLiteral("Amount claimed"), FieldKind::Money);
    CHECK(validator.validateField(amount, QStringLiteral("$12,500.50"), {}).isEmpty());
    CHECK(FormValidator::normalisedValue(amount, QStringLiteral("$12,500.50")).toString() == QStringLiteral("12500.50"));
    CHECK(validator.validateField(amount, QStringLiteral("-3"), {}).contains(QStringLiteral("zero or more")));
    CHECK(validator.validateField(amount, QStringLiteral("a lot"), {}) == QStringLiteral("Amount claimed must be a number."));
    FieldSpec phone = FieldSpec::make(QStringLiteral("number"), QStringLiteral("Number"), FieldKind::Phone);
    CHECK(validator.validateField(phone, QStringLiteral("+1 (404) 555-0142"), {}).isEmpty());
    CHECK_FALSE(validator.validateField(phone, QStringLiteral("call me"), {}).isEmpty());
}

TEST_CASE("Dependent dropdowns offer and allow only what the parent value permits", "[domain][forms]")
{
    const DropdownCatalog catalog = caseTypes();
    QStringList immigration;
    for (const DropdownChoice& choice : catalog.choices(QStringLiteral("case_type"), QStringLiteral("immigration"))) {
        immigration.append(choice.code);
    }
    // A value without dependent rules may be chosen under any parent.
    CHECK(immigration == QStringList{QStringLiteral("removal"), QStringLiteral("retired_local")});
    CHECK(catalog.allows(QStringLiteral("case_type"), QStringLiteral("tort"), QStringLiteral("non_immigration")));
    CHECK_FALSE(catalog.allows(QStringLiteral("case_type"), QStringLiteral("tort"), QStringLiteral("immigration")));
    CHECK_FALSE(catalog.allows(QStringLiteral("case_type"), QStringLiteral("made_up"), QStringLiteral("immigration")));
    CHECK(catalog.label(QStringLiteral("case_type"), QStringLiteral("tort")) == QStringLiteral("Tort claim (FTCA)"));
    CHECK(catalog.label(QStringLiteral("case_type"), QStringLiteral("gone")) == QStringLiteral("gone"));

    // A dependent field whose parent is still empty asks for the parent first.
    const FormValidator validator = validatorFor(catalog);
    FieldSpec type = FieldSpec::make(QStringLiteral("case_type"), QStringLiteral("Case type"), FieldKind::Choice);
    type.listCode = QStringLiteral("case_type");
    type.parentKey = QStringLiteral("category");
    CHECK(validator.validateField(type, QStringLiteral("removal"), {}) == QStringLiteral("Choose the field this depends on first."));
    CHECK(validator.validateField(type, QStringLiteral("removal"), {{QStringLiteral("category"), QStringLiteral("immigration")}}).isEmpty());
    // Forums follow the category too (a fixed list).
    CHECK_FALSE(catalog.allows(QStringLiteral("forum"), QStringLiteral("immigration_court"), QStringLiteral("non_immigration")));
    CHECK(catalog.allows(QStringLiteral("forum"), QStringLiteral("federal_district"), QStringLiteral("non_immigration")));
}

TEST_CASE("Every case form's keys are columns a repository may write", "[domain][forms]")
{
    // The summary may write exactly the editable columns; nothing else (office moves by transfer only).
    QStringList summaryKeys;
    for (const FieldSpec& field : CaseForms::summary(true) + CaseForms::summary(false)) {
        summaryKeys.append(field.key);
    }
    for (const QString& key : summaryKeys) {
        INFO(key.toStdString());
        CHECK(CaseForms::editableCaseColumns().contains(key));
    }
    CHECK_FALSE(CaseForms::editableCaseColumns().contains(QStringLiteral("office_id")));
    CHECK_FALSE(CaseForms::editableCaseColumns().contains(QStringLiteral("created_by")));
}

TEST_CASE("Hours are more than nothing, at most a day, and in quarter hours", "[domain][forms]")
{
    const DropdownCatalog catalog = DropdownCatalog::fixedLists();
    const FormValidator validator = validatorFor(catalog);
    const FieldSpec hours = FieldSpec::make(QStringLiteral("hours"), QStringLiteral("Hours"), FieldKind::Hours);
    for (const char* fine : {"0.25", "2.5", "7.75", "24"}) {
        INFO(fine);
        CHECK(validator.validateField(hours, QString::fromLatin1(fine), {}).isEmpty());
    }
    CHECK(validator.validateField(hours, QStringLiteral("0.3"), {}).contains(QStringLiteral("quarter hours")));
    CHECK(validator.validateField(hours, QStringLiteral("1.1"), {}).contains(QStringLiteral("quarter hours")));
    CHECK(validator.validateField(hours, QStringLiteral("0"), {}) == QStringLiteral("Hours must be more than 0 and at most 24."));
    CHECK(validator.validateField(hours, QStringLiteral("24.25"), {}) == QStringLiteral("Hours must be more than 0 and at most 24."));
}

TEST_CASE("Project forms write only project columns, and a task's status is edited, not chosen at creation", "[domain][forms]")
{
    QStringList summaryKeys;
    for (const FieldSpec& field : ProjectForms::summary()) {
        summaryKeys.append(field.key);
    }
    CHECK(summaryKeys == ProjectForms::editableProjectColumns());
    for (const char* never : {"created_by", "project_number", "immigration_matter", "linked_case_id", "row_version"}) {
        INFO(never);
        CHECK_FALSE(ProjectForms::editableProjectColumns().contains(QString::fromLatin1(never)));
    }
    const auto keys = [](const FormSpec& form) {
        QStringList list;
        for (const FieldSpec& field : form) {
            list.append(field.key);
        }
        return list;
    };
    CHECK_FALSE(keys(ProjectForms::task()).contains(QStringLiteral("status")));
    CHECK(keys(ProjectForms::taskEdit()).contains(QStringLiteral("status")));
    // A person involved is asked for no more than the matter needs: no birth date, no A-Number, no SSN.
    for (const char* sensitive : {"date_of_birth", "a_number", "ssn", "nationality"}) {
        INFO(sensitive);
        CHECK_FALSE(keys(ProjectForms::person()).contains(QString::fromLatin1(sensitive)));
    }
}

TEST_CASE("Fugitive record forms check FCMS 1.5's field rules before anything is sent", "[unit][forms][field]")
{
    const DropdownCatalog catalog = DropdownCatalog::fixedLists();
    const FormValidator validator = validatorFor(catalog);
    QVariantMap biography = {{QStringLiteral("family_name"), QStringLiteral("Quillfeather")},
                             {QStringLiteral("ssn"), QStringLiteral("12345678")},
                             {QStringLiteral("date_of_birth"), QStringLiteral("1899-12-31")},
                             {QStringLiteral("a_number"), QStringLiteral("A12")}};
    QHash<QString, QString> problems = validator.validate(FieldForms::fugitiveBiography(), biography);
    CHECK(problems.value(QStringLiteral("ssn")).contains(QStringLiteral("nine digits")));
    CHECK(problems.value(QStringLiteral("date_of_birth")).contains(QStringLiteral("between 1900-01-01")));
    CHECK(problems.contains(QStringLiteral("a_number")));
    biography.insert(QStringLiteral("ssn"), QStringLiteral("219-09-9999"));
    biography.insert(QStringLiteral("date_of_birth"), QStringLiteral("1988-02-29"));
    biography.insert(QStringLiteral("a_number"), QStringLiteral("A-208-415-996"));
    CHECK(validator.validate(FieldForms::fugitiveBiography(), biography).isEmpty());
    CHECK(FormValidator::normalised(FieldForms::fugitiveBiography(), biography).value(QStringLiteral("ssn")) == QVariant(QStringLiteral("219099999")));

    QVariantMap criminal = {{QStringLiteral("fbi_number"), QStringLiteral("12-34")}, {QStringLiteral("fin"), QStringLiteral("12345678901")},
                            {QStringLiteral("sid"), QStringLiteral("ga1234567")}};
    problems = validator.validate(FieldForms::fugitiveCriminal(), criminal);
    CHECK(problems.value(QStringLiteral("fbi_number")).contains(QStringLiteral("1 to 9 letters and digits")));
    CHECK(problems.value(QStringLiteral("fin")).contains(QStringLiteral("1 to 10 digits")));
    CHECK_FALSE(problems.contains(QStringLiteral("sid"))); // lower case is accepted and stored upper case
    CHECK(FormValidator::normalised(FieldForms::fugitiveCriminal(), criminal).value(QStringLiteral("sid")) == QVariant(QStringLiteral("GA1234567")));

    problems = validator.validate(FieldForms::fugitiveImmigration(), {{QStringLiteral("prior_apprehensions"), QStringLiteral("2019-04-02; 2020")}});
    CHECK(problems.value(QStringLiteral("prior_apprehensions")).contains(QStringLiteral("separated by commas")));
    CHECK(validator.validate(FieldForms::fugitiveImmigration(), {{QStringLiteral("prior_apprehensions"), QStringLiteral("2019-04-02, 2021-11-30")}})
              .isEmpty());

    problems = validator.validate(FieldForms::newLead(), {{QStringLiteral("fugitive_number"), QStringLiteral("FUG-2026-000001")},
                                                          {QStringLiteral("source_code"), QStringLiteral("X")},
                                                          {QStringLiteral("relevance_score"), QStringLiteral("100.5")},
                                                          {QStringLiteral("address_zip"), QStringLiteral("3031")}});
    CHECK(problems.value(QStringLiteral("relevance_score")).contains(QStringLiteral("0 to 100")));
    CHECK(problems.value(QStringLiteral("address_zip")).contains(QStringLiteral("five digits")));

    problems = validator.validate(FieldForms::nonFugitiveArrest(), {{QStringLiteral("a_number"), QStringLiteral("000000000")},
                                                                    {QStringLiteral("arrested_on"), QDate::currentDate().addDays(2)},
                                                                    {QStringLiteral("place"), QStringLiteral(" ")}});
    CHECK(problems.contains(QStringLiteral("a_number")));
    CHECK(problems.contains(QStringLiteral("arrested_on"))); // not in the future
    CHECK(problems.value(QStringLiteral("place")).contains(QStringLiteral("required")));
}
