#pragma once

#include "backgroundservice.h"
#include "projectrepository.h"

namespace ocms {

// Project work off the GUI thread, one short visit per call.
using ProjectService = BackgroundService<ProjectRepository>;

} // namespace ocms
