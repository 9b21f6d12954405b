#include "pdfprintjob.h"

#include "documents/pdfsource.h"

#include <QPainter>
#include <QPrinter>

#include <poppler-qt6.h>

#include <algorithm>

namespace ocms {

void PdfPrintJob::printTo(QPrinter* printer, int maxDpi) const
{
    if (!m_source) {
        return;
    }
    std::unique_ptr<Poppler::Document> document = m_source->openDocument();
    if (!document) {
        return;
    }
    const int pages = document->numPages();
    int first = 1;
    int last = pages;
    if (printer->printRange() == QPrinter::PageRange && printer->fromPage() > 0) {
        first = std::max(1, printer->fromPage());
        last = std::min(pages, printer->toPage() > 0 ? printer->toPage() : pages);
    }
    QPainter painter(printer);
    const double dpi = std::clamp(printer->resolution(), 1, std::max(1, maxDpi));
    for (int page = first; page <= last; ++page) {
        if (page > first) {
            printer->newPage();
        }
        const PdfRenderKey key = PdfRenderKey::make(m_source->id(), page - 1, dpi, m_quarterTurns);
        Result<PdfPageImage> image = PdfRenderQueue::renderPage(*document, key, m_limits);
        if (!image) {
            painter.drawText(painter.viewport(), Qt::AlignCenter | Qt::TextWordWrap, image.error().userMessage);
            continue;
        }
        // Fit the page onto the paper, keeping its proportions.
        const QRect paper = painter.viewport();
        QSize target = image->image.size();
        target.scale(paper.size(), Qt::KeepAspectRatio);
        painter.drawImage(QRect(QPoint(paper.x() + (paper.width() - target.width()) / 2, paper.y()), target), image->image);
    }
}

} // namespace ocms
