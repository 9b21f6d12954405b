#pragma once

#include "db/backgroundservice.h"
#include "nonfugitivearrestrepository.h"

namespace ocms {

// Non-fugitive arrests recorded off the GUI thread.
using NonFugitiveArrestService = BackgroundService<NonFugitiveArrestRepository>;

} // namespace ocms
