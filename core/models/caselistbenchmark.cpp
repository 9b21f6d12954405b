#include "caselistbenchmark.h"

#include "caselistmodel.h"
#include "db/benchmarkworld.h"
#include "db/scopedconnection.h"
#include "db/sqlerrortranslator.h"
#include "db/syntheticdataseeder.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimer>

namespace ocms {

namespace {

constexpr int kWarmups = 3;
constexpr int kTimeoutMs = 60000;
const QString kBench = QStringLiteral("case-list");

double elapsedMs(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// The plainest way: the statement through QSqlQuery, every row read.
Result<double> runRaw(QSqlDatabase& database, const SqlStatement& statement)
{
    QElapsedTimer timer;
    timer.start();
    QSqlQuery query(database);
    query.setForwardOnly(true);
    query.prepare(statement.sql);
    for (const QVariant& value : statement.values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    const int fields = query.record().count();
    while (query.next()) {
        for (int field = 0; field < fields; ++field) {
            query.value(field);
        }
    }
    return elapsedMs(timer);
}

// Starts action and waits for the model to deliver the page holding row; returns the milliseconds.
Result<double> timeModel(CaseListModel& model, qint64 row, const std::function<void()>& action)
{
    QEventLoop loop;
    std::optional<Error> failure;
    const qint64 pageStart = row / CaseListModel::kPageSize * CaseListModel::kPageSize;
    const auto page = QObject::connect(&model, &CaseListModel::pageLoaded, &loop, [&](qint64 firstRow) {
        if (firstRow == pageStart) {
            loop.quit();
        }
    });
    const auto error = QObject::connect(&model, &CaseListModel::errorOccurred, &loop, [&](const Error& e) {
        failure = e;
        loop.quit();
    });
    QTimer::singleShot(kTimeoutMs, &loop, [&] {
        failure = Error{ErrorCode::Internal, QStringLiteral("The case list did not answer within a minute."), {}};
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    action();
    if (!model.isRowLoaded(int(row))) {
        loop.exec();
    }
    const double milliseconds = elapsedMs(timer);
    QObject::disconnect(page);
    QObject::disconnect(error);
    if (failure) {
        return fail(*failure);
    }
    return milliseconds;
}

// Waits until the model's count and pivots are in (after a filter or sort).
bool waitForPivots(CaseListModel& model)
{
    QEventLoop loop;
    QTimer::singleShot(kTimeoutMs, &loop, &QEventLoop::quit);
    const auto done = QObject::connect(&model, &CaseListModel::pivotsLoaded, &loop, &QEventLoop::quit);
    if (!model.hasPivots()) {
        loop.exec();
    }
    QObject::disconnect(done);
    return model.hasPivots();
}

double residentMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    }
    return 0;
}

struct Samples
{
    QList<double> model;
    QList<double> raw;
};

} // namespace

CaseListBenchmark::CaseListBenchmark(ConnectionSettings owner, CaseListBenchmarkOptions options)
    : m_owner(std::move(owner)), m_options(std::move(options)), m_login(QStringLiteral("bench_list_attorney")),
      m_password(BenchmarkWorld::newPassword())
{
}

Result<void> CaseListBenchmark::prepare()
{
    return BenchmarkWorld::prepare(m_owner, m_options.cases, m_options.progress, m_login, m_password);
}

Result<QList<BenchmarkLine>> CaseListBenchmark::run(const std::function<void(const BenchmarkLine&)>& report)
{
    if (auto prepared = prepare(); !prepared) {
        return fail(prepared.error());
    }
    ScopedConnection owner(m_owner, QStringLiteral("bench-list-owner"));
    ConnectionSettings attorney = m_owner;
    attorney.setUser(m_login);
    attorney.setPassword(m_password);
    ScopedConnection raw(attorney, QStringLiteral("bench-list-raw"));
    if (!owner.ok() || !raw.ok()) {
        return fail(owner.ok() ? raw.error() : owner.error());
    }
    // Inputs drawn from the data (repeatably): name prefixes, aliases, A-Numbers.
    const int n = m_options.samples + kWarmups;
    auto prefixes = BenchmarkWorld::namePrefixes(m_owner, n, 7);
    auto aliases = owner.column(QStringLiteral("SELECT name_key FROM legal.case_names TABLESAMPLE SYSTEM (1) REPEATABLE (8) "
                                               "WHERE is_alias LIMIT %1").arg(n));
    auto numbers = owner.column(QStringLiteral("SELECT a_number FROM legal.case_list TABLESAMPLE SYSTEM (1) REPEATABLE (9) "
                                               "WHERE a_number IS NOT NULL LIMIT %1").arg(n));
    for (const auto* inputs : {&prefixes, &aliases, &numbers}) {
        if (!*inputs) {
            return fail(inputs->error());
        }
        if ((*inputs)->size() < n) {
            return fail(Error{ErrorCode::Internal, QStringLiteral("The benchmark database has too few cases to sample."), {}});
        }
    }

    CaseListModel model(attorney);
    QList<BenchmarkLine> lines;
    const auto emitLine = [&](const BenchmarkLine& line) {
        lines.append(line);
        report(line);
    };
    const auto record = [&](const QString& name, const Samples& samples, std::optional<double> modelGoal, bool goalOnRatio) {
        QList<double> modelTimes = samples.model.mid(kWarmups);
        QList<double> rawTimes = samples.raw.mid(kWarmups);
        emitLine({kBench, name + QStringLiteral("_median_ms"), BenchmarkLine::median(modelTimes), QStringLiteral("ms"), std::nullopt,
                  false, BenchmarkLine::median(rawTimes), false});
        emitLine({kBench, name + QStringLiteral("_p95_ms"), BenchmarkLine::percentile(modelTimes, 0.95), QStringLiteral("ms"), modelGoal,
                  false, BenchmarkLine::percentile(rawTimes, 0.95), goalOnRatio});
        emitLine({kBench, name + QStringLiteral("_server_p95_ms"), BenchmarkLine::percentile(rawTimes, 0.95), QStringLiteral("ms"),
                  50.0, false, std::nullopt, false});
    };
    // One filter measurement: the model from setFilter to its first page, then the same SQL raw.
    const auto measureFilter = [&](const QString& name, const std::function<CaseListFilter(int)>& filterFor) -> Result<void> {
        if (m_options.progress) {
            m_options.progress(name);
        }
        Samples samples;
        for (int i = 0; i < n; ++i) {
            const CaseListFilter filter = filterFor(i);
            auto modelTime = timeModel(model, 0, [&] { model.setFilter(filter); });
            if (!modelTime) {
                return fail(modelTime.error());
            }
            waitForPivots(model); // the model's background scans must not slow the raw run
            auto rawTime = runRaw(raw.database(), CaseListQuery(filter, model.sortColumn(), model.sortOrder()).firstRows(CaseListModel::kPageSize));
            if (!rawTime) {
                return fail(rawTime.error());
            }
            samples.model << *modelTime;
            samples.raw << *rawTime;
        }
        record(name, samples, 1.5, true);
        return {};
    };

    // First window: a fresh unfiltered list, sorted by case number.
    {
        if (m_options.progress) {
            m_options.progress(QStringLiteral("first window"));
        }
        Samples samples;
        for (int i = 0; i < n; ++i) {
            auto modelTime = timeModel(model, 0, [&] { model.refresh(); });
            if (!modelTime) {
                return fail(modelTime.error());
            }
            waitForPivots(model);
            auto rawTime = runRaw(raw.database(), CaseListQuery().firstRows(CaseListModel::kPageSize));
            if (!rawTime) {
                return fail(rawTime.error());
            }
            samples.model << *modelTime;
            samples.raw << *rawTime;
        }
        record(QStringLiteral("first_window"), samples, 100.0, false);
    }
    if (auto done = measureFilter(QStringLiteral("filter_name_prefix"), [&](int i) {
            CaseListFilter filter;
            filter.name = (*prefixes)[i];
            return filter;
        }); !done) {
        return fail(done.error());
    }
    if (auto done = measureFilter(QStringLiteral("filter_a_number"), [&](int i) {
            CaseListFilter filter;
            filter.aNumber = (*numbers)[i];
            return filter;
        }); !done) {
        return fail(done.error());
    }
    if (auto done = measureFilter(QStringLiteral("alias_match"), [&](int i) {
            CaseListFilter filter;
            filter.name = (*aliases)[i];
            return filter;
        }); !done) {
        return fail(done.error());
    }

    // Sort changes over the sortable columns, both directions.
    {
        if (m_options.progress) {
            m_options.progress(QStringLiteral("sort change"));
        }
        model.setFilter({});
        QList<CaseListColumn> sortable;
        for (const auto& column : CaseListColumns::all()) {
            if (column.sortKey) {
                sortable << column.column;
            }
        }
        Samples samples;
        for (int i = 0; i < n; ++i) {
            const CaseListColumn column = sortable[i % sortable.size()];
            const Qt::SortOrder order = (i / sortable.size()) % 2 ? Qt::DescendingOrder : Qt::AscendingOrder;
            auto modelTime = timeModel(model, 0, [&] { model.sort(int(column), order); });
            if (!modelTime) {
                return fail(modelTime.error());
            }
            waitForPivots(model);
            auto rawTime = runRaw(raw.database(), CaseListQuery({}, column, order).firstRows(CaseListModel::kPageSize));
            if (!rawTime) {
                return fail(rawTime.error());
            }
            samples.model << *modelTime;
            samples.raw << *rawTime;
        }
        record(QStringLiteral("sort_change"), samples, 1.5, true);
    }

    // Jumps to random rows of the whole list, once the pivots are in; the raw baseline is the same
    // key-paged statement, and the count and pivot scans are reported on their own.
    {
        if (m_options.progress) {
            m_options.progress(QStringLiteral("jump to a random row"));
        }
        model.sort(int(CaseListColumn::CaseNumber), Qt::AscendingOrder);
        if (!waitForPivots(model)) {
            return fail(Error{ErrorCode::Internal, QStringLiteral("The case list's pivots did not arrive."), {}});
        }
        const CaseListQuery query;
        QList<double> countTimes;
        QList<double> pivotTimes;
        QList<CaseListKey> pivots;
        for (int i = 0; i < 3; ++i) {
            auto counted = runRaw(raw.database(), query.count());
            QElapsedTimer timer;
            timer.start();
            QSqlQuery pivotQuery(raw.database());
            const SqlStatement pivotSql = query.pivots(CaseListModel::kPivotStep);
            pivotQuery.prepare(pivotSql.sql);
            for (const QVariant& value : pivotSql.values) {
                pivotQuery.addBindValue(value);
            }
            if (!counted || !pivotQuery.exec()) {
                return fail(counted ? SqlErrorTranslator::translate(pivotQuery.lastError()) : counted.error());
            }
            pivots.clear();
            while (pivotQuery.next()) {
                pivots.append({pivotQuery.value(0).toString(), QUuid::fromString(pivotQuery.value(1).toString())});
            }
            pivotTimes << elapsedMs(timer);
            countTimes << *counted;
        }
        emitLine({kBench, QStringLiteral("count_all_median_ms"), BenchmarkLine::median(countTimes), QStringLiteral("ms"),
                  std::nullopt, false, std::nullopt, false});
        emitLine({kBench, QStringLiteral("pivots_all_median_ms"), BenchmarkLine::median(pivotTimes), QStringLiteral("ms"),
                  std::nullopt, false, std::nullopt, false});
        QRandomGenerator random(42);
        Samples samples;
        for (int i = 0; i < n; ++i) {
            const qint64 row = random.bounded(qint64(model.rowCount()));
            auto modelTime = timeModel(model, row, [&] { model.requestRow(int(row)); });
            if (!modelTime) {
                return fail(modelTime.error());
            }
            const qint64 pageStart = row / CaseListModel::kPageSize * CaseListModel::kPageSize;
            const CaseListKey pivot = pivots.value(pageStart / CaseListModel::kPivotStep);
            auto rawTime = runRaw(raw.database(), query.rowsFrom(pivot, true, int(pageStart % CaseListModel::kPivotStep),
                                                                 CaseListModel::kPageSize));
            if (!rawTime) {
                return fail(rawTime.error());
            }
            samples.model << *modelTime;
            samples.raw << *rawTime;
        }
        record(QStringLiteral("jump_random_row"), samples, 1.5, true);

        // Browse: a few hundred more pages, then the client's resident memory.
        for (int i = 0; i < 300; ++i) {
            const qint64 row = random.bounded(qint64(model.rowCount()));
            if (auto browsed = timeModel(model, row, [&] { model.requestRow(int(row)); }); !browsed) {
                return fail(browsed.error());
            }
        }
        emitLine({kBench, QStringLiteral("client_rss_mb"), residentMegabytes(), QStringLiteral("MB"), 300.0, false,
                  std::nullopt, false});
    }
    return lines;
}

} // namespace ocms
