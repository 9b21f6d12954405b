#pragma once

#include "db/benchmarkline.h"

#include <QList>

#include <functional>

namespace ocms {

// `ocmsctl bench text-diff`: comparing two versions of a 10,000-paragraph text, once lightly edited (the
// usual case) and once rewritten throughout (the worst case the work cap bounds), line diff and side-by-side rows
// with word marks. No database.
class TextDiffBenchmark
{
public:
    explicit TextDiffBenchmark(int runs) : m_runs(runs) {}

    QList<BenchmarkLine> run(const std::function<void(const BenchmarkLine&)>& report) const;

private:
    int m_runs;
};

} // namespace ocms
