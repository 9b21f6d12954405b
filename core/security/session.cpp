#include "session.h"

#include "db/database.h"
#include "db/sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace ocms {

Result<Session> Session::logIn(const ConnectionSettings& server, const QString& login, const QString& password)
{
    if (login.trimmed().isEmpty() || password.isEmpty()) {
        return fail(Error::validation(QStringLiteral("Enter your user name and password.")));
    }
    Session session;
    session.m_settings = server;
    session.m_settings.setUser(login.trimmed());
    session.m_settings.setPassword(password);
    session.m_login = login.trimmed();

    const QString name = Database::threadConnectionName(QStringLiteral("login"));
    Result<Session> outcome = session;
    {
        auto database = Database::open(session.m_settings, name);
        if (!database) {
            return fail(database.error());
        }
        QSqlQuery query(*database);
        const bool ok = query.exec(QStringLiteral(
            "SELECT coalesce(u.full_name, current_user), coalesce(o.name, ''), "
            "       array_to_string(ARRAY(SELECT r.rolname FROM pg_roles r "
            "                             WHERE r.rolname IN ('ocms_attorney', 'ocms_support', 'ocms_legal', "
            "                                   'ocms_readonly_external', 'ocms_admin', 'ocms_helpdesk', 'field_read', "
            "                                   'field_write', 'field_full', 'field_admin', 'ocms_import', 'ocms_field') "
            "                               AND pg_has_role(current_user, r.oid, 'MEMBER') ORDER BY 1), ','), "
            "       current_setting('server_version'), "
            "       (SELECT value FROM rules.settings WHERE key = 'inactivity_lock_minutes') "
            "FROM (SELECT 1) one "
            "LEFT JOIN core.users u ON u.login = current_user "
            "LEFT JOIN core.offices o ON o.id = u.office_id"));
        if (!ok || !query.next()) {
            outcome = fail(SqlErrorTranslator::translate(query.lastError()));
        } else {
            outcome->m_fullName = query.value(0).toString();
            outcome->m_officeName = query.value(1).toString();
            outcome->m_roles = query.value(2).toString().split(u',', Qt::SkipEmptyParts);
            outcome->m_serverVersion = query.value(3).toString();
            bool numeric = false;
            const int minutes = query.value(4).toString().toInt(&numeric);
            outcome->m_inactivityLockMinutes = numeric ? std::clamp(minutes, 1, 60) : 15;
            if (outcome->m_roles.isEmpty()) {
                outcome = fail(Error{ErrorCode::PermissionDenied,
                                     QStringLiteral("This account has no OCMS role. Ask the help desk to assign one."), {}});
            } else if (QSqlQuery logon(*database); !logon.exec(QStringLiteral("SELECT audit.record_logon()"))) {
                outcome = fail(SqlErrorTranslator::translate(logon.lastError()));
            }
        }
    }
    Database::close(name);
    return outcome;
}

Result<void> Session::verifyPassword(const QString& password) const
{
    if (password.isEmpty()) {
        return fail(Error::validation(QStringLiteral("Enter your password.")));
    }
    ConnectionSettings settings = m_settings;
    settings.setPassword(password);
    const QString name = Database::threadConnectionName(QStringLiteral("unlock"));
    Result<void> outcome;
    {
        auto database = Database::open(settings, name);
        if (!database) {
            outcome = fail(database.error());
        }
    }
    Database::close(name);
    return outcome;
}

bool Session::isLegalStaff() const
{
    return hasRole(QStringLiteral("ocms_legal"));
}

bool Session::isExternal() const
{
    return hasRole(QStringLiteral("ocms_readonly_external"));
}

bool Session::isFieldUser() const
{
    return hasRole(QStringLiteral("ocms_field"));
}

bool Session::isAdministrator() const
{
    return hasRole(QStringLiteral("ocms_admin"));
}

bool Session::isHelpDesk() const
{
    return hasRole(QStringLiteral("ocms_helpdesk"));
}

} // namespace ocms
