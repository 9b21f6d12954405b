#pragma once

#include "documents/pdfpageimage.h"
#include "documents/pdfrenderkey.h"

#include <QHash>
#include <QMutex>

#include <list>
#include <optional>

namespace ocms {

// Rendered pages kept by least-recent use within a budget of bytes, shared by the render workers (which
// fill it) and the views (which read it); every member is thread-safe.
class PdfPageCache
{
public:
    static constexpr qint64 kDefaultBudgetBytes = 192LL * 1024 * 1024;

    explicit PdfPageCache(qint64 budgetBytes = kDefaultBudgetBytes) : m_budget(budgetBytes) {}

    void setBudget(qint64 budgetBytes);
    qint64 budget() const;
    qint64 usedBytes() const;
    int count() const;

    std::optional<PdfPageImage> find(const PdfRenderKey& key); // counts as a use
    bool contains(const PdfRenderKey& key) const;
    // The largest image of this page at any resolution, to show scaled while the right one renders.
    std::optional<PdfPageImage> findAnyResolution(quint64 sourceId, int page, int quarterTurns) const;
    // An image bigger than the whole budget is not kept.
    void insert(const PdfRenderKey& key, const PdfPageImage& image);
    void removeSource(quint64 sourceId);
    void clear();

private:
    struct Entry
    {
        PdfRenderKey key;
        PdfPageImage image;
    };
    void evictLocked();

    mutable QMutex m_mutex;
    std::list<Entry> m_entries; // front: most recently used
    QHash<PdfRenderKey, std::list<Entry>::iterator> m_index;
    qint64 m_budget;
    qint64 m_used = 0;
};

} // namespace ocms
