#include "eidimport.h"

#include "csvstaging.h"
#include "db/database.h"
#include "db/sqlerrortranslator.h"
#include "importstatement.h"
#include "eidextractparser.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QIODevice>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace ocms {

namespace {

const char* const kStaging = "CREATE TEMP TABLE eid_import (LIKE imports.eid_line) ON COMMIT DROP";
const char* const kCopy =
    "COPY pg_temp.eid_import (line, subject_id, a_number, family_name, given_name, date_of_birth, country, sex, arrest_date, "
    "arrest_location, booking_date, detention_facility, release_date, removal_date, custody_status) FROM STDIN";

double elapsedMs(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

EidImport::EidImport(QSqlDatabase database, EidImportOptions options)
    : m_database(std::move(database)), m_options(std::move(options))
{
}

Result<EidImportReport> EidImport::run(QIODevice* input)
{
    const auto progress = [this](const QString& message) {
        if (m_options.progress) {
            m_options.progress(message);
        }
    };
    const auto exec = [this](const QString& sql, const QVariantList& binds = {}) {
        return runImportStatement(m_database, sql, binds);
    };
    const QString fileName = m_options.fileName.isEmpty() ? QStringLiteral("(standard input)") : m_options.fileName;

    // Refused before anything is read: only the import role speaks for another system.
    auto allowed = exec(QStringLiteral("SELECT pg_has_role(current_user, 'ocms_import', 'MEMBER')"));
    if (!allowed) {
        return fail(allowed.error());
    }
    if (!allowed->next() || !allowed->value(0).toBool()) {
        return fail(Error{ErrorCode::PermissionDenied, QStringLiteral("Importing an EID extract needs the import role (ocms_import)."), {}});
    }

    // A file seen before is refused at once (the server checks again, under a lock, when merging).
    if (!input->isSequential()) {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!hash.addData(input) || !input->seek(0)) {
            return fail(Error::io(QStringLiteral("The file %1 could not be read.").arg(fileName), input->errorString()));
        }
        auto earlier = exec(QStringLiteral("SELECT to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI \"UTC\"'), imported_by, "
                                           "file_name FROM imports.imported_files WHERE sha256 = ?"),
                            {QString::fromLatin1(hash.result().toHex())});
        if (!earlier) {
            return fail(earlier.error());
        }
        if (earlier->next()) {
            return fail(Error{ErrorCode::Conflict,
                              QStringLiteral("%1 was imported before, on %2 by %3 (as %4). A file is imported only once; "
                                             "nothing was loaded.")
                                  .arg(fileName, earlier->value(0).toString(), earlier->value(1).toString(), earlier->value(2).toString()),
                              {}});
        }
    }

    EidImportReport report;
    QElapsedTimer phase;
    phase.start();
    CsvStaging staging(input);
    auto header = staging.header(QStringLiteral("The file is empty: its first line must name the columns of an EID extract (see "
                                                "core/imports/FORMATS.md). Nothing was loaded."));
    if (!header) {
        return fail(header.error());
    }
    auto parser = EidExtractParser::fromHeader(*header);
    if (!parser) {
        return fail(parser.error());
    }
    report.ignoredColumns = parser->ignoredColumns();

    if (!m_database.transaction()) {
        return fail(SqlErrorTranslator::translate(m_database.lastError()));
    }
    bool finished = false;
    auto rollback = qScopeGuard([&] {
        if (!finished) {
            m_database.rollback();
        }
    });
    // Sorts and hashes over a million staged lines stay in memory (this transaction only); statements that
    // run once are not worth compiling to machine code.
    if (auto tuned = exec(QStringLiteral("SELECT set_config('work_mem', '512MB', true), set_config('jit', 'off', true)")); !tuned) {
        return fail(tuned.error());
    }
    if (auto created = exec(QString::fromLatin1(kStaging)); !created) {
        return fail(created.error());
    }

    progress(QStringLiteral("reading and checking lines"));
    auto staged = staging.stage(Database::pgHandle(m_database), kCopy, [&](const CsvRecordReader::Record& record, CopyBuffer& buffer) {
        auto parsed = parser->parse(record, m_options.today);
        if (const QString* reason = std::get_if<QString>(&parsed)) {
            return std::optional<QString>(*reason);
        }
        const EidRecord& eid = std::get<EidRecord>(parsed);
        buffer.number(eid.line).text(eid.subjectId).text(eid.aNumber).text(eid.familyName).optionalText(eid.givenName)
            .date(eid.dateOfBirth).optionalText(eid.country).optionalText(eid.sex).date(eid.arrestDate)
            .optionalText(eid.arrestLocation).date(eid.bookingDate).optionalText(eid.detentionFacility).date(eid.releaseDate)
            .date(eid.removalDate).text(eid.custodyStatus);
        buffer.endRow();
        return std::optional<QString>();
    });
    if (!staged) {
        return fail(staged.error());
    }
    report.sha256 = staging.sha256();
    report.linesRead = staged->linesRead;
    report.staged = staged->rows;
    report.rejected = staged->rejected;
    std::sort(report.rejected.begin(), report.rejected.end());
    report.readMs = elapsedMs(phase);

    phase.restart();
    progress(QStringLiteral("merging %1 line%2").arg(report.staged).arg(report.staged == 1 ? QString() : QStringLiteral("s")));
    if (auto analyzed = exec(QStringLiteral("ANALYZE pg_temp.eid_import")); !analyzed) {
        return fail(analyzed.error());
    }
    auto merged = exec(QStringLiteral("SELECT subjects, matched, unmatched, cases_changed, aliases_added, people_filled, conflicts "
                                      "FROM imports.merge_eid(?, ?, ?, ?)"),
                       {report.sha256, fileName, report.linesRead, qint64(report.rejected.size())});
    if (!merged) {
        return fail(Error{merged.error().code, merged.error().userMessage.endsWith(QStringLiteral("nothing was loaded."))
                                                   ? merged.error().userMessage
                                                   : merged.error().userMessage + QStringLiteral(" Nothing of the file was loaded."),
                          merged.error().detail});
    }
    if (!merged->next()) {
        return fail(Error::server(QStringLiteral("The server's merge returned no summary; nothing of the file was loaded.")));
    }
    report.matched = merged->value(1).toLongLong();
    report.unmatched = merged->value(2).toLongLong();
    report.casesChanged = merged->value(3).toLongLong();
    report.aliasesAdded = merged->value(4).toLongLong();
    report.peopleFilled = merged->value(5).toLongLong();
    report.conflicts = merged->value(6).toLongLong();

    if (m_options.dryRun) {
        m_database.rollback();
    } else if (!m_database.commit()) {
        return fail(SqlErrorTranslator::translate(m_database.lastError()));
    }
    finished = true;
    report.committed = !m_options.dryRun;
    report.mergeMs = elapsedMs(phase);
    return report;
}

} // namespace ocms
