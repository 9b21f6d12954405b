#include "benchmarkline.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace ocms {

std::optional<double> BenchmarkLine::ratio() const
{
    if (!baseline || *baseline == 0) {
        return std::nullopt;
    }
    return value / *baseline;
}

bool BenchmarkLine::goalMet() const
{
    if (!goal) {
        return true;
    }
    const std::optional<double> measured = goalOnRatio ? ratio() : std::optional<double>(value);
    if (!measured) {
        return false;
    }
    return higherIsBetter ? *measured >= *goal : *measured <= *goal;
}

QString BenchmarkLine::toJson() const
{
    auto rounded = [](double x) { return std::round(x * 1000.0) / 1000.0; };
    QJsonObject object;
    object.insert(QStringLiteral("bench"), bench);
    object.insert(QStringLiteral("metric"), metric);
    object.insert(QStringLiteral("value"), rounded(value));
    object.insert(QStringLiteral("unit"), unit);
    if (goal) {
        object.insert(QStringLiteral("goal"), *goal);
        if (goalOnRatio) {
            object.insert(QStringLiteral("goal_applies_to"), QStringLiteral("ratio"));
        }
    }
    object.insert(QStringLiteral("higher_is_better"), higherIsBetter);
    if (baseline) {
        object.insert(QStringLiteral("baseline"), rounded(*baseline));
    }
    if (const auto r = ratio()) {
        object.insert(QStringLiteral("ratio"), rounded(*r));
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<BenchmarkLine> BenchmarkLine::fromJson(const QString& json)
{
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    if (!object.contains(QStringLiteral("metric")) || !object.value(QStringLiteral("value")).isDouble()) {
        return std::nullopt;
    }
    BenchmarkLine line;
    line.bench = object.value(QStringLiteral("bench")).toString();
    line.metric = object.value(QStringLiteral("metric")).toString();
    line.value = object.value(QStringLiteral("value")).toDouble();
    line.unit = object.value(QStringLiteral("unit")).toString();
    line.higherIsBetter = object.value(QStringLiteral("higher_is_better")).toBool();
    if (object.contains(QStringLiteral("goal"))) {
        line.goal = object.value(QStringLiteral("goal")).toDouble();
    }
    if (object.contains(QStringLiteral("baseline"))) {
        line.baseline = object.value(QStringLiteral("baseline")).toDouble();
    }
    line.goalOnRatio = object.value(QStringLiteral("goal_applies_to")).toString() == u"ratio";
    return line;
}

QString BenchmarkLine::summaryJson(const QString& bench, const QList<BenchmarkLine>& lines)
{
    const auto withGoal = std::count_if(lines.cbegin(), lines.cend(), [](const BenchmarkLine& line) { return line.goal.has_value(); });
    const auto met = std::count_if(lines.cbegin(), lines.cend(),
                                   [](const BenchmarkLine& line) { return line.goal.has_value() && line.goalMet(); });
    QJsonObject object;
    object.insert(QStringLiteral("bench"), bench);
    object.insert(QStringLiteral("metric"), QStringLiteral("goals_met"));
    object.insert(QStringLiteral("value"), qint64(met));
    object.insert(QStringLiteral("of"), qint64(withGoal));
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

double BenchmarkLine::median(QList<double> samples)
{
    return percentile(std::move(samples), 0.5);
}

double BenchmarkLine::percentile(QList<double> samples, double fraction)
{
    if (samples.isEmpty()) {
        return 0;
    }
    std::sort(samples.begin(), samples.end());
    // Nearest-rank on the sorted samples, interpolated between neighbours.
    const double position = fraction * double(samples.size() - 1);
    const auto lower = qsizetype(std::floor(position));
    const auto upper = qsizetype(std::ceil(position));
    return samples[lower] + (samples[upper] - samples[lower]) * (position - double(lower));
}

} // namespace ocms
