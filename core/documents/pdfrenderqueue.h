#pragma once

#include "documents/pdfpagecache.h"
#include "documents/pdfpageimage.h"
#include "documents/pdfrenderkey.h"
#include "result.h"

#include <QList>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QSizeF>
#include <QWaitCondition>

#include <atomic>
#include <memory>
#include <vector>

class QThread;

namespace Poppler {
class Document;
}

namespace ocms {

class PdfSource;

struct PdfRenderLimits
{
    qint64 maxPixels = 50'000'000; // a page that would be larger is rendered at a lower resolution
    int timeLimitMs = 20000;       // a render still running after this is aborted (Poppler's abort callback)
};

// Renders pages off the GUI thread. Views say which pages they want, most urgent first, per lane (lane 0,
// the visible pages, is served before lane 1, thumbnails); whatever no lane wants any more is dropped, and a
// render already running for it is aborted. Finished images go into the shared cache and out through
// rendered(), delivered queued to the receiver's thread. Each worker opens its own Poppler document
// because a Poppler::Document must not be used by two threads at once.
class PdfRenderQueue final : public QObject
{
    Q_OBJECT
public:
    explicit PdfRenderQueue(std::shared_ptr<PdfPageCache> cache, int workerCount = 1, QObject* parent = nullptr);
    ~PdfRenderQueue() override;

    void setSource(std::shared_ptr<const PdfSource> source); // drops every request of the previous source
    void setLimits(const PdfRenderLimits& limits);
    PdfRenderLimits limits() const;
    const std::shared_ptr<PdfPageCache>& cache() const { return m_cache; }

    void setWanted(int lane, const QList<PdfRenderKey>& keys);
    int pendingCount() const;

    // The resolution a page is rendered at: dpi, or less when dpi would exceed maxPixels.
    static double cappedDpi(const QSizeF& pagePoints, double dpi, qint64 maxPixels);
    // One page, synchronously, with the same cap and time limit (used by the workers, printing and tests).
    // A render stopped by `cancelled` or the time limit gives ErrorCode::Cancelled.
    static Result<PdfPageImage> renderPage(const Poppler::Document& document, const PdfRenderKey& key,
                                           const PdfRenderLimits& limits, const std::atomic_bool* cancelled = nullptr);

Q_SIGNALS:
    void rendered(const ocms::PdfRenderKey& key, const ocms::PdfPageImage& image);
    void failed(const ocms::PdfRenderKey& key, const QString& message);

private:
    struct Running
    {
        PdfRenderKey key;
        std::shared_ptr<std::atomic_bool> cancelled;
    };
    void workerLoop();
    bool takeNextLocked(PdfRenderKey& key);
    bool isWantedLocked(const PdfRenderKey& key) const;

    std::shared_ptr<PdfPageCache> m_cache;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    std::shared_ptr<const PdfSource> m_source;
    QMap<int, QList<PdfRenderKey>> m_wanted;
    QList<Running> m_running;
    PdfRenderLimits m_limits;
    bool m_stopping = false;
    std::vector<QThread*> m_workers;
};

} // namespace ocms
