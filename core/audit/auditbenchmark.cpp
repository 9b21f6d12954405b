#include "auditbenchmark.h"

#include "auditchainverifier.h"
#include "db/database.h"
#include "db/benchmarkworld.h"
#include "db/scopedconnection.h"
#include "db/sqlerrortranslator.h"
#include "db/syntheticdataseeder.h"
#include "models/caselistquery.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <libpq-fe.h>

namespace ocms {

namespace {

constexpr int kUpdatesPerRun = 2000;
constexpr int kQueryRepetitions = 40;

const QString kBench = QStringLiteral("audit");

Result<void> exec(QSqlDatabase& database, const QString& sql)
{
    QSqlQuery query(database);
    if (!query.exec(sql)) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return {};
}

// Runs single-row updates, each its own transaction, and returns rows per second.
Result<double> timedUpdates(QSqlDatabase& database, const QStringList& ids, int first)
{
    QSqlQuery update(database);
    update.prepare(QStringLiteral("UPDATE legal.cases SET last_action_at = now(), title = title WHERE id = ?::uuid"));
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kUpdatesPerRun; ++i) {
        update.bindValue(0, ids[(first + i) % ids.size()]);
        if (!update.exec()) {
            return fail(SqlErrorTranslator::translate(update.lastError()));
        }
    }
    return kUpdatesPerRun / (double(timer.nsecsElapsed()) / 1e9);
}

} // namespace

AuditBenchmark::AuditBenchmark(ConnectionSettings owner, BenchmarkOptions options)
    : m_owner(std::move(owner)), m_options(std::move(options)),
      m_benchLogin(QStringLiteral("bench_attorney")),
      m_benchPassword(BenchmarkWorld::newPassword())
{
}

Result<void> AuditBenchmark::prepare()
{
    return BenchmarkWorld::prepare(m_owner, m_options.scale, m_options.progress, m_benchLogin, m_benchPassword);
}

Result<QList<BenchmarkLine>> AuditBenchmark::measureUpdates()
{
    ScopedConnection owner(m_owner, QStringLiteral("bench-updates"));
    if (!owner.ok()) {
        return fail(owner.error());
    }
    auto ids = owner.column(QStringLiteral("SELECT id FROM legal.cases TABLESAMPLE SYSTEM (1) LIMIT 20000"));
    if (!ids) {
        return fail(ids.error());
    }
    if (ids->isEmpty()) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The benchmark database has no cases."), {}});
    }
    // Three ways, alternated so all see the same cache and checkpoint weather:
    // audit on; audit switched off for this session (a superuser-only setting: the trigger still fires
    // and returns at once, every other trigger runs); no triggers at all (the plainest update).
    auto measured = [&](const QString& before, const QString& after, int run) -> Result<double> {
        if (auto set = exec(owner.database(), before); !set) {
            return fail(set.error());
        }
        auto rate = timedUpdates(owner.database(), *ids, run * kUpdatesPerRun);
        exec(owner.database(), after);
        return rate;
    };
    QList<double> withAudit;
    QList<double> auditOff;
    QList<double> noTriggers;
    if (auto warm = timedUpdates(owner.database(), *ids, 0); !warm) {
        return fail(warm.error());
    }
    for (int run = 0; run < m_options.runs; ++run) {
        auto on = measured(QStringLiteral("RESET ocms.audit_off"), QStringLiteral("SELECT 1"), run);
        auto off = measured(QStringLiteral("SET ocms.audit_off = on"), QStringLiteral("RESET ocms.audit_off"), run);
        auto plain = measured(QStringLiteral("SET session_replication_role = replica"),
                              QStringLiteral("SET session_replication_role = origin"), run);
        for (const auto* rate : {&on, &off, &plain}) {
            if (!*rate) {
                return fail(rate->error());
            }
        }
        withAudit.append(*on);
        auditOff.append(*off);
        noTriggers.append(*plain);
    }
    return QList<BenchmarkLine>{
        {kBench, QStringLiteral("case_update_rows_per_s"), BenchmarkLine::median(withAudit), QStringLiteral("rows/s"), 0.7,
         true, BenchmarkLine::median(auditOff), true},
        {kBench, QStringLiteral("case_update_rows_per_s_vs_no_triggers"), BenchmarkLine::median(withAudit),
         QStringLiteral("rows/s"), std::nullopt, true, BenchmarkLine::median(noTriggers), false}};
}

