#include "csvreader.h"

namespace ocms {

bool CsvReader::next(QStringList* fields)
{
    fields->clear();
    if (m_position >= m_text.size()) {
        return false;
    }
    m_line = m_nextLine;
    QByteArray field;
    bool quoted = false;
    bool fieldWasQuoted = false;
    while (m_position < m_text.size()) {
        const char c = m_text[m_position++];
        if (quoted) {
            if (c == '"') {
                if (m_position < m_text.size() && m_text[m_position] == '"') {
                    field.append('"');
                    ++m_position;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') {
                    ++m_nextLine;
                }
                field.append(c);
            }
            continue;
        }
        if (c == '"' && field.isEmpty() && !fieldWasQuoted) {
            quoted = true;
            fieldWasQuoted = true;
        } else if (c == ',') {
            fields->append(QString::fromUtf8(field));
            field.clear();
            fieldWasQuoted = false;
        } else if (c == '\n') {
            ++m_nextLine;
            break;
        } else if (c != '\r') {
            field.append(c);
        }
    }
    fields->append(QString::fromUtf8(field));
    return true;
}

} // namespace ocms
