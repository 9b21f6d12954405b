#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace ocms {

// One line of `ocmsctl bench` output (DESIGN.md "Benchmarks"): a measured value, its goal and the same
// work done the plainest way in the same run (baseline), as JSON.
struct BenchmarkLine
{
    QString bench;
    QString metric;
    double value = 0;
    QString unit;
    std::optional<double> goal;
    bool higherIsBetter = false;
    std::optional<double> baseline;
    bool goalOnRatio = false; // the goal is for value/baseline, not for the value itself

    std::optional<double> ratio() const;
    bool goalMet() const;
    QString toJson() const;

    // A line another program printed (toJson's shape); nullopt when it is not one.
    static std::optional<BenchmarkLine> fromJson(const QString& json);
    static QString summaryJson(const QString& bench, const QList<BenchmarkLine>& lines);
    static double median(QList<double> samples);
    static double percentile(QList<double> samples, double fraction);
};

} // namespace ocms
