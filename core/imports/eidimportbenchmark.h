#pragma once

#include "db/benchmarkline.h"
#include "db/connectionsettings.h"
#include "result.h"

#include <QList>

#include <functional>

namespace ocms {

struct EidImportBenchmarkOptions
{
    qint64 cases = 1000000; // the benchmark world (its people and cases are who the extract is about)
    qint64 lines = 1000000; // lines in the generated extract
    int runs = 3;           // measured runs, after one warm-up
    std::function<void(const QString&)> progress;
};

// `ocmsctl bench import`: an EID daily extract generated deterministically from the world's people with
// open immigration cases (one line each: most unchanged, some with a new custody status, a new name, a
// different date of birth; then subjects OCMS does not know, and a few invalid lines), imported the
// product's way (EidImport: check every line, COPY to staging, imports.merge_eid) against raw COPY of the
// same file into a bare text table in the same run. Every run ends in ROLLBACK, so the database holds the
// same rows for each run; the tables the merge wrote are vacuumed between runs, outside the timed part.
// Every run's counts are checked against the file's.
class EidImportBenchmark
{
public:
    EidImportBenchmark(ConnectionSettings owner, EidImportBenchmarkOptions options);

    Result<QList<BenchmarkLine>> run(const std::function<void(const BenchmarkLine&)>& report);

private:
    ConnectionSettings m_owner;
    EidImportBenchmarkOptions m_options;
};

} // namespace ocms
