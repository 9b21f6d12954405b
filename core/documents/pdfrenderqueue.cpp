#include "pdfrenderqueue.h"

#include "documents/pdfsource.h"

#include <QDeadlineTimer>
#include <QThread>

#include <poppler-qt6.h>

#include <algorithm>
#include <cmath>

namespace ocms {

namespace {

// Handed to Poppler's abort callback through the QVariant payload.
struct RenderControl
{
    const std::atomic_bool* cancelled = nullptr;
    QDeadlineTimer deadline;
    bool timedOut = false;
};

bool shouldAbortRender(const QVariant& payload)
{
    auto* control = reinterpret_cast<RenderControl*>(payload.value<quintptr>());
    if (control->cancelled && control->cancelled->load(std::memory_order_relaxed)) {
        return true;
    }
    if (control->deadline.hasExpired()) {
        control->timedOut = true;
        return true;
    }
    return false;
}

Poppler::Page::Rotation popplerRotation(int quarterTurns)
{
    switch (quarterTurns) {
    case 1:
        return Poppler::Page::Rotate90;
    case 2:
        return Poppler::Page::Rotate180;
    case 3:
        return Poppler::Page::Rotate270;
    default:
        return Poppler::Page::Rotate0;
    }
}

} // namespace

PdfRenderQueue::PdfRenderQueue(std::shared_ptr<PdfPageCache> cache, int workerCount, QObject* parent)
    : QObject(parent), m_cache(std::move(cache))
{
    qRegisterMetaType<PdfRenderKey>();
    qRegisterMetaType<PdfPageImage>();
    for (int i = 0; i < std::max(1, workerCount); ++i) {
        QThread* worker = QThread::create([this] { workerLoop(); });
        worker->setObjectName(QStringLiteral("pdf-render-%1").arg(i));
        worker->start();
        m_workers.push_back(worker);
    }
}

PdfRenderQueue::~PdfRenderQueue()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wanted.clear();
        for (const Running& running : std::as_const(m_running)) {
            running.cancelled->store(true);
        }
        m_wake.wakeAll();
    }
    for (QThread* worker : m_workers) {
        worker->wait();
        delete worker;
    }
}

void PdfRenderQueue::setSource(std::shared_ptr<const PdfSource> source)
{
    QMutexLocker lock(&m_mutex);
    m_source = std::move(source);
    m_wanted.clear();
    for (const Running& running : std::as_const(m_running)) {
        running.cancelled->store(true);
    }
}

void PdfRenderQueue::setLimits(const PdfRenderLimits& limits)
{
    QMutexLocker lock(&m_mutex);
    m_limits = limits;
}

PdfRenderLimits PdfRenderQueue::limits() const
{
    QMutexLocker lock(&m_mutex);
    return m_limits;
}

void PdfRenderQueue::setWanted(int lane, const QList<PdfRenderKey>& keys)
{
    QMutexLocker lock(&m_mutex);
    if (keys.isEmpty()) {
        m_wanted.remove(lane);
    } else {
        m_wanted[lane] = keys;
    }
    for (const Running& running : std::as_const(m_running)) {
        if (!isWantedLocked(running.key)) {
            running.cancelled->store(true);
        }
    }
    m_wake.wakeAll();
}

int PdfRenderQueue::pendingCount() const
{
    QMutexLocker lock(&m_mutex);
    qsizetype pending = 0;
    for (const QList<PdfRenderKey>& keys : m_wanted) {
        pending += keys.size();
    }
    for (const Running& running : m_running) {
        pending += isWantedLocked(running.key) ? 0 : 1;
    }
    return int(pending);
}

bool PdfRenderQueue::isWantedLocked(const PdfRenderKey& key) const
{
    for (const QList<PdfRenderKey>& keys : m_wanted) {
        if (keys.contains(key)) {
            return true;
        }
    }
    return false;
}

