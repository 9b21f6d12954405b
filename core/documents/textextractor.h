#pragma once

#include "documents/extractedtext.h"
#include "result.h"

#include <QByteArray>
#include <QString>

#include <atomic>

namespace ocms {

// Pulls the plain text out of an uploaded file for the search index: PDF text layers (Poppler), ODT, DOCX,
// plain text, CSV, Markdown and HTML. It never OCRs (DocumentTextJob does, for the pages this marks); no GUI,
// no database, safe on any thread (one extractor per thread).
class TextExtractor
{
public:
    enum class Kind { Pdf, Odt, Docx, PlainText, Html, Image, Unsupported };

    struct Limits
    {
        qint64 maxXmlBytes = 64LL * 1024 * 1024;  // inflated content.xml / document.xml: zip-bomb guard
        qsizetype maxTextChars = 10 * 1024 * 1024; // extracted text kept for the index; beyond it: truncated
        int minCharsForTextPage = 16;               // fewer non-space characters: the page is probably a scan
    };

    TextExtractor() = default;
    explicit TextExtractor(Limits limits) : m_limits(limits) {}

    // What the file is, from its MIME type, then its name, then its first bytes (the upload's MIME type
    // is a claim from the client, so the magic bytes win for PDFs and zips).
    static Kind detectKind(const QByteArray& content, const QString& fileName, const QString& mimeType);

    // The text of content; images and unknown types give no text (method none), images with their page
    // marked for OCR. Damaged input gives an Error in words a user can act on.
    Result<ExtractedText> extract(const QByteArray& content, const QString& fileName, const QString& mimeType,
                                  const std::atomic<bool>* cancel = nullptr) const;
    // The same for a file on disk, mapped rather than read, so big files are not copied into memory.
    Result<ExtractedText> extractFile(const QString& path, const QString& mimeType,
                                      const std::atomic<bool>* cancel = nullptr) const;

    // Bytes of a text file as a string: UTF-8 (or UTF-16/32 with a byte-order mark), Latin-1 when the
    // bytes are not valid UTF-8.
    static QString decodeText(const QByteArray& bytes);
    // Visible text of an HTML page: scripts, styles and tags dropped, entities decoded, blocks on lines.
    static QString htmlToText(const QString& html);

private:
    Result<ExtractedText> extractPdf(const QByteArray& content, const std::atomic<bool>* cancel) const;
    Result<ExtractedText> extractOffice(const QByteArray& content, Kind kind) const;
    ExtractedText extractPlain(const QByteArray& content, Kind kind) const;

    Limits m_limits;
};

} // namespace ocms
