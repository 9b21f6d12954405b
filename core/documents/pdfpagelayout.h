#pragma once

#include <QList>
#include <QPointF>
#include <QRect>
#include <QRectF>
#include <QSizeF>

namespace ocms {

// Where each page sits in a continuous vertical column, in pixels, for a scale (pixels per point) and a
// rotation; and the mapping between page points (unrotated, origin top left) and column pixels. Recomputed
// in one pass on zoom or rotation; lookups by position are binary searches, so 1,000 pages cost nothing.
class PdfPageLayout
{
public:
    void setPages(const QList<QSizeF>& pageSizesPoints);
    void setScale(double pixelsPerPoint);
    void setQuarterTurns(int quarterTurns);
    void setGap(int pixels);

    int pageCount() const { return int(m_sizes.size()); }
    double scale() const { return m_scale; }
    int quarterTurns() const { return m_quarterTurns; }
    int gap() const { return m_gap; }

    QSize contentSize() const { return m_contentSize; }
    QRect pageRect(int page) const; // in column pixels
    QSizeF pageSizePoints(int page) const { return m_sizes.value(page); } // unrotated
    QSizeF rotatedPageSizePoints(int page) const;
    int pageAt(int y) const;        // the page at or just below y; -1 with no pages
    QList<int> pagesIn(int top, int bottom) const;

    QRectF toColumn(int page, const QRectF& pointsRect) const;
    QRectF toPagePoints(int page, const QRectF& columnRect) const;

private:
    void relayout();
    QPointF rotate(int page, QPointF points) const;   // unrotated page points -> rotated page points
    QPointF unrotate(int page, QPointF points) const; // the inverse

    QList<QSizeF> m_sizes;
    QList<QRect> m_rects;
    double m_scale = 1.0;
    int m_quarterTurns = 0;
    int m_gap = 8;
    QSize m_contentSize;
};

} // namespace ocms
