#pragma once

#include "db/benchmarkline.h"
#include "db/connectionsettings.h"
#include "result.h"

#include <QList>

#include <functional>

namespace ocms {

struct BenchmarkOptions
{
    qint64 scale = 1000000; // cases in the benchmark database
    int runs = 5;
    std::function<void(const QString&)> progress;
};

// `ocmsctl bench audit`: case updates with the audit trail on and off, audit chain verification against
// a raw COPY of the same rows, and case-list queries under row level security against a role that
// bypasses it — all in one run, on a database seeded once and reused.
class AuditBenchmark
{
public:
    AuditBenchmark(ConnectionSettings owner, BenchmarkOptions options);

    Result<QList<BenchmarkLine>> run(const std::function<void(const BenchmarkLine&)>& report);

private:
    Result<void> prepare();
    Result<QList<BenchmarkLine>> measureUpdates();
    Result<BenchmarkLine> measureBulkUpdates();
    Result<BenchmarkLine> measureVerify();
    Result<QList<BenchmarkLine>> measureRowSecurity();

    ConnectionSettings m_owner;
    BenchmarkOptions m_options;
    QString m_benchLogin;
    QString m_benchPassword;
};

} // namespace ocms
