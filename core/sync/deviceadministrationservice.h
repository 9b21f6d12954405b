#pragma once

#include "db/backgroundservice.h"
#include "deviceadministration.h"

namespace ocms {

// Offline copies' administration off the GUI thread, one short visit per call.
using DeviceAdministrationService = BackgroundService<DeviceAdministration>;

} // namespace ocms
