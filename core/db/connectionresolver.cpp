#include "connectionresolver.h"

#include "embeddedserver.h"

namespace ocms {

Result<std::optional<ConnectionSettings>> ConnectionResolver::configured(const QString& commandLineConnInfo,
                                                                         const QProcessEnvironment& environment)
{
    if (!commandLineConnInfo.isEmpty()) {
        auto settings = ConnectionSettings::fromConnInfo(commandLineConnInfo);
        if (!settings) {
            return fail(settings.error());
        }
        settings->setOrigin(ConnectionSettings::Origin::CommandLine);
        return std::optional<ConnectionSettings>(*settings);
    }
    if (ConnectionSettings::environmentNamesServer(environment)) {
        // libpq reads the PG* variables itself; empty settings hand everything to it.
        ConnectionSettings settings;
        settings.setOrigin(ConnectionSettings::Origin::Environment);
        return std::optional<ConnectionSettings>(settings);
    }
    return std::optional<ConnectionSettings>();
}

Result<ConnectionSettings> ConnectionResolver::forAdministration(const QString& commandLineConnInfo,
                                                                 const QProcessEnvironment& environment,
                                                                 const QString& dataDirectory)
{
    auto chosen = configured(commandLineConnInfo, environment);
    if (!chosen) {
        return fail(chosen.error());
    }
    if (*chosen) {
        return **chosen;
    }
    EmbeddedServer server(dataDirectory.isEmpty() ? EmbeddedServer::defaultDataDirectory() : dataDirectory);
    if (auto started = server.start(); !started) {
        return fail(started.error());
    }
    return server.ownerSettings();
}

} // namespace ocms
