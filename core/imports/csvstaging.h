#pragma once

#include "csvrecordreader.h"
#include "db/copybuffer.h"
#include "importrejection.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

class QIODevice;
struct pg_conn;

namespace ocms {

// How the CSV imports (leads, ZIP table) stage a file: the header line, then every further record checked
// by the caller and streamed with COPY into a staging table in the caller's transaction, a few MB at a
// time, so a file of any size goes through in one pass. Blank lines are skipped; a malformed record (bad
// UTF-8, text after a closing quote) is rejected with its line; an unreadable file or a quote never
// closed aborts the COPY, so nothing of the file is staged. The records are read and checked on a thread
// of their own while the calling thread sends the rows (stage()): the input device (a file or a buffer)
// must not be used elsewhere meanwhile, and `write` runs on that thread, one record at a time.
class CsvStaging
{
public:
    // One record's row: appended to the buffer, or the reason it is refused (nothing appended then).
    using RowWriter = std::function<std::optional<QString>(const CsvRecordReader::Record& record, CopyBuffer& buffer)>;
    struct Staged
    {
        qint64 linesRead = 0; // records that were not blank, the header not counted
        qint64 rows = 0;      // rows sent to the staging table
        QList<ImportRejection> rejected;
    };

    explicit CsvStaging(QIODevice* input) : m_reader(input) {}

    // The first record that is not blank: the column names. `emptyFile` is the message for a file with none.
    Result<QStringList> header(const QString& emptyFile);
    // COPY `statement` (… FROM STDIN, text format) with the rows `write` makes of the remaining records.
    Result<Staged> stage(pg_conn* connection, const QByteArray& statement, const RowWriter& write);
    // SHA-256 (hex) of the bytes read: the whole file's once stage() has succeeded.
    QString sha256() const { return m_reader.sha256(); }

private:
    static bool isBlank(const CsvRecordReader::Record& record);

    CsvRecordReader m_reader;
};

} // namespace ocms
