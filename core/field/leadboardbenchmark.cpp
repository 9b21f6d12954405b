#include "leadboardbenchmark.h"

#include "db/benchmarkworld.h"
#include "db/database.h"
#include "db/scopedconnection.h"
#include "db/sqlerrortranslator.h"
#include "leadboardquery.h"
#include "leadrepository.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

namespace {

constexpr double kGoalMs = 50;

struct Case
{
    const char* name;
    bool headquarters;
    LeadBoardFilter filter;
};

// Runs a statement to the end as the owner (no row security, no client layer): the raw baseline.
Result<void> runBare(QSqlDatabase& database, const SqlStatement& statement)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    query.prepare(statement.sql);
    for (const QVariant& value : statement.values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    while (query.next()) {
    }
    return {};
}

} // namespace

Result<QList<BenchmarkLine>> LeadBoardBenchmark::run(const std::function<void(const BenchmarkLine&)>& emitLine)
{
    const auto progress = [this](const QString& message) {
        if (m_options.progress) {
            m_options.progress(message);
        }
    };
    ScopedConnection owner(m_owner, QStringLiteral("bench-lead-board-owner"));
    if (!owner.ok()) {
        return fail(owner.error());
    }
    auto counted = owner.column(QStringLiteral("SELECT count(*) FROM field.leads"));
    if (!counted) {
        return fail(counted.error());
    }
    const qint64 leads = counted->value(0).toLongLong();
    if (leads < m_options.leads) {
        return fail(Error::validation(QStringLiteral("The benchmark database has %1 leads, fewer than the %2 asked for. Seed it first "
                                                     "(ocmsctl seed --db … --cases 20000 --leads %2) or ask for fewer (--leads).")
                                          .arg(leads).arg(m_options.leads)));
    }
    // The busiest team (an officer's board at its fullest), a ZIP start and a source that team sees.
    auto busiest = owner.column(QStringLiteral("SELECT team_id::text || ' ' || count(*) FROM field.leads WHERE team_id IS NOT NULL "
                                               "GROUP BY team_id ORDER BY count(*) DESC LIMIT 1"));
    auto zip = owner.column(QStringLiteral("SELECT left(address_zip, 3) FROM field.leads WHERE address_zip IS NOT NULL "
                                           "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"));
    auto source = owner.column(QStringLiteral("SELECT s.code FROM field.lead_sources s ORDER BY s.code LIMIT 1"));
    if (!busiest || !zip || !source || busiest->isEmpty() || zip->isEmpty() || source->isEmpty()) {
        return fail(Error::validation(QStringLiteral("The benchmark database has no teams, ZIP codes or lead sources: seed it first.")));
    }
    const QUuid team = QUuid::fromString(busiest->first().section(u' ', 0, 0));
    progress(QStringLiteral("%1 leads; the busiest team has %2").arg(leads).arg(busiest->first().section(u' ', 1)));

    // Two logins of the benchmark's own: an officer of that team and headquarters.
    const QString password = BenchmarkWorld::newPassword();
    for (const auto& [login, roles] : {std::pair{"bench.officer", "{field_write}"}, std::pair{"bench.hq", "{field_full}"}}) {
        QSqlQuery create(owner.database());
        create.prepare(QStringLiteral("SELECT core.create_login(?, ?, 'Benchmark Officer', ?::text[], 'HQ', '{}')"));
        create.addBindValue(QString::fromLatin1(login));
        create.addBindValue(password);
        create.addBindValue(QString::fromLatin1(roles));
        if (!create.exec()) {
            return fail(SqlErrorTranslator::translate(create.lastError()));
        }
    }
    QSqlQuery member(owner.database());
    member.prepare(QStringLiteral("INSERT INTO field.team_members (team_id, user_id) SELECT ?, id FROM core.users WHERE login = 'bench.officer' "
                                  "ON CONFLICT DO NOTHING"));
    member.addBindValue(team.toString(QUuid::WithoutBraces));
    if (!member.exec()) {
        return fail(SqlErrorTranslator::translate(member.lastError()));
    }

    QList<Case> cases;
    const auto add = [&](const char* name, bool headquarters, auto&& shape) {
        LeadBoardFilter filter;
        shape(filter);
        cases.append({name, headquarters, filter});
    };
    add("team-open-by-priority", false, [](LeadBoardFilter&) {});
    add("team-closed-oldest-first", false, [](LeadBoardFilter& f) {
        f.status = QStringLiteral("closed");
        f.sort = LeadBoardSort::Age;
    });
    add("team-zip-prefix", false, [&](LeadBoardFilter& f) { f.zipPrefix = zip->first(); });
    add("team-source-min-priority", false, [&](LeadBoardFilter& f) {
        f.sourceCode = source->first();
        f.minimumPriority = 10;
        f.status = QStringLiteral("all");
    });
    add("team-older-than-90-days", false, [](LeadBoardFilter& f) { f.minimumAgeDays = 91; });
    add("hq-queue", true, [](LeadBoardFilter& f) { f.scope = LeadBoardScope::HeadquartersQueue; });
    add("hq-all-open-by-priority", true, [](LeadBoardFilter& f) { f.scope = LeadBoardScope::AllTeams; });
    add("hq-all-closed-by-priority", true, [](LeadBoardFilter& f) {
        f.scope = LeadBoardScope::AllTeams;
        f.status = QStringLiteral("closed");
    });
    add("hq-all-zip-prefix-by-zip", true, [&](LeadBoardFilter& f) {
        f.scope = LeadBoardScope::AllTeams;
        f.zipPrefix = zip->first();
        f.sort = LeadBoardSort::Zip;
        f.order = Qt::AscendingOrder;
    });
    add("hq-all-last-7-days", true, [](LeadBoardFilter& f) {
        f.scope = LeadBoardScope::AllTeams;
        f.maximumAgeDays = 7;
        f.status = QStringLiteral("all");
    });

    QList<BenchmarkLine> lines;
    QList<double> everything;
    for (const bool headquarters : {false, true}) {
        ConnectionSettings user = m_owner;
        user.setUser(headquarters ? QStringLiteral("bench.hq") : QStringLiteral("bench.officer"));
        user.setPassword(password);
        const QString name = QStringLiteral("bench-lead-board-user");
        auto opened = Database::open(user, name);
        if (!opened) {
            return fail(opened.error());
        }
        {
            QSqlDatabase database = *opened;
            LeadRepository repository(database);
            for (const Case& each : cases) {
                if (each.headquarters != headquarters) {
                    continue;
                }
                LeadBoardFilter bare = each.filter;
                if (bare.scope == LeadBoardScope::MyTeams) { // the owner is in no team: the same team, named
                    bare.scope = LeadBoardScope::Team;
                    bare.teamId = team;
                }
                const LeadBoardQuery raw(bare);
                QList<double> samples;
                QList<double> baseline;
                int shown = 0;
                for (int run = -2; run < m_options.runs; ++run) { // two warm-ups
                    QElapsedTimer timer;
                    timer.start();
                    auto board = repository.board(each.filter);
                    const double ms = double(timer.nsecsElapsed()) / 1e6;
                    if (!board) {
                        Database::close(name);
                        return fail(board.error());
                    }
                    shown = int(board->rows.size());
                    timer.restart();
                    if (auto done = runBare(owner.database(), raw.rows()); !done) {
                        Database::close(name);
                        return fail(done.error());
                    }
                    if (auto done = runBare(owner.database(), raw.statusCounts()); !done) {
                        Database::close(name);
                        return fail(done.error());
                    }
                    const double rawMs = double(timer.nsecsElapsed()) / 1e6;
                    if (run >= 0) {
                        samples.append(ms);
                        baseline.append(rawMs);
                    }
                }
                everything.append(samples);
                progress(QStringLiteral("%1: %2 rows, median %3 ms").arg(QString::fromLatin1(each.name)).arg(shown)
                             .arg(BenchmarkLine::median(samples), 0, 'f', 1));
                for (const auto& [metric, value, base] :
                     {std::tuple{QStringLiteral("%1-p95").arg(QString::fromLatin1(each.name)), BenchmarkLine::percentile(samples, 0.95),
                                 BenchmarkLine::percentile(baseline, 0.95)},
                      std::tuple{QStringLiteral("%1-median").arg(QString::fromLatin1(each.name)), BenchmarkLine::median(samples),
                                 BenchmarkLine::median(baseline)}}) {
                    BenchmarkLine line{QStringLiteral("lead-board"), metric, value, QStringLiteral("ms"), std::nullopt, false, base, false};
                    if (metric.endsWith(u"-p95")) {
                        line.goal = kGoalMs;
                    }
                    emitLine(line);
                    lines.append(line);
                }
            }
        }
        Database::close(name);
    }
    BenchmarkLine overall{QStringLiteral("lead-board"), QStringLiteral("all-filters-p95"), BenchmarkLine::percentile(everything, 0.95),
                          QStringLiteral("ms"), kGoalMs, false, std::nullopt, false};
    emitLine(overall);
    lines.append(overall);
    return lines;
}

} // namespace ocms