Result<BenchmarkLine> AuditBenchmark::measureBulkUpdates()
{
    ScopedConnection owner(m_owner, QStringLiteral("bench-bulk"));
    if (!owner.ok()) {
        return fail(owner.error());
    }
    const qint64 rows = std::min<qint64>(m_options.scale / 10, 50000);
    const QString statement = QStringLiteral(
        "UPDATE legal.cases SET last_action_at = now() WHERE id IN (SELECT id FROM legal.cases ORDER BY id LIMIT %1)").arg(rows);
    QList<double> withAudit;
    QList<double> withoutAudit;
    for (int run = 0; run < std::max(1, m_options.runs / 2); ++run) {
        for (bool audited : {true, false}) {
            if (!audited) {
                exec(owner.database(), QStringLiteral("SET ocms.audit_off = on"));
            }
            QElapsedTimer timer;
            timer.start();
            auto done = exec(owner.database(), statement);
            const double seconds = double(timer.nsecsElapsed()) / 1e9;
            exec(owner.database(), QStringLiteral("RESET ocms.audit_off"));
            if (!done) {
                return fail(done.error());
            }
            (audited ? withAudit : withoutAudit).append(double(rows) / seconds);
        }
    }
    // Informational: one statement over many rows; the goal is set for the interactive single-row case.
    return BenchmarkLine{kBench, QStringLiteral("case_bulk_update_rows_per_s"), BenchmarkLine::median(withAudit),
                         QStringLiteral("rows/s"), std::nullopt, true, BenchmarkLine::median(withoutAudit), false};
}

Result<BenchmarkLine> AuditBenchmark::measureVerify()
{
    ScopedConnection owner(m_owner, QStringLiteral("bench-verify"));
    if (!owner.ok()) {
        return fail(owner.error());
    }
    AuditChainVerifier verifier(owner.database());
    if (m_options.progress) {
        m_options.progress(QStringLiteral("sealing the audit trail"));
    }
    if (auto sealed = verifier.seal(); !sealed) {
        return fail(sealed.error());
    }
    QList<double> verifyRates;
    QList<double> copyRates;
    for (int run = 0; run < m_options.runs; ++run) {
        auto report = verifier.verify();
        if (!report) {
            return fail(report.error());
        }
        if (!report->intact) {
            return fail(Error{ErrorCode::Internal, QStringLiteral("The audit chain is broken: %1").arg(report->problem), {}});
        }
        verifyRates.append(double(report->rowsChecked) / report->seconds);

        // Baseline: the same rows through the same binary COPY, read and thrown away.
        PGconn* connection = Database::pgHandle(owner.database());
        QElapsedTimer timer;
        timer.start();
        PGresult* started = PQexec(connection,
                                   "COPY (SELECT seal_seq, prev_hash, hash, id, tx, occurred_at, action, table_name, record_id, "
                                   "changes, db_user, source, client_addr, client_host, batch_id FROM audit.events "
                                   "WHERE seal_seq IS NOT NULL ORDER BY seal_seq) TO STDOUT (FORMAT binary)");
        PQclear(started);
        qint64 rows = 0;
        char* buffer = nullptr;
        while (PQgetCopyData(connection, &buffer, 0) > 0) {
            ++rows;
            PQfreemem(buffer);
        }
        while (PGresult* result = PQgetResult(connection)) {
            PQclear(result);
        }
        copyRates.append(double(std::max<qint64>(rows - 1, 1)) / (double(timer.nsecsElapsed()) / 1e9));
    }
    return BenchmarkLine{kBench, QStringLiteral("verify_rows_per_s"), BenchmarkLine::median(verifyRates),
                         QStringLiteral("rows/s"), 200000.0, true, BenchmarkLine::median(copyRates), false};
}

