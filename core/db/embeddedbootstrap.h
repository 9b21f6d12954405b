#pragma once

#include "connectionsettings.h"
#include "result.h"

#include <QString>

#include <functional>

namespace ocms {

// What `ocms` does on its embedded default: start the private server, migrate it, with --demo seed the
// demo set and its logins; then hand back settings for logging in as a user's own role.
class EmbeddedBootstrap
{
public:
    static Result<ConnectionSettings> prepare(const QString& dataDirectory, bool demo,
                                              const std::function<void(const QString&)>& progress = {});
    // Migrations, the demo set and the demo logins, on an owner connection (used by `ocmsctl seed --demo`).
    static Result<void> seedDemo(const ConnectionSettings& owner, const std::function<void(const QString&)>& progress);
};

} // namespace ocms
