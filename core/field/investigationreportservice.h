#pragma once

#include "db/backgroundservice.h"
#include "investigationreportrepository.h"

namespace ocms {

// Report of investigation work off the GUI thread, one short visit per call.
using InvestigationReportService = BackgroundService<InvestigationReportRepository>;

} // namespace ocms
