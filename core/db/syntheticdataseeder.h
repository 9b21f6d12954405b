#pragma once

#include "result.h"
#include "seedoptions.h"

#include <QSqlDatabase>

namespace ocms {

struct SeedReport
{
    bool skipped = false; // this seed was loaded before
    qint64 cases = 0;
    qint64 fugitives = 0;
    qint64 leads = 0;
    qint64 documents = 0;
    qint64 projects = 0;
    qint64 timeEntries = 0;
    qint64 rows = 0;
    double seconds = 0;
};

// `ocmsctl seed`: deterministic synthetic data for demos, tests and benchmarks, loaded with COPY in one
// transaction (a failed run leaves nothing behind). All names and numbers are invented.
class SyntheticDataSeeder
{
public:
    explicit SyntheticDataSeeder(QSqlDatabase database) : m_database(std::move(database)) {}

    Result<SeedReport> run(const SeedOptions& options);
    // The demo set: small enough to seed in seconds, large enough to page, search and report on.
    static SeedOptions demoOptions();

private:
    Result<void> exec(const QString& sql);
    Result<qint64> scalar(const QString& sql);
    Result<SeedReport> load(const SeedOptions& options);

    QSqlDatabase m_database;
};

} // namespace ocms
