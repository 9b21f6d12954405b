#include "textdiffbenchmark.h"

#include "textdiff.h"

#include <QElapsedTimer>

namespace ocms {

namespace {

constexpr auto kBench = "text-diff";
constexpr int kLines = 10000;

QStringList paragraphs(const QString& prefix)
{
    QStringList lines;
    lines.reserve(kLines);
    for (int i = 0; i < kLines; ++i) {
        lines.append(QStringLiteral("%1 %2: the respondent testified that the gang threatened her family again.")
                         .arg(prefix)
                         .arg(i));
    }
    return lines;
}

// One edit in a hundred paragraphs: rewritten, removed or added in turn.
QStringList lightlyEdited(QStringList lines)
{
    for (int i = kLines - 50; i > 0; i -= 100) {
        switch ((i / 100) % 3) {
        case 0:
            lines[i] = lines[i] + QStringLiteral(" (corrected)");
            break;
        case 1:
            lines.removeAt(i);
            break;
        default:
            lines.insert(i, QStringLiteral("A new paragraph about country conditions."));
            break;
        }
    }
    return lines;
}

template <class Work>
QList<double> timeRuns(int runs, Work work)
{
    QList<double> samples;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        work();
        samples.append(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    return samples;
}

} // namespace

QList<BenchmarkLine> TextDiffBenchmark::run(const std::function<void(const BenchmarkLine&)>& report) const
{
    const QString bench = QString::fromLatin1(kBench);
    const QStringList original = paragraphs(QStringLiteral("Paragraph"));
    const QStringList edited = lightlyEdited(original);
    // Rewritten throughout but sharing a separator line every 50 paragraphs, as real drafts do: the search
    // has something to find and runs into the work cap.
    QStringList rewritten = paragraphs(QStringLiteral("Section"));
    for (qsizetype i = 0; i < rewritten.size(); i += 50) {
        rewritten[i] = QStringLiteral("* * *");
    }
    QStringList separated = original;
    for (qsizetype i = 25; i < separated.size(); i += 50) {
        separated[i] = QStringLiteral("* * *");
    }
    QList<BenchmarkLine> lines;
    const auto add = [&](const QString& metric, const QList<double>& samples, double goal) {
        BenchmarkLine line{bench, metric, BenchmarkLine::percentile(samples, 0.95), QStringLiteral("ms"), goal, false,
                           std::nullopt, false};
        lines.append(line);
        report(line);
    };
    qsizetype sink = 0;
    add(QStringLiteral("lines_10k_light_edits_p95"),
        timeRuns(m_runs, [&] { sink += TextDiff::compareLines(original, edited).runs.size(); }), 50);
    add(QStringLiteral("side_by_side_10k_light_edits_p95"), timeRuns(m_runs, [&] {
            sink += TextDiff::sideBySide(TextDiff::compareLines(original, edited), original, edited).size();
        }), 100);
    add(QStringLiteral("lines_10k_rewritten_p95"),
        timeRuns(m_runs, [&] { sink += TextDiff::compareLines(separated, rewritten).runs.size(); }), 500);
    Q_UNUSED(sink);
    return lines;
}

} // namespace ocms
