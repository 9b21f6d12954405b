#include "pdfpageview.h"

#include "documents/pdfpagecache.h"
#include "documents/pdfrenderqueue.h"
#include "documents/pdfsource.h"
#include "documents/pdftextsearch.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>

#include <poppler-qt6.h>

namespace ocms {

namespace {

const QColor kBackground(0x52, 0x56, 0x59);
const QColor kHit(255, 221, 0, 110);
const QColor kCurrentHit(255, 140, 0, 150);
const QColor kSelection(40, 110, 220, 70);
// Marked for redaction: dark enough to read as "gone", light enough to check what lies under it.
const QColor kRedactionFill(0, 0, 0, 185);
const QColor kRedactionEdge(0, 0, 0);
const QColor kRedactionPicked(230, 40, 40);
constexpr int kSmallestDragPixels = 3; // a shorter drag is a click

} // namespace

PdfPageView::PdfPageView(PdfRenderQueue* queue, QWidget* parent) : QAbstractScrollArea(parent), m_queue(queue)
{
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn); // a scroll bar that comes and goes would flip fit-width
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Document pages"));
    viewport()->setCursor(Qt::IBeamCursor);
    verticalScrollBar()->setSingleStep(40);
    horizontalScrollBar()->setSingleStep(40);
    connect(m_queue, &PdfRenderQueue::rendered, this, &PdfPageView::onRendered);
    connect(m_queue, &PdfRenderQueue::failed, this, &PdfPageView::onFailed);
}

PdfPageView::~PdfPageView() = default;

void PdfPageView::setSource(std::shared_ptr<const PdfSource> source)
{
    m_source = std::move(source);
    m_textDocument.reset();
    m_layout.setPages(m_source ? m_source->pageSizes() : QList<QSizeF>());
    m_hits.clear();
    m_hitsByPage.clear();
    m_currentHit = -1;
    m_targetPage = -1;
    m_reportedPage = -1;
    clearSelection();
    m_drawingMark = false;
    m_selectedMark = -1;
    if (!m_marks.isEmpty()) {
        m_marks.clear(); // marks belong to the document they were drawn on
        Q_EMIT redactionMarksChanged();
    }
    resetRenderState();
    updateScrollBars();
    m_scrollingProgrammatically = true;
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    m_scrollingProgrammatically = false;
    noteCurrentPage();
    scheduleRequests();
    viewport()->update();
}

void PdfPageView::setPageSizes(const QList<QSizeF>& pageSizesPoints)
{
    if (pageSizesPoints.size() != m_layout.pageCount()) {
        return;
    }
    relayoutKeepingPlace([&] { m_layout.setPages(pageSizesPoints); });
}

void PdfPageView::resetRenderState()
{
    m_failedPages.clear();
    m_announcedPages.clear();
    m_lastWanted.clear();
}

double PdfPageView::renderDpi() const
{
    return m_layout.scale() * 72.0 * devicePixelRatioF();
}

PdfRenderKey PdfPageView::keyFor(int page) const
{
    return PdfRenderKey::make(m_source ? m_source->id() : 0, page, renderDpi(), m_layout.quarterTurns());
}

QPoint PdfPageView::contentOffset() const
{
    const int spare = viewport()->width() - m_layout.contentSize().width();
    const int x = spare > 0 ? spare / 2 : -horizontalScrollBar()->value();
    return {x, -verticalScrollBar()->value()};
}

QRect PdfPageView::pageRectInViewport(int page) const
{
    return m_layout.pageRect(page).translated(contentOffset());
}

