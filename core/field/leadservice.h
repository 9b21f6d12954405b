#pragma once

#include "db/backgroundservice.h"
#include "leadrepository.h"

namespace ocms {

// Lead work off the GUI thread, one short visit per call.
using LeadService = BackgroundService<LeadRepository>;

} // namespace ocms
