#pragma once

#include "backgroundservice.h"
#include "personrepository.h"

namespace ocms {

// Duplicates and merges, off the GUI thread.
using PersonService = BackgroundService<PersonRepository>;

} // namespace ocms
