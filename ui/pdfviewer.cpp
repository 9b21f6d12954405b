#include "pdfviewer.h"

#include "documents/pdfpagecache.h"
#include "documents/pdfrenderqueue.h"
#include "documents/pdfsource.h"
#include "documents/pdftextsearch.h"
#include "messagebanner.h"
#include "pdfpageview.h"
#include "pdfprintjob.h"
#include "pdfthumbnailmodel.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QToolBar>
#include <QPromise>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

#include <poppler-qt6.h>

#include <algorithm>
#include <cmath>

namespace ocms {

namespace {

// 100 % shows a page at its printed size on a 96 dpi screen.
constexpr double kPixelsPerPointAt100 = 96.0 / 72.0;
constexpr double kMinZoom = 0.1;
constexpr double kMaxZoom = 4.0;
const QList<int> kZoomSteps = {50, 75, 100, 125, 150, 200, 300, 400};
// The preview keeps every page it shows in memory: a lower resolution and at most this many pages.
constexpr int kPreviewDpi = 100;
constexpr int kMaxPreviewPages = 50;

} // namespace

PdfViewer::PdfViewer(QWidget* parent) : QWidget(parent), m_cache(std::make_shared<PdfPageCache>())
{
    // Two workers: the visible page and the thumbnails (or the next page) render side by side on two cores.
    m_queue = new PdfRenderQueue(m_cache, 2, this);
    m_pageView = new PdfPageView(m_queue, this);
    m_thumbnails = new PdfThumbnailModel(m_queue, this);

    m_banner = new MessageBanner(this);
    buildToolBar();
    buildPasswordRow();

    m_thumbnailView = new QListView(this);
    m_thumbnailView->setAccessibleName(tr("Page thumbnails"));
    m_thumbnailView->setObjectName(QStringLiteral("thumbnails"));
    m_thumbnailView->setModel(m_thumbnails);
    m_thumbnailView->setViewMode(QListView::IconMode);
    m_thumbnailView->setFlow(QListView::TopToBottom);
    m_thumbnailView->setWrapping(false);
    m_thumbnailView->setMovement(QListView::Static);
    m_thumbnailView->setResizeMode(QListView::Adjust);
    m_thumbnailView->setUniformItemSizes(true);
    m_thumbnailView->setIconSize(QSize(PdfThumbnailModel::kThumbnailWidth, PdfThumbnailModel::kThumbnailWidth * 13 / 10));
    m_thumbnailView->setSpacing(4);
    m_thumbnailView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_thumbnailView->setMinimumWidth(PdfThumbnailModel::kThumbnailWidth + 40);
    m_thumbnailView->setMaximumWidth(PdfThumbnailModel::kThumbnailWidth + 60);
    m_thumbnailView->hide();
    connect(m_thumbnailView, &QListView::clicked, this, [this](const QModelIndex& index) { goToPage(index.row()); });
    connect(m_thumbnailView->verticalScrollBar(), &QScrollBar::valueChanged, m_thumbnails, &PdfThumbnailModel::forgetPending);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_thumbnailView);
    splitter->addWidget(m_pageView);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_banner);
    layout->addWidget(m_passwordRow);
    layout->addWidget(splitter, 1);

    connect(m_pageView, &PdfPageView::currentPageChanged, this, [this](int page) {
        updatePageControls();
        if (page >= 0 && m_thumbnailView->isVisible()) {
            m_thumbnailView->setCurrentIndex(m_thumbnails->index(page));
        }
        Q_EMIT currentPageChanged(page);
    });
    connect(m_pageView, &PdfPageView::pagePainted, this, &PdfViewer::pagePainted);
    connect(m_pageView, &PdfPageView::pagePainted, this, &PdfViewer::startPageScan);
    connect(m_pageView, &PdfPageView::viewportResized, this, &PdfViewer::applyZoomMode);
    connect(m_pageView, &PdfPageView::markingForRedactionChanged, this, [this] { updateRedactionControls(); });
    connect(m_pageView, &PdfPageView::redactionMarksChanged, this, [this] {
        updateRedactionControls();
        Q_EMIT redactionMarksChanged(m_pageView->redactionMarks().count());
    });
    installShortcuts();
    updatePageControls();
    updateHitControls();
    updateZoomText();
    updateRedactionControls();
}

