#include "syncengine.h"

#include "db/pgrowstream.h"
#include "db/pgstatementinflight.h"
#include "db/snapshotsidequery.h"
#include "db/sqlrowstream.h"
#include "db/sqlsession.h"
#include "pullwriter.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

namespace ocms {

namespace {

// A pull takes the fugitive records that have arrived on the side connection every this many rows.
constexpr qint64 kRowsBetweenSideReads = 200;

// Where a sync spends its time, phase by phase: QT_LOGGING_RULES="ocms.sync.debug=true".
Q_LOGGING_CATEGORY(lcSync, "ocms.sync", QtInfoMsg)

QString text(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

// The ids the copy holds, as a PostgreSQL array literal for sync.pull_*(…, p_known).
Result<QString> knownIds(EncryptedCache& cache, const QString& table)
{
    auto rows = cache.rows(QStringLiteral("SELECT id FROM %1").arg(table)); // table: a fixed name, never user input
    if (!rows) {
        return fail(rows.error());
    }
    QString array;
    array.reserve(rows->size() * 37 + 2);
    array += u'{';
    for (qsizetype i = 0; i < rows->size(); ++i) {
        if (i > 0) {
            array += u',';
        }
        array += rows->at(i).first().toString();
    }
    array += u'}';
    return array;
}

} // namespace

void SyncEngine::progress(const QString& phase, qint64 done) const
{
    qCDebug(lcSync) << phase << done << "rows so far";
    if (m_progress) {
        m_progress({phase, done});
    }
}

Result<SyncReport> SyncEngine::run(const QUuid& deviceId, const QString& deviceName)
{
    SyncReport report;
    SqlSession sql(m_server);
    progress(QStringLiteral("Checking in"), 0);
    auto checkedIn = sql.firstRow(QStringLiteral("SELECT sync.check_in(?::uuid, ?) AS wipe"), {text(deviceId), deviceName});
    if (!checkedIn) {
        return fail(checkedIn.error());
    }
    if (checkedIn->value(QStringLiteral("wipe")).toBool()) {
        // Nothing more is sent or fetched: the owner of the copy wipes it and confirms (OfflineStore).
        report.wipeOrdered = true;
        return report;
    }
    if (auto pushed = push(report); !pushed) {
        return fail(pushed.error());
    }
    if (auto pulled = pull(report); !pulled) {
        return fail(pulled.error());
    }
    report.finishedAt = QDateTime::currentDateTimeUtc();
    progress(QStringLiteral("Done"), report.sent + report.activities + report.fugitives + report.leads);
    return report;
}

namespace {

// The changes as sync.apply_changes takes them.
QByteArray changesJson(const QList<OutboxChange>& batch)
{
    QJsonArray changes;
    for (const OutboxChange& change : batch) {
        changes.append(QJsonObject{{QStringLiteral("id"), text(change.id)},
                                   {QStringLiteral("kind"), change.kind},
                                   {QStringLiteral("table"), change.targetTable},
                                   {QStringLiteral("target"), text(change.targetId)},
                                   {QStringLiteral("payload"), change.payload}});
    }
    return QJsonDocument(changes).toJson(QJsonDocument::Compact);
}

} // namespace

Result<void> SyncEngine::push(SyncReport& report)
{
    // A pipeline of batches: while the server applies one batch, the laptop reads the next from the outbox
    // and saves the answers of the one before. Each batch is one statement, so one server transaction: a cut
    // before its commit leaves nothing, a cut after it leaves answers the next attempt receives again (the
    // server keeps each change id's outcome), whichever batch was in flight.
    Outbox& outbox = m_cache.outbox();
    auto batch = outbox.pending(kChangesPerPush);
    if (!batch) {
        return fail(batch.error());
    }
    if (batch->isEmpty()) {
        return {};
    }
    const QByteArray applyChanges = QByteArrayLiteral("SELECT answer::text FROM sync.apply_changes($1::jsonb) AS answer");
    progress(QStringLiteral("Sending changes"), report.sent);
    auto inFlight = PgStatementInFlight::send(m_server, applyChanges, {changesJson(*batch)});
    if (!inFlight) {
        (void)outbox.noteFailure(batch->first().id, inFlight.error().userMessage);
        return fail(inFlight.error());
    }
    while (true) {
        auto next = outbox.pending(kChangesPerPush, batch->last().sequence);
        if (!next) {
            return fail(next.error());
        }
        const QByteArray nextJson = next->isEmpty() ? QByteArray() : changesJson(*next);
        QHash<QString, QJsonObject> answers;
        auto answered = inFlight->collect([&](const PgRow& row) -> Result<void> {
            const QJsonObject answer = QJsonDocument::fromJson(row.text(0).toByteArray()).object();
            answers.insert(answer.value(QStringLiteral("id")).toString(), answer);
            return {};
        });
        if (!answered) {
            // Counted against the oldest change, so the sync screen shows why nothing moves.
            (void)outbox.noteFailure(batch->first().id, answered.error().userMessage);
            return fail(answered.error());
        }
        if (!next->isEmpty()) {
            progress(QStringLiteral("Sending changes"), report.sent + batch->size());
            inFlight = PgStatementInFlight::send(m_server, applyChanges, {nextJson});
            if (!inFlight) {
                (void)outbox.noteFailure(next->first().id, inFlight.error().userMessage);
            }
        }
        progress(QStringLiteral("Saving the server's answers"), report.sent);
        auto settled = settle(*batch, answers, report);
        if (!settled || next->isEmpty()) {
            return settled; // a batch still in flight is cancelled, or answers again next time
        }
        if (!inFlight) {
            return fail(inFlight.error());
        }
        batch = std::move(next);
    }
}

Result<void> SyncEngine::settle(const QList<OutboxChange>& batch, const QHash<QString, QJsonObject>& answers, SyncReport& report)
{
    return m_cache.cache().inTransaction([&]() -> Result<void> {
        for (const OutboxChange& change : batch) {
            const QJsonObject answer = answers.value(text(change.id));
            const QString outcome = answer.value(QStringLiteral("outcome")).toString();
            if (outcome.isEmpty()) {
                return fail(Error::server(QStringLiteral("The server did not answer every offline change; they will be sent again.")));
            }
            const QJsonObject detail = answer.value(QStringLiteral("detail")).toObject();
            QString message = detail.value(QStringLiteral("message")).toString();
            if (outcome == QLatin1String("conflict")) {
                QStringList fields;
                for (const QJsonValue& conflict : detail.value(QStringLiteral("conflicts")).toArray()) {
                    fields.append(conflict.toObject().value(QStringLiteral("field")).toString());
                }
                message = QStringLiteral("Changed on the server too (%1): choose which value to keep.").arg(fields.join(QStringLiteral(", ")));
                ++report.conflicts;
            } else if (outcome == QLatin1String("rejected")) {
                ++report.rejected;
            } else {
                ++report.applied;
            }
            ++report.sent;
            if (auto kept = m_cache.settle(change, outcome, message); !kept) {
                return kept;
            }
        }
        return {};
    });
}

Result<void> SyncEngine::pull(SyncReport& report)
{
    EncryptedCache& cache = m_cache.cache();
    auto since = m_cache.state(QStringLiteral("cursor"));
    auto knownLeads = knownIds(cache, QStringLiteral("leads"));
    auto knownFugitives = knownIds(cache, QStringLiteral("fugitives"));
    auto knownCases = knownIds(cache, QStringLiteral("cases"));
    auto knownDocuments = knownIds(cache, QStringLiteral("case_documents"));
    for (const auto* known : {&knownLeads, &knownFugitives, &knownCases, &knownDocuments}) {
        if (!*known) {
            return fail(known->error());
        }
    }
    if (!since) {
        return fail(since.error());
    }
    const QString from = since->isEmpty() ? QStringLiteral("0") : *since;
    PullWriter writer(cache);
    SqlSession sql(m_server);
    auto pulled = sql.inSnapshot([&]() -> Result<void> {
        // The horizon first: it fixes the snapshot every read below sees.
        auto horizon = sql.firstRow(QStringLiteral("SELECT sync.pull_horizon()::text AS horizon, sync.may_cache_field() AS field, "
                                                   "  (SELECT full_name FROM core.users WHERE login = session_user) AS officer"),
                                    {});
        if (!horizon) {
            return fail(horizon.error());
        }
        if (auto begun = writer.begin(); !begun) {
            return begun;
        }
        // The field pulls name the field tables: only for a user who may read them (else pull_gone names
        // everything the laptop holds).
        if (horizon->value(QStringLiteral("field")).toBool()) {
            // Fugitive records and leads come on two more connections in the same snapshot, so three server
            // processes make them at once; the copy takes fugitive records between activity rows, and leads
            // only after the last activity (below).
            auto snapshot = sql.firstRow(QStringLiteral("SELECT pg_export_snapshot() AS snapshot"), {});
            if (!snapshot) {
                return fail(snapshot.error());
            }
            const QString snapshotId = snapshot->value(QStringLiteral("snapshot")).toString();
            SnapshotSideQuery fugitives(m_server, snapshotId,
                                        QByteArrayLiteral("SELECT id, fugitive_number, name, status, row_version, detail "
                                                          "FROM sync.pull_fugitives($1::xid8, $2::uuid[])"),
                                        {from.toUtf8(), knownFugitives->toUtf8()});
            SnapshotSideQuery leads(m_server, snapshotId,
                                    QByteArrayLiteral("SELECT id, fugitive_id, lead_number, status, priority_score, team_code, address_zip,"
                                                      "  address_city, fugitive_name, created_at, row_version, detail "
                                                      "FROM sync.pull_leads($1::xid8, $2::uuid[])"),
                                    {from.toUtf8(), knownLeads->toUtf8()});
            const auto writeSideRows = [&](const std::vector<SnapshotSideQuery::Row>& rows, bool lead) -> Result<void> {
                QList<CacheText> values;
                for (const SnapshotSideQuery::Row& row : rows) {
                    values.clear();
                    for (const std::optional<QByteArray>& value : row) {
                        values.append(value ? CacheText(QByteArrayView(*value)) : CacheText());
                    }
                    ++(lead ? report.leads : report.fugitives);
                    if (auto written = lead ? writer.lead(values) : writer.fugitive(values); !written) {
                        return written;
                    }
                }
                return {};
            };
            qint64 sinceTaken = 0;
            const auto takeFugitives = [&]() -> Result<void> {
                if (++sinceTaken < kRowsBetweenSideReads) {
                    return {};
                }
                sinceTaken = 0;
                return writeSideRows(fugitives.take(), false);
            };
            // Activities before their leads: a lead is "known" once written, so a pull cut in between fetches
            // the activities again next time (the lead is still unknown then). The server's lead rows wait in
            // memory meanwhile.
            progress(QStringLiteral("Receiving activities"), 0);
            auto activities = streamPgRows(m_server, QByteArrayLiteral("SELECT * FROM sync.pull_activities($1::xid8, $2::uuid[])"),
                                           {from.toUtf8(), knownLeads->toUtf8()}, [&](const PgRow& row) -> Result<void> {
                                               ++report.activities;
                                               if (auto written = writer.activity(row); !written) {
                                                   return written;
                                               }
                                               return takeFugitives();
                                           });
            if (!activities) {
                return activities;
            }
            progress(QStringLiteral("Receiving leads"), writer.written());
            std::vector<SnapshotSideQuery::Row> rows;
            while (leads.waitForMore(rows)) {
                if (auto written = writeSideRows(rows, true); !written) {
                    return written;
                }
                if (auto written = writeSideRows(fugitives.take(), false); !written) {
                    return written;
                }
            }
            if (auto received = leads.outcome(); !received) {
                return received;
            }
            progress(QStringLiteral("Receiving fugitive records"), writer.written());
            while (fugitives.waitForMore(rows)) {
                if (auto written = writeSideRows(rows, false); !written) {
                    return written;
                }
            }
            if (auto received = fugitives.outcome(); !received) {
                return received;
            }
        }
        progress(QStringLiteral("Checking what the copy may keep"), writer.written());
        auto gone = streamRows(m_server, QStringLiteral("SELECT kind, id FROM sync.pull_gone(?::uuid[], ?::uuid[])"),
                               {*knownLeads, *knownFugitives}, [&](const QSqlQuery& row) -> Result<void> {
                                   ++report.removed;
                                   return writer.gone(row.value(0).toString(), row.value(1).toString());
                               });
        if (!gone) {
            return gone;
        }
        // An attorney's pinned cases: documents before their cases, for the same reason as activities.
        progress(QStringLiteral("Receiving pinned case documents"), writer.written());
        auto documents = streamRows(m_server,
                                    QStringLiteral("SELECT * FROM sync.pull_case_documents(?::xid8, ?::uuid[])"),
                                    {from, *knownDocuments}, [&](const QSqlQuery& row) -> Result<void> {
                                        ++report.documents;
                                        return writer.caseDocument(row);
                                    });
        if (!documents) {
            return documents;
        }
        auto cases = streamRows(m_server,
                                QStringLiteral("SELECT id, case_number, title, status, row_version, detail::text FROM sync.pull_cases(?::xid8, ?::uuid[])"),
                                {from, *knownCases}, [&](const QSqlQuery& row) -> Result<void> {
                                    ++report.cases;
                                    return writer.pinnedCase(row);
                                });
        if (!cases) {
            return cases;
        }
        auto goneCases = streamRows(m_server, QStringLiteral("SELECT kind, id FROM sync.pull_gone_cases(?::uuid[], ?::uuid[])"),
                                    {*knownCases, *knownDocuments}, [&](const QSqlQuery& row) -> Result<void> {
                                        ++report.removed;
                                        return writer.gone(row.value(0).toString(), row.value(1).toString());
                                    });
        if (!goneCases) {
            return goneCases;
        }
        const QString officer = horizon->value(QStringLiteral("officer")).toString();
        if (!officer.isEmpty()) {
            if (auto named = m_cache.setOfficerName(officer); !named) {
                return named;
            }
        }
        progress(QStringLiteral("Saving"), writer.written());
        return writer.finish(horizon->value(QStringLiteral("horizon")).toString());
    });
    if (!pulled) {
        writer.abandon();
        return pulled;
    }
    return {};
}

} // namespace ocms
