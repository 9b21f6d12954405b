#pragma once

#include "csvrecordreader.h"
#include "eidrecord.h"
#include "result.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QStringList>

#include <variant>

namespace ocms {

// The client-side check of an EID daily extract (FORMATS.md): the header names the columns (any order,
// case-insensitive; every column of columns() required, others ignored), then each line is checked on
// its own (field count, a line the file ends inside of, A-Number, subject id, dates, codes, lengths) and
// against the lines before it (the same line twice, a subject or an A-Number on two lines). A line comes
// back as a record, or as the reason it is refused, in words the sender can act on. Keeps what it has seen:
// one parser per file, lines in file order.
class EidExtractParser
{
public:
    static const QStringList& columns();
    static const QStringList& custodyStatuses();

    static Result<EidExtractParser> fromHeader(const QStringList& header);

    std::variant<EidRecord, QString> parse(const CsvRecordReader::Record& record, const QDate& today);
    const QStringList& ignoredColumns() const { return m_ignored; }

private:
    struct Seen
    {
        qint64 line = 0;
        size_t hash = 0;
    };

    QList<int> m_index; // field index of each of columns(), in its order
    qsizetype m_fieldCount = 0;
    QStringList m_ignored;
    QHash<quint64, Seen> m_subjects;   // subject id → first line with it
    QHash<quint32, qint64> m_aNumbers; // A-Number → first line with it
};

} // namespace ocms