PdfViewer::~PdfViewer()
{
    cancelSearch();
    cancelPageScan();
}

void PdfViewer::buildToolBar()
{
    m_toolBar = new QToolBar(tr("PDF viewer"), this);
    m_toolBar->setAccessibleName(tr("PDF viewer tools"));
    m_toolBar->setIconSize(QSize(16, 16));
    const auto addButton = [this](const QString& text, const QString& tip, auto slot) {
        QAction* action = m_toolBar->addAction(text, this, slot);
        action->setToolTip(tip);
        if (auto* button = qobject_cast<QToolButton*>(m_toolBar->widgetForAction(action))) {
            button->setAccessibleName(tip);
            button->setObjectName(tip);
        }
        return action;
    };

    QAction* thumbnails = addButton(tr("Pages"), tr("Show page thumbnails"), [this] { setThumbnailsVisible(!thumbnailsVisible()); });
    thumbnails->setCheckable(true);
    m_thumbnailToggle = qobject_cast<QToolButton*>(m_toolBar->widgetForAction(thumbnails));
    m_toolBar->addSeparator();

    addButton(tr("◀"), tr("Previous page"), [this] { previousPage(); });
    m_pageBox = new QSpinBox(this);
    m_pageBox->setAccessibleName(tr("Page number"));
    m_pageBox->setObjectName(QStringLiteral("pageNumber"));
    m_pageBox->setKeyboardTracking(false);
    m_pageBox->setButtonSymbols(QAbstractSpinBox::NoButtons);
    m_pageBox->setAlignment(Qt::AlignRight);
    m_pageBox->setMinimumWidth(56);
    connect(m_pageBox, &QSpinBox::valueChanged, this, [this](int value) {
        if (value - 1 != currentPage()) {
            goToPage(value - 1);
        }
    });
    m_toolBar->addWidget(m_pageBox);
    m_pageTotal = new QLabel(this);
    m_pageTotal->setAccessibleName(tr("Page count"));
    m_toolBar->addWidget(m_pageTotal);
    addButton(tr("▶"), tr("Next page"), [this] { nextPage(); });
    m_toolBar->addSeparator();

    addButton(tr("−"), tr("Zoom out"), [this] { zoomOut(); });
    m_zoomBox = new QComboBox(this);
    m_zoomBox->setEditable(true);
    m_zoomBox->setAccessibleName(tr("Zoom"));
    m_zoomBox->setObjectName(QStringLiteral("zoom"));
    m_zoomBox->setInsertPolicy(QComboBox::NoInsert);
    for (int step : kZoomSteps) {
        m_zoomBox->addItem(QStringLiteral("%1%").arg(step), step / 100.0);
    }
    m_zoomBox->setMinimumContentsLength(5);
    connect(m_zoomBox, &QComboBox::activated, this, [this](int index) { setZoom(m_zoomBox->itemData(index).toDouble()); });
    connect(m_zoomBox->lineEdit(), &QLineEdit::returnPressed, this, [this] {
        QString text = m_zoomBox->currentText().trimmed();
        text.remove(u'%');
        bool ok = false;
        const double percent = text.toDouble(&ok);
        if (ok && percent > 0) {
            setZoom(percent / 100.0);
        } else {
            updateZoomText();
        }
    });
    m_toolBar->addWidget(m_zoomBox);
    addButton(tr("+"), tr("Zoom in"), [this] { zoomIn(); });
    addButton(tr("Width"), tr("Fit width"), [this] { fitWidth(); });
    addButton(tr("Page"), tr("Fit page"), [this] { fitPage(); });
    m_toolBar->addSeparator();
    addButton(tr("⟲"), tr("Rotate left"), [this] { rotateLeft(); });
    addButton(tr("⟳"), tr("Rotate right"), [this] { rotateRight(); });
    m_toolBar->addSeparator();

    m_markForRedaction = addButton(tr("▮ Mark for redaction"),
                                   tr("Mark for redaction: drag over a page to black out that area in a redacted copy"),
                                   [this](bool on) { setMarkingForRedaction(on); });
    m_markForRedaction->setCheckable(true);
    m_clearRedactionMarks = addButton(tr("Clear marks"), tr("Remove every area marked for redaction"),
                                      [this] { clearRedactionMarks(); });
    for (QAction* action : {m_markForRedaction, m_clearRedactionMarks}) {
        if (QWidget* button = m_toolBar->widgetForAction(action)) {
            const bool mark = action == m_markForRedaction;
            button->setObjectName(mark ? QStringLiteral("markForRedaction") : QStringLiteral("clearRedactionMarks"));
            button->setAccessibleName(mark ? tr("Mark for redaction") : tr("Clear redaction marks"));
        }
    }
    m_toolBar->addSeparator();

    m_findField = new QLineEdit(this);
    m_findField->setPlaceholderText(tr("Find in document"));
    m_findField->setAccessibleName(tr("Find in document"));
    m_findField->setObjectName(QStringLiteral("find"));
    m_findField->setClearButtonEnabled(true);
    m_findField->setMaximumWidth(220);
    connect(m_findField, &QLineEdit::returnPressed, this, [this] {
        if (m_findField->text() == m_searchTerm && !m_hits.isEmpty()) {
            findNext();
        } else {
            find(m_findField->text());
        }
    });
    m_toolBar->addWidget(m_findField);
    addButton(tr("↑"), tr("Previous match"), [this] { findPrevious(); });
    addButton(tr("↓"), tr("Next match"), [this] { findNext(); });
    m_hitLabel = new QLabel(this);
    m_hitLabel->setAccessibleName(tr("Matches"));
    m_hitLabel->setMinimumWidth(80);
    m_toolBar->addWidget(m_hitLabel);
    m_toolBar->addSeparator();
    addButton(tr("Print…"), tr("Print"), [this] { print(); });
    addButton(tr("Preview"), tr("Print preview"), [this] { printPreview(); });
}

