#include "eidimportbenchmark.h"

#include "db/benchmarkworld.h"
#include "db/database.h"
#include "db/deterministicrandom.h"
#include "db/pgcopy.h"
#include "db/scopedconnection.h"
#include "db/sqlerrortranslator.h"
#include "eidextractparser.h"
#include "eidextractwriter.h"
#include "eidimport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace ocms {

namespace {

const QString kBench = QStringLiteral("import");
constexpr std::uint64_t kFileSeed = 9009;

// What the generated file holds, to check every run's report against.
struct FileCounts
{
    qint64 lines = 0;
    qint64 known = 0;        // subjects whose A-Number a person in OCMS holds
    qint64 custody = 0;      // of those, with a custody status other than their open case's
    qint64 renamed = 0;      // with a name OCMS does not know for them
    qint64 birthDiffers = 0; // with another date of birth than OCMS holds
    qint64 unknown = 0;      // A-Numbers OCMS does not know
    qint64 invalid = 0;
};

} // namespace

EidImportBenchmark::EidImportBenchmark(ConnectionSettings owner, EidImportBenchmarkOptions options)
    : m_owner(std::move(owner)), m_options(std::move(options))
{
}

Result<QList<BenchmarkLine>> EidImportBenchmark::run(const std::function<void(const BenchmarkLine&)>& report)
{
    const auto progress = [this](const QString& message) {
        if (m_options.progress) {
            m_options.progress(message);
        }
    };
    if (auto prepared = BenchmarkWorld::prepare(m_owner, m_options.cases, m_options.progress, QStringLiteral("bench_import_attorney"),
                                                BenchmarkWorld::newPassword());
        !prepared) {
        return fail(prepared.error());
    }
    ScopedConnection owner(m_owner, QStringLiteral("bench-import-owner"));
    if (!owner.ok()) {
        return fail(owner.error());
    }
    QSqlDatabase& database = owner.database();
    const auto exec = [&](const QString& sql) -> Result<QSqlQuery> {
        QSqlQuery query(database);
        query.setForwardOnly(true);
        if (!query.exec(sql)) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        return query;
    };
    const QDate asOf = QDate::currentDate();

    QTemporaryDir folder;
    if (!folder.isValid()) {
        return fail(Error::io(QStringLiteral("No temporary folder for the extract."), folder.errorString()));
    }
    const QString path = folder.filePath(QStringLiteral("eid-extract.csv"));
    FileCounts counts;
    {
        progress(QStringLiteral("writing %1 EID extract lines").arg(m_options.lines));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            return fail(Error::io(QStringLiteral("Cannot write the extract."), file.errorString()));
        }
        // Every A-Number OCMS holds, so the unknown subjects' numbers are really unknown.
        QSet<quint32> held;
        {
            auto numbers = exec(QStringLiteral("SELECT a_number FROM core.people WHERE a_number IS NOT NULL"));
            if (!numbers) {
                return fail(numbers.error());
            }
            while (numbers->next()) {
                held.insert(numbers->value(0).toString().toUInt());
            }
        }
        // The world's people with an open immigration case, in a fixed order (the same file for the same world).
        auto people = exec(QStringLiteral(
            "SELECT DISTINCT ON (p.a_number) p.a_number, p.family_name, coalesce(p.given_name, ''), coalesce(p.date_of_birth::text, ''), "
            "coalesce(p.nationality, ''), coalesce(p.sex, ''), coalesce(c.custody_status, '') "
            "FROM core.people p JOIN legal.cases c ON c.a_number = p.a_number AND c.category = 'immigration' "
            "AND c.deleted_at IS NULL AND c.status <> 'closed' WHERE p.deleted_at IS NULL "
            "ORDER BY p.a_number, p.created_at, p.id"));
        if (!people) {
            return fail(people.error());
        }
        DeterministicRandom random(kFileSeed);
        QByteArray block = EidExtractWriter::header();
        const auto flush = [&]() -> Result<void> {
            if (file.write(block) != block.size()) {
                return fail(Error::io(QStringLiteral("Cannot write the extract."), file.errorString()));
            }
            block.clear();
            return {};
        };
        const qint64 invalidEvery = 200; // 0.5 % of the lines
        while (counts.lines < m_options.lines) {
            ++counts.lines;
            if (counts.lines % invalidEvery == 0) {
                // An A-Number of seven digits.
                block += "777" + QByteArray::number(counts.lines) + ",A1234567,INVALID,LINE,,,,,,,,,,detained\n";
                ++counts.invalid;
                continue;
            }
            EidRecord record;
            if (people->next()) {
                record.aNumber = people->value(0).toString();
                record.familyName = people->value(1).toString();
                record.givenName = people->value(2).toString();
                record.dateOfBirth = QDate::fromString(people->value(3).toString(), Qt::ISODate);
                record.country = people->value(4).toString();
                record.sex = people->value(5).toString();
                EidExtractWriter::inventEnforcement(record, random, asOf);
                const QString caseStatus = people->value(6).toString();
                if (random.chance(0.95) && !caseStatus.isEmpty()) {
                    record.custodyStatus = caseStatus; // unchanged since the last extract
                }
                if (record.custodyStatus != caseStatus) {
                    ++counts.custody;
                }
                if (random.chance(0.01)) {
                    record.familyName += QStringLiteral(" EIDNAME");
                    ++counts.renamed;
                }
                if (record.dateOfBirth.isValid() && random.chance(0.002)) {
                    record.dateOfBirth = record.dateOfBirth.addDays(1);
                    if (record.dateOfBirth > asOf) {
                        record.dateOfBirth = record.dateOfBirth.addDays(-2);
                    }
                    ++counts.birthDiffers;
                }
                ++counts.known;
            } else {
                // A subject OCMS does not know (yet): kept for create-from-import.
                quint32 number = 0;
                do {
                    number = quint32(100000000 + random.below(899999999));
                } while (held.contains(number));
                held.insert(number);
                record.aNumber = QString::number(number);
                record.familyName = QStringLiteral("UNKNOWN%1").arg(counts.unknown % 997);
                record.givenName = QStringLiteral("SUBJECT");
                record.dateOfBirth = random.dateBetween(asOf.addYears(-80), asOf.addYears(-18));
                record.country = QStringLiteral("MX");
                record.sex = random.chance(0.5) ? QStringLiteral("F") : QStringLiteral("M");
                EidExtractWriter::inventEnforcement(record, random, asOf);
                ++counts.unknown;
            }
            record.subjectId = QStringLiteral("9") + record.aNumber;
            block += EidExtractWriter::line(record);
            if (block.size() > (8 << 20)) {
                if (auto written = flush(); !written) {
                    return fail(written.error());
                }
            }
        }
        if (auto written = flush(); !written) {
            return fail(written.error());
        }
        file.close();
        progress(QStringLiteral("  %1 lines: %2 known subjects (%3 new custody status, %4 new name, %5 other date of birth), "
                                "%6 unknown, %7 invalid")
                     .arg(counts.lines).arg(counts.known).arg(counts.custody).arg(counts.renamed).arg(counts.birthDiffers)
                     .arg(counts.unknown).arg(counts.invalid));
    }

    // The plainest way: the same file, COPY ... CSV HEADER into a bare text table.
    const auto rawCopy = [&]() -> Result<double> {
        if (!database.transaction()) {
            return fail(SqlErrorTranslator::translate(database.lastError()));
        }
        QStringList columns;
        for (const QString& name : EidExtractParser::columns()) {
            columns.append(name + QStringLiteral(" text"));
        }
        if (auto created = exec(QStringLiteral("CREATE TABLE public.bench_eid_raw (%1)").arg(columns.join(QStringLiteral(", ")))); !created) {
            database.rollback();
            return fail(created.error());
        }
        QElapsedTimer timer;
        timer.start();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            database.rollback();
            return fail(Error::io(QStringLiteral("Cannot read the extract."), file.errorString()));
        }
        PgCopy copy(Database::pgHandle(database));
        if (auto begun = copy.begin("COPY public.bench_eid_raw FROM STDIN (FORMAT csv, HEADER true)"); !begun) {
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

    // A dry run's ROLLBACK leaves the rows it wrote as dead space: cleared between runs, not timed.
    const auto vacuum = [&]() -> Result<double> {
        QElapsedTimer timer;
        timer.start();
        if (auto vacuumed = exec(QStringLiteral("VACUUM (ANALYZE) imports.eid_subjects, imports.imported_files, imports.source_conflicts, "
                                                "core.person_aliases, core.people, legal.cases"));
            !vacuumed) {
            return fail(vacuumed.error());
        }
        return double(timer.nsecsElapsed()) / 1e9;
    };
    if (auto vacuumed = vacuum(); !vacuumed) {
        return fail(vacuumed.error());
    }

    QList<double> importSeconds, copySeconds, readMs, mergeMs;
    for (int run = 0; run <= m_options.runs; ++run) { // run 0 warms up
        progress(run == 0 ? QStringLiteral("warm-up") : QStringLiteral("run %1 of %2").arg(run).arg(m_options.runs));
        auto raw = rawCopy();
        if (!raw) {
            return fail(raw.error());
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(Error::io(QStringLiteral("Cannot read the extract."), file.errorString()));
        }
        EidImportOptions options;
        options.fileName = QStringLiteral("eid-extract.csv");
        options.dryRun = true; // everything but COMMIT: the same database for every run
        options.today = asOf;
        QElapsedTimer timer;
        timer.start();
        auto imported = EidImport(database, options).run(&file);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        if (!imported) {
            return fail(imported.error());
        }
        if (imported->rejected.size() != counts.invalid || imported->matched != counts.known || imported->unmatched != counts.unknown
            || imported->casesChanged != counts.custody || imported->aliasesAdded != counts.renamed
            || imported->conflicts != counts.birthDiffers) {
            return fail(Error{ErrorCode::Internal, QStringLiteral("The import's counts disagree with the file."),
                              QStringLiteral("rejected %1 (file %2), matched %3 (%4), unknown %5 (%6), custody %7 (%8), aliases %9 (%10), "
                                             "conflicts %11 (%12)")
                                  .arg(imported->rejected.size()).arg(counts.invalid).arg(imported->matched).arg(counts.known)
                                  .arg(imported->unmatched).arg(counts.unknown).arg(imported->casesChanged).arg(counts.custody)
                                  .arg(imported->aliasesAdded).arg(counts.renamed).arg(imported->conflicts).arg(counts.birthDiffers)});
        }
        auto vacuumed = vacuum();
        if (!vacuumed) {
            return fail(vacuumed.error());
        }
        progress(QStringLiteral("  import %1 s (read+check+stage %2 s, merge %3 s), raw COPY %4 s; %5 matched, %6 unknown, "
                                "%7 custody changes, %8 aliases, %9 conflicts, %10 rejected; VACUUM after (not timed) %11 s")
                     .arg(seconds, 0, 'f', 2).arg(imported->readMs / 1000, 0, 'f', 2).arg(imported->mergeMs / 1000, 0, 'f', 2)
                     .arg(*raw, 0, 'f', 2).arg(imported->matched).arg(imported->unmatched).arg(imported->casesChanged)
                     .arg(imported->aliasesAdded).arg(imported->conflicts).arg(imported->rejected.size()).arg(*vacuumed, 0, 'f', 1));
        if (run == 0) {
            continue;
        }
        importSeconds << seconds;
        copySeconds << *raw;
        readMs << imported->readMs;
        mergeMs << imported->mergeMs;
    }

    QList<BenchmarkLine> lines;
    const auto emitLine = [&](const BenchmarkLine& line) {
        lines.append(line);
        report(line);
    };
    const double importMedian = BenchmarkLine::median(importSeconds);
    const double copyMedian = BenchmarkLine::median(copySeconds);
    emitLine({kBench, QStringLiteral("eid_import_1m_lines_median_s"), importMedian, QStringLiteral("s"), 60.0, false, copyMedian, false});
    emitLine({kBench, QStringLiteral("eid_import_lines_per_s_vs_raw_copy"), double(counts.lines) / importMedian, QStringLiteral("lines/s"),
              0.3, true, double(counts.lines) / copyMedian, true});
    emitLine({kBench, QStringLiteral("eid_import_read_check_stage_median_ms"), BenchmarkLine::median(readMs), QStringLiteral("ms"),
              std::nullopt, false, std::nullopt, false});
    emitLine({kBench, QStringLiteral("eid_import_merge_median_ms"), BenchmarkLine::median(mergeMs), QStringLiteral("ms"), std::nullopt,
              false, std::nullopt, false});
    return lines;
}

} // namespace ocms
