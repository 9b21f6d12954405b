#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace ocms {

// Writes a small text-only PDF (Helvetica, Letter pages, word-wrapped) byte for byte the same for the
// same input, so generated demo documents are deterministic and carry real, extractable text.
class SimplePdfWriter
{
public:
    explicit SimplePdfWriter(QString title) : m_title(std::move(title)) {}

    void addParagraph(const QString& text) { m_paragraphs.append(text); }
    QByteArray toPdf() const;

private:
    QStringList wrappedLines() const;

    QString m_title;
    QStringList m_paragraphs;
};

} // namespace ocms