void PdfViewer::buildPasswordRow()
{
    m_passwordRow = new QWidget(this);
    auto* row = new QHBoxLayout(m_passwordRow);
    row->setContentsMargins(6, 0, 6, 0);
    auto* label = new QLabel(tr("Password:"), m_passwordRow);
    m_passwordField = new QLineEdit(m_passwordRow);
    m_passwordField->setEchoMode(QLineEdit::Password);
    m_passwordField->setAccessibleName(tr("PDF password"));
    m_passwordField->setObjectName(QStringLiteral("pdfPassword"));
    m_passwordField->setMaximumWidth(260);
    label->setBuddy(m_passwordField);
    auto* open = new QPushButton(tr("Open"), m_passwordRow);
    open->setAccessibleName(tr("Open with this password"));
    open->setObjectName(QStringLiteral("openWithPassword"));
    row->addWidget(label);
    row->addWidget(m_passwordField);
    row->addWidget(open);
    row->addStretch(1);
    connect(m_passwordField, &QLineEdit::returnPressed, this, &PdfViewer::submitPassword);
    connect(open, &QPushButton::clicked, this, &PdfViewer::submitPassword);
    m_passwordRow->hide();
}

void PdfViewer::installShortcuts()
{
    const auto shortcut = [this](const QKeySequence& keys, auto slot) {
        auto* created = new QShortcut(keys, this, slot);
        created->setContext(Qt::WidgetWithChildrenShortcut);
    };
    shortcut(QKeySequence(Qt::Key_PageDown), [this] { nextPage(); });
    shortcut(QKeySequence(Qt::Key_PageUp), [this] { previousPage(); });
    shortcut(QKeySequence(Qt::Key_Home), [this] { goToPage(0); });
    shortcut(QKeySequence(Qt::Key_End), [this] { goToPage(pageCount() - 1); });
    shortcut(QKeySequence::Find, [this] {
        m_findField->setFocus(Qt::ShortcutFocusReason);
        m_findField->selectAll();
    });
    shortcut(QKeySequence(Qt::Key_F3), [this] { findNext(); });
    shortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3), [this] { findPrevious(); });
    shortcut(QKeySequence::ZoomIn, [this] { zoomIn(); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Equal), [this] { zoomIn(); });
    shortcut(QKeySequence::ZoomOut, [this] { zoomOut(); });
}

