#include "pdftextsearch.h"

#include "documents/pdfsource.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <poppler-qt6.h>

#include <algorithm>

namespace ocms {

QFuture<QList<PdfSearchHit>> PdfTextSearch::start(std::shared_ptr<const PdfSource> source, const QString& term, int firstPage)
{
    return QtConcurrent::run(
        [](QPromise<QList<PdfSearchHit>>& promise, std::shared_ptr<const PdfSource> searched, QString text, int first) {
            std::unique_ptr<Poppler::Document> document = searched->openDocument();
            const int pages = searched->pageCount();
            if (!document || text.trimmed().isEmpty() || pages == 0) {
                return;
            }
            first = std::clamp(first, 0, pages - 1);
            promise.setProgressRange(0, pages);
            for (int step = 0; step < pages; ++step) {
                if (promise.isCanceled()) {
                    return;
                }
                const int page = (first + step) % pages;
                QList<PdfSearchHit> hits = findOnPage(*document, page, text);
                if (!hits.isEmpty()) {
                    promise.addResult(std::move(hits));
                }
                promise.setProgressValue(step + 1);
            }
        },
        std::move(source), term, firstPage);
}

QList<PdfSearchHit> PdfTextSearch::findOnPage(const Poppler::Document& document, int page, const QString& term)
{
    QList<PdfSearchHit> hits;
    std::unique_ptr<Poppler::Page> popplerPage = document.page(page);
    if (!popplerPage || term.isEmpty()) {
        return hits;
    }
    const QList<QRectF> rects = popplerPage->search(term, Poppler::Page::IgnoreCase);
    hits.reserve(rects.size());
    for (const QRectF& rect : rects) {
        hits.append({page, rect});
    }
    std::sort(hits.begin(), hits.end());
    return hits;
}

QString PdfTextSearch::textIn(const Poppler::Document& document, int page, const QRectF& rect)
{
    std::unique_ptr<Poppler::Page> popplerPage = document.page(page);
    return popplerPage ? popplerPage->text(rect) : QString();
}

QList<QRectF> PdfTextSearch::textBoxesIn(const Poppler::Document& document, int page, const QRectF& rect)
{
    QList<QRectF> boxes;
    std::unique_ptr<Poppler::Page> popplerPage = document.page(page);
    if (!popplerPage || rect.isEmpty()) {
        return boxes;
    }
    for (const std::unique_ptr<Poppler::TextBox>& word : popplerPage->textList()) {
        if (!word->boundingBox().intersects(rect)) {
            continue;
        }
        QRectF inside;
        for (int i = 0; i < word->text().size(); ++i) {
            const QRectF glyph = word->charBoundingBox(i);
            if (rect.contains(glyph.center())) {
                inside = inside.isNull() ? glyph : inside.united(glyph);
            }
        }
        if (inside.isNull()) {
            continue;
        }
        // The next word of the same line (reading order, vertically overlapping, no wide gap) joins the run.
        if (!boxes.isEmpty()) {
            QRectF& run = boxes.last();
            const double overlap = std::min(run.bottom(), inside.bottom()) - std::max(run.top(), inside.top());
            const double height = std::min(run.height(), inside.height());
            const double gap = inside.left() - run.right();
            if (overlap > height / 2 && gap > -height && gap < 1.5 * height) {
                run = run.united(inside);
                continue;
            }
        }
        boxes.append(inside);
    }
    return boxes;
}

} // namespace ocms
