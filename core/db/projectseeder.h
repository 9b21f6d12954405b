#pragma once

#include "copybuffer.h"
#include "result.h"
#include "seedoptions.h"

#include <QSqlDatabase>

namespace ocms {

// Generates projects (legal advice, policy reviews, budgets, taskings, congressional inquiries…) with
// their staff, tasks, events and opening history, and time entries by the staff on projects and on the
// cases they work, and loads them with COPY. Staff come from the same office and division as the project,
// so every assignee could see it; nobody logs more than ten hours on one day.
class ProjectSeeder
{
public:
    ProjectSeeder(QSqlDatabase database, const SeedOptions& options, const SeedOffsets& offsets)
        : m_database(std::move(database)), m_options(options), m_offsets(offsets)
    {
    }

    Result<qint64> run(); // rows loaded

private:
    QSqlDatabase m_database;
    SeedOptions m_options;
    SeedOffsets m_offsets;
};

} // namespace ocms
