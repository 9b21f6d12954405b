#include "csvrecordreader.h"

#include <QIODevice>

#include <algorithm>

namespace ocms {

namespace {
constexpr qint64 kBlock = 1 << 20;
} // namespace

CsvRecordReader::CsvRecordReader(QIODevice* device) : m_device(device) {}

bool CsvRecordReader::fill()
{
    if (m_position > 0) {
        m_buffer.remove(0, m_position);
        m_position = 0;
    }
    const qsizetype before = m_buffer.size();
    m_buffer.resize(before + kBlock);
    const qint64 got = m_device->read(m_buffer.data() + before, kBlock);
    if (got < 0) {
        m_deviceError = m_device->errorString();
    }
    m_buffer.resize(before + std::max<qint64>(got, 0));
    if (got > 0) {
        m_hash.addData(QByteArrayView(m_buffer.constData() + before, got));
    }
    return got > 0;
}

void CsvRecordReader::finishField(Record* record, QByteArray& field)
{
    // Plain ASCII (nearly every field of a lead file) needs no UTF-8 decoder.
    const bool ascii = std::all_of(field.cbegin(), field.cend(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        record->fields.append(QString::fromLatin1(field));
    } else {
        record->fields.append(m_decoder.decode(field));
        if (m_decoder.hasError() && record->error.isEmpty()) {
            record->error = QStringLiteral("the line is not valid UTF-8 text");
        }
        m_decoder.resetState();
    }
    field.resize(0); // keeps its capacity for the next field
}

bool CsvRecordReader::next(Record* record)
{
    record->fields.clear();
    record->error.clear();
    record->terminated = true;
    if (m_position >= m_buffer.size() && !fill()) {
        return false;
    }
    if (m_atStart) {
        m_atStart = false;
        while (m_buffer.size() < 3 && fill()) {
        }
        if (m_buffer.startsWith("\xEF\xBB\xBF")) {
            m_position = 3;
        }
        if (m_position >= m_buffer.size() && !fill()) {
            return false;
        }
    }
    record->line = m_nextLine;
    QByteArray& field = m_field; // reused: its capacity outlives the record
    field.resize(0);
    bool quoted = false;        // inside a quoted field
    bool afterQuote = false;    // a quoted field just closed: only a separator may follow
    bool fieldStarted = false;  // the field has a character (so a quote now is a literal one)
    for (;;) {
        if (m_position >= m_buffer.size() && !fill()) {
            if (quoted) {
                m_unterminatedQuote = true;
                m_unterminatedLine = record->line;
            }
            record->terminated = false;
            break; // the last record had no line end
        }
        const char c = m_buffer.at(m_position++);
        if (quoted) {
            if (c == '"') {
                if (m_position >= m_buffer.size()) {
                    fill();
                }
                if (m_position < m_buffer.size() && m_buffer.at(m_position) == '"') {
                    field.append('"');
                    ++m_position;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                if (c == '\n') {
                    ++m_nextLine;
                }
                field.append(c);
            }
            continue;
        }
        if (c == ',') {
            finishField(record, field);
            afterQuote = false;
            fieldStarted = false;
        } else if (c == '\n') {
            ++m_nextLine;
            break;
        } else if (c == '\r') {
            // CR before LF ends the record with it; a lone CR is dropped.
        } else if (afterQuote) {
            if (record->error.isEmpty()) {
                record->error = QStringLiteral("text follows a closing quote (a quote inside a field is written twice: \"\")");
            }
            field.append(c);
        } else if (c == '"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else {
            // The run of ordinary characters that starts here, appended at once.
            const char* data = m_buffer.constData();
            const qsizetype size = m_buffer.size();
            qsizetype end = m_position;
            while (end < size && data[end] != ',' && data[end] != '\n' && data[end] != '\r' && data[end] != '"') {
                ++end;
            }
            field.append(c);
            field.append(data + m_position, end - m_position);
            m_position = end;
            fieldStarted = true;
        }
    }
    finishField(record, field);
    return true;
}

} // namespace ocms
