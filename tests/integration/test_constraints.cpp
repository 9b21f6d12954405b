#include "db/sqlerrortranslator.h"
#include "testdatabase.h"

#include <QDate>
#include <QSqlError>
#include <QSqlQuery>
#include <QRegularExpression>
#include <QUuid>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Runs a parameterised statement; returns the user-facing error, or an empty one when it succeeded.
Error attempt(TestDatabase& database, const QString& sql, const QVariantList& values)
{
    QSqlQuery query(database.connection());
    REQUIRE(query.prepare(sql));
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (query.exec()) {
        return Error{ErrorCode::Internal, {}, {}};
    }
    return SqlErrorTranslator::translate(query.lastError());
}

struct Organisation
{
    QString office = newId();
    QString division = newId();
};

Organisation makeOrganisation(TestDatabase& database)
{
    Organisation organisation;
    REQUIRE(attempt(database, QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES (?, 'OCC-T', 'Test', 'chief_counsel')"),
                    {organisation.office})
                .userMessage.isEmpty());
    REQUIRE(attempt(database, QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES (?, 'ILP', 'Immigration')"),
                    {organisation.division})
                .userMessage.isEmpty());
    return organisation;
}

Error insertCase(TestDatabase& database, const Organisation& organisation, const QVariant& aNumber,
                 const QString& category = QStringLiteral("immigration"), const QString& status = QStringLiteral("open"))
{
    return attempt(database,
                   QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, status, "
                                  "office_id, division_id) VALUES (?, ?, ?, 'immigration_court', ?, 'Matter of X', ?, ?, ?)"),
                   {newId(), category,
                    // case types depend on the category (migration 0017)
                    category == u"immigration" ? QStringLiteral("removal") : QStringLiteral("tort"), aNumber, status,
                    organisation.office, organisation.division});
}

Error insertPerson(TestDatabase& database, const QVariant& ssn, const QVariant& birth, const QVariant& aNumber = {})
{
    return attempt(database,
                   QStringLiteral("INSERT INTO core.people (id, family_name, given_name, ssn, date_of_birth, a_number) "
                                  "VALUES (?, 'Ibáñez', 'Lucía', ?, ?, ?)"),
                   {newId(), ssn, birth, aNumber});
}

} // namespace

TEST_CASE("The database refuses malformed A-Numbers with a clear message", "[integration][constraints]")
{
    TestDatabase database;
    const Organisation organisation = makeOrganisation(database);
    CHECK(insertCase(database, organisation, QStringLiteral("208431775")).userMessage.isEmpty());

    for (const char* bad : {"20843177", "A08431775", "000000000", "2084317750"}) {
        INFO(bad);
        const Error error = insertCase(database, organisation, QString::fromLatin1(bad));
        CHECK(error.code == ErrorCode::Validation);
        CHECK(error.userMessage.contains(QStringLiteral("A-Number must be exactly nine digits")));
        CHECK_FALSE(error.userMessage.contains(QStringLiteral("constraint")));
    }
    const Error missing = insertCase(database, organisation, QVariant(QMetaType::fromType<QString>()));
    CHECK(missing.userMessage.contains(QStringLiteral("cannot be created without an A-Number")));
    // A non-immigration case needs none.
    CHECK(insertCase(database, organisation, QVariant(QMetaType::fromType<QString>()), QStringLiteral("non_immigration"))
              .userMessage.isEmpty());
}

TEST_CASE("An A-Number has one open immigration case at a time", "[integration][constraints]")
{
    TestDatabase database;
    const Organisation organisation = makeOrganisation(database);
    REQUIRE(insertCase(database, organisation, QStringLiteral("111222333")).userMessage.isEmpty());
    const Error duplicate = insertCase(database, organisation, QStringLiteral("111222333"));
    CHECK(duplicate.code == ErrorCode::Conflict);
    CHECK(duplicate.userMessage.contains(QStringLiteral("already exists for this A-Number")));
    // A closed earlier case does not block a new one.
    CHECK(insertCase(database, organisation, QStringLiteral("444555666"), QStringLiteral("immigration"),
                     QStringLiteral("closed")).userMessage.isEmpty());
    CHECK(insertCase(database, organisation, QStringLiteral("444555666")).userMessage.isEmpty());
}

