#pragma once

#include "documents/pdfpagelayout.h"
#include "documents/pdfrenderkey.h"
#include "documents/pdfsearchhit.h"
#include "documents/redactionmarks.h"

#include <QAbstractScrollArea>
#include <QHash>
#include <QMultiHash>
#include <QSet>

#include <functional>

#include <memory>

class QPainter;

namespace Poppler {
class Document;
}

namespace ocms {

class PdfRenderQueue;
class PdfSource;
struct PdfPageImage;

// Every page of a PDF in one continuous vertical scroll. Pages are placeholders of the right size until
// their image arrives from the render queue; only the visible pages (and one either side) are requested,
// so a 1,000-page document scrolls as lightly as a short one. Paints search hits (current one in orange),
// a rubber-band selection whose text can be copied, and areas marked for redaction (translucent black
// boxes, drawn by dragging while marking is on; a click picks one, Delete removes it).
class PdfPageView final : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit PdfPageView(PdfRenderQueue* queue, QWidget* parent = nullptr);
    ~PdfPageView() override;

    void setSource(std::shared_ptr<const PdfSource> source); // null: nothing shown
    void setPageSizes(const QList<QSizeF>& pageSizesPoints); // the true sizes, once read; keeps the place
    void setScale(double pixelsPerPoint);                      // keeps the reader's place
    double scale() const { return m_layout.scale(); }
    void setQuarterTurns(int quarterTurns);
    int quarterTurns() const { return m_layout.quarterTurns(); }
    const PdfPageLayout& pageLayout() const { return m_layout; }
    QRect pageRectInViewport(int page) const;
    double fitWidthScale() const;
    double fitPageScale() const;

    void goToPage(int page);
    int currentPage() const;

    void setHits(const QList<PdfSearchHit>& hits, int currentHit);
    void scrollToHit(const PdfSearchHit& hit);

    // Selects the text under a rectangle of a page (points, unrotated), as a drag with the mouse does.
    void selectArea(int page, const QRectF& pointsRect);
    void clearSelection();
    QString selectedText() const { return m_selectedText; }
    void copySelection() const;

    // While on, a drag on a page draws a redaction mark instead of selecting text.
    void setMarkingForRedaction(bool on);
    bool isMarkingForRedaction() const { return m_markingForRedaction; }
    const RedactionMarks& redactionMarks() const { return m_marks; }
    int addRedactionMark(int page, const QRectF& pointsRect); // index of the new mark, -1 if refused
    void removeRedactionMark(int index);
    void clearRedactionMarks();
    // Boxes over the words of the current text selection; how many were added.
    int markSelectionForRedaction();
    int selectedRedactionMark() const { return m_selectedMark; } // -1 when none
    void selectRedactionMark(int index);

Q_SIGNALS:
    void currentPageChanged(int page);
    void pagePainted(int page); // a page was painted with its image at the current zoom, once per zoom
    void selectionChanged(bool hasText);
    void redactionMarksChanged();
    void markingForRedactionChanged(bool on);
    void viewportResized();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    PdfRenderKey keyFor(int page) const;
    double renderDpi() const;
    QPoint contentOffset() const; // column pixels -> viewport pixels
    void relayoutKeepingPlace(const std::function<void()>& change);
    void updateScrollBars();
    void scheduleRequests();
    void requestVisible();
    void onRendered(const PdfRenderKey& key, const PdfPageImage& image);
    void onFailed(const PdfRenderKey& key, const QString& message);
    void noteCurrentPage();
    int computedCurrentPage() const;
    void resetRenderState();
    void paintRedactionMarks(QPainter& painter, int page, QPoint offset) const;
    QRect dragRect(int page, QPoint anchor, QPoint column) const;
    int redactionMarkAt(QPoint column) const;

    PdfRenderQueue* m_queue;
    std::shared_ptr<const PdfSource> m_source;
    std::unique_ptr<Poppler::Document> m_textDocument; // GUI-thread copy for selection text
    PdfPageLayout m_layout;
    QList<PdfSearchHit> m_hits;
    QMultiHash<int, int> m_hitsByPage;
    int m_currentHit = -1;
    QHash<int, QString> m_failedPages;
    QSet<int> m_announcedPages;
    QList<PdfRenderKey> m_lastWanted;
    bool m_requestScheduled = false;
    int m_targetPage = -1;   // an explicit go-to wins until the reader scrolls
    int m_reportedPage = -1;
    bool m_scrollingProgrammatically = false;
    bool m_selecting = false;
    QPoint m_selectionAnchor; // column pixels
    QRect m_selectionRect;    // column pixels
    QRectF m_selectionPoints; // the same, in page points
    int m_selectionPage = -1;
    QString m_selectedText;
    RedactionMarks m_marks;
    bool m_markingForRedaction = false;
    bool m_drawingMark = false;
    int m_markPage = -1;
    QPoint m_markAnchor; // column pixels
    QRect m_markRect;    // column pixels, while drawing
    int m_selectedMark = -1;
};

} // namespace ocms
