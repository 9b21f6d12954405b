#include "addresssearchresults.h"

#include "db/sqlsession.h"
#include "imports/csvrecordreader.h"

#include <QBuffer>
#include <QHash>

#include <algorithm>

namespace ocms {

namespace {

QByteArray csvField(const QString& text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        return '"' + bytes + '"';
    }
    return bytes;
}

// Appends one record so that it starts on the given line of the output (blank lines before it, which the
// lead import skips): rejections then name the provider file's own line numbers.
void appendAt(QByteArray& out, qint64& outLine, qint64 line, const QStringList& fields)
{
    while (outLine < line) {
        out.append('\n');
        ++outLine;
    }
    QByteArrayList encoded;
    encoded.reserve(fields.size());
    for (const QString& field : fields) {
        encoded.append(csvField(field));
    }
    const QByteArray row = encoded.join(',');
    out.append(row).append('\n');
    outLine += 1 + row.count('\n');
}

bool isBlank(const CsvRecordReader::Record& record)
{
    return record.fields.size() == 1 && record.fields.first().trimmed().isEmpty() && record.error.isEmpty();
}

} // namespace

AddressSearchResults::AddressSearchResults(QSqlDatabase database, QUuid extractId, LeadImportOptions options)
    : m_database(std::move(database)), m_extractId(extractId), m_options(std::move(options))
{
}

