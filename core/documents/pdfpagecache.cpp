#include "pdfpagecache.h"

namespace ocms {

void PdfPageCache::setBudget(qint64 budgetBytes)
{
    QMutexLocker lock(&m_mutex);
    m_budget = budgetBytes;
    evictLocked();
}

qint64 PdfPageCache::budget() const
{
    QMutexLocker lock(&m_mutex);
    return m_budget;
}

qint64 PdfPageCache::usedBytes() const
{
    QMutexLocker lock(&m_mutex);
    return m_used;
}

int PdfPageCache::count() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_index.size());
}

std::optional<PdfPageImage> PdfPageCache::find(const PdfRenderKey& key)
{
    QMutexLocker lock(&m_mutex);
    const auto found = m_index.constFind(key);
    if (found == m_index.constEnd()) {
        return std::nullopt;
    }
    m_entries.splice(m_entries.begin(), m_entries, found.value());
    return found.value()->image;
}

bool PdfPageCache::contains(const PdfRenderKey& key) const
{
    QMutexLocker lock(&m_mutex);
    return m_index.contains(key);
}

std::optional<PdfPageImage> PdfPageCache::findAnyResolution(quint64 sourceId, int page, int quarterTurns) const
{
    QMutexLocker lock(&m_mutex);
    const PdfPageImage* best = nullptr;
    for (const Entry& entry : m_entries) {
        if (entry.key.sourceId == sourceId && entry.key.page == page && entry.key.quarterTurns == quarterTurns &&
            (!best || entry.image.costBytes() > best->costBytes())) {
            best = &entry.image;
        }
    }
    return best ? std::optional<PdfPageImage>(*best) : std::nullopt;
}

void PdfPageCache::insert(const PdfRenderKey& key, const PdfPageImage& image)
{
    QMutexLocker lock(&m_mutex);
    if (image.costBytes() > m_budget) {
        return;
    }
    if (const auto found = m_index.constFind(key); found != m_index.constEnd()) {
        m_used -= found.value()->image.costBytes();
        m_entries.erase(found.value());
        m_index.erase(found);
    }
    m_entries.push_front({key, image});
    m_index.insert(key, m_entries.begin());
    m_used += image.costBytes();
    evictLocked();
}

void PdfPageCache::removeSource(quint64 sourceId)
{
    QMutexLocker lock(&m_mutex);
    for (auto entry = m_entries.begin(); entry != m_entries.end();) {
        if (entry->key.sourceId == sourceId) {
            m_used -= entry->image.costBytes();
            m_index.remove(entry->key);
            entry = m_entries.erase(entry);
        } else {
            ++entry;
        }
    }
}

void PdfPageCache::clear()
{
    QMutexLocker lock(&m_mutex);
    m_entries.clear();
    m_index.clear();
    m_used = 0;
}

void PdfPageCache::evictLocked()
{
    while (m_used > m_budget && !m_entries.empty()) {
        const Entry& oldest = m_entries.back();
        m_used -= oldest.image.costBytes();
        m_index.remove(oldest.key);
        m_entries.pop_back();
    }
}

} // namespace ocms
