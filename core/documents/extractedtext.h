#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace ocms {

// The plain text of one document as the search index needs it, and how it was obtained.
struct ExtractedText
{
    enum class Method { None, PdfText, Odt, Docx, Plain, Ocr };

    Method method = Method::None;
    // One entry per PDF page or image page; other formats have a single "page".
    QStringList pages;
    // PDF pages with (almost) no text layer, and images: what OCR should read.
    QList<int> pagesWithoutText;
    // Pages whose text came from OCR (filled by DocumentTextJob).
    QList<int> ocrPages;
    bool looksScanned = false;
    // The text hit the size cap and was cut: the index holds the beginning only.
    bool truncated = false;
    // Something the user may want to know without the extraction failing, e.g. OCR was unavailable.
    QString warning;

    // All pages in order, separated by form feeds (which tsvector treats as whitespace).
    QString text() const { return pages.join(u'\f'); }

    // Stable name for logs and the database: pdf-text, odt, docx, plain, ocr, none.
    static QString methodName(Method method)
    {
        switch (method) {
        case Method::PdfText: return QStringLiteral("pdf-text");
        case Method::Odt: return QStringLiteral("odt");
        case Method::Docx: return QStringLiteral("docx");
        case Method::Plain: return QStringLiteral("plain");
        case Method::Ocr: return QStringLiteral("ocr");
        case Method::None: break;
        }
        return QStringLiteral("none");
    }
};

} // namespace ocms