Result<LeadImportReport> AddressSearchResults::run(QIODevice* input)
{
    SqlSession session(m_database);
    auto allowed = session.firstRow(QStringLiteral("SELECT field.may_disclose_to_provider() "
                                                   "OR pg_has_role(session_user, 'ocms_import', 'MEMBER') AS allowed"), {});
    if (!allowed) {
        return fail(allowed.error());
    }
    if (!allowed->value(QStringLiteral("allowed")).toBool()) {
        return fail(Error{ErrorCode::PermissionDenied,
                          QStringLiteral("Only headquarters (full field access) or the import role brings in an extract's results."), {}});
    }
    const QString extractId = m_extractId.toString(QUuid::WithoutBraces);
    auto extract = session.firstRow(QStringLiteral("SELECT provider, results_imported_at FROM field.provider_extracts WHERE id = ?::uuid"),
                                    {extractId});
    if (!extract) {
        return fail(extract.error());
    }
    if (extract->isEmpty()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("No address-search extract has the id %1.").arg(extractId), {}});
    }
    const QString provider = extract->value(QStringLiteral("provider")).toString();
    auto subjects = session.rows(QStringLiteral("SELECT s.subject_ref, p.a_number, f.fugitive_number "
                                                "FROM field.provider_extract_subjects s "
                                                "JOIN field.fugitives f ON f.id = s.fugitive_id "
                                                "JOIN core.people p ON p.id = f.person_id WHERE s.extract_id = ?::uuid"),
                                 {extractId});
    if (!subjects) {
        return fail(subjects.error());
    }
    struct Known
    {
        QString aNumber, fugitiveNumber;
    };
    QHash<QString, Known> byReference;
    for (const QVariantMap& row : *subjects) {
        byReference.insert(row.value(QStringLiteral("subject_ref")).toString(),
                           {row.value(QStringLiteral("a_number")).toString(), row.value(QStringLiteral("fugitive_number")).toString()});
    }

    // The provider's file, with each reference turned back into its A-Number, in memory only.
    CsvRecordReader reader(input);
    CsvRecordReader::Record record;
    bool haveHeader = false;
    while (reader.next(&record)) {
        if (!isBlank(record)) {
            haveHeader = true;
            break;
        }
    }
    if (!reader.deviceError().isEmpty()) {
        return fail(Error::io(QStringLiteral("The file could not be read."), reader.deviceError()));
    }
    if (!haveHeader || !record.error.isEmpty()) {
        return fail(Error::validation(QStringLiteral("The results file has no readable header line (see core/imports/FORMATS.md). "
                                                     "Nothing was loaded.")));
    }
    QStringList header = record.fields;
    qsizetype referenceColumn = -1;
    qsizetype sourceColumn = -1;
    for (qsizetype i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed().toLower();
        if (name == u"subject_ref") {
            referenceColumn = i;
        } else if (name == u"source") {
            sourceColumn = i;
        } else if (name == u"a_number") {
            return fail(Error::validation(QStringLiteral("The results of an extract name their subjects by subject_ref only; this "
                                                         "file has an a_number column. Nothing was loaded.")));
        }
    }
    if (referenceColumn < 0) {
        return fail(Error::validation(QStringLiteral("The results file has no subject_ref column: each line names the extract's "
                                                     "subject it is about. Nothing was loaded.")));
    }
    header[referenceColumn] = QStringLiteral("a_number");
    QByteArray translated;
    qint64 outLine = 1;
    appendAt(translated, outLine, record.line, header);
    QList<ImportRejection> rejected;
    qint64 lines = 0;
    while (reader.next(&record)) {
        if (isBlank(record)) {
            continue;
        }
        ++lines;
        if (!record.error.isEmpty()) {
            rejected.append({record.line, record.error});
            continue;
        }
        if (record.fields.size() != header.size()) {
            rejected.append({record.line, QStringLiteral("%1 fields where the header names %2").arg(record.fields.size()).arg(header.size())});
            continue;
        }
        const QString reference = record.fields.at(referenceColumn).trimmed().toUpper();
        const auto known = byReference.constFind(reference);
        if (reference.isEmpty()) {
            rejected.append({record.line, QStringLiteral("subject_ref is empty")});
            continue;
        }
        if (known == byReference.constEnd()) {
            rejected.append({record.line, QStringLiteral("subject_ref %1 is not one of this extract's subjects").arg(reference)});
            continue;
        }
        if (known->aNumber.isEmpty()) {
            rejected.append({record.line, QStringLiteral("fugitive %1 has no A-Number on record; enter this lead by hand")
                                              .arg(known->fugitiveNumber)});
            continue;
        }
        if (sourceColumn >= 0) {
            const QString source = record.fields.at(sourceColumn).trimmed();
            if (!source.isEmpty() && source.compare(provider, Qt::CaseInsensitive) != 0) {
                rejected.append({record.line, QStringLiteral("source %1 is not the extract's provider %2").arg(source, provider)});
                continue;
            }
        }
        QStringList fields = record.fields;
        fields[referenceColumn] = known->aNumber;
        appendAt(translated, outLine, record.line, fields);
    }
    if (!reader.deviceError().isEmpty()) {
        return fail(Error::io(QStringLiteral("The file could not be read to its end; nothing was loaded."), reader.deviceError()));
    }
    if (reader.unterminatedQuote()) {
        return fail(Error::validation(QStringLiteral("Line %1 opens a quoted field that is never closed; nothing was loaded.")
                                          .arg(reader.unterminatedQuoteLine())));
    }

    LeadImportOptions options = m_options;
    options.source = provider; // the extract's provider is the source of its results
    options.fileName = QStringLiteral("%1 (address-search extract %2)")
                           .arg(options.fileName.isEmpty() ? QStringLiteral("results") : options.fileName, extractId);
    if (options.strict && !rejected.isEmpty()) {
        options.dryRun = true; // check the rest, load nothing
    }
    QBuffer buffer(&translated);
    buffer.open(QIODevice::ReadOnly);
    auto report = LeadImport(m_database, options).run(&buffer);
    translated.fill('\0');
    if (!report) {
        return fail(report.error());
    }
    report->linesRead += rejected.size();
    report->rejected.append(rejected);
    std::sort(report->rejected.begin(), report->rejected.end());
    if (report->committed) {
        auto answered = session.firstRow(QStringLiteral("SELECT field.mark_extract_answered(?::uuid) AS at"), {extractId});
        if (!answered) {
            return fail(Error{answered.error().code,
                              QStringLiteral("The results were loaded (%1 new leads), but the extract could not be marked answered: %2")
                                  .arg(report->loaded).arg(answered.error().userMessage),
                              answered.error().detail});
        }
    }
    return report;
}

} // namespace ocms
