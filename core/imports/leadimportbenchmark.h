#pragma once

#include "db/benchmarkline.h"
#include "db/connectionsettings.h"
#include "result.h"

#include <QList>

#include <functional>

namespace ocms {

struct LeadImportBenchmarkOptions
{
    qint64 cases = 1000000; // the benchmark world (its fugitives are who the leads are about)
    qint64 lines = 1000000; // lines in the generated lead file
    int runs = 3;           // measured runs, after one warm-up
    std::function<void(const QString&)> progress;
};

// `ocmsctl bench leads`: a lead file generated deterministically from the world's fugitives (1,000,000
// lines: mostly new addresses, some repeating a line of the file, some repeating an open lead, a few
// invalid), imported the product's way (LeadImport: parse and check every line, COPY to staging,
// resolve, merge, route, score, history, audit), against raw COPY of the same file into a bare table in
// the same run. Every run ends in ROLLBACK, the import's and the raw COPY's alike, so the database holds the
// same rows for each run and for the next benchmark; the dead rows a rolled-back import leaves are cleared
// outside the timed part (VACUUM FULL of field.leads before the runs and after each, reported), so
// a run does not pay for the ones before it. Every run's counts are checked against the file's.
class LeadImportBenchmark
{
public:
    LeadImportBenchmark(ConnectionSettings owner, LeadImportBenchmarkOptions options);

    Result<QList<BenchmarkLine>> run(const std::function<void(const BenchmarkLine&)>& report);

private:
    ConnectionSettings m_owner;
    LeadImportBenchmarkOptions m_options;
};

} // namespace ocms
