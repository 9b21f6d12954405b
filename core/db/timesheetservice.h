#pragma once

#include "backgroundservice.h"
#include "timesheetrepository.h"

namespace ocms {

// Timesheet work off the GUI thread, one short visit per call.
using TimesheetService = BackgroundService<TimesheetRepository>;

} // namespace ocms