void PdfPageView::relayoutKeepingPlace(const std::function<void()>& change)
{
    const int anchorPage = currentPage();
    double fraction = 0;
    if (anchorPage >= 0) {
        const QRect before = m_layout.pageRect(anchorPage);
        fraction = double(verticalScrollBar()->value() - before.top()) / std::max(1, before.height());
    }
    const int target = m_targetPage;
    change();
    resetRenderState();
    updateScrollBars();
    if (anchorPage >= 0) {
        const QRect after = m_layout.pageRect(anchorPage);
        m_scrollingProgrammatically = true;
        verticalScrollBar()->setValue(after.top() + int(fraction * after.height()));
        m_scrollingProgrammatically = false;
    }
    m_targetPage = target;
    clearSelection();
    m_drawingMark = false; // a drag in pixels of the old layout means nothing in the new one
    m_markRect = QRect();
    scheduleRequests();
    viewport()->update();
}

void PdfPageView::setScale(double pixelsPerPoint)
{
    if (qFuzzyCompare(pixelsPerPoint, m_layout.scale())) {
        return;
    }
    relayoutKeepingPlace([&] { m_layout.setScale(pixelsPerPoint); });
}

void PdfPageView::setQuarterTurns(int quarterTurns)
{
    relayoutKeepingPlace([&] { m_layout.setQuarterTurns(quarterTurns); });
}

double PdfPageView::fitWidthScale() const
{
    const int page = std::max(0, currentPage());
    const QSizeF points = m_layout.rotatedPageSizePoints(page);
    if (points.isEmpty()) {
        return m_layout.scale();
    }
    return (viewport()->width() - 2.0 * m_layout.gap()) / points.width();
}

double PdfPageView::fitPageScale() const
{
    const int page = std::max(0, currentPage());
    const QSizeF points = m_layout.rotatedPageSizePoints(page);
    if (points.isEmpty()) {
        return m_layout.scale();
    }
    return std::min(fitWidthScale(), (viewport()->height() - 2.0 * m_layout.gap()) / points.height());
}

void PdfPageView::updateScrollBars()
{
    const QSize content = m_layout.contentSize();
    const QSize view = viewport()->size();
    verticalScrollBar()->setRange(0, std::max(0, content.height() - view.height()));
    verticalScrollBar()->setPageStep(view.height());
    horizontalScrollBar()->setRange(0, std::max(0, content.width() - view.width()));
    horizontalScrollBar()->setPageStep(view.width());
}

void PdfPageView::goToPage(int page)
{
    if (m_layout.pageCount() == 0) {
        return;
    }
    page = std::clamp(page, 0, m_layout.pageCount() - 1);
    m_targetPage = page;
    m_scrollingProgrammatically = true;
    verticalScrollBar()->setValue(m_layout.pageRect(page).top() - m_layout.gap());
    m_scrollingProgrammatically = false;
    noteCurrentPage();
    scheduleRequests();
    viewport()->update();
}

int PdfPageView::currentPage() const
{
    if (m_layout.pageCount() == 0) {
        return -1;
    }
    return m_targetPage >= 0 ? m_targetPage : computedCurrentPage();
}

// The page that fills most of the viewport; the earlier one on a tie.
int PdfPageView::computedCurrentPage() const
{
    const int top = verticalScrollBar()->value();
    const int bottom = top + viewport()->height();
    int best = std::max(0, m_layout.pageAt(top));
    int bestVisible = -1;
    for (int page : m_layout.pagesIn(top, bottom)) {
        const QRect rect = m_layout.pageRect(page);
        const int visible = std::min(bottom, rect.bottom()) - std::max(top, rect.top());
        if (visible > bestVisible) {
            best = page;
            bestVisible = visible;
        }
    }
    return best;
}

void PdfPageView::noteCurrentPage()
{
    const int page = currentPage();
    if (page != m_reportedPage) {
        m_reportedPage = page;
        Q_EMIT currentPageChanged(page);
    }
}

void PdfPageView::setHits(const QList<PdfSearchHit>& hits, int currentHit)
{
    m_hits = hits;
    m_currentHit = currentHit;
    m_hitsByPage.clear();
    for (qsizetype i = 0; i < m_hits.size(); ++i) {
        m_hitsByPage.insert(m_hits.at(i).page, int(i));
    }
    viewport()->update();
}

