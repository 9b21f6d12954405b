#include "caselistviewbenchmark.h"

#include "caselistfilterbar.h"
#include "caselistview.h"
#include "db/benchmarkworld.h"
#include "models/caselistcolumn.h"
#include "models/caselistmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHeaderView>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>

namespace ocms {

namespace {

const QString kBench = QStringLiteral("case-list-view");
constexpr int kTimeoutMs = 60000;

double elapsedMs(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// The GUI thread's heartbeat: a 1 ms timer whose largest gap between ticks is the longest stall.
class StallMeter
{
public:
    StallMeter()
    {
        m_timer.setInterval(1);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            if (m_last.isValid()) {
                m_longest = std::max(m_longest, elapsedMs(m_last));
            }
            m_last.start();
        });
    }
    void start()
    {
        m_longest = 0;
        m_last.invalidate();
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return m_longest;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_last;
    double m_longest = 0;
};

// Runs the event loop until condition holds; false on timeout.
bool settle(const std::function<bool()>& condition)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > kTimeoutMs) {
            return false;
        }
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

bool visibleRowsLoaded(QTableView* table, CaseListModel* model)
{
    const int first = std::max(0, table->rowAt(0));
    const int last = table->rowAt(table->viewport()->height() - 1);
    return model->isRowLoaded(first) && (last < 0 || model->isRowLoaded(last));
}

// One scroll step: move a page, paint at once (timed), then let the rows arrive.
double scrollAndPaint(QTableView* table, int target)
{
    table->verticalScrollBar()->setValue(target);
    QElapsedTimer paint;
    paint.start();
    table->viewport()->repaint();
    return elapsedMs(paint);
}

} // namespace

CaseListViewBenchmark::CaseListViewBenchmark(ConnectionSettings owner, CaseListViewBenchmarkOptions options)
    : m_owner(std::move(owner)), m_options(std::move(options))
{
}

