#pragma once

#include "result.h"

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace tesseract {
class TessBaseAPI;
}

namespace ocms {

// Reads text from scans with Tesseract 5: PDF pages rendered by Poppler, and PNG/JPEG/TIFF images (every
// page of a multi-page TIFF). Tesseract's language data is loaded once per engine, on first use, and
// reused for every page. Not thread-safe: one engine per worker thread. Cancellable between pages and,
// through Tesseract's monitor, within a page.
class OcrEngine
{
public:
    struct Options
    {
        QString dataPath;                       // empty: Tesseract's default (Debian: /usr/share/tesseract-ocr/5/tessdata)
        QString language = QStringLiteral("eng");
        int dpi = 300;                          // what Tesseract is trained for
        int maxPages = 500;                     // more pages than this are left unread (and reported)
        qint64 maxPixels = 40LL * 1000 * 1000;  // per page (A2 at 300 dpi): bigger pages are rendered at a lower resolution
    };
    // Called after each page with (pages done, pages to do).
    using Progress = std::function<void(int, int)>;

    OcrEngine();
    explicit OcrEngine(Options options);
    ~OcrEngine();
    OcrEngine(const OcrEngine&) = delete;
    OcrEngine& operator=(const OcrEngine&) = delete;

    // Text of one image; dpi is the scan's resolution (it helps Tesseract judge letter sizes).
    Result<QString> recogniseImage(const QImage& image, int dpi, const std::atomic<bool>* cancel = nullptr);
    // Text of each page of an image file (PNG, JPEG, TIFF...), decoded by Leptonica.
    Result<QStringList> recogniseImageFile(const QByteArray& content, const std::atomic<bool>* cancel = nullptr,
                                           const Progress& progress = {});
    // Text of the given PDF pages (0-based), in the order asked; pages beyond maxPages give empty text.
    Result<QStringList> recognisePdfPages(const QByteArray& pdf, const QList<int>& pageIndexes,
                                          const std::atomic<bool>* cancel = nullptr, const Progress& progress = {});

    const Options& options() const { return m_options; }

    // Resolution at which a page of this size (in points) stays within maxPixels.
    static double renderDpi(QSizeF pagePoints, int wantedDpi, qint64 maxPixels);

private:
    Result<void> ensureStarted();
    Result<QString> recogniseCurrentImage(const std::atomic<bool>* cancel);

    Options m_options;
    std::unique_ptr<tesseract::TessBaseAPI> m_api;
    bool m_started = false;
};

} // namespace ocms
