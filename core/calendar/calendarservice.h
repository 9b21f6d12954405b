#pragma once

#include "calendarrepository.h"
#include "db/backgroundservice.h"

namespace ocms {

// The calendar, read off the GUI thread.
using CalendarService = BackgroundService<CalendarRepository>;

} // namespace ocms
