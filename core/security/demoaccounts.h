#pragma once

#include "result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace ocms {

// One demo login per role, for the demo set only. The password is printed by `ocmsctl seed --demo` and
// shown in the login dialog in demo mode; it is never used outside a demo database.
class DemoAccounts
{
public:
    struct Account
    {
        QString login;
        QString fullName;
        QString roleDescription;
        QStringList groups;
        QString officeCode;
        QStringList divisionCodes;
        QString teamCode; // field officers: their fugitive operations team
    };

    static constexpr auto kPassword = "ocms-demo-2026";

    static const QList<Account>& accounts();
    // Creates or refreshes every demo login (as the database owner).
    static Result<void> create(QSqlDatabase& database);
};

} // namespace ocms
