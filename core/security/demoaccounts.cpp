#include "demoaccounts.h"

#include "db/sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ocms {

const QList<DemoAccounts::Account>& DemoAccounts::accounts()
{
    static const QList<Account> list = {
        {QStringLiteral("attorney.demo"), QStringLiteral("Alma Reyes-Whitcombe"), QStringLiteral("Attorney, Office of Chief Counsel Atlanta"),
         {QStringLiteral("ocms_attorney")}, QStringLiteral("OCC-ATL"), {QStringLiteral("ILP")}, {}},
        {QStringLiteral("litigator.demo"), QStringLiteral("Desmond Okafor-Lind"), QStringLiteral("Attorney, Commercial and Administrative Law"),
         {QStringLiteral("ocms_attorney")}, QStringLiteral("HQ"), {QStringLiteral("CALD")}, {}},
        {QStringLiteral("nsls.demo"), QStringLiteral("Priya Vanterpool"), QStringLiteral("Attorney, National Security Law Section"),
         {QStringLiteral("ocms_attorney")}, QStringLiteral("HQ"), {QStringLiteral("NSLS")}, {}},
        {QStringLiteral("support.demo"), QStringLiteral("Marisol Quennell"), QStringLiteral("Paralegal, Office of Chief Counsel Atlanta"),
         {QStringLiteral("ocms_support")}, QStringLiteral("OCC-ATL"), {QStringLiteral("ILP")}, {}},
        {QStringLiteral("external.demo"), QStringLiteral("Trevor Brackenridge"), QStringLiteral("ERO officer, read-only access"),
         {QStringLiteral("ocms_readonly_external")}, QStringLiteral("FO-ATL"), {QStringLiteral("ERO")}, {}},
        {QStringLiteral("admin.demo"), QStringLiteral("Hannelore Vasquez-Ito"), QStringLiteral("System administrator"),
         {QStringLiteral("ocms_admin")}, QStringLiteral("HQ"), {}, {}},
        {QStringLiteral("helpdesk.demo"), QStringLiteral("Kofi Marchetti"), QStringLiteral("Help desk"),
         {QStringLiteral("ocms_helpdesk")}, QStringLiteral("HQ"), {}, {}},
        {QStringLiteral("officer.demo"), QStringLiteral("Rafael Dunmore"), QStringLiteral("Deportation officer (read, add, update)"),
         {QStringLiteral("field_write")}, QStringLiteral("FO-ATL"), {}, QStringLiteral("FOT-ATL-1")},
        {QStringLiteral("fieldread.demo"), QStringLiteral("Linh Abernathy"), QStringLiteral("Field analyst (read only)"),
         {QStringLiteral("field_read")}, QStringLiteral("FO-ATL"), {}, QStringLiteral("FOT-ATL-1")},
        {QStringLiteral("supervisor.demo"), QStringLiteral("Grace Okonkwo-Hale"), QStringLiteral("Supervisory officer (full field access)"),
         {QStringLiteral("field_full")}, QStringLiteral("FO-ATL"), {}, QStringLiteral("FOT-ATL-1")},
        {QStringLiteral("hqfield.demo"), QStringLiteral("Dmitri Castellanos"), QStringLiteral("Headquarters fugitive operations (field admin)"),
         {QStringLiteral("field_admin")}, QStringLiteral("HQ"), {}, {}},
        {QStringLiteral("import.demo"), QStringLiteral("Import Service"), QStringLiteral("Connector account for imports"),
         {QStringLiteral("ocms_import")}, QStringLiteral("HQ"), {}, {}},
    };
    return list;
}

Result<void> DemoAccounts::create(QSqlDatabase& database)
{
    for (const Account& account : accounts()) {
        QSqlQuery query(database);
        query.prepare(QStringLiteral("SELECT core.create_login(?, ?, ?, ?::text[], ?, ?::text[], ?)"));
        query.addBindValue(account.login);
        query.addBindValue(QString::fromLatin1(kPassword));
        query.addBindValue(account.fullName);
        query.addBindValue(QString(u'{' + account.groups.join(u',') + u'}'));
        query.addBindValue(account.officeCode);
        query.addBindValue(QString(u'{' + account.divisionCodes.join(u',') + u'}'));
        query.addBindValue(account.roleDescription);
        if (!query.exec()) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        if (!account.teamCode.isEmpty()) {
            QSqlQuery team(database);
            team.prepare(QStringLiteral("INSERT INTO field.team_members (team_id, user_id) "
                                        "SELECT t.id, u.id FROM field.teams t, core.users u WHERE t.code = ? AND u.login = ? "
                                        "ON CONFLICT DO NOTHING"));
            team.addBindValue(account.teamCode);
            team.addBindValue(account.login);
            if (!team.exec()) {
                return fail(SqlErrorTranslator::translate(team.lastError()));
            }
        }
    }
    return {};
}

} // namespace ocms