TEST_CASE("The database refuses bad SSNs and impossible dates of birth", "[integration][constraints]")
{
    TestDatabase database;
    CHECK(insertPerson(database, QStringLiteral("123456789"), QDate(1980, 5, 1)).userMessage.isEmpty());
    for (const char* bad : {"12345678", "000123456", "666123456", "123004567", "123450000", "12345678X"}) {
        INFO(bad);
        const Error error = insertPerson(database, QString::fromLatin1(bad), QDate(1980, 5, 1));
        CHECK(error.code == ErrorCode::Validation);
        CHECK(error.userMessage.contains(QStringLiteral("Social Security number must be nine digits")));
    }
    for (const QDate& bad : {QDate(1899, 12, 31), QDate::currentDate().addDays(1), QDate(2300, 1, 1)}) {
        INFO(bad.toString(Qt::ISODate).toStdString());
        const Error error = insertPerson(database, QVariant(QMetaType::fromType<QString>()), bad);
        CHECK(error.userMessage.contains(QStringLiteral("date of birth")));
    }
    CHECK(insertPerson(database, QVariant(QMetaType::fromType<QString>()), QDate(1990, 1, 1), QStringLiteral("12345"))
              .userMessage.contains(QStringLiteral("A-Number")));
}

TEST_CASE("Dates outside sane ranges and bad hours are refused", "[integration][constraints]")
{
    TestDatabase database;
    const Organisation organisation = makeOrganisation(database);
    const QString caseId = newId();
    REQUIRE(attempt(database,
                    QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, office_id, "
                                   "division_id) VALUES (?, 'immigration', 'removal', 'immigration_court', '987654321', 'M', ?, ?)"),
                    {caseId, organisation.office, organisation.division})
                .userMessage.isEmpty());
    const Error deadline = attempt(database,
                                   QStringLiteral("INSERT INTO legal.deadlines (id, case_id, kind, title, due_on) "
                                                  "VALUES (?, ?, 'motion', 'Reply', ?)"),
                                   {newId(), caseId, QDate(1850, 1, 1)});
    CHECK(deadline.userMessage.contains(QStringLiteral("outside the accepted range")));

    const QString user = newId();
    REQUIRE(attempt(database, QStringLiteral("INSERT INTO core.users (id, login, full_name) VALUES (?, 'hours.test', 'H T')"),
                    {user}).userMessage.isEmpty());
    const Error hours = attempt(database,
                                QStringLiteral("INSERT INTO legal.time_entries (id, user_id, case_id, work_date, hours) "
                                               "VALUES (?, ?, ?, current_date, 30)"),
                                {newId(), user, caseId});
    CHECK(hours.userMessage.contains(QStringLiteral("Hours must be more than 0")));
    const Error twoParents = attempt(database,
                                     QStringLiteral("INSERT INTO legal.time_entries (id, user_id, work_date, hours) "
                                                    "VALUES (?, ?, current_date, 2)"),
                                     {newId(), user});
    CHECK(twoParents.userMessage.contains(QStringLiteral("exactly one case or project")));
}

TEST_CASE("Non-fugitive arrests are statistical records that cannot be changed", "[integration][constraints]")
{
    TestDatabase database;
    const QString office = newId();
    REQUIRE(attempt(database, QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES (?, 'FO-T', 'Field', 'field_office')"),
                    {office}).userMessage.isEmpty());
    const QString arrest = newId();
    REQUIRE(attempt(database,
                    QStringLiteral("INSERT INTO field.nonfugitive_arrests (id, a_number, arrested_on, place, office_id, criminal) "
                                   "VALUES (?, '123123123', current_date, 'Atlanta, GA', ?, false)"),
                    {arrest, office}).userMessage.isEmpty());
    const Error update = attempt(database, QStringLiteral("UPDATE field.nonfugitive_arrests SET place = 'Elsewhere' WHERE id = ?"),
                                 {arrest});
    CHECK(update.code == ErrorCode::Validation);
    CHECK(update.userMessage == QStringLiteral("A non-fugitive arrest is a statistical record and cannot be changed."));
    CHECK(database.scalar(QStringLiteral("SELECT place FROM field.nonfugitive_arrests")).toString() == QStringLiteral("Atlanta, GA"));
}

TEST_CASE("Human numbers follow the PREFIX-YEAR-NNNNNN pattern", "[integration][constraints]")
{
    TestDatabase database;
    const Organisation organisation = makeOrganisation(database);
    REQUIRE(insertCase(database, organisation, QStringLiteral("555666777")).userMessage.isEmpty());
    const QString number = database.scalar(QStringLiteral("SELECT case_number FROM legal.cases")).toString();
    CHECK(QRegularExpression(QStringLiteral("^CASE-\\d{4}-\\d{6}$")).match(number).hasMatch());
    CHECK(database.scalar(QStringLiteral("SELECT core.human_number('LEAD', '2026-03-01', 1234567)")).toString() ==
          QStringLiteral("LEAD-2026-1234567"));
}
