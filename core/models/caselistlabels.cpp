#include "caselistlabels.h"

#include "db/sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

QList<Choice> CaseListLabels::caseStatuses()
{
    return {{QStringLiteral("open"), QStringLiteral("Open")},
            {QStringLiteral("pending_appeal"), QStringLiteral("Pending appeal")},
            {QStringLiteral("reopened"), QStringLiteral("Reopened")},
            {QStringLiteral("closed"), QStringLiteral("Closed")}};
}

QString CaseListLabels::labelOf(const QList<Choice>& choices, const QString& value)
{
    for (const Choice& choice : choices) {
        if (choice.value == value) {
            return choice.label;
        }
    }
    return value; // a code retired from the list still shows as itself
}

QString CaseListLabels::caseTypeLabel(const QString& code) const
{
    return labelOf(caseTypes, code);
}

QString CaseListLabels::statusLabel(const QString& code) const
{
    return labelOf(statuses, code);
}

QString CaseListLabels::officeName(const QString& officeId) const
{
    return labelOf(offices, officeId);
}

Result<CaseListLabels> CaseListLabels::load(QSqlDatabase& database)
{
    CaseListLabels labels;
    labels.statuses = caseStatuses();
    QSqlQuery query(database);
    query.setForwardOnly(true);
    const auto choices = [&](const QString& sql, QList<Choice>& into) -> Result<void> {
        if (!query.exec(sql)) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        while (query.next()) {
            into.append({query.value(0).toString(), query.value(1).toString()});
        }
        return {};
    };
    if (auto done = choices(QStringLiteral("SELECT code, label FROM rules.dropdown_values WHERE list_code = 'case_type' "
                                           "ORDER BY sort_order, label"),
                            labels.caseTypes);
        !done) {
        return fail(done.error());
    }
    if (auto done = choices(QStringLiteral("SELECT id::text, name FROM core.offices ORDER BY name"), labels.offices); !done) {
        return fail(done.error());
    }
    // Attorneys: accounts in the attorney role, and staff assigned to cases as attorneys (directory users
    // without an account of their own included).
    if (auto done = choices(QStringLiteral("SELECT u.id::text, u.full_name FROM core.users u WHERE u.active AND ("
                                           " EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = u.login"
                                           "         AND pg_has_role(r.oid, 'ocms_attorney', 'MEMBER'))"
                                           " OR EXISTS (SELECT 1 FROM legal.case_staff s WHERE s.user_id = u.id AND s.role = 'attorney'))"
                                           " ORDER BY u.full_name"),
                            labels.attorneys);
        !done) {
        return fail(done.error());
    }
    // Courts: a loose index scan, one index probe per distinct court instead of reading every case.
    if (!query.exec(QStringLiteral("WITH RECURSIVE courts (name) AS ("
                                   " SELECT min(court_name) FROM legal.case_list"
                                   " UNION ALL"
                                   " SELECT (SELECT min(court_name) FROM legal.case_list WHERE court_name > courts.name)"
                                   " FROM courts WHERE courts.name IS NOT NULL)"
                                   " SELECT name FROM courts WHERE name IS NOT NULL"))) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    while (query.next()) {
        labels.courts.append(query.value(0).toString());
    }
    return labels;
}

} // namespace ocms
