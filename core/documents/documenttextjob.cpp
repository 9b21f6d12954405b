#include "documenttextjob.h"

namespace ocms {

Result<ExtractedText> DocumentTextJob::run(const QByteArray& content, const QString& fileName,
                                           const QString& mimeType, const std::atomic<bool>* cancel,
                                           const OcrEngine::Progress& ocrProgress)
{
    Result<ExtractedText> extracted = m_extractor.extract(content, fileName, mimeType, cancel);
    if (!extracted || extracted->pagesWithoutText.isEmpty()) {
        return extracted;
    }
    ExtractedText result = std::move(*extracted);
    const bool image = TextExtractor::detectKind(content, fileName, mimeType) == TextExtractor::Kind::Image;
    const Result<QStringList> recognised =
        image ? m_ocr.recogniseImageFile(content, cancel, ocrProgress)
              : m_ocr.recognisePdfPages(content, result.pagesWithoutText, cancel, ocrProgress);
    if (!recognised) {
        if (recognised.error().code == ErrorCode::Cancelled) {
            return fail(recognised.error());
        }
        // The text layer is still worth indexing; the caller may retry OCR later.
        result.warning = recognised.error().userMessage;
        return result;
    }
    if (image) {
        result.pages = *recognised; // a multi-page TIFF has several
        result.pagesWithoutText.clear();
        for (int page = 0; page < result.pages.size(); ++page) {
            result.pagesWithoutText.append(page);
        }
    } else {
        for (qsizetype i = 0; i < recognised->size(); ++i) {
            result.pages[result.pagesWithoutText[i]] = recognised->at(i);
        }
    }
    if (!image && result.pagesWithoutText.size() > m_ocr.options().maxPages) {
        result.warning = QStringLiteral("Only the first %1 scanned pages were read by text recognition (OCR); "
                                        "later pages cannot be found by their words.")
                             .arg(m_ocr.options().maxPages);
    }
    for (int page : std::as_const(result.pagesWithoutText)) {
        if (!result.pages[page].trimmed().isEmpty()) {
            result.ocrPages.append(page);
        }
    }
    // Method says where most of the words came from: all from OCR, or a text layer with some OCRed pages.
    if (result.ocrPages.size() == result.pages.size()) {
        result.method = ExtractedText::Method::Ocr;
    } else if (result.method == ExtractedText::Method::None && !result.ocrPages.isEmpty()) {
        result.method = ExtractedText::Method::Ocr;
    }
    return result;
}

} // namespace ocms