void PdfPageView::scrollToHit(const PdfSearchHit& hit)
{
    if (hit.page < 0 || hit.page >= m_layout.pageCount()) {
        return;
    }
    const QRect rect = m_layout.toColumn(hit.page, hit.rect).toAlignedRect();
    const int top = verticalScrollBar()->value();
    m_scrollingProgrammatically = true;
    if (rect.top() < top || rect.bottom() > top + viewport()->height()) {
        verticalScrollBar()->setValue(rect.center().y() - viewport()->height() / 2);
    }
    const int left = horizontalScrollBar()->value();
    if (rect.left() < left || rect.right() > left + viewport()->width()) {
        horizontalScrollBar()->setValue(rect.center().x() - viewport()->width() / 2);
    }
    m_scrollingProgrammatically = false;
    m_targetPage = hit.page;
    noteCurrentPage();
    scheduleRequests();
    viewport()->update();
}

void PdfPageView::scheduleRequests()
{
    if (m_requestScheduled) {
        return;
    }
    m_requestScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_requestScheduled = false;
        requestVisible();
    });
}

// Visible pages, the one filling most of the view first, then one page either side to read ahead.
void PdfPageView::requestVisible()
{
    if (!m_source) {
        m_queue->setWanted(0, {});
        return;
    }
    const int top = verticalScrollBar()->value();
    const int bottom = top + viewport()->height();
    QList<int> pages = m_layout.pagesIn(top, bottom);
    const int current = currentPage();
    if (pages.removeOne(current)) {
        pages.prepend(current);
    }
    if (!pages.isEmpty()) {
        const auto [first, last] = std::minmax_element(pages.cbegin(), pages.cend());
        const int before = *first - 1;
        const int after = *last + 1;
        if (after < m_layout.pageCount()) {
            pages.append(after);
        }
        if (before >= 0) {
            pages.append(before);
        }
    }
    QList<PdfRenderKey> wanted;
    for (int page : std::as_const(pages)) {
        const PdfRenderKey key = keyFor(page);
        if (!m_failedPages.contains(page) && !m_queue->cache()->contains(key)) {
            wanted.append(key);
        }
    }
    if (wanted != m_lastWanted) {
        m_lastWanted = wanted;
        m_queue->setWanted(0, wanted);
    }
}

void PdfPageView::onRendered(const PdfRenderKey& key, const PdfPageImage&)
{
    if (!m_source || key.sourceId != m_source->id() || key != keyFor(key.page)) {
        return;
    }
    m_lastWanted.removeOne(key);
    const QRect rect = m_layout.pageRect(key.page).translated(contentOffset());
    if (rect.intersects(viewport()->rect())) {
        viewport()->update(rect);
    }
}

void PdfPageView::onFailed(const PdfRenderKey& key, const QString& message)
{
    if (!m_source || key.sourceId != m_source->id() || key != keyFor(key.page)) {
        return;
    }
    m_failedPages.insert(key.page, message);
    viewport()->update();
}

