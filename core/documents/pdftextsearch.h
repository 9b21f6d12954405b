#pragma once

#include "documents/pdfsearchhit.h"

#include <QFuture>
#include <QList>
#include <QRectF>
#include <QString>

#include <memory>

namespace Poppler {
class Document;
}

namespace ocms {

class PdfSource;

// Find-in-document and copy: case-insensitive search over every page, off the calling thread, and the
// text under a rectangle of a page.
class PdfTextSearch
{
public:
    // Searches on a pool thread with its own Poppler document, from firstPage to the end and then from the
    // start, so hits near the reader arrive first. One result per page with hits (that page's hits in
    // reading order); cancel() the future to stop between pages.
    static QFuture<QList<PdfSearchHit>> start(std::shared_ptr<const PdfSource> source, const QString& term, int firstPage = 0);
    static QList<PdfSearchHit> findOnPage(const Poppler::Document& document, int page, const QString& term);
    // The text inside rect (points, unrotated page) in reading order.
    static QString textIn(const Poppler::Document& document, int page, const QRectF& rect);
    // Where that text is drawn: one tight box per run of words on a line (a character counts as inside when
    // its centre is, as textIn reads it), so a box covers the spaces between the words too.
    static QList<QRectF> textBoxesIn(const Poppler::Document& document, int page, const QRectF& rect);
};

} // namespace ocms
