#pragma once

#include "backgroundservice.h"
#include "myworkrepository.h"

namespace ocms {

// MyWork work off the GUI thread, one short visit per call.
using MyWorkService = BackgroundService<MyWorkRepository>;

} // namespace ocms