void PdfPageView::paintEvent(QPaintEvent* event)
{
    QPainter painter(viewport());
    painter.fillRect(event->rect(), kBackground);
    if (!m_source) {
        return;
    }
    const QPoint offset = contentOffset();
    const int top = verticalScrollBar()->value();
    const QRect exposed = event->rect();
    QList<int> painted;
    for (int page : m_layout.pagesIn(top + exposed.top(), top + exposed.bottom())) {
        const QRect rect = m_layout.pageRect(page).translated(offset);
        const PdfRenderKey key = keyFor(page);
        if (const std::optional<PdfPageImage> exact = m_queue->cache()->find(key)) {
            QImage image = exact->image;
            image.setDevicePixelRatio(devicePixelRatioF());
            const QSizeF logical = image.deviceIndependentSize();
            if (std::abs(logical.width() - rect.width()) <= 1 && std::abs(logical.height() - rect.height()) <= 1) {
                painter.drawImage(rect.topLeft(), image);
            } else {
                painter.drawImage(QRectF(rect), image); // capped pages arrive smaller and are scaled up
            }
            if (exact->reducedResolution) {
                // A poster-sized page or a decompression bomb: say why it looks soft.
                const QString note = tr("Shown at reduced resolution: this page is very large.");
                const QRect band(rect.left(), rect.bottom() - 24, rect.width(), 24);
                painter.fillRect(band, QColor(255, 248, 220, 230));
                painter.setPen(QColor(0x5a, 0x45, 0x00));
                painter.drawText(band, Qt::AlignCenter, note);
            }
            if (!m_announcedPages.contains(page)) {
                m_announcedPages.insert(page);
                painted.append(page);
            }
        } else if (const std::optional<PdfPageImage> other =
                       m_queue->cache()->findAnyResolution(key.sourceId, page, key.quarterTurns)) {
            painter.drawImage(QRectF(rect), other->image); // the old zoom, scaled, until the new one arrives
        } else {
            painter.fillRect(rect, Qt::white);
            painter.setPen(QColor(0x90, 0x90, 0x90));
            const QString text = m_failedPages.value(page, tr("Page %1").arg(page + 1));
            painter.drawText(rect.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, text);
        }
        if (m_failedPages.contains(page)) {
            painter.fillRect(rect, QColor(255, 255, 255, 200));
            painter.setPen(QColor(0x61, 0x1a, 0x15));
            painter.drawText(rect.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_failedPages.value(page));
        }
        painter.setPen(QColor(0x30, 0x30, 0x30));
        painter.drawRect(rect.adjusted(0, 0, -1, -1));
        const auto hits = m_hitsByPage.equal_range(page);
        for (auto hit = hits.first; hit != hits.second; ++hit) {
            const QRectF hitRect = m_layout.toColumn(page, m_hits.at(hit.value()).rect).translated(offset);
            painter.fillRect(hitRect.adjusted(-1, -1, 1, 1), hit.value() == m_currentHit ? kCurrentHit : kHit);
        }
        if (page == m_selectionPage && !m_selectionRect.isEmpty()) {
            painter.fillRect(m_selectionRect.translated(offset), kSelection);
        }
        paintRedactionMarks(painter, page, offset);
    }
    painter.end();
    for (int page : std::as_const(painted)) {
        Q_EMIT pagePainted(page);
    }
}

void PdfPageView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
    scheduleRequests();
    Q_EMIT viewportResized();
}

void PdfPageView::scrollContentsBy(int, int)
{
    if (!m_scrollingProgrammatically) {
        m_targetPage = -1;
    }
    noteCurrentPage();
    scheduleRequests();
    viewport()->update();
}

void PdfPageView::paintRedactionMarks(QPainter& painter, int page, QPoint offset) const
{
    const auto paintBox = [&](const QRectF& columnRect, bool picked) {
        const QRectF box = columnRect.translated(offset);
        painter.fillRect(box, kRedactionFill);
        QPen edge(picked ? kRedactionPicked : kRedactionEdge, picked ? 2 : 1);
        edge.setCosmetic(true);
        edge.setStyle(picked ? Qt::DashLine : Qt::SolidLine);
        painter.setPen(edge);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5));
    };
    for (int index = 0; index < m_marks.count(); ++index) {
        const Redactor::Box& box = m_marks.at(index);
        if (box.pageIndex == page) {
            paintBox(m_layout.toColumn(page, box.rect), index == m_selectedMark);
        }
    }
    if (m_drawingMark && page == m_markPage && !m_markRect.isEmpty()) {
        paintBox(m_markRect, false);
    }
}

QRect PdfPageView::dragRect(int page, QPoint anchor, QPoint column) const
{
    return QRect(anchor, column).normalized() & m_layout.pageRect(page);
}

