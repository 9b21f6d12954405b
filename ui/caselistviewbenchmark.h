#pragma once

#include "db/benchmarkline.h"
#include "db/connectionsettings.h"
#include "result.h"

#include <functional>

namespace ocms {

struct CaseListViewBenchmarkOptions
{
    qint64 cases = 1000000;
    int steps = 200;  // scroll steps (a page each)
    int jumps = 30;   // jumps to a random position
    int filters = 15; // name filters typed
    int sorts = 10;   // header clicks
    std::function<void(const QString&)> progress;
};

// `ocms --bench case-list-view`: drives the real CaseListView (offscreen or on screen) over the benchmark
// database as a user would — scrolling page by page, jumping, typing a name, clicking headers — and reports
// the longest GUI-thread stall (a 1 ms timer's largest gap) and the paint time per scroll step, against the
// same view painting an in-memory model of the same rows (the baseline).
class CaseListViewBenchmark
{
public:
    CaseListViewBenchmark(ConnectionSettings owner, CaseListViewBenchmarkOptions options);

    Result<QList<BenchmarkLine>> run(const std::function<void(const BenchmarkLine&)>& report);

private:
    ConnectionSettings m_owner;
    CaseListViewBenchmarkOptions m_options;
};

} // namespace ocms
