#pragma once

#include "db/connectionsettings.h"
#include "result.h"

#include <QString>
#include <QStringList>

namespace ocms {

// Who is signed in and how to reach the server as them. Holds the password in memory only (every worker
// thread opens its own connection with it); nothing is written to disk.
class Session
{
public:
    Session() = default;

    // Connects as the user's own database role and reads who they are. Blocking: call off the GUI thread.
    static Result<Session> logIn(const ConnectionSettings& server, const QString& login, const QString& password);

    const ConnectionSettings& settings() const { return m_settings; }
    const QString& login() const { return m_login; }
    const QString& fullName() const { return m_fullName; }
    const QString& officeName() const { return m_officeName; }
    const QStringList& roles() const { return m_roles; } // group roles the user is a member of
    const QString& serverVersion() const { return m_serverVersion; }

    // Minutes without input before the window locks (rules.settings, 1–60; 15 when unset).
    int inactivityLockMinutes() const { return m_inactivityLockMinutes; }
    // Checks the password again by logging on with it (to unlock the window). Blocking: call off the GUI thread.
    Result<void> verifyPassword(const QString& password) const;

    bool hasRole(const QString& role) const { return m_roles.contains(role); }
    bool isLegalStaff() const;
    bool isExternal() const;
    bool isFieldUser() const;
    bool isAdministrator() const;
    bool isHelpDesk() const;

private:
    ConnectionSettings m_settings;
    QString m_login;
    QString m_fullName;
    QString m_officeName;
    QStringList m_roles;
    QString m_serverVersion;
    int m_inactivityLockMinutes = 15;
};

} // namespace ocms