int PdfPageView::redactionMarkAt(QPoint column) const
{
    const int page = m_layout.pageAt(column.y());
    if (page < 0 || !m_layout.pageRect(page).contains(column)) {
        return -1;
    }
    const QRectF spot = m_layout.toPagePoints(page, QRectF(column, QSizeF(0, 0)));
    return m_marks.markAt(page, spot.topLeft());
}

void PdfPageView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_source) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const QPoint column = event->position().toPoint() - contentOffset();
    const int page = m_layout.pageAt(column.y());
    clearSelection();
    if (page < 0 || !m_layout.pageRect(page).contains(column)) {
        selectRedactionMark(-1);
        return;
    }
    if (m_markingForRedaction) {
        m_drawingMark = true;
        m_markPage = page;
        m_markAnchor = column;
        m_markRect = QRect();
        return;
    }
    m_selecting = true;
    m_selectionPage = page;
    m_selectionAnchor = column;
}

void PdfPageView::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint column = event->position().toPoint() - contentOffset();
    if (m_drawingMark) {
        m_markRect = dragRect(m_markPage, m_markAnchor, column);
        viewport()->update();
        return;
    }
    if (!m_selecting) {
        QAbstractScrollArea::mouseMoveEvent(event);
        return;
    }
    m_selectionRect = dragRect(m_selectionPage, m_selectionAnchor, column);
    viewport()->update();
}

void PdfPageView::mouseReleaseEvent(QMouseEvent* event)
{
    const QPoint column = event->position().toPoint() - contentOffset();
    if (m_drawingMark) {
        m_drawingMark = false;
        const QRect drawn = dragRect(m_markPage, m_markAnchor, column);
        m_markRect = QRect();
        if (drawn.width() < kSmallestDragPixels || drawn.height() < kSmallestDragPixels) {
            selectRedactionMark(redactionMarkAt(column)); // a click picks a mark
            return;
        }
        selectRedactionMark(-1);
        addRedactionMark(m_markPage, m_layout.toPagePoints(m_markPage, drawn));
        return;
    }
    if (!m_selecting) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    m_selecting = false;
    m_selectionRect = dragRect(m_selectionPage, m_selectionAnchor, column);
    if (m_selectionRect.width() < kSmallestDragPixels || m_selectionRect.height() < kSmallestDragPixels) {
        clearSelection();
        selectRedactionMark(redactionMarkAt(column)); // a click on a mark picks it, marking on or off
        return;
    }
    selectArea(m_selectionPage, m_layout.toPagePoints(m_selectionPage, m_selectionRect));
}

void PdfPageView::setMarkingForRedaction(bool on)
{
    if (on == m_markingForRedaction) {
        return;
    }
    m_markingForRedaction = on;
    m_drawingMark = false;
    m_markRect = QRect();
    viewport()->setCursor(on ? Qt::CrossCursor : Qt::IBeamCursor);
    viewport()->update();
    Q_EMIT markingForRedactionChanged(on);
}

int PdfPageView::addRedactionMark(int page, const QRectF& pointsRect)
{
    if (!m_source || page < 0 || page >= m_layout.pageCount()) {
        return -1;
    }
    // Only the page itself can be redacted: what lies beyond its edges is not in the copy anyway. (The
    // layout's size, not the source's: in a long document the source only estimates most pages' sizes.)
    const QRectF onPage = pointsRect.normalized() & QRectF(QPointF(0, 0), m_layout.pageSizePoints(page));
    const int index = m_marks.add(page, onPage);
    if (index >= 0) {
        viewport()->update();
        Q_EMIT redactionMarksChanged();
    }
    return index;
}

void PdfPageView::removeRedactionMark(int index)
{
    if (!m_marks.removeAt(index)) {
        return;
    }
    if (m_selectedMark == index) {
        m_selectedMark = -1;
    } else if (m_selectedMark > index) {
        --m_selectedMark;
    }
    viewport()->update();
    Q_EMIT redactionMarksChanged();
}

