#include "copybuffer.h"

#include <QStringList>

namespace ocms {

void CopyBuffer::separator()
{
    if (m_rowStarted) {
        m_data.append('\t');
    }
    m_rowStarted = true;
}

void CopyBuffer::appendEscaped(const QByteArray& utf8)
{
    for (char c : utf8) {
        switch (c) {
        case '\\': m_data.append("\\\\", 2); break;
        case '\t': m_data.append("\\t", 2); break;
        case '\n': m_data.append("\\n", 2); break;
        case '\r': m_data.append("\\r", 2); break;
        default: m_data.append(c);
        }
    }
}

CopyBuffer& CopyBuffer::text(QStringView value)
{
    separator();
    appendEscaped(value.toUtf8());
    return *this;
}

CopyBuffer& CopyBuffer::number(qint64 value)
{
    separator();
    m_data.append(QByteArray::number(value));
    return *this;
}

CopyBuffer& CopyBuffer::decimal(double value, int decimals)
{
    separator();
    m_data.append(QByteArray::number(value, 'f', decimals));
    return *this;
}

CopyBuffer& CopyBuffer::boolean(bool value)
{
    separator();
    m_data.append(value ? 't' : 'f');
    return *this;
}

CopyBuffer& CopyBuffer::uuid(const QUuid& value)
{
    separator();
    m_data.append(value.toByteArray(QUuid::WithoutBraces));
    return *this;
}

CopyBuffer& CopyBuffer::date(const QDate& value)
{
    if (!value.isValid()) {
        return null();
    }
    separator();
    m_data.append(value.toString(Qt::ISODate).toLatin1());
    return *this;
}

CopyBuffer& CopyBuffer::timestamp(const QDateTime& value)
{
    if (!value.isValid()) {
        return null();
    }
    separator();
    m_data.append(value.toUTC().toString(Qt::ISODate).toLatin1());
    return *this;
}

CopyBuffer& CopyBuffer::bytes(const QByteArray& value)
{
    separator();
    m_data.append("\\\\x", 3); // COPY text unescapes "\\x" to the bytea hex prefix "\x"
    m_data.append(value.toHex());
    return *this;
}

CopyBuffer& CopyBuffer::textArray(const QStringList& values)
{
    // Array literal {"a","b"}, then COPY escaping on top.
    QString literal = QStringLiteral("{");
    for (qsizetype i = 0; i < values.size(); ++i) {
        QString element = values[i];
        element.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
        literal += (i ? QStringLiteral(",\"") : QStringLiteral("\"")) + element + u'"';
    }
    literal += u'}';
    return text(literal);
}

CopyBuffer& CopyBuffer::null()
{
    separator();
    m_data.append("\\N", 2);
    return *this;
}

void CopyBuffer::endRow()
{
    m_data.append('\n');
    m_rowStarted = false;
    ++m_rows;
}

void CopyBuffer::clear()
{
    m_data.clear();
    m_rows = 0;
    m_rowStarted = false;
}

} // namespace ocms
