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
    qint64 projectsLoaded() const { return m_projects; }
    qint64 timeEntriesLoaded() const { return m_timeEntries; } // fewer than asked when people were fully booked

private:
    QSqlDatabase m_database;
    SeedOptions m_options;
    SeedOffsets m_offsets;
    qint64 m_projects = 0;
    qint64 m_timeEntries = 0;
};

} // namespace ocms
