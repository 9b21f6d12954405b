#include "workloadbenchmark.h"

#include "benchmarkworld.h"
#include "scopedconnection.h"
#include "sqlerrortranslator.h"
#include "workloadrepository.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

namespace {

constexpr int kWarmups = 3;
const QString kBench = QStringLiteral("workload");

double elapsedMs(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// The same numbers as legal.workload(), counted from the records for a viewer of the given divisions: the
// plainest way, and the check that the tallies are right. Owner connection (no row security). %1: the
// office filter. Binds: divisions (twice per part), today.
const char* const kPlainCount =
    "WITH staff AS (SELECT u.id FROM core.users u WHERE u.active AND %1 "
    "               AND EXISTS (SELECT 1 FROM core.user_divisions d WHERE d.user_id = u.id)), "
    "     visible AS (SELECT ?::uuid[] AS divisions, ?::date AS today) "
    "SELECT s.id::text, "
    "  (SELECT count(*) FROM (SELECT DISTINCT case_id FROM legal.case_staff WHERE user_id = s.id) x "
    "   JOIN legal.cases c ON c.id = x.case_id WHERE c.status <> 'closed' AND c.deleted_at IS NULL "
    "     AND (c.category = 'immigration' OR c.division_id = ANY (v.divisions))), "
    "  (SELECT count(*) FROM (SELECT DISTINCT project_id FROM legal.project_assignments WHERE user_id = s.id) x "
    "   JOIN legal.projects p ON p.id = x.project_id WHERE p.status <> 'closed' AND p.deleted_at IS NULL "
    "     AND p.division_id = ANY (v.divisions)), "
    "  (SELECT count(*) FROM (SELECT DISTINCT case_id FROM legal.case_staff WHERE user_id = s.id) x "
    "   JOIN legal.hearings h ON h.case_id = x.case_id JOIN legal.cases c ON c.id = x.case_id "
    "   WHERE h.deleted_at IS NULL AND (c.category = 'immigration' OR c.division_id = ANY (v.divisions)) "
    "     AND (h.scheduled_at AT TIME ZONE 'UTC')::date >= v.today AND (h.scheduled_at AT TIME ZONE 'UTC')::date < v.today + 30), "
    "  (SELECT coalesce(sum(t.hours), 0)::numeric(12, 2)::text FROM legal.time_entries t "
    "   LEFT JOIN legal.cases c ON c.id = t.case_id LEFT JOIN legal.projects p ON p.id = t.project_id "
    "   WHERE t.user_id = s.id AND t.deleted_at IS NULL AND t.work_date > v.today - 30 AND t.work_date <= v.today "
    "     AND (c.category = 'immigration' OR c.division_id = ANY (v.divisions) OR p.division_id = ANY (v.divisions))) "
    "FROM staff s, visible v";

// "user|cases|projects|hearings|hours" lines, sorted, for comparing two ways of counting.
QStringList linesOf(const RecordTable& table)
{
    QStringList lines;
    for (qsizetype row = 0; row < table.size(); ++row) {
        lines.append(QStringLiteral("%1|%2|%3|%4|%5")
                         .arg(table.ids.at(row).toString(QUuid::WithoutBraces))
                         .arg(table.value(row, QStringLiteral("Open cases")).toLongLong())
                         .arg(table.value(row, QStringLiteral("Open projects")).toLongLong())
                         .arg(table.value(row, QStringLiteral("Hearings (next 30 days)")).toLongLong())
                         .arg(QString::number(table.value(row, QStringLiteral("Hours (last 30 days)")).toDouble(), 'f', 2)));
    }
    lines.sort();
    return lines;
}

Result<QStringList> plainCount(QSqlDatabase& owner, const QString& officeId, const QString& divisions, const QDate& today)
{
    QSqlQuery query(owner);
    query.setForwardOnly(true);
    query.prepare(QString::fromLatin1(kPlainCount).arg(officeId.isEmpty() ? QStringLiteral("true") : QStringLiteral("u.office_id = ?::uuid")));
    if (!officeId.isEmpty()) {
        query.addBindValue(officeId);
    }
    query.addBindValue(divisions);
    query.addBindValue(today);
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    QStringList lines;
    while (query.next()) {
        lines.append(QStringLiteral("%1|%2|%3|%4|%5")
                         .arg(query.value(0).toString())
                         .arg(query.value(1).toLongLong())
                         .arg(query.value(2).toLongLong())
                         .arg(query.value(3).toLongLong())
                         .arg(QString::number(query.value(4).toDouble(), 'f', 2)));
    }
    lines.sort();
    return lines;
}

} // namespace

WorkloadBenchmark::WorkloadBenchmark(ConnectionSettings owner, WorkloadBenchmarkOptions options)
    : m_owner(std::move(owner)), m_options(std::move(options)), m_login(QStringLiteral("bench_workload_manager")),
      m_password(BenchmarkWorld::newPassword())
{
}

Result<QList<BenchmarkLine>> WorkloadBenchmark::run(const std::function<void(const BenchmarkLine&)>& report)
{
    if (auto prepared = BenchmarkWorld::prepare(m_owner, m_options.cases, m_options.progress, m_login, m_password); !prepared) {
        return fail(prepared.error());
    }
    ScopedConnection owner(m_owner, QStringLiteral("bench-workload-owner"));
    ConnectionSettings manager = m_owner;
    manager.setUser(m_login);
    manager.setPassword(m_password);
    ScopedConnection viewer(manager, QStringLiteral("bench-workload-manager"));
    if (!owner.ok() || !viewer.ok()) {
        return fail(owner.ok() ? viewer.error() : owner.error());
    }
    auto offices = owner.column(QStringLiteral("SELECT id::text FROM core.offices WHERE kind = 'chief_counsel' ORDER BY code"));
    auto divisions = owner.column(QStringLiteral("SELECT '{' || string_agg(d.division_id::text, ',') || '}' FROM core.user_divisions d "
                                                 "JOIN core.users u ON u.id = d.user_id WHERE u.login = '%1'").arg(m_login));
    auto asOf = owner.column(QStringLiteral("SELECT max(as_of)::text FROM public.ocms_seed_runs"));
    for (const auto* answer : {&offices, &divisions, &asOf}) {
        if (!*answer) {
            return fail(answer->error());
        }
    }
    if (offices->isEmpty()) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The benchmark database has no Offices of Chief Counsel."), {}});
    }
    const QDate today = QDate::fromString(asOf->value(0), Qt::ISODate);
    WorkloadRepository repository(viewer.database());
    QList<BenchmarkLine> lines;
    const auto emitLine = [&](const BenchmarkLine& line) {
        lines.append(line);
        report(line);
    };
    const auto record = [&](const QString& name, QList<double> measured, QList<double> plain, std::optional<double> goal) {
        measured = measured.mid(kWarmups);
        if (plain.size() > kWarmups) {
            plain = plain.mid(kWarmups);
        }
        emitLine({kBench, name + QStringLiteral("_median_ms"), BenchmarkLine::median(measured), QStringLiteral("ms"), std::nullopt, false,
                  plain.isEmpty() ? std::nullopt : std::optional(BenchmarkLine::median(plain)), false});
        emitLine({kBench, name + QStringLiteral("_p95_ms"), BenchmarkLine::percentile(measured, 0.95), QStringLiteral("ms"), goal, false,
                  plain.isEmpty() ? std::nullopt : std::optional(BenchmarkLine::percentile(plain, 0.95)), false});
    };
    const int n = m_options.samples + kWarmups;