void PdfViewer::startPageScan()
{
    if (!m_pageScanDue || !m_source) {
        return;
    }
    m_pageScanDue = false;
    cancelPageScan();
    m_pageScan = new QFutureWatcher<PdfPageScan>(this);
    const std::shared_ptr<const PdfSource> scanned = m_source;
    connect(m_pageScan, &QFutureWatcher<PdfPageScan>::finished, this, [this, scanned] {
        if (m_pageScan->future().resultCount() == 0 || scanned != m_source) {
            cancelPageScan();
            return;
        }
        const PdfPageScan scan = m_pageScan->result();
        cancelPageScan();
        if (scan.sizes.size() != pageCount()) {
            return;
        }
        if (scan.sizes != m_source->pageSizes()) {
            m_pageView->setPageSizes(scan.sizes);
            m_thumbnails->setPageSizes(scan.sizes);
            applyZoomMode();
        }
        if (scan.unreadable > 0) {
            m_banner->showMessage(PdfSource::unreadablePagesWarning(scan.unreadable, pageCount()), true);
        }
    });
    m_pageScan->setFuture(QtConcurrent::run([scanned](QPromise<PdfPageScan>& promise) {
        PdfPageScan scan = scanned->scanPages([&promise] { return promise.isCanceled(); });
        if (!promise.isCanceled()) {
            promise.addResult(std::move(scan));
        }
    }));
}

void PdfViewer::cancelPageScan()
{
    if (m_pageScan) {
        m_pageScan->disconnect(this);
        m_pageScan->cancel();
        m_pageScan->deleteLater();
        m_pageScan = nullptr;
    }
}

Result<void> PdfViewer::loadFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        const Error error = Error::io(tr("The file %1 could not be opened.").arg(path), file.errorString());
        clear();
        showProblem(error);
        return fail(error);
    }
    return loadData(file.readAll(), QFileInfo(path).fileName());
}

Result<void> PdfViewer::loadData(const QByteArray& bytes, const QString& displayName, const QString& password)
{
    cancelSearch();
    cancelPageScan();
    m_displayName = displayName;
    Result<std::shared_ptr<const PdfSource>> opened = PdfSource::fromBytes(bytes, password);
    if (!opened) {
        const QByteArray kept = PdfSource::needsPassword(opened.error()) ? bytes : QByteArray();
        clear();
        m_displayName = displayName;
        m_lockedBytes = kept;
        showProblem(opened.error());
        return fail(opened.error());
    }
    const std::shared_ptr<const PdfSource> previous = m_source;
    m_source = *opened;
    m_lockedBytes.clear();
    m_errorMessage.clear();
    m_passwordRow->hide();
    m_passwordField->clear();
    m_hits.clear();
    m_currentHit = -1;
    m_searchTerm.clear();
    if (m_source->warning().isEmpty()) {
        m_banner->showMessage(QString(), false);
    } else {
        m_banner->showMessage(m_source->warning(), true);
    }
    m_queue->setSource(m_source);
    m_pageScanDue = m_source->pageSizesEstimated();
    if (previous) {
        m_cache->removeSource(previous->id());
    }
    m_thumbnails->setSource(m_source);
    m_pageView->setSource(m_source);
    applyZoomMode();
    if (m_zoomMode == ZoomMode::Custom) {
        setScaleFromZoom(m_zoom);
    }
    updatePageControls();
    updateHitControls();
    updateRedactionControls();
    Q_EMIT loaded(pageCount());
    return {};
}

