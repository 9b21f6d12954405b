#pragma once

#include "connectionsettings.h"
#include "error.h"

#include <QSqlError>

namespace ocms {

// Turns server errors into messages a user can act on; the raw text goes to Error::detail only.
class SqlErrorTranslator
{
public:
    static Error translate(const QSqlError& error);
    static Error translateConnect(const QSqlError& error, const ConnectionSettings& settings);
    // Pulls the constraint name out of a violation message ("violates check constraint \"x\"").
    static QString constraintName(const QString& databaseText);
    static QString messageForConstraint(const QString& constraint);
};

} // namespace ocms
