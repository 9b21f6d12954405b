#pragma once

#include "db/connectionsettings.h"
#include "error.h"

#include <QString>
#include <QStringList>
#include <QVariant>

namespace ocms::test {

// Runs statements as a given login on a connection of its own, the way the server sees that user.
struct LoginOutcome
{
    bool connected = false;
    bool ok = false;     // every statement succeeded
    Error error;         // the translated error of the first failing step
    QString serverText;  // the server's own message, for permission checks
    QVariant value;      // first column of the first row of the last statement
};

LoginOutcome runAs(const ConnectionSettings& settings, const QStringList& statements);
// True when the login can open a connection with these settings.
bool canLogIn(const ConnectionSettings& settings);

} // namespace ocms::test
