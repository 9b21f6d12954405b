#pragma once

#include "result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace ocms {

// Account administration through the server's functions (core.create_user, …), which decide what the
// signed-in help desk or administrator may do. Used by `ocmsctl user` and the settings panel.
class AccountAdministration
{
public:
    struct NewAccount
    {
        QString login;
        QString fullName;
        QString password;
        QStringList roles;
        QString officeCode;
        QStringList divisionCodes;
        QString title;
    };

    explicit AccountAdministration(QSqlDatabase database) : m_database(std::move(database)) {}

    Result<void> create(const NewAccount& account);
    Result<void> setActive(const QString& login, bool active);
    Result<void> unlock(const QString& login);
    Result<void> resetPassword(const QString& login, const QString& password);
    Result<void> setRole(const QString& login, const QString& role, bool granted);
    Result<void> setDivisions(const QString& login, const QStringList& divisionCodes);

    // A random password that meets the server's rule, for resets the user changes at first use.
    static QString generatePassword();

private:
    Result<void> call(const QString& sql, const QVariantList& values);
    QSqlDatabase m_database;
};

} // namespace ocms
