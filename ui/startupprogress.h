#pragma once

#include "db/connectionsettings.h"
#include "result.h"

#include <QString>

namespace ocms {

// Runs the embedded server's start-up (start, migrate, demo seed) on a worker thread while a small
// progress window says what is happening, so the screen is never blank or frozen.
class StartupProgress
{
public:
    static Result<ConnectionSettings> prepareEmbedded(const QString& dataDirectory, bool demo);
};

} // namespace ocms
