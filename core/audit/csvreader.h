#pragma once

#include <QByteArray>
#include <QStringList>

namespace ocms {

// RFC 4180 records from CSV text: quoted fields may hold commas, doubled quotes and line breaks
// (PostgreSQL's csvlog writes multi-line messages that way).
class CsvReader
{
public:
    explicit CsvReader(QByteArray text) : m_text(std::move(text)) {}

    // The next record, or false at the end of the text.
    bool next(QStringList* fields);
    qint64 lineNumber() const { return m_line; } // line where the last record started

private:
    QByteArray m_text;
    qsizetype m_position = 0;
    qint64 m_line = 0;
    qint64 m_nextLine = 1;
};

} // namespace ocms