Result<QList<BenchmarkLine>> CaseListViewBenchmark::run(const std::function<void(const BenchmarkLine&)>& report)
{
    const QString login = QStringLiteral("bench_view_attorney");
    const QString password = BenchmarkWorld::newPassword();
    if (auto prepared = BenchmarkWorld::prepare(m_owner, m_options.cases, m_options.progress, login, password); !prepared) {
        return fail(prepared.error());
    }
    auto prefixes = BenchmarkWorld::namePrefixes(m_owner, m_options.filters, 17);
    if (!prefixes) {
        return fail(prefixes.error());
    }
    ConnectionSettings attorney = m_owner;
    attorney.setUser(login);
    attorney.setPassword(password);

    QList<BenchmarkLine> lines;
    const auto emitLine = [&](const BenchmarkLine& line) {
        lines.append(line);
        report(line);
    };
    const auto progress = [&](const QString& step) {
        if (m_options.progress) {
            m_options.progress(step);
        }
    };

    CaseListView view(attorney);
    view.resize(1280, 800);
    view.show();
    QTableView* table = view.table();
    CaseListModel* model = view.model();
    StallMeter meter;
    QList<double> stalls;
    const auto measured = [&](const std::function<void()>& action, const std::function<bool()>& done) -> Result<void> {
        meter.start();
        action();
        const bool settled = settle(done);
        stalls.append(meter.stop());
        if (!settled) {
            return fail(Error{ErrorCode::Internal, QStringLiteral("The case list did not settle within a minute."), {}});
        }
        return {};
    };

    progress(QStringLiteral("first window"));
    QElapsedTimer first;
    first.start();
    if (auto done = measured([&] { view.start(); }, [&] { return model->rowCount() > 0 && visibleRowsLoaded(table, model); }); !done) {
        return fail(done.error());
    }
    const double firstWindow = elapsedMs(first);
    settle([&] { return model->hasPivots(); });

    progress(QStringLiteral("scrolling"));
    QList<double> paints;
    const int pageStep = std::max(1, table->verticalScrollBar()->pageStep());
    for (int step = 0; step < m_options.steps; ++step) {
        if (auto done = measured([&] { paints.append(scrollAndPaint(table, (step + 1) * pageStep)); },
                                 [&] { return visibleRowsLoaded(table, model); });
            !done) {
            return fail(done.error());
        }
    }

    progress(QStringLiteral("jumping"));
    QRandomGenerator random(42);
    QList<double> jumpTimes;
    for (int jump = 0; jump < m_options.jumps; ++jump) {
        const int target = int(random.bounded(std::max(1, table->verticalScrollBar()->maximum())));
        QElapsedTimer timer;
        timer.start();
        if (auto done = measured([&] { paints.append(scrollAndPaint(table, target)); }, [&] { return visibleRowsLoaded(table, model); });
            !done) {
            return fail(done.error());
        }
        jumpTimes.append(elapsedMs(timer));
    }

    progress(QStringLiteral("typing names"));
    QList<double> filterTimes;
    for (const QString& prefix : *prefixes) {
        // Typed as a user types (the bar waits for a pause), timed until the new rows are shown.
        bool started = false;
        const auto watch = QObject::connect(model, &CaseListModel::loadingChanged, [&](bool loading) { started = started || loading; });
        QElapsedTimer timer;
        timer.start();
        if (auto done = measured(
                [&] {
                    view.filterBar()->nameField()->setText(prefix);
                    Q_EMIT view.filterBar()->nameField()->textEdited(prefix);
                },
                [&] { return started && !model->isLoading() && visibleRowsLoaded(table, model); });
            !done) {
            QObject::disconnect(watch);
            return fail(done.error());
        }
        QObject::disconnect(watch);
        filterTimes.append(elapsedMs(timer));
    }
    view.filterBar()->clear();
    settle([&] { return !model->isLoading() && model->isCountKnown(); });

    progress(QStringLiteral("sorting"));
    QList<int> sortable;
    for (int column = 0; column < model->columnCount(); ++column) {
        if (CaseListColumns::isSortable(CaseListColumn(column))) {
            sortable.append(column);
        }
    }
    for (int sort = 0; sort < m_options.sorts && !sortable.isEmpty(); ++sort) {
        const int column = sortable.at(sort % sortable.size());
        const Qt::SortOrder order = sort % 2 == 0 ? Qt::AscendingOrder : Qt::DescendingOrder;
        if (auto done = measured([&] { table->sortByColumn(column, order); },
                                 [&] { return !model->isLoading() && visibleRowsLoaded(table, model); });
            !done) {
            Error error = done.error();
            error.detail = QStringLiteral("sorting column %1 %2; first visible row %3, loaded %4")
                               .arg(column)
                               .arg(order == Qt::AscendingOrder ? QStringLiteral("ascending") : QStringLiteral("descending"))
                               .arg(table->rowAt(0))
                               .arg(model->isRowLoaded(std::max(0, table->rowAt(0))));
            return fail(error);
        }
    }

    // Baseline: the same view geometry painting an in-memory model holding rows already fetched.
    progress(QStringLiteral("baseline paint"));
    QStandardItemModel plain(2000, model->columnCount());
    settle([&] { return visibleRowsLoaded(table, model); });
    table->scrollToTop();
    settle([&] { return visibleRowsLoaded(table, model); });
    for (int row = 0; row < 100 && row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            for (int copy = row; copy < 2000; copy += 100) {
                plain.setItem(copy, column, new QStandardItem(model->data(model->index(row, column)).toString()));
            }
        }
    }
    QTableView baseline;
    baseline.setModel(&plain);
    baseline.resize(table->size());
    baseline.verticalHeader()->setDefaultSectionSize(table->verticalHeader()->defaultSectionSize());
    baseline.verticalHeader()->hide();
    baseline.show();
    QList<double> plainPaints;
    const int plainStep = std::max(1, baseline.verticalScrollBar()->pageStep());
    for (int step = 0; step < std::min(m_options.steps, 60); ++step) {
        plainPaints.append(scrollAndPaint(&baseline, (step % 50 + 1) * plainStep));
        QApplication::processEvents();
    }

    emitLine({kBench, QStringLiteral("first_window_ms"), firstWindow, QStringLiteral("ms"), 100.0, false, std::nullopt, false});
    emitLine({kBench, QStringLiteral("paint_per_scroll_step_median_ms"), BenchmarkLine::median(paints), QStringLiteral("ms"), std::nullopt,
              false, BenchmarkLine::median(plainPaints), false});
    emitLine({kBench, QStringLiteral("paint_per_scroll_step_p95_ms"), BenchmarkLine::percentile(paints, 0.95), QStringLiteral("ms"), 16.0,
              false, BenchmarkLine::percentile(plainPaints, 0.95), false});
    emitLine({kBench, QStringLiteral("jump_to_rows_shown_median_ms"), BenchmarkLine::median(jumpTimes), QStringLiteral("ms"), std::nullopt,
              false, std::nullopt, false});
    // Includes the filter bar's typing pause, as a user experiences it.
    emitLine({kBench, QStringLiteral("filter_typed_to_rows_shown_median_ms"), BenchmarkLine::median(filterTimes), QStringLiteral("ms"),
              std::nullopt, false, std::nullopt, false});
    emitLine({kBench, QStringLiteral("gui_stall_median_ms"), BenchmarkLine::median(stalls), QStringLiteral("ms"), std::nullopt, false,
              std::nullopt, false});
    emitLine({kBench, QStringLiteral("gui_stall_max_ms"), *std::max_element(stalls.begin(), stalls.end()), QStringLiteral("ms"), 50.0,
              false, std::nullopt, false});
    return lines;
}

} // namespace ocms
