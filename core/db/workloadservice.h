#pragma once

#include "backgroundservice.h"
#include "workloadrepository.h"

namespace ocms {

// Workload work off the GUI thread, one short visit per call.
using WorkloadService = BackgroundService<WorkloadRepository>;

} // namespace ocms
