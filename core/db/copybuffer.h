#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QString>
#include <QUuid>

namespace ocms {

// Rows encoded in PostgreSQL's COPY text format, ready for PgCopy to send.
class CopyBuffer
{
public:
    CopyBuffer& text(QStringView value);
    CopyBuffer& text(const QString& value) { return text(QStringView(value)); } // also takes QStringBuilder
    CopyBuffer& text(const char* value) { return text(QString::fromUtf8(value)); }
    CopyBuffer& optionalText(QStringView value) { return value.isEmpty() ? null() : text(value); }
    CopyBuffer& optionalText(const QString& value) { return optionalText(QStringView(value)); }
    CopyBuffer& number(qint64 value);
    CopyBuffer& decimal(double value, int decimals);
    CopyBuffer& boolean(bool value);
    CopyBuffer& uuid(const QUuid& value);
    CopyBuffer& optionalUuid(const QUuid& value) { return value.isNull() ? null() : uuid(value); }
    CopyBuffer& date(const QDate& value);          // invalid → NULL
    CopyBuffer& timestamp(const QDateTime& value); // invalid → NULL, written in UTC
    CopyBuffer& bytes(const QByteArray& value);    // bytea, hex form
    CopyBuffer& textArray(const QStringList& values);
    CopyBuffer& null();
    void endRow();

    const QByteArray& data() const { return m_data; }
    qint64 rowCount() const { return m_rows; }
    bool isEmpty() const { return m_rows == 0; }
    void clear();

private:
    void separator();
    void appendEscaped(const QByteArray& utf8);

    QByteArray m_data;
    qint64 m_rows = 0;
    bool m_rowStarted = false;
};

} // namespace ocms
