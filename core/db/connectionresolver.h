#pragma once

#include "connectionsettings.h"
#include "result.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace ocms {

// Decides which server to use: --db CONNINFO, else the PG* environment, else the embedded default.
// DESIGN.md "Runs on".
class ConnectionResolver
{
public:
    // The server named on the command line or by the environment; nothing when the embedded default applies.
    static Result<std::optional<ConnectionSettings>> configured(const QString& commandLineConnInfo,
                                                                const QProcessEnvironment& environment);
    // For the administrator tool: as configured(), else the embedded server (started) as its owner.
    static Result<ConnectionSettings> forAdministration(const QString& commandLineConnInfo,
                                                        const QProcessEnvironment& environment,
                                                        const QString& dataDirectory);
};

} // namespace ocms
