#pragma once

#include "documents/extractedtext.h"
#include "documents/ocrengine.h"
#include "documents/textextractor.h"
#include "result.h"

#include <atomic>

namespace ocms {

// The whole "text for the search index" step of an upload as one blocking call, for a background job on a
// worker thread: extract the text layer, then OCR what has none (scanned PDF pages, images). No GUI, no
// database: the caller stores the result. One job object per worker thread (it keeps Tesseract loaded).
class DocumentTextJob
{
public:
    DocumentTextJob() = default;
    DocumentTextJob(TextExtractor::Limits limits, OcrEngine::Options ocrOptions)
        : m_extractor(limits), m_ocr(std::move(ocrOptions))
    {
    }

    // When OCR itself is unavailable (no language data), the text layer is still returned, with a warning.
    // Cancelling gives an Error with ErrorCode::Cancelled.
    Result<ExtractedText> run(const QByteArray& content, const QString& fileName, const QString& mimeType,
                              const std::atomic<bool>* cancel = nullptr, const OcrEngine::Progress& ocrProgress = {});

private:
    TextExtractor m_extractor;
    OcrEngine m_ocr;
};

} // namespace ocms
