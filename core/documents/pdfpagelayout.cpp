#include "pdfpagelayout.h"

#include <algorithm>
#include <cmath>

namespace ocms {

void PdfPageLayout::setPages(const QList<QSizeF>& pageSizesPoints)
{
    m_sizes = pageSizesPoints;
    relayout();
}

void PdfPageLayout::setScale(double pixelsPerPoint)
{
    m_scale = std::max(0.01, pixelsPerPoint);
    relayout();
}

void PdfPageLayout::setQuarterTurns(int quarterTurns)
{
    m_quarterTurns = ((quarterTurns % 4) + 4) % 4;
    relayout();
}

void PdfPageLayout::setGap(int pixels)
{
    m_gap = std::max(0, pixels);
    relayout();
}

QSizeF PdfPageLayout::rotatedPageSizePoints(int page) const
{
    const QSizeF size = m_sizes.value(page);
    return m_quarterTurns % 2 == 0 ? size : size.transposed();
}

void PdfPageLayout::relayout()
{
    m_rects.clear();
    m_rects.reserve(m_sizes.size());
    int widest = 0;
    for (int page = 0; page < pageCount(); ++page) {
        const QSizeF points = rotatedPageSizePoints(page);
        widest = std::max(widest, int(std::lround(points.width() * m_scale)));
    }
    int y = m_gap;
    for (int page = 0; page < pageCount(); ++page) {
        const QSizeF points = rotatedPageSizePoints(page);
        const int width = std::max(1, int(std::lround(points.width() * m_scale)));
        const int height = std::max(1, int(std::lround(points.height() * m_scale)));
        m_rects.append(QRect(m_gap + (widest - width) / 2, y, width, height));
        y += height + m_gap;
    }
    m_contentSize = QSize(widest + 2 * m_gap, y);
}

QRect PdfPageLayout::pageRect(int page) const
{
    return m_rects.value(page);
}

int PdfPageLayout::pageAt(int y) const
{
    if (m_rects.isEmpty()) {
        return -1;
    }
    // First page whose bottom edge (with its gap) is below y.
    const auto found = std::lower_bound(m_rects.cbegin(), m_rects.cend(), y,
                                        [this](const QRect& rect, int value) { return rect.bottom() + m_gap < value; });
    return found == m_rects.cend() ? int(m_rects.size()) - 1 : int(found - m_rects.cbegin());
}

QList<int> PdfPageLayout::pagesIn(int top, int bottom) const
{
    QList<int> pages;
    for (int page = std::max(0, pageAt(top)); page >= 0 && page < pageCount() && m_rects.at(page).top() <= bottom; ++page) {
        if (m_rects.at(page).bottom() >= top) {
            pages.append(page);
        }
    }
    return pages;
}

QPointF PdfPageLayout::rotate(int page, QPointF p) const
{
    const QSizeF size = m_sizes.value(page);
    switch (m_quarterTurns) {
    case 1:
        return {size.height() - p.y(), p.x()};
    case 2:
        return {size.width() - p.x(), size.height() - p.y()};
    case 3:
        return {p.y(), size.width() - p.x()};
    default:
        return p;
    }
}

QPointF PdfPageLayout::unrotate(int page, QPointF p) const
{
    const QSizeF size = m_sizes.value(page);
    switch (m_quarterTurns) {
    case 1:
        return {p.y(), size.height() - p.x()};
    case 2:
        return {size.width() - p.x(), size.height() - p.y()};
    case 3:
        return {size.width() - p.y(), p.x()};
    default:
        return p;
    }
}

QRectF PdfPageLayout::toColumn(int page, const QRectF& pointsRect) const
{
    const QPointF a = rotate(page, pointsRect.topLeft()) * m_scale;
    const QPointF b = rotate(page, pointsRect.bottomRight()) * m_scale;
    return QRectF(a, b).normalized().translated(pageRect(page).topLeft());
}

QRectF PdfPageLayout::toPagePoints(int page, const QRectF& columnRect) const
{
    const QRectF local = columnRect.translated(-pageRect(page).topLeft());
    const QPointF a = unrotate(page, local.topLeft() / m_scale);
    const QPointF b = unrotate(page, local.bottomRight() / m_scale);
    return QRectF(a, b).normalized();
}

} // namespace ocms
