#pragma once

#include "documents/pdfpagescan.h"
#include "documents/pdfsearchhit.h"
#include "documents/redactor.h"
#include "result.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPrinter;
class QSpinBox;
class QToolBar;
class QToolButton;

namespace ocms {

class MessageBanner;
class PdfPageCache;
class PdfPageView;
class PdfRenderQueue;
class PdfSource;
class PdfThumbnailModel;

// The embedded PDF viewer of the case and document screens: continuous pages, zoom, thumbnails, go to page,
// find with every hit highlighted, copy, rotate, print, and mark areas for a redacted copy. Pages render on worker threads; a file that cannot
// be shown (empty, not a PDF, damaged, password-protected) gets a message in place of the pages, and a
// password box when one would open it.
class PdfViewer final : public QWidget
{
    Q_OBJECT
public:
    enum class ZoomMode { Custom, FitWidth, FitPage };

    explicit PdfViewer(QWidget* parent = nullptr);
    ~PdfViewer() override;

    Result<void> loadData(const QByteArray& bytes, const QString& displayName, const QString& password = {});
    Result<void> loadFile(const QString& path);
    void clear();
    QString displayName() const { return m_displayName; }
    QString errorMessage() const { return m_errorMessage; }
    bool isPasswordRequested() const;

    int pageCount() const;
    int currentPage() const; // 0-based; -1 when nothing is open
    void goToPage(int pageIndex);
    void nextPage();
    void previousPage();
    // Opens at a search result: the page, with the term's hits highlighted and the first one on it current.
    void openAt(int pageIndex, const QString& highlightTerm);

    void setZoom(double factor); // 1.0 = 100 %: a point is 96/72 screen pixels
    double zoom() const;
    ZoomMode zoomMode() const { return m_zoomMode; }
    void zoomIn();
    void zoomOut();
    void fitWidth();
    void fitPage();

    void rotateLeft();
    void rotateRight();
    int rotationDegrees() const;

    void find(const QString& text);
    void findNext();
    void findPrevious();
    int hitCount() const { return int(m_hits.size()); }
    int currentHitIndex() const { return m_currentHit; } // -1 when none
    bool isSearching() const { return m_searching; } // until every result has been delivered
    QString hitCountText() const;

    QString selectedText() const;
    void copySelection() const;

    // Marking for redaction (the "Mark for redaction" tool): while on, a drag on a page marks an area.
    // The marks are in PDF points of the unrotated page, whatever the zoom and rotation they were drawn at,
    // and are dropped when another document is loaded.
    void setMarkingForRedaction(bool on);
    bool isMarkingForRedaction() const;
    QList<Redactor::Box> redactionMarks() const;
    void clearRedactionMarks();
    int markSelectionForRedaction(); // the selected text's boxes become marks; how many

    void setThumbnailsVisible(bool visible);
    bool thumbnailsVisible() const;

    void print();
    void printPreview();
    // Renders the printer's page range at its resolution, capped at maxDpi, onto it.
    void printTo(QPrinter* printer, int maxDpi = 300);

    PdfPageView* pageView() const { return m_pageView; }
    PdfRenderQueue* renderQueue() const { return m_queue; }

Q_SIGNALS:
    void loaded(int pageCount);
    void loadFailed(const QString& message);
    void passwordRequired();
    void currentPageChanged(int pageIndex);
    void pagePainted(int pageIndex);
    void searchFinished(int hitCount);
    void redactionMarksChanged(int count);

private:
    void buildToolBar();
    void buildPasswordRow();
    void installShortcuts();
    void showProblem(const Error& error);
    void applyZoomMode();
    void setScaleFromZoom(double factor);
    void updateZoomText();
    void updatePageControls();
    void updateHitControls();
    void onSearchResults(int begin, int end);
    void onSearchFinished();
    void cancelSearch();
    void setCurrentHit(int index);
    void submitPassword();
    void startPageScan();
    void cancelPageScan();
    void updateRedactionControls();

    std::shared_ptr<PdfPageCache> m_cache;
    PdfRenderQueue* m_queue = nullptr;
    std::shared_ptr<const PdfSource> m_source;
    QString m_displayName;
    QString m_errorMessage;
    QByteArray m_lockedBytes; // kept while the password is asked for
    ZoomMode m_zoomMode = ZoomMode::FitWidth;
    double m_zoom = 1.0;
    int m_quarterTurns = 0;

    QString m_searchTerm;
    QList<PdfSearchHit> m_hits; // reading order
    int m_currentHit = -1;
    // One watcher per search, dropped on cancel, so results still queued from an old search never arrive.
    QFutureWatcher<QList<PdfSearchHit>>* m_search = nullptr;
    bool m_searching = false;
    // Reads the true page sizes of a long document after its first page is on screen.
    QFutureWatcher<PdfPageScan>* m_pageScan = nullptr;
    bool m_pageScanDue = false;

    QToolBar* m_toolBar = nullptr;
    QComboBox* m_zoomBox = nullptr;
    QSpinBox* m_pageBox = nullptr;
    QLabel* m_pageTotal = nullptr;
    QLineEdit* m_findField = nullptr;
    QLabel* m_hitLabel = nullptr;
    QToolButton* m_thumbnailToggle = nullptr;
    QAction* m_markForRedaction = nullptr;
    QAction* m_clearRedactionMarks = nullptr;
    MessageBanner* m_banner = nullptr;
    QWidget* m_passwordRow = nullptr;
    QLineEdit* m_passwordField = nullptr;
    QListView* m_thumbnailView = nullptr;
    PdfThumbnailModel* m_thumbnails = nullptr;
    PdfPageView* m_pageView = nullptr;
};

} // namespace ocms
