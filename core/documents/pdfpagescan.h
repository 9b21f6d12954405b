#pragma once

#include <QList>
#include <QSizeF>

namespace ocms {

// Every page's size in points, from reading each page object; a page that cannot be read keeps the size
// of the page before it and is counted as unreadable.
struct PdfPageScan
{
    QList<QSizeF> sizes;
    int unreadable = 0;
};

} // namespace ocms