    // One office's people, office after office; every answer checked against the plain count.
    {
        if (m_options.progress) {
            m_options.progress(QStringLiteral("workload of one office's people"));
        }
        QList<double> measured;
        QList<double> plain;
        QUuid busiest;
        qint64 mostCases = -1;
        for (int i = 0; i < n; ++i) {
            const QString office = offices->at(i % offices->size());
            QElapsedTimer timer;
            timer.start();
            auto rows = repository.byPerson(QUuid(office), today);
            measured << elapsedMs(timer);
            if (!rows) {
                return fail(rows.error());
            }
            timer.restart();
            auto counted = plainCount(owner.database(), office, divisions->value(0), today);
            plain << elapsedMs(timer);
            if (!counted) {
                return fail(counted.error());
            }
            if (linesOf(*rows) != *counted) {
                return fail(Error{ErrorCode::Internal, QStringLiteral("The workload tallies disagree with a count from the records."),
                                  QStringLiteral("office %1").arg(office)});
            }
            for (qsizetype row = 0; row < rows->size(); ++row) {
                if (rows->value(row, QStringLiteral("Open cases")).toLongLong() > mostCases) {
                    mostCases = rows->value(row, QStringLiteral("Open cases")).toLongLong();
                    busiest = rows->ids.at(row);
                }
            }
        }
        record(QStringLiteral("office_people"), measured, plain, 200.0);

        if (m_options.progress) {
            m_options.progress(QStringLiteral("one person's drill-down"));
        }
        QList<double> detail;
        for (int i = 0; i < n; ++i) {
            QElapsedTimer timer;
            timer.start();
            auto opened = repository.detail(busiest, today);
            detail << elapsedMs(timer);
            if (!opened) {
                return fail(opened.error());
            }
            if (opened->cases.size() != mostCases) {
                return fail(Error{ErrorCode::Internal, QStringLiteral("The drill-down lists another number of cases than the view shows."),
                                  QStringLiteral("%1 listed, %2 counted").arg(opened->cases.size()).arg(mostCases)});
            }
        }
        record(QStringLiteral("person_detail"), detail, {}, 200.0);
    }