void PdfPageView::clearRedactionMarks()
{
    m_selectedMark = -1;
    if (m_marks.isEmpty()) {
        return;
    }
    m_marks.clear();
    viewport()->update();
    Q_EMIT redactionMarksChanged();
}

void PdfPageView::selectRedactionMark(int index)
{
    const int picked = index >= 0 && index < m_marks.count() ? index : -1;
    if (picked != m_selectedMark) {
        m_selectedMark = picked;
        viewport()->update();
    }
}

int PdfPageView::markSelectionForRedaction()
{
    if (!m_source || !m_textDocument || m_selectionPage < 0 || m_selectionPoints.isEmpty()) {
        return 0;
    }
    const int page = m_selectionPage;
    const QRectF pageArea(QPointF(0, 0), m_layout.pageSizePoints(page));
    const double margin = Redactor::kTextMargin;
    int added = 0;
    for (const QRectF& text : PdfTextSearch::textBoxesIn(*m_textDocument, page, m_selectionPoints)) {
        added += m_marks.add(page, text.adjusted(-margin, -margin, margin, margin) & pageArea) >= 0 ? 1 : 0;
    }
    clearSelection();
    if (added > 0) {
        Q_EMIT redactionMarksChanged();
    }
    return added;
}

void PdfPageView::selectArea(int page, const QRectF& pointsRect)
{
    if (!m_source || page < 0 || page >= m_layout.pageCount()) {
        return;
    }
    if (!m_textDocument) {
        m_textDocument = m_source->openDocument();
    }
    m_selectionPage = page;
    m_selectionPoints = pointsRect;
    m_selectionRect = m_layout.toColumn(page, pointsRect).toAlignedRect();
    m_selectedText = m_textDocument ? PdfTextSearch::textIn(*m_textDocument, page, pointsRect) : QString();
    viewport()->update();
    Q_EMIT selectionChanged(!m_selectedText.isEmpty());
}

void PdfPageView::clearSelection()
{
    const bool had = !m_selectedText.isEmpty();
    m_selectionPage = -1;
    m_selectionRect = QRect();
    m_selectionPoints = QRectF();
    m_selectedText.clear();
    viewport()->update();
    if (had) {
        Q_EMIT selectionChanged(false);
    }
}

void PdfPageView::copySelection() const
{
    if (!m_selectedText.isEmpty()) {
        QApplication::clipboard()->setText(m_selectedText);
    }
}

void PdfPageView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && m_selectedMark >= 0) {
        removeRedactionMark(m_selectedMark);
        return;
    }
    if (event->key() == Qt::Key_Escape && (m_selectedMark >= 0 || m_markingForRedaction)) {
        // First Escape lets go of the picked mark, the next one ends marking.
        if (m_selectedMark >= 0) {
            selectRedactionMark(-1);
        } else {
            setMarkingForRedaction(false);
        }
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void PdfPageView::contextMenuEvent(QContextMenuEvent* event)
{
    const int markUnder = redactionMarkAt(event->pos() - contentOffset());
    QMenu menu(this);
    QAction* copy = menu.addAction(tr("Copy"), this, &PdfPageView::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(!m_selectedText.isEmpty());
    menu.addSeparator();
    QAction* markSelection = menu.addAction(tr("Mark selection for redaction"), this, [this] { markSelectionForRedaction(); });
    markSelection->setEnabled(!m_selectedText.trimmed().isEmpty());
    QAction* remove = menu.addAction(tr("Remove this mark"), this, [this, markUnder] { removeRedactionMark(markUnder); });
    remove->setShortcut(QKeySequence::Delete);
    remove->setEnabled(markUnder >= 0);
    QAction* clear = menu.addAction(tr("Clear all marks"), this, &PdfPageView::clearRedactionMarks);
    clear->setEnabled(!m_marks.isEmpty());
    selectRedactionMark(markUnder);
    menu.exec(event->globalPos());
}

} // namespace ocms
