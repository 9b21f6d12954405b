#include "fieldforms.h"

#include "formfields.h"

namespace ocms::FieldForms {

using FormFields::choice;
using FormFields::field;

namespace {

FieldSpec on(const char* table, FieldSpec spec)
{
    spec.table = QString::fromUtf8(table);
    return spec;
}

FieldSpec coded(FieldSpec spec, const char* pattern, const char* problem)
{
    spec.pattern = QString::fromUtf8(pattern);
    spec.patternProblem = QString::fromUtf8(problem);
    return spec;
}

FieldSpec pastDate(const char* key, const char* label, QDate earliest = QDate(1900, 1, 1))
{
    FieldSpec spec = field(key, label, FieldKind::Date);
    spec.earliest = earliest;
    spec.notInFuture = true;
    return spec;
}

FieldSpec recentMoment(const char* key, const char* label)
{
    FieldSpec spec = field(key, label, FieldKind::DateTime);
    spec.earliest = QDate(1990, 1, 1);
    spec.latest = QDate::currentDate().addDays(1); // the server refuses times in the future
    return spec;
}

} // namespace

FormSpec fugitiveBiography()
{
    FieldSpec gang = on("field.fugitives", field("gang_affiliation", "Gang affiliation"));
    gang.help = QStringLiteral("The gang or transnational street gang on record; raises the priority of every lead.");
    return {on("core.people", field("family_name", "Family name").require()),
            on("core.people", field("given_name", "Given name")),
            on("core.people", field("middle_name", "Middle name")),
            on("core.people", pastDate("date_of_birth", "Date of birth")),
            on("core.people", field("place_of_birth", "Place of birth")),
            on("core.people", choice("sex", "Sex", "sex")),
            on("core.people", field("nationality", "Nationality", FieldKind::Country)),
            on("core.people", field("a_number", "A-Number", FieldKind::ANumber)),
            on("core.people", field("ssn", "SSN", FieldKind::Ssn)),
            gang};
}

FormSpec fugitiveImmigration()
{
    FieldSpec apprehensions = field("prior_apprehensions", "Prior apprehensions");
    apprehensions.help = QStringLiteral("Dates of earlier apprehensions, YYYY-MM-DD, separated by commas.");
    apprehensions.pattern = QStringLiteral("\\s*([0-9]{4}-[0-9]{2}-[0-9]{2}\\s*(,\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*)*)?");
    apprehensions.patternProblem = QStringLiteral("Prior apprehensions are dates like 2019-04-02, separated by commas.");
    return {on("field.fugitives", pastDate("last_entry_on", "Last entry date")),
            on("field.fugitives", field("last_entry_place", "Last entry place")),
            on("field.fugitives", field("entry_class", "Class of entry")),
            on("field.fugitives", field("removal_charges", "Removal charges", FieldKind::LongText)),
            on("field.fugitives", field("removal_case_category", "Removal case category")),
            on("field.fugitives", choice("docket_office_id", "Docket office", "office")),
            on("field.fugitives", coded(field("tecs_number", "TECS number"), "[0-9A-Z]{6,20}",
                                        "A TECS record number has 6 to 20 letters and digits.")),
            apprehensions,
            on("field.fugitives", pastDate("final_order_on", "Final order date")),
            on("field.fugitives", pastDate("custody_on", "Custody date"))};
}

FormSpec fugitiveCriminal()
{
    FieldSpec criminal = on("field.fugitives", field("criminal", "Criminal alien (conviction on record)", FieldKind::Bool));
    return {criminal,
            on("field.fugitives", coded(field("fbi_number", "FBI number"), "[0-9A-Z]{1,9}",
                                        "An FBI number has 1 to 9 letters and digits.")),
            on("field.fugitives", coded(field("fin", "FIN"), "[0-9]{1,10}",
                                        "A fingerprint identification number (FIN) has 1 to 10 digits.")),
            on("field.fugitives", coded(field("sid", "SID"), "[A-Z]{2}[0-9A-Z]{1,10}",
                                        "A state identification number (SID) is the state's two letters and 1 to 10 letters or digits, e.g. GA1234567."))};
}

FormSpec newFugitive()
{
    FormSpec form = fugitiveBiography();
    form.append(on("field.fugitives", choice("office_id", "Responsible field office", "field_office").require()));
    form.append(on("field.fugitives", pastDate("final_order_on", "Final order date")));
    return form;
}

FormSpec fugitiveStatus()
{
    FieldSpec reason = field("status_reason", "Reason", FieldKind::LongText);
    reason.required = true;
    reason.help = QStringLiteral("Why the status changes, e.g. removed to Honduras on 2026-10-02 (EID).");
    return {choice("status", "Status", "fugitive_status").require(), reason};
}

FormSpec conviction()
{
    return {field("offense", "Offence").require(), pastDate("convicted_on", "Conviction date"),
            field("jurisdiction", "Court or jurisdiction")};
}

FormSpec alias()
{
    return {field("family_name", "Family name").require(), field("given_name", "Given name")};
}

FormSpec possibleAddress()
{
    return {field("line1", "Street address").require(), field("line2", "Address line 2"), field("city", "City"),
            field("state", "State", FieldKind::State), field("zip", "ZIP code", FieldKind::Zip)};
}

FormSpec photograph()
{
    FieldSpec caption = field("caption", "Caption");
    caption.help = QStringLiteral("What the picture shows or where it comes from, e.g. booking photograph, Harris County.");
    return {pastDate("taken_on", "Taken on"), caption};
}

FormSpec newLead()
{
    FieldSpec fugitive = field("fugitive_number", "Fugitive number").require();
    fugitive.help = QStringLiteral("The fugitive record the lead is about, e.g. FUG-2026-000123.");
    FieldSpec relevance = field("relevance_score", "Relevance (0–100)", FieldKind::Score);
    relevance.help = QStringLiteral("How likely the lead is right, when the source scores it (commercial providers do).");
    FieldSpec zip = field("address_zip", "ZIP code", FieldKind::Zip);
    zip.help = QStringLiteral("The lead goes to the team whose jurisdiction covers this ZIP code, or to the headquarters queue.");
    return {fugitive,
            choice("source_code", "Source", "lead_source").require(),
            field("source_detail", "Source detail (agency, officer, batch)"),
            relevance,
            field("address_line1", "Street address"),
            field("address_city", "City"),
            field("address_state", "State", FieldKind::State),
            zip,
            field("notes", "Notes", FieldKind::LongText)};
}

FormSpec leadStatus()
{
    FieldSpec reason = field("close_reason", "Reason", FieldKind::LongText);
    reason.help = QStringLiteral("Needed when the lead is closed or marked invalid.");
    return {choice("status", "Status", "lead_status").require(), reason};
}

FormSpec reassignLead()
{
    FieldSpec team = choice("team_id", "Team", "field_team");
    team.help = QStringLiteral("Leave empty to send the lead back to the headquarters queue.");
    return {team, field("reason", "Reason", FieldKind::LongText).require()};
}

FormSpec pointOfContact()
{
    FieldSpec officer = choice("poc_user_id", "Point of contact", "field_staff");
    officer.help = QStringLiteral("The field office officer to contact about this lead. Leave empty for none.");
    return {officer};
}

FormSpec activity()
{
    return {choice("activity_type", "Activity", "activity_type").require(),
            recentMoment("occurred_at", "When").require(),
            field("location", "Location"),
            choice("operation_id", "Operation", "operation"),
            field("notes", "Notes", FieldKind::LongText)};
}

FormSpec arrest()
{
    return {recentMoment("arrested_at", "Arrested at (date and time)").require(),
            field("place", "Place of arrest").require(),
            choice("office_id", "Arresting office", "field_office").require(),
            field("criminal", "Criminal alien", FieldKind::Bool),
            choice("operation_id", "Operation", "operation"),
            field("notes", "Notes", FieldKind::LongText)};
}

FormSpec offlineActivity()
{
    return {choice("activity_type", "Activity", "activity_type").require(), recentMoment("occurred_at", "When").require(),
            field("location", "Location"), field("notes", "Notes", FieldKind::LongText)};
}

FormSpec offlineArrest()
{
    return {recentMoment("arrested_at", "Arrested at (date and time)").require(), field("place", "Place of arrest").require(),
            field("criminal", "Criminal alien", FieldKind::Bool), field("notes", "Notes", FieldKind::LongText)};
}

FormSpec offlineLeadStatus()
{
    FieldSpec reason = field("close_reason", "Reason", FieldKind::LongText);
    reason.help = QStringLiteral("Needed when the lead is closed or marked invalid.");
    return {choice("status", "Status", "offline_lead_status").require(), reason};
}

FormSpec nonFugitiveArrest()
{
    FieldSpec arrested = pastDate("arrested_on", "Arrest date", QDate(1990, 1, 1));
    arrested.required = true;
    FieldSpec criminal = field("criminal", "Criminal alien", FieldKind::Bool);
    criminal.help = QStringLiteral("Counted in the Enforcement Activity Report: criminal or non-criminal non-fugitive arrests.");
    return {field("a_number", "A-Number", FieldKind::ANumber).require(), arrested, field("place", "Place of arrest").require(),
            choice("office_id", "Arresting office", "field_office").require(), criminal};
}

QStringList personColumns()
{
    QStringList columns;
    for (const FieldSpec& spec : fugitiveBiography()) {
        if (spec.table == u"core.people") {
            columns.append(spec.key);
        }
    }
    return columns;
}

QStringList fugitiveColumns()
{
    QStringList columns = {QStringLiteral("gang_affiliation")};
    for (const FormSpec& form : {fugitiveImmigration(), fugitiveCriminal()}) {
        for (const FieldSpec& spec : form) {
            columns.append(spec.key);
        }
    }
    return columns;
}

} // namespace ocms::FieldForms
