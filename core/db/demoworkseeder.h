#pragma once

#include "result.h"

#include <QSqlDatabase>

namespace ocms {

// Gives the demo logins a working day's worth of their own: the demo attorney works a dozen open cases of
// her office (with their hearings and deadlines), leads two projects with tasks for her and the paralegal,
// and has logged time this week; the litigator leads a project of his division. Run after DemoAccounts.
class DemoWorkSeeder
{
public:
    static Result<void> plant(QSqlDatabase& database);
};

} // namespace ocms
