#pragma once

#include "db/connectionsettings.h"
#include "leadimport.h"

#include <QFuture>

namespace ocms {

// A lead import of a file, run off the GUI thread on a connection of its own signed in as the user (the
// client's Import leads; ocmsctl reads standard input or a file itself).
class LeadImportFile
{
public:
    static QFuture<Result<LeadImportReport>> start(const ConnectionSettings& settings, const QString& path, LeadImportOptions options);
};

} // namespace ocms
