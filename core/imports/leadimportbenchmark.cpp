#include "leadimportbenchmark.h"

#include "db/benchmarkworld.h"
#include "db/database.h"
#include "db/deterministicrandom.h"
#include "db/pgcopy.h"
#include "db/scopedconnection.h"
#include "db/sqlerrortranslator.h"
#include "leadimport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QSqlRecord>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace ocms {

namespace {

const QString kBench = QStringLiteral("leads");
constexpr std::uint64_t kFileSeed = 7007;

// What the generated file holds, to check every run's report against.
struct FileCounts
{
    qint64 lines = 0;
    qint64 invalid = 0;
    qint64 repeats = 0;    // lines repeating an earlier line of the file
    qint64 existing = 0;   // lines repeating an open lead already in the database
};

QByteArray csvField(const QString& text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n')) {
        return text.toUtf8();
    }
    QByteArray quoted = text.toUtf8();
    quoted.replace("\"", "\"\"");
    return '"' + quoted + '"';
}

} // namespace

LeadImportBenchmark::LeadImportBenchmark(ConnectionSettings owner, LeadImportBenchmarkOptions options)
    : m_owner(std::move(owner)), m_options(std::move(options))
{
}

Result<QList<BenchmarkLine>> LeadImportBenchmark::run(const std::function<void(const BenchmarkLine&)>& report)
{
    const auto progress = [this](const QString& message) {
        if (m_options.progress) {
            m_options.progress(message);
        }
    };
    if (auto prepared = BenchmarkWorld::prepare(m_owner, m_options.cases, m_options.progress, QStringLiteral("bench_leads_attorney"),
                                                BenchmarkWorld::newPassword());
        !prepared) {
        return fail(prepared.error());
    }
    ScopedConnection owner(m_owner, QStringLiteral("bench-leads-owner"));
    if (!owner.ok()) {
        return fail(owner.error());
    }
    QSqlDatabase& database = owner.database();
    const auto rows = [&](const QString& sql) -> Result<QList<QStringList>> {
        QSqlQuery query(database);
        query.setForwardOnly(true);
        if (!query.exec(sql)) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        QList<QStringList> result;
        while (query.next()) {
            QStringList row;
            for (int i = 0; i < query.record().count(); ++i) {
                row.append(query.value(i).toString());
            }
            result.append(row);
        }
        return result;
    };

    // The world, read in a fixed order so the file is the same on every machine with the same world.
    auto subjects = rows(QStringLiteral("SELECT p.a_number, coalesce(p.date_of_birth::text, '') FROM field.fugitives f "
                                        "JOIN core.people p ON p.id = f.person_id WHERE p.a_number IS NOT NULL "
                                        "AND f.deleted_at IS NULL ORDER BY p.a_number"));
    auto zips = rows(QStringLiteral("SELECT zip FROM field.jurisdictions ORDER BY zip"));
    auto sources = rows(QStringLiteral("SELECT code FROM field.lead_sources WHERE kind = 'commercial' ORDER BY code LIMIT 1"));
    auto openLeads = rows(QStringLiteral("SELECT p.a_number, l.address_line1, l.address_zip FROM field.leads l "
                                         "JOIN field.fugitives f ON f.id = l.fugitive_id JOIN core.people p ON p.id = f.person_id "
                                         "WHERE l.status IN ('new', 'assigned', 'in_progress') AND l.deleted_at IS NULL "
                                         "AND l.address_line1 IS NOT NULL AND l.address_zip IS NOT NULL AND p.a_number IS NOT NULL "
                                         "ORDER BY l.lead_number LIMIT 20000"));
    for (const auto* answer : {&subjects, &zips, &sources, &openLeads}) {
        if (!*answer) {
            return fail(answer->error());
        }
    }
    if (subjects->isEmpty() || zips->isEmpty() || sources->isEmpty()) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The benchmark world has no fugitives, jurisdictions or commercial lead source."), {}});
    }
    const QString source = sources->first().first();

    QTemporaryDir folder;
    if (!folder.isValid()) {
        return fail(Error::io(QStringLiteral("No temporary folder for the lead file."), folder.errorString()));
    }
    const QString path = folder.filePath(QStringLiteral("leads.csv"));
    FileCounts counts;
    {
        progress(QStringLiteral("writing %1 lead lines").arg(m_options.lines));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            return fail(Error::io(QStringLiteral("Cannot write the lead file."), file.errorString()));
        }
        DeterministicRandom random(kFileSeed);
        QByteArray block = "a_number,family_name,given_name,date_of_birth,ssn,address_line1,city,state,zip,relevance_score,"
                           "source_detail,reported_on,notes\n";
        QList<QByteArray> written; // earlier lines, some repeated
        const QStringList streets = {QStringLiteral("Main St"), QStringLiteral("Oak Ave"), QStringLiteral("Pine Rd"),
                                     QStringLiteral("Cedar Ln"), QStringLiteral("Elm St"), QStringLiteral("Lake Dr")};
        const QStringList families = {QStringLiteral("Example"), QStringLiteral("Sample"), QStringLiteral("Placeholder"),
                                      QStringLiteral("Testperson")};
        for (qint64 i = 0; i < m_options.lines; ++i) {
            QByteArray line;
            const double kind = random.unit();
            if (kind < 0.02 && !written.isEmpty()) {
                line = written.at(qsizetype(random.below(std::uint64_t(written.size()))));
                ++counts.repeats;
            } else if (kind < 0.03 && !openLeads->isEmpty()) {
                const QStringList& lead = openLeads->at(qsizetype(random.below(std::uint64_t(openLeads->size()))));
                line = lead.at(0).toUtf8() + ",,,,," + csvField(lead.at(1)) + ",,," + lead.at(2).toUtf8() + ",55.50,,,\n";
                ++counts.existing;
            } else if (kind < 0.04) {
                // Invalid: a ZIP of four digits, or an A-Number of seven digits.
                line = random.chance(0.5) ? QByteArray("A123456,,,,,1 Nowhere Rd,,,12345,,,,\n")
                                          : QByteArray("A-500-000-001,,,,,1 Nowhere Rd,,,1234,,,,\n");
                ++counts.invalid;
            } else {
                const QStringList& subject = subjects->at(qsizetype(random.below(std::uint64_t(subjects->size()))));
                const QString zip = random.chance(0.97) ? random.pick(*zips).at(0)
                                                        : QStringLiteral("%1").arg(99000 + random.between(0, 899), 5, 10, QChar(u'0'));
                line = subject.at(0).toUtf8() + ',' + random.pick(families).toUtf8() + ",Alex," + subject.at(1).toUtf8() + ",,"
                     + csvField(QStringLiteral("%1 %2, Apt %3").arg(random.between(1, 9999)).arg(random.pick(streets)).arg(i))
                     + ",Somewhere,ZZ," + zip.toUtf8() + ','
                     + QByteArray::number(double(random.between(1000, 9999)) / 100.0, 'f', 2)
                     + ",Batch 2026-11," + QByteArray("2026-11-0") + QByteArray::number(random.between(1, 9))
                     + ",Provider match\n";
                if (written.size() < 50000) {
                    written.append(line);
                }
            }
            block += line;
            ++counts.lines;
            if (block.size() > (8 << 20)) {
                file.write(block);
                block.clear();
            }
        }
        file.write(block);
        file.close();
    }

    // The plainest way: the same file, COPY ... CSV HEADER into a bare table.
    const auto rawCopy = [&]() -> Result<double> {
        QSqlQuery query(database);
        if (!database.transaction()) {
            return fail(SqlErrorTranslator::translate(database.lastError()));
        }
        if (!query.exec(QStringLiteral("CREATE TABLE public.bench_leads_raw (a_number text, family_name text, given_name text, "
                                       "date_of_birth text, ssn text, address_line1 text, city text, state text, zip text, "
                                       "relevance_score text, source_detail text, reported_on text, notes text)"))) {
            database.rollback();
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        QElapsedTimer timer;
        timer.start();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            database.rollback();
            return fail(Error::io(QStringLiteral("Cannot read the lead file."), file.errorString()));
        }
        PgCopy copy(Database::pgHandle(database));
        if (auto begun = copy.begin("COPY public.bench_leads_raw FROM STDIN (FORMAT csv, HEADER true)"); !begun) {
            database.rollback();
            return fail(begun.error());
        }
        while (!file.atEnd()) {
            if (auto sent = copy.write(file.read(4 << 20)); !sent) {
                copy.abort("read failed");
                database.rollback();
                return fail(sent.error());
            }
        }
        auto loaded = copy.finish();
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        database.rollback();
        if (!loaded) {
            return fail(loaded.error());
        }
        if (*loaded != counts.lines) {
            return fail(Error{ErrorCode::Internal, QStringLiteral("Raw COPY loaded %1 rows of %2.").arg(*loaded).arg(counts.lines), {}});
        }
        return seconds;
    };

    // A dry run ends in ROLLBACK, which leaves its ~1,000,000 rows in field.leads and their entries in every
    // index as dead space; without a VACUUM each run inserts among the previous runs' remains (the table
    // grew to 30 times its live size over a few benches, and each run was slower than the one before).
    // Before the runs and after each one, outside the timed part, field.leads is rewritten compactly
    // (VACUUM FULL: the state of a freshly restored database, the same for every run; with the bench
    // world's 100,000 leads it is faster than a plain VACUUM of a million dead rows) and the tables the
    // import also writes are vacuumed. The output says so, with the dead rows found and the size after.
    const auto vacuum = [&]() -> Result<QString> {
        QElapsedTimer timer;
        timer.start();
        auto dead = rows(QStringLiteral("SELECT coalesce(sum(n_dead_tup), 0) FROM pg_stat_user_tables "
                                        "WHERE relid IN ('field.leads'::regclass, 'field.lead_assignments'::regclass)"));
        if (!dead) {
            return fail(dead.error());
        }
        QSqlQuery query(database);
        for (const QString& statement :
             {QStringLiteral("VACUUM (FULL, ANALYZE) field.leads"),
              QStringLiteral("VACUUM (ANALYZE) field.lead_assignments, field.lead_counts_by_zip, field.lead_counts_by_day, "
                             "field.lead_counts_by_source")}) {
            if (!query.exec(statement)) {
                return fail(SqlErrorTranslator::translate(query.lastError()));
            }
        }
        auto size = rows(QStringLiteral("SELECT pg_size_pretty(pg_total_relation_size('field.leads'))"));
        if (!size) {
            return fail(size.error());
        }
        return QStringLiteral("VACUUM FULL of field.leads (%1 dead rows before; %2 now with its indexes) in %3 s")
            .arg(dead->value(0).value(0), size->value(0).value(0))
            .arg(double(timer.nsecsElapsed()) / 1e9, 0, 'f', 1);
    };
    if (auto vacuumed = vacuum(); !vacuumed) {
        return fail(vacuumed.error());
    } else {
        progress(QStringLiteral("before the runs (not timed): ") + *vacuumed);
    }

    QList<double> importSeconds, copySeconds, readMs, resolveMs, mergeMs;
    for (int run = 0; run <= m_options.runs; ++run) { // run 0 warms up
        progress(run == 0 ? QStringLiteral("warm-up") : QStringLiteral("run %1 of %2").arg(run).arg(m_options.runs));
        auto raw = rawCopy();
        if (!raw) {
            return fail(raw.error());
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(Error::io(QStringLiteral("Cannot read the lead file."), file.errorString()));
        }
        LeadImportOptions options;
        options.source = source;
        options.fileName = QStringLiteral("leads.csv");
        options.dryRun = true; // everything but COMMIT: the same database for every run
        QElapsedTimer timer;
        timer.start();
        auto imported = LeadImport(database, options).run(&file);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        if (!imported) {
            return fail(imported.error());
        }
        const qint64 accounted = imported->loaded + imported->mergedIntoExisting + imported->mergedInFile + imported->rejected.size();
        if (accounted != counts.lines || imported->rejected.size() != counts.invalid) {
            return fail(Error{ErrorCode::Internal, QStringLiteral("The import's counts disagree with the file."),
                              QStringLiteral("%1 lines: %2 new, %3 merged into open leads (file: %4), %5 repeated, %6 rejected (file: %7)")
                                  .arg(counts.lines).arg(imported->loaded).arg(imported->mergedIntoExisting).arg(counts.existing)
                                  .arg(imported->mergedInFile).arg(imported->rejected.size()).arg(counts.invalid)});
        }
        progress(QStringLiteral("  import %1 s (read+check+stage %2 s, resolve %3 s, merge+load %4 s), raw COPY %5 s; "
                                "%6 new, %7 to HQ, %8 merged, %9 repeated, %10 rejected")
                     .arg(seconds, 0, 'f', 2).arg(imported->readMs / 1000, 0, 'f', 2).arg(imported->resolveMs / 1000, 0, 'f', 2)
                     .arg(imported->mergeMs / 1000, 0, 'f', 2).arg(*raw, 0, 'f', 2).arg(imported->loaded)
                     .arg(imported->headquartersQueue).arg(imported->mergedIntoExisting).arg(imported->mergedInFile)
                     .arg(imported->rejected.size()));
        if (auto vacuumed = vacuum(); !vacuumed) {
            return fail(vacuumed.error());
        } else {
            progress(QStringLiteral("  after the run (not timed): ") + *vacuumed);
        }
        if (run == 0) {
            continue;
        }
        importSeconds << seconds;
        copySeconds << *raw;
        readMs << imported->readMs;
        resolveMs << imported->resolveMs;
        mergeMs << imported->mergeMs;
    }

    QList<BenchmarkLine> lines;
    const auto emitLine = [&](const BenchmarkLine& line) {
        lines.append(line);
        report(line);
    };
    const double importMedian = BenchmarkLine::median(importSeconds);
    const double copyMedian = BenchmarkLine::median(copySeconds);
    const double linesPerSecond = double(counts.lines) / importMedian;
    const double copyLinesPerSecond = double(counts.lines) / copyMedian;
    emitLine({kBench, QStringLiteral("import_1m_lines_median_s"), importMedian, QStringLiteral("s"), 60.0, false, copyMedian, false});
    emitLine({kBench, QStringLiteral("import_lines_per_s_vs_raw_copy"), linesPerSecond, QStringLiteral("lines/s"), 0.3, true,
              copyLinesPerSecond, true});
    emitLine({kBench, QStringLiteral("import_read_check_stage_median_ms"), BenchmarkLine::median(readMs), QStringLiteral("ms"),
              std::nullopt, false, std::nullopt, false});
    emitLine({kBench, QStringLiteral("import_resolve_median_ms"), BenchmarkLine::median(resolveMs), QStringLiteral("ms"),
              std::nullopt, false, std::nullopt, false});
    emitLine({kBench, QStringLiteral("import_merge_load_median_ms"), BenchmarkLine::median(mergeMs), QStringLiteral("ms"),
              std::nullopt, false, std::nullopt, false});
    return lines;
}

} // namespace ocms
