#include "redactionmarks.h"

#include <QSet>

namespace ocms {

int RedactionMarks::add(int pageIndex, const QRectF& points)
{
    const QRectF rect = points.normalized();
    if (pageIndex < 0 || rect.width() < kSmallestSide || rect.height() < kSmallestSide) {
        return -1;
    }
    m_boxes.append({pageIndex, rect});
    return int(m_boxes.size()) - 1;
}

bool RedactionMarks::removeAt(int index)
{
    if (index < 0 || index >= m_boxes.size()) {
        return false;
    }
    m_boxes.removeAt(index);
    return true;
}

int RedactionMarks::markAt(int pageIndex, const QPointF& points) const
{
    for (int index = int(m_boxes.size()) - 1; index >= 0; --index) {
        const Redactor::Box& box = m_boxes.at(index);
        if (box.pageIndex == pageIndex && box.rect.contains(points)) {
            return index;
        }
    }
    return -1;
}

int RedactionMarks::markedPageCount() const
{
    QSet<int> pages;
    for (const Redactor::Box& box : m_boxes) {
        pages.insert(box.pageIndex);
    }
    return int(pages.size());
}

} // namespace ocms
