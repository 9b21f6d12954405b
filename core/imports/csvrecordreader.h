#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QString>
#include <QStringDecoder>
#include <QStringList>

class QIODevice;

namespace ocms {

// RFC 4180 records read from a device a block at a time, so a file of any size streams through: quoted
// fields may hold commas, doubled quotes and line breaks; CRLF or LF ends a record; a UTF-8 byte-order
// mark before the first record is skipped. A record that is not valid UTF-8, or has text after a
// closing quote, comes back with its problem in `error` (its fields are still split, for reporting).
class CsvRecordReader
{
public:
    struct Record
    {
        QStringList fields;
        qint64 line = 0;   // line of the file where the record starts (1-based)
        QString error;     // empty: well formed
        bool terminated = true; // false: the input ended inside this record, before its line end
    };

    explicit CsvRecordReader(QIODevice* device);

    // The next record, or false at the end of the input (or when the device fails: see deviceError()).
    bool next(Record* record);
    // A quoted field still open at the end of the input: the record from its line on is not a record.
    bool unterminatedQuote() const { return m_unterminatedQuote; }
    qint64 unterminatedQuoteLine() const { return m_unterminatedLine; }
    QString deviceError() const { return m_deviceError; }
    qint64 linesRead() const { return m_nextLine - 1; }
    // SHA-256 of every byte read so far, in hex: the whole file's once next() has returned false.
    QString sha256() const { return QString::fromLatin1(m_hash.result().toHex()); }

private:
    bool fill(); // more bytes into the buffer; false at the end of input
    void finishField(Record* record, QByteArray& field);

    QIODevice* m_device;
    QByteArray m_buffer;
    QByteArray m_field;
    qsizetype m_position = 0;
    qint64 m_nextLine = 1;
    bool m_atStart = true;
    bool m_unterminatedQuote = false;
    qint64 m_unterminatedLine = 0;
    QString m_deviceError;
    QStringDecoder m_decoder{QStringDecoder::Utf8, QStringDecoder::Flag::Stateless};
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
};

} // namespace ocms
