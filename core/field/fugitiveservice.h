#pragma once

#include "db/backgroundservice.h"
#include "fugitiverepository.h"

namespace ocms {

// Fugitive record work off the GUI thread, one short visit per call.
using FugitiveService = BackgroundService<FugitiveRepository>;

} // namespace ocms
