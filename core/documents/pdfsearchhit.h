#pragma once

#include <QMetaType>
#include <QRectF>

namespace ocms {

// One place a search term was found: the page and the rectangle in points on the unrotated page
// (origin top left).
struct PdfSearchHit
{
    int page = 0;
    QRectF rect;

    friend bool operator==(const PdfSearchHit&, const PdfSearchHit&) = default;
    // Reading order: page, then top to bottom, then left to right.
    friend bool operator<(const PdfSearchHit& a, const PdfSearchHit& b)
    {
        if (a.page != b.page) {
            return a.page < b.page;
        }
        if (!qFuzzyCompare(a.rect.top() + 1, b.rect.top() + 1)) {
            return a.rect.top() < b.rect.top();
        }
        return a.rect.left() < b.rect.left();
    }
};

} // namespace ocms

Q_DECLARE_METATYPE(ocms::PdfSearchHit)