bool PdfRenderQueue::takeNextLocked(PdfRenderKey& key)
{
    if (!m_source) {
        return false;
    }
    const quint64 sourceId = m_source->id();
    for (auto lane = m_wanted.begin(); lane != m_wanted.end(); ++lane) {
        QList<PdfRenderKey>& keys = lane.value();
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const PdfRenderKey candidate = keys.at(i);
            const bool running = std::any_of(m_running.cbegin(), m_running.cend(),
                                             [&](const Running& r) { return r.key == candidate; });
            if (running) {
                continue;
            }
            if (candidate.sourceId != sourceId || candidate.page < 0 || candidate.page >= m_source->pageCount() ||
                m_cache->contains(candidate)) {
                keys.removeAt(i--);
                continue;
            }
            // Stays listed while it renders, so a later setWanted that still lists it does not abort it.
            key = candidate;
            return true;
        }
    }
    return false;
}

void PdfRenderQueue::workerLoop()
{
    std::unique_ptr<Poppler::Document> document;
    quint64 documentSourceId = 0;
    while (true) {
        PdfRenderKey key;
        std::shared_ptr<const PdfSource> source;
        auto cancelled = std::make_shared<std::atomic_bool>(false);
        PdfRenderLimits limits;
        {
            QMutexLocker lock(&m_mutex);
            while (!m_stopping && !takeNextLocked(key)) {
                m_wake.wait(&m_mutex);
            }
            if (m_stopping) {
                return;
            }
            source = m_source;
            limits = m_limits;
            m_running.append({key, cancelled});
        }
        if (documentSourceId != source->id()) {
            document = source->openDocument();
            documentSourceId = source->id();
        }
        Result<PdfPageImage> image = fail(Error::validation(tr("This PDF could not be opened again.")));
        if (document) {
            image = renderPage(*document, key, limits, cancelled.get());
        }
        {
            QMutexLocker lock(&m_mutex);
            m_running.removeIf([&](const Running& r) { return r.cancelled == cancelled; });
            for (QList<PdfRenderKey>& keys : m_wanted) {
                keys.removeAll(key); // done, failed or aborted: never retried unless asked for again
            }
        }
        if (image) {
            m_cache->insert(key, *image);
            Q_EMIT rendered(key, *image);
        } else if (!cancelled->load()) {
            Q_EMIT failed(key, image.error().userMessage);
        }
    }
}

double PdfRenderQueue::cappedDpi(const QSizeF& pagePoints, double dpi, qint64 maxPixels)
{
    const double pixels = (pagePoints.width() * dpi / 72.0) * (pagePoints.height() * dpi / 72.0);
    if (pixels <= double(maxPixels) || pixels <= 0) {
        return dpi;
    }
    // A hair under the exact factor so rounding up to whole pixels stays under the cap.
    return dpi * std::sqrt(double(maxPixels) / pixels) * 0.999;
}

Result<PdfPageImage> PdfRenderQueue::renderPage(const Poppler::Document& document, const PdfRenderKey& key,
                                                const PdfRenderLimits& limits, const std::atomic_bool* cancelled)
{
    std::unique_ptr<Poppler::Page> page = document.page(key.page);
    if (!page) {
        return fail(Error::validation(tr("Page %1 of this PDF is damaged and cannot be shown.").arg(key.page + 1)));
    }
    const double dpi = cappedDpi(page->pageSizeF(), key.dpi(), limits.maxPixels);
    RenderControl control;
    control.cancelled = cancelled;
    control.deadline = QDeadlineTimer(limits.timeLimitMs);
    QImage image = page->renderToImage(dpi, dpi, -1, -1, -1, -1, popplerRotation(key.quarterTurns), nullptr, nullptr,
                                       shouldAbortRender, QVariant::fromValue(reinterpret_cast<quintptr>(&control)));
    if (control.timedOut) {
        return fail(Error{ErrorCode::Cancelled,
                          tr("Page %1 took longer than %2 seconds to render and was stopped.")
                              .arg(key.page + 1)
                              .arg(limits.timeLimitMs / 1000.0, 0, 'g', 3),
                          {}});
    }
    if (cancelled && cancelled->load()) {
        return fail(Error{ErrorCode::Cancelled, tr("The page is no longer needed."), {}});
    }
    if (image.isNull()) {
        return fail(Error::validation(tr("Page %1 of this PDF is damaged and cannot be shown.").arg(key.page + 1)));
    }
    return PdfPageImage{std::move(image), dpi < key.dpi()};
}

} // namespace ocms