void PdfViewer::clear()
{
    cancelSearch();
    cancelPageScan();
    const std::shared_ptr<const PdfSource> previous = m_source;
    m_source.reset();
    m_queue->setSource(nullptr);
    if (previous) {
        m_cache->removeSource(previous->id());
    }
    m_thumbnails->setSource(nullptr);
    m_pageView->setSource(nullptr);
    m_pageView->setMarkingForRedaction(false);
    m_displayName.clear();
    m_errorMessage.clear();
    m_lockedBytes.clear();
    m_hits.clear();
    m_currentHit = -1;
    m_searchTerm.clear();
    m_banner->showMessage(QString(), false);
    m_passwordRow->hide();
    updatePageControls();
    updateHitControls();
    updateRedactionControls();
}

void PdfViewer::showProblem(const Error& error)
{
    m_errorMessage = error.userMessage;
    const QString name = m_displayName.isEmpty() ? QString() : m_displayName + QStringLiteral(": ");
    m_banner->showMessage(name + error.userMessage, true);
    const bool wantsPassword = PdfSource::needsPassword(error);
    m_passwordRow->setVisible(wantsPassword);
    if (wantsPassword) {
        m_passwordField->clear();
        m_passwordField->setFocus(Qt::OtherFocusReason);
        Q_EMIT passwordRequired();
    } else {
        Q_EMIT loadFailed(error.userMessage);
    }
}

bool PdfViewer::isPasswordRequested() const
{
    return !m_passwordRow->isHidden();
}

void PdfViewer::submitPassword()
{
    if (m_lockedBytes.isEmpty()) {
        return;
    }
    (void)loadData(m_lockedBytes, m_displayName, m_passwordField->text());
}

int PdfViewer::pageCount() const
{
    return m_source ? m_source->pageCount() : 0;
}

int PdfViewer::currentPage() const
{
    return m_source ? m_pageView->currentPage() : -1;
}

void PdfViewer::goToPage(int pageIndex)
{
    m_pageView->goToPage(pageIndex);
}

void PdfViewer::nextPage()
{
    goToPage(currentPage() + 1);
}

void PdfViewer::previousPage()
{
    goToPage(currentPage() - 1);
}

void PdfViewer::openAt(int pageIndex, const QString& highlightTerm)
{
    goToPage(pageIndex);
    if (!highlightTerm.trimmed().isEmpty()) {
        m_findField->setText(highlightTerm);
        find(highlightTerm);
    }
}

void PdfViewer::updatePageControls()
{
    const int pages = pageCount();
    const QSignalBlocker block(m_pageBox);
    m_pageBox->setRange(pages > 0 ? 1 : 0, std::max(pages, 0));
    m_pageBox->setValue(currentPage() + 1);
    m_pageBox->setEnabled(pages > 0);
    m_pageTotal->setText(QStringLiteral(" / %1 ").arg(pages));
}

double PdfViewer::zoom() const
{
    return m_pageView->scale() / kPixelsPerPointAt100;
}

void PdfViewer::setScaleFromZoom(double factor)
{
    m_pageView->setScale(std::clamp(factor, kMinZoom, kMaxZoom) * kPixelsPerPointAt100);
    updateZoomText();
}

void PdfViewer::setZoom(double factor)
{
    m_zoomMode = ZoomMode::Custom;
    m_zoom = std::clamp(factor, kMinZoom, kMaxZoom);
    setScaleFromZoom(m_zoom);
}

void PdfViewer::zoomIn()
{
    const int percent = int(std::lround(zoom() * 100));
    for (int step : kZoomSteps) {
        if (step > percent) {
            setZoom(step / 100.0);
            return;
        }
    }
    setZoom(kMaxZoom);
}

void PdfViewer::zoomOut()
{
    const int percent = int(std::lround(zoom() * 100));
    for (auto step = kZoomSteps.crbegin(); step != kZoomSteps.crend(); ++step) {
        if (*step < percent) {
            setZoom(*step / 100.0);
            return;
        }
    }
    setZoom(std::max(kMinZoom, zoom() * 0.8));
}

void PdfViewer::fitWidth()
{
    m_zoomMode = ZoomMode::FitWidth;
    applyZoomMode();
}

void PdfViewer::fitPage()
{
    m_zoomMode = ZoomMode::FitPage;
    applyZoomMode();
}