    // Every office, one row each: the plain count takes a minute or two at a million cases (that is the
    // point), so it runs once.
    {
        if (m_options.progress) {
            m_options.progress(QStringLiteral("workload per office"));
        }
        QList<double> measured;
        for (int i = 0; i < n; ++i) {
            QElapsedTimer timer;
            timer.start();
            auto rows = repository.byOffice(today);
            measured << elapsedMs(timer);
            if (!rows) {
                return fail(rows.error());
            }
        }
        QList<double> plain;
        QElapsedTimer timer;
        timer.start();
        auto counted = plainCount(owner.database(), {}, divisions->value(0), today);
        plain << elapsedMs(timer);
        if (!counted) {
            return fail(counted.error());
        }
        auto shown = repository.byPerson({}, today);
        if (!shown) {
            return fail(shown.error());
        }
        if (linesOf(*shown) != *counted) {
            return fail(Error{ErrorCode::Internal, QStringLiteral("The workload tallies disagree with a count from the records."),
                              QStringLiteral("every office")});
        }
        record(QStringLiteral("all_offices"), measured, plain, 200.0);
    }

    // Recounting every tally (after a bulk load), in a transaction rolled back.
    {
        if (m_options.progress) {
            m_options.progress(QStringLiteral("recount"));
        }
        QSqlQuery query(owner.database());
        QElapsedTimer timer;
        timer.start();
        const bool done = query.exec(QStringLiteral("BEGIN")) && query.exec(QStringLiteral("SELECT legal.rebuild_workload()"));
        const double seconds = elapsedMs(timer) / 1000.0;
        const QSqlError error = query.lastError();
        query.exec(QStringLiteral("ROLLBACK"));
        if (!done) {
            return fail(SqlErrorTranslator::translate(error));
        }
        // The rolled-back rows are dead weight for the next run's reads until vacuumed.
        query.exec(QStringLiteral("VACUUM legal.workload_days, legal.workload_open"));
        emitLine({kBench, QStringLiteral("recount_all_tallies_s"), seconds, QStringLiteral("s"), std::nullopt, false, std::nullopt, false});
    }
    return lines;
}

} // namespace ocms
