#pragma once

#include "benchmarkline.h"
#include "connectionsettings.h"
#include "result.h"

#include <QList>

#include <functional>

namespace ocms {

struct WorkloadBenchmarkOptions
{
    qint64 cases = 1000000; // projects and time entries follow the seed's defaults: cases / 10 and cases × 2
    int samples = 25;       // per measurement
    std::function<void(const QString&)> progress;
};

// `ocmsctl bench workload`: the workload view's queries as an attorney (one office's people, every office,
// one person's drill-down) against the same numbers counted the plainest way from the records (no tallies,
// no row security) in the same run. Every sample's numbers are checked equal to the plain count.
class WorkloadBenchmark
{
public:
    WorkloadBenchmark(ConnectionSettings owner, WorkloadBenchmarkOptions options);

    Result<QList<BenchmarkLine>> run(const std::function<void(const BenchmarkLine&)>& report);

private:
    ConnectionSettings m_owner;
    WorkloadBenchmarkOptions m_options;
    QString m_login;
    QString m_password;
};

} // namespace ocms