void PdfViewer::applyZoomMode()
{
    if (m_zoomMode == ZoomMode::Custom || !m_source) {
        return;
    }
    const double scale = m_zoomMode == ZoomMode::FitWidth ? m_pageView->fitWidthScale() : m_pageView->fitPageScale();
    setScaleFromZoom(scale / kPixelsPerPointAt100);
}

void PdfViewer::updateZoomText()
{
    m_zoomBox->setEditText(QStringLiteral("%1%").arg(std::lround(zoom() * 100)));
}

void PdfViewer::rotateLeft()
{
    m_quarterTurns = (m_quarterTurns + 3) % 4;
    m_pageView->setQuarterTurns(m_quarterTurns);
    m_thumbnails->setQuarterTurns(m_quarterTurns);
    applyZoomMode();
}

void PdfViewer::rotateRight()
{
    m_quarterTurns = (m_quarterTurns + 1) % 4;
    m_pageView->setQuarterTurns(m_quarterTurns);
    m_thumbnails->setQuarterTurns(m_quarterTurns);
    applyZoomMode();
}

int PdfViewer::rotationDegrees() const
{
    return m_quarterTurns * 90;
}

void PdfViewer::cancelSearch()
{
    m_searching = false;
    if (m_search) {
        m_search->disconnect(this);
        m_search->cancel(); // the pool thread stops before its next page; it holds its own PdfSource
        m_search->deleteLater();
        m_search = nullptr;
    }
}

void PdfViewer::find(const QString& text)
{
    cancelSearch();
    m_searchTerm = text;
    m_hits.clear();
    m_currentHit = -1;
    m_pageView->setHits({}, -1);
    if (m_findField->text() != text) {
        m_findField->setText(text);
    }
    if (!m_source || text.trimmed().isEmpty()) {
        updateHitControls();
        return;
    }
    m_searching = true;
    m_search = new QFutureWatcher<QList<PdfSearchHit>>(this);
    connect(m_search, &QFutureWatcher<QList<PdfSearchHit>>::resultsReadyAt, this, &PdfViewer::onSearchResults);
    connect(m_search, &QFutureWatcher<QList<PdfSearchHit>>::finished, this, &PdfViewer::onSearchFinished);
    m_search->setFuture(PdfTextSearch::start(m_source, text, std::max(0, currentPage())));
    updateHitControls();
}

void PdfViewer::onSearchResults(int begin, int end)
{
    const PdfSearchHit current = m_currentHit >= 0 ? m_hits.at(m_currentHit) : PdfSearchHit{};
    bool first = m_currentHit < 0;
    for (int i = begin; i < end; ++i) {
        const QList<PdfSearchHit> pageHits = m_search->resultAt(i);
        if (pageHits.isEmpty()) {
            continue;
        }
        const qsizetype at = std::lower_bound(m_hits.cbegin(), m_hits.cend(), pageHits.first()) - m_hits.cbegin();
        m_hits.insert(at, pageHits.size(), PdfSearchHit{});
        std::copy(pageHits.cbegin(), pageHits.cend(), m_hits.begin() + at);
    }
    if (first && !m_hits.isEmpty()) {
        // The search starts at the reader's page: its first result batch holds the nearest hit.
        const PdfSearchHit nearest = m_search->resultAt(begin).first();
        m_currentHit = int(std::lower_bound(m_hits.cbegin(), m_hits.cend(), nearest) - m_hits.cbegin());
        m_pageView->setHits(m_hits, m_currentHit);
        m_pageView->scrollToHit(m_hits.at(m_currentHit));
    } else if (!first) {
        m_currentHit = int(std::lower_bound(m_hits.cbegin(), m_hits.cend(), current) - m_hits.cbegin());
        m_pageView->setHits(m_hits, m_currentHit);
    }
    updateHitControls();
}

void PdfViewer::onSearchFinished()
{
    m_searching = false;
    updateHitControls();
    Q_EMIT searchFinished(hitCount());
}

void PdfViewer::setCurrentHit(int index)
{
    if (m_hits.isEmpty()) {
        return;
    }
    m_currentHit = int((index % m_hits.size() + m_hits.size()) % m_hits.size());
    m_pageView->setHits(m_hits, m_currentHit);
    m_pageView->scrollToHit(m_hits.at(m_currentHit));
    updateHitControls();
}

