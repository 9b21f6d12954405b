#pragma once

#include "result.h"

#include <QSqlDatabase>

namespace ocms {

// Plants the duplicates a real system collects, for the demo: some respondents typed in again on another
// case without accents (same birth date, no A-Number), so the People workspace has pairs to review.
// Synthetic like everything else; deterministic for the same seeded data.
class DuplicatePeopleSeeder
{
public:
    static Result<int> plant(QSqlDatabase& database, int count);
};

} // namespace ocms
