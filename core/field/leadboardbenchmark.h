#pragma once

#include "db/benchmarkline.h"
#include "db/connectionsettings.h"
#include "result.h"

#include <functional>

namespace ocms {

// `ocmsctl bench lead-board`: the lead board's filters over a database of at least `leads` leads, each
// measured as an officer (their team) or headquarters (the queue, every team) through LeadRepository —
// rows and capped status counts, row security on — against the same two statements run bare by the
// database owner in the same run (the raw baseline). Goal: p95 ≤ 50 ms per filter.
class LeadBoardBenchmark
{
public:
    struct Options
    {
        qint64 leads = 2'000'000;
        int runs = 15;
        std::function<void(const QString&)> progress;
    };

    LeadBoardBenchmark(ConnectionSettings owner, Options options) : m_owner(std::move(owner)), m_options(std::move(options)) {}

    Result<QList<BenchmarkLine>> run(const std::function<void(const BenchmarkLine&)>& emitLine);

private:
    ConnectionSettings m_owner;
    Options m_options;
};

} // namespace ocms
