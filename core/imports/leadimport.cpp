#include "leadimport.h"

#include "csvstaging.h"
#include "db/database.h"
#include "db/sqlerrortranslator.h"
#include "importstatement.h"
#include "leadcsvparser.h"

#include <QElapsedTimer>
#include <QIODevice>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>
#include <variant>

namespace ocms {

namespace {

const char* const kStaging =
    "CREATE TEMP TABLE lead_import (line bigint NOT NULL, a_number text NOT NULL, date_of_birth date, ssn text, "
    "address_line1 text NOT NULL, city text, state text, zip text NOT NULL, relevance_score numeric(5, 2), "
    "source_code text NOT NULL, source_detail text, notes text) ON COMMIT DROP";
const char* const kCopy =
    "COPY pg_temp.lead_import (line, a_number, date_of_birth, ssn, address_line1, city, state, zip, relevance_score, "
    "source_code, source_detail, notes) FROM STDIN";

// Each staged line with what the server knows of it: its fugitive (the at-large record first when a
// person has several), source, ZIP table entry, and the reason it cannot be loaded, if any.
const char* const kResolve =
    "CREATE TEMP TABLE lead_import_resolved ON COMMIT DROP AS "
    "WITH wanted AS (SELECT DISTINCT a_number FROM pg_temp.lead_import), "
    "     fugitives AS (SELECT DISTINCT ON (p.a_number) p.a_number, f.id, f.fugitive_number, f.threat_score, "
    "                          p.date_of_birth, p.ssn "
    "                   FROM wanted w JOIN core.people p ON p.a_number = w.a_number "
    "                   JOIN field.fugitives f ON f.person_id = p.id AND f.deleted_at IS NULL "
    "                   ORDER BY p.a_number, (f.status = 'at_large') DESC, f.created_at DESC) "
    "SELECT s.line, s.address_line1, s.zip, s.relevance_score, s.source_detail, s.notes, "
    "       coalesce(z.city, s.city) AS city, coalesce(z.state, s.state) AS state, z.zip IS NULL AS zip_unknown, "
    "       f.id AS fugitive_id, f.threat_score, src.id AS source_id, src.code AS source_code, "
    "       field.address_key(s.address_line1, s.zip) AS address_key, "
    "       CASE WHEN src.id IS NULL THEN format('unknown lead source %s (field.lead_sources)', s.source_code) "
    "            WHEN f.id IS NULL THEN format('no fugitive record has A-Number %s', s.a_number) "
    "            WHEN s.date_of_birth <> f.date_of_birth "
    "                 THEN format('date_of_birth %s does not match fugitive %s', s.date_of_birth, f.fugitive_number) "
    "            WHEN s.ssn <> f.ssn THEN format('ssn does not match fugitive %s', f.fugitive_number) END AS reject "
    "FROM pg_temp.lead_import s "
    "LEFT JOIN field.lead_sources src ON upper(src.code) = upper(s.source_code) "
    "LEFT JOIN fugitives f ON f.a_number = s.a_number "
    "LEFT JOIN field.zip_codes z ON z.zip = s.zip";

// One row per fugitive and address: the first line of the file for it, with the highest relevance.
// The window is ordered by line and framed over the whole partition, so one sort serves both it and
// DISTINCT ON (two sorts of a million wide rows before).
const char* const kGroups =
    "CREATE TEMP TABLE lead_import_groups ON COMMIT DROP AS "
    "SELECT DISTINCT ON (fugitive_id, address_key) line, fugitive_id, threat_score, source_id, source_code, "
    "       source_detail, address_line1, city, state, zip, notes, address_key, "
    "       max(relevance_score) OVER same AS relevance_score, count(*) OVER same AS copies "
    "FROM pg_temp.lead_import_resolved WHERE reject IS NULL "
    "WINDOW same AS (PARTITION BY fugitive_id, address_key ORDER BY line ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) "
    "ORDER BY fugitive_id, address_key, line";

// An open lead of the same fugitive at the same address takes the report: the higher relevance is kept
// and the new report noted on it (its own source stays).
const char* const kMerge =
    "WITH merged AS ("
    "  UPDATE field.leads l SET relevance_score = greatest(l.relevance_score, g.relevance_score), "
    "         notes = concat_ws(E'\\n', l.notes, format('Reported again on %s by %s%s%s', current_date, g.source_code, "
    "                           ' (' || g.source_detail || ')', ', relevance ' || g.relevance_score)) "
    "  FROM pg_temp.lead_import_groups g "
    "  WHERE l.fugitive_id = g.fugitive_id AND l.status IN ('new', 'assigned', 'in_progress') AND l.deleted_at IS NULL "
    "    AND field.address_key(l.address_line1, l.address_zip) = g.address_key "
    "  RETURNING g.line, g.copies) "
    "INSERT INTO pg_temp.lead_import_merged SELECT DISTINCT line, copies FROM merged";

// New leads, numbered in file order, routed by jurisdiction (the server checks it) and scored (the
// formula of field.lead_score() with the relevance weight read once). Each carries the import's batch id:
// the server then audits them as one batch event and keeps their first routing on the lead (0026).
//
// For speed (FORMATS.md, "Speed"): the rows are written in priority order (highest first, ties in file
// order), and everything an index is keyed by rises in that order: the ids (a UUID laid out as version 7:
// the time, this import's random salt, a counter), the lead numbers and the row versions (drawn from their
// sequences in that same order, after the sort: the column defaults' own expressions; the number is
// formatted outside the subquery that draws it, so core.human_number is inlined). So the primary key, the
// lead number's unique index, the row version index and the board's priority-keyed indexes take each new
// entry next to the previous one instead of on a random page. Numbering in file order instead cost the
// lead number and row version indexes ~16 s of server CPU a million leads (FORMATS.md has the figures).
// The batch event's first and last lead are still the first and last numbers drawn.
const char* const kInsert =
    "WITH inserted AS ("
    "  INSERT INTO field.leads (id, lead_number, row_version, fugitive_id, source_id, source_detail, relevance_score, "
    "                           address_line1, address_city, address_state, address_zip, team_id, assigned_by, assigned_at, "
    "                           status, priority_score, notes, import_batch_id) "
    "  SELECT (k.prefix || lpad(to_hex(row_number() OVER (ORDER BY n.priority_score DESC, n.line)), 8, '0'))::uuid, "
    "         core.human_number('LEAD', now(), n.lead_sequence), n.row_version, n.fugitive_id, n.source_id, coalesce(n.source_detail, ?), n.relevance_score, "
    "         n.address_line1, n.city, n.state, n.zip, n.team_id, 'routing', now(), "
    "         CASE WHEN n.team_id IS NULL THEN 'new' ELSE 'assigned' END, n.priority_score, n.notes, ?::uuid "
    "  FROM (SELECT q.*, nextval('field.lead_number_seq') AS lead_sequence, nextval('sync.row_version_seq') AS row_version "
    "        FROM (SELECT g.line, g.fugitive_id, g.source_id, g.source_detail, g.relevance_score, g.address_line1, g.city, g.state, "
    "                     g.zip, g.notes, j.team_id, "
    "                     round(coalesce(g.threat_score, 0) + coalesce(g.relevance_score, 0) / 100.0 * w.weight, 2) AS priority_score "
    "              FROM pg_temp.lead_import_groups g LEFT JOIN field.jurisdictions j ON j.zip = g.zip "
    "              CROSS JOIN (SELECT coalesce((SELECT weight FROM rules.lead_priority_weights WHERE factor = 'relevance'), 0) AS weight) w "
    "              WHERE NOT EXISTS (SELECT 1 FROM pg_temp.lead_import_merged m WHERE m.line = g.line)) q "
    "        ORDER BY q.priority_score DESC, q.line) n "
    "  CROSS JOIN (SELECT lpad(to_hex((extract(epoch FROM now()) * 1000)::bigint), 12, '0') || '7' || substr(?, 1, 3) || '8' "
    "                     || substr(?, 4, 7) AS prefix) k "
    "  ORDER BY n.priority_score DESC, n.line "
    "  RETURNING team_id) "
    "SELECT count(*), count(*) FILTER (WHERE team_id IS NULL) FROM inserted";

double elapsedMs(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

LeadImport::LeadImport(QSqlDatabase database, LeadImportOptions options)
    : m_database(std::move(database)), m_options(std::move(options))
{
}

Result<LeadImportReport> LeadImport::run(QIODevice* input)
{
    const auto progress = [this](const QString& message) {
        if (m_options.progress) {
            m_options.progress(message);
        }
    };
    const auto exec = [this](const QString& sql, const QVariantList& binds = {}) {
        return runImportStatement(m_database, sql, binds);
    };

    // Refused before anything is read: read-only officers (and anyone else without the right) may not import.
    auto allowed = exec(QStringLiteral("SELECT has_table_privilege('field.leads', 'INSERT') "
                                       "AND has_column_privilege('field.leads', 'relevance_score', 'UPDATE') "
                                       "AND has_column_privilege('field.leads', 'notes', 'UPDATE')"));
    if (!allowed) {
        return fail(allowed.error());
    }
    if (!allowed->next() || !allowed->value(0).toBool()) {
        return fail(Error{ErrorCode::PermissionDenied,
                          QStringLiteral("Importing leads needs read/add/update field access or the import role."), {}});
    }

    LeadImportReport report;
    QElapsedTimer phase;
    phase.start();
    CsvStaging staging(input);
    auto header = staging.header(QStringLiteral("The file is empty: its first line must name the columns (see "
                                                "core/imports/FORMATS.md). Nothing was loaded."));
    if (!header) {
        return fail(header.error());
    }
    auto parser = LeadCsvParser::fromHeader(*header);
    if (!parser) {
        return fail(Error::validation(parser.error().userMessage + QStringLiteral(" Nothing was loaded.")));
    }
    report.ignoredColumns = parser->ignoredColumns();
    if (m_options.source.trimmed().isEmpty() && !parser->hasColumn(QStringLiteral("source"))) {
        return fail(Error::validation(QStringLiteral("Name the source of these leads (--source CODE): the file has no source "
                                                     "column. Nothing was loaded.")));
    }

    if (!m_database.transaction()) {
        return fail(SqlErrorTranslator::translate(m_database.lastError()));
    }
    bool finished = false;
    auto rollback = qScopeGuard([&] {
        if (!finished) {
            m_database.rollback();
        }
    });
    // Every change of this import carries its source and one batch id in the audit trail.
    const QString batch = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (auto tagged = exec(QStringLiteral("SELECT set_config('ocms.source', 'system:lead-import', true), "
                                          "set_config('ocms.batch_id', ?, true), set_config('ocms.import_file', ?, true), "
                                          // Sorts and hashes over a million staged lines stay in memory (this transaction
                                          // only): the sorts of a million wide rows need ~350 MB; at 256 MB they went to disk.
                                          "set_config('work_mem', '512MB', true), "
                                          // The statements run once each: compiling them to machine code (JIT,
                                          // which their estimated cost triggers) costs more than it saves.
                                          "set_config('jit', 'off', true)"),
                           {batch, m_options.fileName.isEmpty() ? QStringLiteral("(standard input)") : m_options.fileName});
        !tagged) {
        return fail(tagged.error());
    }
    for (const char* statement : {kStaging, "CREATE TEMP TABLE lead_import_merged (line bigint, copies bigint) ON COMMIT DROP"}) {
        if (auto created = exec(QString::fromLatin1(statement)); !created) {
            return fail(created.error());
        }
    }

    progress(QStringLiteral("reading and checking lines"));
    auto staged = staging.stage(Database::pgHandle(m_database), kCopy, [&](const CsvRecordReader::Record& record, CopyBuffer& buffer) {
        auto parsed = parser->parse(record.fields, record.line, m_options.source, m_options.today);
        if (const QString* reason = std::get_if<QString>(&parsed)) {
            return std::optional<QString>(*reason);
        }
        const LeadRecord& lead = std::get<LeadRecord>(parsed);
        buffer.number(lead.line).text(lead.aNumber).date(lead.dateOfBirth).optionalText(lead.ssn)
            .text(lead.addressLine1).optionalText(lead.city).optionalText(lead.state).text(lead.zip);
        if (lead.relevanceScore) {
            buffer.decimal(*lead.relevanceScore, 2);
        } else {
            buffer.null();
        }
        buffer.text(lead.sourceCode).optionalText(lead.sourceDetail).optionalText(lead.notes);
        buffer.endRow();
        return std::optional<QString>();
    });
    if (!staged) {
        return fail(staged.error());
    }
    report.linesRead = staged->linesRead;
    report.rejected = staged->rejected;
    const qint64 stagedRows = staged->rows;
    // The file's SHA-256 goes on the import's audit event.
    if (auto hashed = exec(QStringLiteral("SELECT set_config('ocms.import_sha256', ?, true)"), {staging.sha256()}); !hashed) {
        return fail(hashed.error());
    }
    report.readMs = elapsedMs(phase);

    phase.restart();
    progress(QStringLiteral("checking %1 lines against the records").arg(stagedRows));
    for (const char* statement : {"ANALYZE pg_temp.lead_import", kResolve}) {
        if (auto done = exec(QString::fromLatin1(statement)); !done) {
            return fail(done.error());
        }
    }
    auto refused = exec(QStringLiteral("SELECT line, reject FROM pg_temp.lead_import_resolved WHERE reject IS NOT NULL"));
    if (!refused) {
        return fail(refused.error());
    }
    while (refused->next()) {
        report.rejected.append({refused->value(0).toLongLong(), refused->value(1).toString()});
    }
    std::sort(report.rejected.begin(), report.rejected.end());
    auto unknownZips = exec(QStringLiteral("SELECT count(*) FROM pg_temp.lead_import_resolved WHERE reject IS NULL AND zip_unknown"));
    if (!unknownZips) {
        return fail(unknownZips.error());
    }
    report.zipUnknown = unknownZips->next() ? unknownZips->value(0).toLongLong() : 0;
    report.resolveMs = elapsedMs(phase);

    phase.restart();
    progress(QStringLiteral("merging and loading"));
    for (const char* statement : {kGroups, "ANALYZE pg_temp.lead_import_groups", kMerge}) {
        if (auto done = exec(QString::fromLatin1(statement)); !done) {
            return fail(done.error());
        }
    }
    auto folded = exec(QStringLiteral("SELECT coalesce(sum(copies), 0), (SELECT coalesce(sum(copies - 1), 0) FROM pg_temp.lead_import_groups g "
                                      "WHERE NOT EXISTS (SELECT 1 FROM pg_temp.lead_import_merged m WHERE m.line = g.line)) "
                                      "FROM pg_temp.lead_import_merged"));
    if (!folded || !folded->next()) {
        return fail(folded ? SqlErrorTranslator::translate(folded->lastError()) : folded.error());
    }
    report.mergedIntoExisting = folded->value(0).toLongLong();
    report.mergedInFile = folded->value(1).toLongLong();
    const QString detail = QStringLiteral("File %1, imported %2")
                               .arg(m_options.fileName.isEmpty() ? QStringLiteral("(standard input)") : m_options.fileName,
                                    m_options.today.toString(Qt::ISODate));
    // This import's part of the new leads' ids: 40 random bits (hex), so two imports in the same
    // millisecond do not meet.
    const QString salt = QUuid::createUuid().toString(QUuid::Id128).left(10);
    auto inserted = exec(QString::fromLatin1(kInsert), {detail, batch, salt, salt});
    if (!inserted || !inserted->next()) {
        return fail(inserted ? SqlErrorTranslator::translate(inserted->lastError()) : inserted.error());
    }
    report.loaded = inserted->value(0).toLongLong();
    report.headquartersQueue = inserted->value(1).toLongLong();

    const bool load = !m_options.dryRun && !(m_options.strict && !report.rejected.isEmpty());
    if (load) {
        if (!m_database.commit()) {
            return fail(SqlErrorTranslator::translate(m_database.lastError()));
        }
    } else {
        m_database.rollback();
    }
    finished = true;
    report.committed = load;
    report.mergeMs = elapsedMs(phase);
    return report;
}

} // namespace ocms
