#pragma once

#include "db/backgroundservice.h"
#include "operationplanrepository.h"

namespace ocms {

// Operations plan work off the GUI thread, one short visit per call.
using OperationPlanService = BackgroundService<OperationPlanRepository>;

} // namespace ocms
