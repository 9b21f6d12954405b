#pragma once

#include "backgroundservice.h"
#include "documentrepository.h"

namespace ocms {

// Document work off the GUI thread, one short visit per call.
using DocumentService = BackgroundService<DocumentRepository>;

} // namespace ocms