Result<QList<BenchmarkLine>> AuditBenchmark::measureRowSecurity()
{
    ScopedConnection owner(m_owner, QStringLiteral("bench-rls-owner"));
    ConnectionSettings attorneySettings = m_owner;
    attorneySettings.setUser(m_benchLogin);
    attorneySettings.setPassword(m_benchPassword);
    ScopedConnection attorney(attorneySettings, QStringLiteral("bench-rls-attorney"));
    if (!owner.ok()) {
        return fail(owner.error());
    }
    if (!attorney.ok()) {
        return fail(attorney.error());
    }
    auto office = owner.column(QStringLiteral("SELECT id FROM core.offices WHERE code = 'OCC-ATL'"));
    if (!office || office->isEmpty()) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The benchmark organisation is missing."), {}});
    }
    // The case workspace's own queries (CaseListQuery over legal.case_list): newest first, A-Number prefix,
    // office and status, party name or alias prefix. Values are inlined here (both roles run the same text).
    const auto inlined = [](const SqlStatement& statement) {
        QString sql = statement.sql;
        for (const QVariant& value : statement.values) {
            const QString literal = value.typeId() == QMetaType::Int ? value.toString()
                                                                      : u'\'' + value.toString().replace(u'\'', QStringLiteral("''")) + u'\'';
            sql.replace(sql.indexOf(u'?'), 1, literal);
        }
        return sql;
    };
    CaseListFilter byNumber;
    byNumber.aNumber = QStringLiteral("2084");
    CaseListFilter byOffice;
    byOffice.officeId = QUuid::fromString(office->first());
    byOffice.status = QStringLiteral("open");
    CaseListFilter byName;
    byName.name = QStringLiteral("garc");
    const QList<std::pair<QString, QString>> queries = {
        {QStringLiteral("case_list_newest_p95_ms"),
         inlined(CaseListQuery({}, CaseListColumn::Opened, Qt::DescendingOrder).firstRows(100))},
        {QStringLiteral("case_list_a_number_prefix_p95_ms"),
         inlined(CaseListQuery(byNumber, CaseListColumn::ANumber, Qt::AscendingOrder).firstRows(100))},
        {QStringLiteral("case_list_office_status_p95_ms"),
         inlined(CaseListQuery(byOffice, CaseListColumn::Opened, Qt::DescendingOrder).firstRows(100))},
        {QStringLiteral("case_list_name_prefix_p95_ms"),
         inlined(CaseListQuery(byName, CaseListColumn::Party, Qt::AscendingOrder).firstRows(100))},
    };
    QList<BenchmarkLine> lines;
    for (const auto& [metric, sql] : queries) {
        QList<double> secured;
        QList<double> bypassed;
        for (int repetition = 0; repetition < kQueryRepetitions + 5; ++repetition) {
            for (ScopedConnection* connection : {&attorney, &owner}) {
                QSqlQuery query(connection->database());
                query.setForwardOnly(true);
                QElapsedTimer timer;
                timer.start();
                if (!query.exec(sql)) {
                    return fail(SqlErrorTranslator::translate(query.lastError()));
                }
                while (query.next()) {
                }
                const double milliseconds = double(timer.nsecsElapsed()) / 1e6;
                if (repetition >= 5) { // the first few warm the caches
                    (connection == &attorney ? secured : bypassed).append(milliseconds);
                }
            }
        }
        lines.append(BenchmarkLine{kBench, metric, BenchmarkLine::percentile(secured, 0.95), QStringLiteral("ms"), 1.2,
                                   false, BenchmarkLine::percentile(bypassed, 0.95), true});
    }
    return lines;
}

Result<QList<BenchmarkLine>> AuditBenchmark::run(const std::function<void(const BenchmarkLine&)>& report)
{
    if (auto prepared = prepare(); !prepared) {
        return fail(prepared.error());
    }
    QList<BenchmarkLine> lines;
    auto add = [&](const BenchmarkLine& line) {
        lines.append(line);
        report(line);
    };
    auto updates = measureUpdates();
    if (!updates) {
        return fail(updates.error());
    }
    for (const BenchmarkLine& line : *updates) {
        add(line);
    }
    auto bulk = measureBulkUpdates();
    if (!bulk) {
        return fail(bulk.error());
    }
    add(*bulk);
    auto verify = measureVerify();
    if (!verify) {
        return fail(verify.error());
    }
    add(*verify);
    auto security = measureRowSecurity();
    if (!security) {
        return fail(security.error());
    }
    for (const BenchmarkLine& line : *security) {
        add(line);
    }
    return lines;
}

} // namespace ocms
