#include "dropdowncatalog.h"

#include "sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

namespace {

QList<DropdownChoice> pairs(std::initializer_list<std::pair<const char*, const char*>> items)
{
    QList<DropdownChoice> choices;
    for (const auto& [code, label] : items) {
        choices.append({QString::fromUtf8(code), QString::fromUtf8(label)});
    }
    return choices;
}

} // namespace

DropdownCatalog DropdownCatalog::fixedLists()
{
    // These mirror CHECK constraints of the schema (0001, 0002): changing one means a migration.
    DropdownCatalog catalog;
    catalog.addList(QStringLiteral("case_status"), pairs({{"open", "Open"}, {"pending_appeal", "Pending appeal"},
                                                          {"reopened", "Reopened"}, {"closed", "Closed"}}));
    catalog.addList(QStringLiteral("forum"), pairs({{"immigration_court", "Immigration court"},
                                                    {"bia", "Board of Immigration Appeals"},
                                                    {"administrative", "Administrative court or board"},
                                                    {"federal_district", "Federal district court"},
                                                    {"federal_appeals", "Federal court of appeals"},
                                                    {"other", "Other"}}));
    for (const char* immigrationForum : {"immigration_court", "bia", "federal_district", "federal_appeals"}) {
        catalog.addDependency(QStringLiteral("forum"), QString::fromUtf8(immigrationForum), QStringLiteral("immigration"));
    }
    for (const char* otherForum : {"administrative", "federal_district", "federal_appeals", "other"}) {
        catalog.addDependency(QStringLiteral("forum"), QString::fromUtf8(otherForum), QStringLiteral("non_immigration"));
    }
    catalog.addList(QStringLiteral("deadline_kind"), pairs({{"pleading", "Pleading"}, {"motion", "Motion"}, {"brief", "Brief"},
                                                            {"response", "Response"}, {"filing", "Filing"}, {"other", "Other"}}));
    catalog.addList(QStringLiteral("person_role"),
                    pairs({{"respondent", "Respondent"}, {"claimant", "Claimant"}, {"litigant", "Litigant"},
                           {"government_attorney", "Government attorney"}, {"defense_attorney", "Defense attorney"},
                           {"legal_representative", "Legal representative"}, {"judge", "Judge"}, {"witness", "Witness"},
                           {"family_member", "Family member"}, {"sponsor", "Sponsor"}, {"employer", "Employer"},
                           {"victim", "Victim"}, {"other", "Other"}}));
    catalog.addList(QStringLiteral("staff_role"), pairs({{"attorney", "Attorney"}, {"support", "Support staff"}}));
    catalog.addList(QStringLiteral("sex"), pairs({{"F", "Female"}, {"M", "Male"}, {"X", "Another"}, {"U", "Unknown"}}));
    catalog.addList(QStringLiteral("address_kind"), pairs({{"residence", "Residence"}, {"mailing", "Mailing"},
                                                           {"last_known", "Last known"}, {"business", "Business"},
                                                           {"possible", "Possible"}}));
    catalog.addList(QStringLiteral("phone_kind"), pairs({{"home", "Home"}, {"mobile", "Mobile"}, {"work", "Work"}, {"fax", "Fax"}}));
    // Mirrors the CHECK of rules.deadline_rules.trigger_event (0016); hearings set their own by trigger.
    catalog.addList(QStringLiteral("trigger_event"), pairs({{"motion_served", "Motion served"}, {"decision_issued", "Decision issued"},
                                                            {"complaint_served", "Complaint served"},
                                                            {"judgment_entered", "Judgment entered"},
                                                            {"hearing_set", "Hearing set for"}}));
    catalog.addList(QStringLiteral("disposition_level"), pairs({{"initial", "Initial"}, {"appeal", "Appeal"}}));
    catalog.addList(QStringLiteral("project_status"), pairs({{"open", "Open"}, {"on_hold", "On hold"}, {"closed", "Closed"}}));
    catalog.addList(QStringLiteral("task_status"),
                    pairs({{"open", "Open"}, {"in_progress", "In progress"}, {"done", "Done"}, {"cancelled", "Cancelled"}}));
    catalog.addList(QStringLiteral("project_role"), pairs({{"lead", "Lead attorney"}, {"attorney", "Attorney"}, {"support", "Support staff"}}));
    catalog.addList(QStringLiteral("project_person_role"),
                    pairs({{"subject", "Subject"}, {"requester", "Requester"}, {"witness", "Witness"},
                           {"constituent", "Congressional constituent"}, {"respondent", "Respondent"}, {"other", "Other"}}));
    // Field operations (0004, 0025).
    catalog.addList(QStringLiteral("fugitive_status"),
                    pairs({{"at_large", "At large"}, {"in_custody", "In custody"}, {"removed", "Removed"},
                           {"departed_voluntarily", "Departed voluntarily"}, {"adjusted_status", "Adjusted status"},
                           {"incarcerated", "Incarcerated"}, {"closed", "Closed"}}));
    catalog.addList(QStringLiteral("lead_status"), pairs({{"new", "New"}, {"assigned", "Assigned"}, {"in_progress", "In progress"},
                                                          {"closed", "Closed"}, {"invalid", "Invalid"}}));
    catalog.addList(QStringLiteral("activity_type"),
                    pairs({{"surveillance", "Surveillance"}, {"address_check", "Address check"}, {"systems_check", "Systems check"},
                           {"interview", "Interview"}, {"note", "Note"}, {"other", "Other"}}));
    // What an officer may set on a lead offline (sync.editable_columns; new and assigned are the server's).
    catalog.addList(QStringLiteral("offline_lead_status"), pairs({{"in_progress", "In progress"}, {"closed", "Closed"}, {"invalid", "Invalid"}}));
    return catalog;
}

