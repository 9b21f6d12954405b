#include "fieldplanforms.h"

#include "domain/formfields.h"

namespace ocms::FieldPlanForms {

using FormFields::choice;
using FormFields::field;

namespace {

const QList<DropdownChoice>& contactKinds()
{
    static const QList<DropdownChoice> kinds = {
        {QStringLiteral("local_police"), QStringLiteral("Local police")},
        {QStringLiteral("emergency_services"), QStringLiteral("Emergency services")},
        {QStringLiteral("hospital"), QStringLiteral("Hospital")},
        {QStringLiteral("team"), QStringLiteral("Fugitive operations team")},
        {QStringLiteral("other"), QStringLiteral("Other")}};
    return kinds;
}

const QList<DropdownChoice>& outcomes()
{
    static const QList<DropdownChoice> list = {
        {QStringLiteral("arrested"), QStringLiteral("Arrested")},
        {QStringLiteral("located_not_arrested"), QStringLiteral("Located, not arrested")},
        {QStringLiteral("not_located"), QStringLiteral("Not located")},
        {QStringLiteral("left_area"), QStringLiteral("Left the area")},
        {QStringLiteral("referred"), QStringLiteral("Referred to another office")},
        {QStringLiteral("continuing"), QStringLiteral("Investigation continues")},
        {QStringLiteral("closed_other"), QStringLiteral("Closed for another reason")}};
    return list;
}

QString labelIn(const QList<DropdownChoice>& list, const QString& code)
{
    for (const DropdownChoice& choice : list) {
        if (choice.code == code) {
            return choice.label;
        }
    }
    return code;
}

} // namespace

FormSpec operationPlan()
{
    FieldSpec name = field("name", "Operation name").require();
    name.maxLength = 200;
    FieldSpec scope = field("scope", "Scope", FieldKind::LongText).require();
    scope.help = QStringLiteral("Area, targets, method and limits of the operation.");
    FieldSpec briefing = field("plan_summary", "Briefing notes", FieldKind::LongText);
    briefing.help = QStringLiteral("Staging point, communications, risks, equipment.");
    return {name, field("starts_on", "Starts on", FieldKind::Date).require(), field("ends_on", "Ends on", FieldKind::Date),
            scope, briefing};
}

FormSpec contact()
{
    FieldSpec name = field("name", "Name").require();
    name.maxLength = 200;
    FieldSpec agency = field("agency", "Agency").require();
    agency.maxLength = 200;
    agency.help = QStringLiteral("e.g. the police department, fire and rescue service or hospital.");
    return {choice("kind", "Point of contact for", "operation_contact_kind").require(), name, agency,
            field("phone", "Phone", FieldKind::Phone).require(), field("notes", "Notes")};
}

FormSpec investigationReport()
{
    FieldSpec date = field("report_date", "Report date", FieldKind::Date).require();
    date.earliest = QDate(1990, 1, 1);
    date.notInFuture = true;
    FieldSpec summary = field("summary", "Summary of activity", FieldKind::LongText).require();
    summary.help = QStringLiteral("What was done on the leads: field research, checks, interviews, surveillance.");
    return {date, choice("outcome", "Outcome", "investigation_outcome").require(), summary,
            field("outcome_detail", "Outcome details", FieldKind::LongText)};
}

void addChoices(DropdownCatalog& catalog)
{
    catalog.addList(QStringLiteral("operation_contact_kind"), contactKinds());
    catalog.addList(QStringLiteral("investigation_outcome"), outcomes());
}

QString contactKindLabel(const QString& kind)
{
    return labelIn(contactKinds(), kind);
}

QString outcomeLabel(const QString& outcome)
{
    return labelIn(outcomes(), outcome);
}

QString activityTypeLabel(const QString& type)
{
    static const QList<DropdownChoice> types = {
        {QStringLiteral("surveillance"), QStringLiteral("Surveillance")},
        {QStringLiteral("address_check"), QStringLiteral("Address check")},
        {QStringLiteral("systems_check"), QStringLiteral("Systems check")},
        {QStringLiteral("interview"), QStringLiteral("Interview")},
        {QStringLiteral("arrest"), QStringLiteral("Arrest")},
        {QStringLiteral("note"), QStringLiteral("Note")},
        {QStringLiteral("other"), QStringLiteral("Other")}};
    return labelIn(types, type);
}

} // namespace ocms::FieldPlanForms
