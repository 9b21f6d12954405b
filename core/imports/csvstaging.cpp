#include "csvstaging.h"

#include "db/pgcopy.h"

namespace ocms {

namespace {
constexpr qsizetype kCopyChunk = 4 << 20;
} // namespace

bool CsvStaging::isBlank(const CsvRecordReader::Record& record)
{
    return record.fields.size() == 1 && record.fields.first().trimmed().isEmpty() && record.error.isEmpty();
}

Result<QStringList> CsvStaging::header(const QString& emptyFile)
{
    CsvRecordReader::Record record;
    bool found = false;
    while (m_reader.next(&record)) {
        if (!isBlank(record)) {
            found = true;
            break;
        }
    }
    if (!m_reader.deviceError().isEmpty()) {
        return fail(Error::io(QStringLiteral("The file could not be read."), m_reader.deviceError()));
    }
    if (!found) {
        return fail(Error::validation(emptyFile));
    }
    if (!record.error.isEmpty()) {
        return fail(Error::validation(QStringLiteral("The header (line %1): %2. Nothing was loaded.").arg(record.line).arg(record.error)));
    }
    return record.fields;
}

Result<CsvStaging::Staged> CsvStaging::stage(pg_conn* connection, const QByteArray& statement, const RowWriter& write)
{
    PgCopy copy(connection);
    if (auto started = copy.begin(statement); !started) {
        return fail(started.error());
    }
    Staged staged;
    CopyBuffer buffer;
    CsvRecordReader::Record record;
    while (m_reader.next(&record)) {
        if (isBlank(record)) {
            continue;
        }
        ++staged.linesRead;
        if (!record.error.isEmpty()) {
            staged.rejected.append({record.line, record.error});
            continue;
        }
        if (const std::optional<QString> reason = write(record, buffer)) {
            staged.rejected.append({record.line, *reason});
            continue;
        }
        ++staged.rows;
        if (buffer.data().size() >= kCopyChunk) {
            if (auto sent = copy.write(buffer.data()); !sent) {
                copy.abort("client failed while sending");
                return fail(sent.error());
            }
            buffer.clear();
        }
    }
    if (!m_reader.deviceError().isEmpty()) {
        copy.abort("the file could not be read");
        return fail(Error::io(QStringLiteral("The file could not be read to its end; nothing was loaded."), m_reader.deviceError()));
    }
    if (m_reader.unterminatedQuote()) {
        copy.abort("unterminated quote");
        return fail(Error::validation(
            QStringLiteral("Line %1 opens a quoted field that is never closed, so lines %1 to %2 read as one value. "
                           "Close the quote (a quote inside a value is written twice) and import again; nothing was loaded.")
                .arg(m_reader.unterminatedQuoteLine())
                .arg(m_reader.linesRead())));
    }
    if (auto sent = copy.write(buffer.data()); !sent) {
        copy.abort("client failed while sending");
        return fail(sent.error());
    }
    if (auto loaded = copy.finish(); !loaded) {
        return fail(loaded.error());
    }
    return staged;
}

} // namespace ocms