Result<DropdownCatalog> DropdownCatalog::load(QSqlDatabase& database)
{
    DropdownCatalog catalog = fixedLists();
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT list_code, code, label FROM rules.dropdown_values WHERE active "
                                   "ORDER BY list_code, sort_order, label"))) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    while (query.next()) {
        catalog.m_lists[query.value(0).toString()].append({query.value(1).toString(), query.value(2).toString()});
    }
    if (!query.exec(QStringLiteral("SELECT list_code, code, parent_code FROM rules.dropdown_dependencies"))) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    while (query.next()) {
        catalog.addDependency(query.value(0).toString(), query.value(1).toString(), query.value(2).toString());
    }
    const auto organisation = [&](const QString& listCode, const QString& sql) -> Result<void> {
        if (!query.exec(sql)) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        QList<DropdownChoice> choices;
        while (query.next()) {
            choices.append({query.value(0).toString(), query.value(1).toString()});
        }
        catalog.addList(listCode, choices);
        return {};
    };
    if (auto done = organisation(QStringLiteral("office"),
                                 QStringLiteral("SELECT id::text, name FROM core.offices WHERE active ORDER BY name"));
        !done) {
        return fail(done.error());
    }
    // Cases are worked by OPLA: headquarters and the Offices of Chief Counsel, not ERO field offices.
    if (auto done = organisation(QStringLiteral("legal_office"),
                                 QStringLiteral("SELECT id::text, name FROM core.offices WHERE active "
                                                "AND kind IN ('headquarters', 'chief_counsel') ORDER BY name"));
        !done) {
        return fail(done.error());
    }
    if (auto done = organisation(QStringLiteral("service_method"),
                                 QStringLiteral("SELECT method, min(label) FROM rules.service_methods GROUP BY method "
                                                "ORDER BY min(extra_days), method"));
        !done) {
        return fail(done.error());
    }
    if (auto done = organisation(QStringLiteral("division"),
                                 QStringLiteral("SELECT id::text, name FROM core.divisions WHERE active ORDER BY name"));
        !done) {
        return fail(done.error());
    }
    if (auto done = organisation(QStringLiteral("my_division"),
                                 QStringLiteral("SELECT d.id::text, d.name FROM core.divisions d JOIN core.user_divisions ud "
                                                "ON ud.division_id = d.id JOIN core.users u ON u.id = ud.user_id "
                                                "WHERE u.login = session_user AND d.active ORDER BY d.name"));
        !done) {
        return fail(done.error());
    }
    if (auto done = organisation(QStringLiteral("staff"),
                                 QStringLiteral("SELECT id::text, full_name FROM core.users WHERE active ORDER BY full_name"));
        !done) {
        return fail(done.error());
    }
    if (auto done = organisation(QStringLiteral("staff_login"),
                                 QStringLiteral("SELECT login, full_name || ' (' || login || ')' FROM core.users WHERE active "
                                                "ORDER BY full_name"));
        !done) {
        return fail(done.error());
    }
    // Teams, lead sources, field offices and operations: only for users with field access (others may not
    // even name the tables).
    if (!query.exec(QStringLiteral("SELECT has_table_privilege('field.teams', 'SELECT') "
                                   "AND has_table_privilege('field.lead_sources', 'SELECT') "
                                   "AND has_table_privilege('field.operations', 'SELECT')"))
        || !query.next()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (query.value(0).toBool()) {
        const std::initializer_list<std::pair<const char*, const char*>> fieldLists = {
            {"field_team", "SELECT id::text, code || ' — ' || name FROM field.teams WHERE active ORDER BY code"},
            {"lead_source", "SELECT code, name FROM field.lead_sources ORDER BY name"},
            {"field_office", "SELECT id::text, name FROM core.offices WHERE active AND kind IN ('field_office', 'sub_office', "
                             "'headquarters') ORDER BY name"},
            {"field_staff", "SELECT u.id::text, u.full_name FROM core.users u WHERE u.active AND field.is_field_officer(u.id) "
                            "ORDER BY u.full_name"},
            {"operation", "SELECT id::text, name || ' (' || to_char(starts_on, 'YYYY-MM-DD') || ')' FROM field.operations "
                          "WHERE ends_on IS NULL OR ends_on >= current_date - 90 ORDER BY starts_on DESC, name"},
        };
        for (const auto& [listCode, sql] : fieldLists) {
            if (auto done = organisation(QString::fromUtf8(listCode), QString::fromUtf8(sql)); !done) {
                return fail(done.error());
            }
        }
    }
    return catalog;
}