void PdfViewer::findNext()
{
    if (m_findField->text() != m_searchTerm) {
        find(m_findField->text());
        return;
    }
    setCurrentHit(m_currentHit + 1);
}

void PdfViewer::findPrevious()
{
    if (m_findField->text() != m_searchTerm) {
        find(m_findField->text());
        return;
    }
    setCurrentHit(m_currentHit - 1);
}

QString PdfViewer::hitCountText() const
{
    if (m_searchTerm.trimmed().isEmpty()) {
        return {};
    }
    if (m_hits.isEmpty()) {
        return isSearching() ? tr("Searching…") : tr("No matches");
    }
    const QString count = isSearching() ? tr("%1 of %2…") : tr("%1 of %2");
    return count.arg(m_currentHit + 1).arg(m_hits.size());
}

void PdfViewer::updateHitControls()
{
    m_hitLabel->setText(hitCountText());
}

void PdfViewer::setMarkingForRedaction(bool on)
{
    m_pageView->setMarkingForRedaction(on && m_source);
    updateRedactionControls();
}

bool PdfViewer::isMarkingForRedaction() const
{
    return m_pageView->isMarkingForRedaction();
}

QList<Redactor::Box> PdfViewer::redactionMarks() const
{
    return m_pageView->redactionMarks().boxes();
}

void PdfViewer::clearRedactionMarks()
{
    m_pageView->clearRedactionMarks();
}

int PdfViewer::markSelectionForRedaction()
{
    return m_pageView->markSelectionForRedaction();
}

void PdfViewer::updateRedactionControls()
{
    const QSignalBlocker block(m_markForRedaction);
    m_markForRedaction->setEnabled(m_source != nullptr);
    m_markForRedaction->setChecked(m_pageView->isMarkingForRedaction());
    const int marks = m_pageView->redactionMarks().count();
    m_clearRedactionMarks->setEnabled(marks > 0);
    m_clearRedactionMarks->setText(marks > 0 ? tr("Clear marks (%1)").arg(marks) : tr("Clear marks"));
}

QString PdfViewer::selectedText() const
{
    return m_pageView->selectedText();
}

void PdfViewer::copySelection() const
{
    m_pageView->copySelection();
}

void PdfViewer::setThumbnailsVisible(bool visible)
{
    m_thumbnailView->setVisible(visible);
    if (m_thumbnailToggle) {
        m_thumbnailToggle->setChecked(visible);
    }
    if (visible && currentPage() >= 0) {
        m_thumbnailView->setCurrentIndex(m_thumbnails->index(currentPage()));
        m_thumbnailView->scrollTo(m_thumbnails->index(currentPage()));
    }
}

bool PdfViewer::thumbnailsVisible() const
{
    return !m_thumbnailView->isHidden();
}

void PdfViewer::print()
{
    if (!m_source) {
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(m_displayName);
    printer.setFromTo(1, pageCount());
    QPrintDialog dialog(&printer, this);
    dialog.setOption(QAbstractPrintDialog::PrintPageRange);
    dialog.setMinMax(1, pageCount());
    if (dialog.exec() == QDialog::Accepted) {
        printTo(&printer);
    }
}

void PdfViewer::printPreview()
{
    if (!m_source) {
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(m_displayName);
    if (pageCount() > kMaxPreviewPages) {
        const int first = std::min(currentPage() + 1, pageCount() - kMaxPreviewPages + 1);
        printer.setPrintRange(QPrinter::PageRange);
        printer.setFromTo(first, first + kMaxPreviewPages - 1);
    }
    QPrintPreviewDialog dialog(&printer, this);
    connect(&dialog, &QPrintPreviewDialog::paintRequested, this, [this](QPrinter* target) { printTo(target, kPreviewDpi); });
    dialog.exec();
}

void PdfViewer::printTo(QPrinter* printer, int maxDpi)
{
    PdfPrintJob(m_source, m_quarterTurns, m_queue->limits()).printTo(printer, maxDpi);
}

} // namespace ocms