void DropdownCatalog::addDependency(const QString& listCode, const QString& code, const QString& parentCode)
{
    m_parents[listCode][code].append(parentCode);
}

QList<DropdownChoice> DropdownCatalog::choices(const QString& listCode, const QString& parentCode) const
{
    const QList<DropdownChoice> all = m_lists.value(listCode);
    if (parentCode.isEmpty() || !m_parents.contains(listCode)) {
        return all;
    }
    QList<DropdownChoice> allowed;
    for (const DropdownChoice& choice : all) {
        if (allows(listCode, choice.code, parentCode)) {
            allowed.append(choice);
        }
    }
    return allowed;
}

bool DropdownCatalog::allows(const QString& listCode, const QString& code, const QString& parentCode) const
{
    const QList<DropdownChoice> all = m_lists.value(listCode);
    const bool listed = std::any_of(all.begin(), all.end(), [&](const DropdownChoice& choice) { return choice.code == code; });
    if (!listed) {
        return false;
    }
    const auto rules = m_parents.value(listCode);
    if (parentCode.isEmpty() || !rules.contains(code)) {
        return true; // a value without dependent rules may be chosen with any parent
    }
    return rules.value(code).contains(parentCode);
}

QString DropdownCatalog::label(const QString& listCode, const QString& code) const
{
    for (const DropdownChoice& choice : m_lists.value(listCode)) {
        if (choice.code == code) {
            return choice.label;
        }
    }
    return code; // a retired value still shows as itself
}

} // namespace ocms
