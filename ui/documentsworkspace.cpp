#include "documentsworkspace.h"

#include "documents/draftfiling.h"
#include "documents/versiontextindexer.h"
#include "documentview.h"
#include "drafteditor.h"
#include "drafttab.h"
#include "newdraftdialog.h"
#include "domain/anumber.h"
#include "messagebanner.h"
#include "uploaddocumentdialog.h"
#include "whenready.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ocms {

namespace {

// The server marks matched words with [[ and ]]; everything else is the document's own text (escaped).
QString highlighted(const QString& snippet)
{
    QString html = snippet.toHtmlEscaped();
    html.replace(QStringLiteral("[["), QStringLiteral("<b style=\"background-color:#fff0a0;\">"));
    html.replace(QStringLiteral("]]"), QStringLiteral("</b>"));
    return html;
}

} // namespace

DocumentsWorkspace::DocumentsWorkspace(const ConnectionSettings& settings, DraftAutosave drafts, QWidget* parent)
    : QWidget(parent), m_settings(settings), m_service(settings), m_tabs(new QTabWidget(this)), m_query(new QLineEdit(this)),
      m_type(new QComboBox(this)), m_filedUnder(new QLineEdit(this)), m_author(new QLineEdit(this)), m_tag(new QLineEdit(this)),
      m_from(new QDateEdit(this)), m_to(new QDateEdit(this)), m_summary(new QLabel(this)), m_results(new QListWidget(this)),
      m_recovery(new QLabel(this)), m_message(new MessageBanner(this)), m_drafts(std::move(drafts))
{
    setAcceptDrops(true);
    m_tabs->setObjectName(QStringLiteral("documentTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_query->setObjectName(QStringLiteral("documentSearch"));
    m_query->setPlaceholderText(tr("Words to find, \"an exact phrase\", -without"));
    m_query->setClearButtonEnabled(true);
    m_type->setObjectName(QStringLiteral("documentTypeFilter"));
    m_type->addItem(tr("All types"), QString());
    m_filedUnder->setObjectName(QStringLiteral("documentFiledUnderFilter"));
    m_filedUnder->setPlaceholderText(tr("Case, project or A-Number"));
    m_author->setObjectName(QStringLiteral("documentAuthorFilter"));
    m_author->setPlaceholderText(tr("Author"));
    m_tag->setObjectName(QStringLiteral("documentTagFilter"));
    m_tag->setPlaceholderText(tr("Tag"));
    for (QDateEdit* date : {m_from, m_to}) {
        date->setCalendarPopup(true);
        date->setSpecialValueText(tr("any date"));
        date->setMinimumDate(QDate(1990, 1, 1));
        date->setDate(date->minimumDate());
        date->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    }
    m_from->setObjectName(QStringLiteral("documentFromFilter"));
    m_to->setObjectName(QStringLiteral("documentToFilter"));
    m_summary->setObjectName(QStringLiteral("documentSearchSummary"));
    m_results->setObjectName(QStringLiteral("documentResults"));
    m_results->setAlternatingRowColors(true);
    m_results->setSpacing(2);
    m_results->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // A chosen hit stays readable: a light band, the text keeps its colours.
    m_results->setStyleSheet(QStringLiteral("QListWidget::item:selected { background: #dceaf8; }"));
    m_results->viewport()->installEventFilter(this);

    auto* find = new QPushButton(tr("&Search"), this);
    find->setObjectName(QStringLiteral("documentSearchButton"));
    find->setDefault(true);
    auto* add = new QPushButton(tr("&Add document…"), this);
    add->setObjectName(QStringLiteral("addDocumentButton"));
    auto* draft = new QPushButton(tr("New d&raft…"), this);
    draft->setObjectName(QStringLiteral("newDraftButton"));
    connect(draft, &QPushButton::clicked, this, [this] { newDraft()->open(); });
    m_recovery->setObjectName(QStringLiteral("draftRecovery"));
    m_recovery->setWordWrap(true);
    m_recovery->setStyleSheet(QStringLiteral("QLabel { background: #fff4d6; padding: 6px; border-radius: 3px; }"));
    m_recovery->setVisible(false);
    connect(m_recovery, &QLabel::linkActivated, this, [this] { recoverUnsavedDrafts(); });
    connect(find, &QPushButton::clicked, this, &DocumentsWorkspace::search);
    connect(m_query, &QLineEdit::returnPressed, this, &DocumentsWorkspace::search);
    connect(add, &QPushButton::clicked, this, [this] {
        if (UploadDocumentDialog* dialog = addDocument()) {
            dialog->open();
        }
    });
    connect(m_results, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const int row = m_results->row(item);
        if (row >= 0 && row < m_hits.size()) {
            openDocument(m_hits.at(row).documentId, m_hits.at(row).versionId, m_query->text());
        }
    });

    auto* filters = new QGridLayout;
    auto* label = new QLabel(tr("&Find:"), this);
    label->setBuddy(m_query);
    filters->addWidget(label, 0, 0);
    filters->addWidget(m_query, 0, 1, 1, 4);
    filters->addWidget(find, 0, 5);
    filters->addWidget(add, 0, 6);
    filters->addWidget(draft, 0, 7);
    filters->addWidget(m_type, 1, 1);
    filters->addWidget(m_filedUnder, 1, 2);
    filters->addWidget(m_author, 1, 3);
    filters->addWidget(m_tag, 1, 4);
    auto* dates = new QHBoxLayout;
    dates->addWidget(new QLabel(tr("from"), this));
    dates->addWidget(m_from);
    dates->addWidget(new QLabel(tr("to"), this));
    dates->addWidget(m_to);
    filters->addLayout(dates, 1, 5, 1, 3);
    filters->setColumnStretch(1, 1);
    filters->setColumnStretch(2, 1);
    filters->setColumnStretch(3, 1);
    filters->setColumnStretch(4, 1);

    auto* searchPage = new QWidget(this);
    auto* searchLayout = new QVBoxLayout(searchPage);
    searchLayout->addLayout(filters);
    searchLayout->addWidget(m_recovery);
    searchLayout->addWidget(m_message);
    searchLayout->addWidget(m_summary);
    searchLayout->addWidget(m_results, 1);
    m_tabs->addTab(searchPage, tr("Search"));
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &DocumentsWorkspace::closeTab);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    ++m_pending;
    whenReady(this, FormContext::load(settings), [this](const Result<FormContext>& context) {
        --m_pending;
        if (!context) {
            m_message->showMessage(context.error().userMessage, true);
            return;
        }
        m_context = *context;
        for (const DropdownChoice& choice : m_context.catalog.choices(QStringLiteral("document_type"))) {
            m_type->addItem(choice.label, choice.code);
        }
        offerDraftRecovery();
    });
    m_summary->setText(tr("Search the documents you may see: memos, briefs and research of every case and project open to you."));
    m_indexPool.setMaxThreadCount(1);
    // Versions left waiting (the app closed during an upload's indexing) are picked up after start.
    QTimer::singleShot(2000, this, &DocumentsWorkspace::indexPendingText);
}

DocumentsWorkspace::~DocumentsWorkspace()
{
    m_stopIndexing->store(true); // the job stops between pages; the pool waits for it
    m_indexPool.waitForDone();
}

void DocumentsWorkspace::indexPendingText()
{
    if (m_indexing) {
        m_indexAgain = true;
        return;
    }
    m_indexing = true;
    m_indexAgain = false;
    constexpr int kBatch = 20;
    auto stop = m_stopIndexing;
    auto future = QtConcurrent::run(&m_indexPool, [settings = m_settings, stop]() {
        return VersionTextIndexer().runOnce(settings, kBatch, stop.get());
    });
    whenReady(this, future, [this](const Result<int>& filed) {
        m_indexing = false;
        if (!filed) {
            Q_EMIT status(tr("Reading the text of new documents failed: %1").arg(filed.error().userMessage));
            return;
        }
        if (*filed > 0) {
            Q_EMIT status(*filed == 1 ? tr("1 new version became searchable.")
                                      : tr("%1 new versions became searchable.").arg(*filed));
        }
        if (*filed >= kBatch || m_indexAgain) {
            indexPendingText();
        }
    });
}

void DocumentsWorkspace::search()
{
    DocumentSearchQuery query;
    query.text = m_query->text().trimmed();
    if (query.text.isEmpty()) {
        m_message->showMessage(tr("Type the words to search for."), true);
        return;
    }
    query.documentType = m_type->currentData().toString();
    const QString filed = m_filedUnder->text().trimmed();
    if (!filed.isEmpty()) {
        if (auto aNumber = ANumber::parse(filed)) {
            query.aNumber = aNumber->digits();
        } else if (filed.startsWith(QStringLiteral("PRJ"), Qt::CaseInsensitive)) {
            query.projectNumber = filed.toUpper();
        } else {
            query.caseNumber = filed.toUpper();
        }
    }
    query.author = m_author->text().trimmed();
    query.tag = m_tag->text().trimmed().toLower();
    if (m_from->date() != m_from->minimumDate()) {
        query.from = m_from->date();
    }
    if (m_to->date() != m_to->minimumDate()) {
        query.to = m_to->date();
    }
    m_message->hide();
    m_summary->setText(tr("Searching…"));
    ++m_pending;
    whenReady(this, m_service.run<QList<DocumentSearchHit>>([query](DocumentRepository& repository) { return repository.search(query); }),
              [this](const Result<QList<DocumentSearchHit>>& hits) {
                  --m_pending;
                  if (!hits) {
                      m_summary->clear();
                      m_message->showMessage(hits.error().userMessage, true);
                      return;
                  }
                  showHits(*hits);
              });
}

void DocumentsWorkspace::showHits(const QList<DocumentSearchHit>& hits)
{
    m_hits = hits;
    m_results->clear();
    m_summary->setText(hits.isEmpty() ? tr("Nothing found. Try fewer or other words, or fewer filters.")
                       : hits.first().partial
                           ? tr("More than 3,000 documents match: these are the best of the first 3,000. Add words or filters "
                                "for a ranking of all of them.")
                       : hits.size() >= 50 ? tr("The 50 best matches; add words or filters to narrow them.")
                       : hits.size() == 1 ? tr("1 document found.")
                                          : tr("%1 documents found, best match first.").arg(hits.size()));
    for (const DocumentSearchHit& hit : hits) {
        auto* item = new QListWidgetItem(m_results);
        auto* label = new QLabel(m_results);
        label->setTextFormat(Qt::RichText);
        label->setWordWrap(true);
        label->setContentsMargins(6, 4, 6, 4);
        const QString type = m_context.catalog.label(QStringLiteral("document_type"), hit.documentType);
        label->setText(QStringLiteral("<b>%1</b> &nbsp;<span style=\"color:#555;\">%2 · %3 · %4%5 · %6 · version %7</span><br>%8")
                           .arg(hit.title.toHtmlEscaped(), hit.documentNumber.toHtmlEscaped(), hit.parent.toHtmlEscaped(),
                                type.isEmpty() ? hit.documentType.toHtmlEscaped() : type.toHtmlEscaped(),
                                hit.authorName.isEmpty() ? QString() : QStringLiteral(" · ") + hit.authorName.toHtmlEscaped(),
                                QLocale().toString(hit.updatedAt.toLocalTime().date(), QLocale::ShortFormat))
                           .arg(hit.versionNo)
                           .arg(highlighted(hit.snippet)));
        label->setAccessibleName(hit.title);
        m_results->setItemWidget(item, label);
    }
    fitHits();
    if (!hits.isEmpty()) {
        m_results->setCurrentRow(0);
    }
    Q_EMIT status(m_summary->text());
}

void DocumentsWorkspace::fitHits()
{
    // Word-wrapped hits are as tall as their text at the list's width (a label's own hint assumes a narrow one).
    const int width = m_results->viewport()->width() - 2 * m_results->spacing();
    for (int row = 0; row < m_results->count(); ++row) {
        QListWidgetItem* item = m_results->item(row);
        if (auto* label = qobject_cast<QLabel*>(m_results->itemWidget(item))) {
            item->setSizeHint(QSize(width, label->heightForWidth(width)));
        }
    }
}

bool DocumentsWorkspace::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_results->viewport() && event->type() == QEvent::Resize) {
        fitHits();
    }
    return QWidget::eventFilter(watched, event);
}

DocumentView* DocumentsWorkspace::openDocument(const QUuid& documentId, const QUuid& versionId, const QString& term)
{
    if (DocumentView* open = m_open.value(documentId)) {
        m_tabs->setCurrentWidget(open);
        if (!versionId.isNull()) {
            open->showVersion(versionId, term);
        }
        return open;
    }
    auto* view = new DocumentView(m_settings, m_context.catalog, documentId, this);
    m_open.insert(documentId, view);
    const int index = m_tabs->addTab(view, tr("Document"));
    m_tabs->setCurrentIndex(index);
    connect(view, &DocumentView::titleChanged, this, [this, view](const QString& title) {
        m_tabs->setTabText(m_tabs->indexOf(view), title);
    });
    connect(view, &DocumentView::status, this, &DocumentsWorkspace::status);
    connect(view, &DocumentView::versionAdded, this, &DocumentsWorkspace::indexPendingText);
    connect(view, &DocumentView::openCaseRequested, this, &DocumentsWorkspace::openCaseRequested);
    connect(view, &DocumentView::openProjectRequested, this, &DocumentsWorkspace::openProjectRequested);
    connect(view, &DocumentView::editDraftRequested, this, &DocumentsWorkspace::editDraft);
    if (!versionId.isNull()) {
        view->showVersionWhenLoaded(versionId, term);
    }
    return view;
}

UploadDocumentDialog* DocumentsWorkspace::addDocument(const DocumentParent& parent, const QString& path)
{
    auto* dialog = new UploadDocumentDialog(m_settings, m_context.catalog, parent, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!path.isEmpty()) {
        dialog->setFile(path);
    }
    connect(dialog, &UploadDocumentDialog::uploaded, this, [this](const QUuid& documentId, const QString& title) {
        m_message->showMessage(tr("Added \"%1\". Its text becomes searchable in a moment.").arg(title), false);
        openDocument(documentId);
        indexPendingText();
    });
    return dialog;
}

void DocumentsWorkspace::closeTab(int index)
{
    QWidget* page = m_tabs->widget(index);
    if (auto* view = qobject_cast<DocumentView*>(page)) {
        m_open.remove(view->documentId());
        m_tabs->removeTab(index);
        view->deleteLater();
    } else if (auto* draft = qobject_cast<DraftTab*>(page)) {
        draft->requestClose(); // closeReady removes it, now or once its last save is in
    }
}

NewDraftDialog* DocumentsWorkspace::newDraft(const DocumentParent& parent)
{
    auto* dialog = new NewDraftDialog(m_settings, m_context.catalog, parent, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewDraftDialog::filed, this, [this](const NewDocument& filing, const QString& filedUnder) {
        addDraftTab()->startNew(filing, filedUnder);
    });
    return dialog;
}

DraftTab* DocumentsWorkspace::editDraft(const QUuid& documentId)
{
    if (DraftTab* open = m_drafting.value(documentId)) {
        m_tabs->setCurrentWidget(open);
        return open;
    }
    DraftTab* tab = addDraftTab();
    m_drafting.insert(documentId, tab);
    tab->openDocument(documentId);
    return tab;
}

QList<DraftTab*> DocumentsWorkspace::draftTabs() const
{
    QList<DraftTab*> tabs;
    for (int index = 0; index < m_tabs->count(); ++index) {
        if (auto* tab = qobject_cast<DraftTab*>(m_tabs->widget(index))) {
            tabs.append(tab);
        }
    }
    return tabs;
}

DraftTab* DocumentsWorkspace::addDraftTab()
{
    auto* tab = new DraftTab(m_settings, m_context.catalog, m_drafts, this);
    const int index = m_tabs->addTab(tab, tr("New draft"));
    m_tabs->setCurrentIndex(index);
    connect(tab, &DraftTab::titleChanged, this, [this, tab](const QString& title) {
        m_tabs->setTabText(m_tabs->indexOf(tab), title);
    });
    connect(tab, &DraftTab::status, this, &DocumentsWorkspace::status);
    connect(tab, &DraftTab::documentOpened, this, [this](const QUuid& documentId) {
        if (DocumentView* view = m_open.value(documentId)) {
            view->reload(); // its check-out line and buttons follow the editor's check-out
        }
    });
    connect(tab, &DraftTab::versionSaved, this, [this, tab](const QUuid& documentId, int) {
        m_drafting.insert(documentId, tab); // a new draft is a document from its first save
        if (DocumentView* view = m_open.value(documentId)) {
            view->reload();
        }
        indexPendingText(); // the version becomes searchable, and comparable with the one before
    });
    connect(tab, &DraftTab::closeReady, this, [this, tab](const QUuid& heldDocumentId) {
        for (auto it = m_drafting.begin(); it != m_drafting.end();) {
            it = it.value() == tab ? m_drafting.erase(it) : std::next(it);
        }
        m_tabs->removeTab(m_tabs->indexOf(tab));
        tab->deleteLater();
        if (heldDocumentId.isNull()) {
            return;
        }
        // The check-out goes back with the tab; a refusal is only worth a word (it can be given back by hand).
        whenReady(this, m_service.run<bool>([heldDocumentId](DocumentRepository& repository) -> Result<bool> {
            auto released = DraftFiling(repository).release(heldDocumentId);
            return released ? Result<bool>(true) : fail(released.error());
        }), [this, heldDocumentId](const Result<bool>& released) {
            if (!released) {
                Q_EMIT status(tr("The check-out could not be given back: %1").arg(released.error().userMessage));
            } else if (DocumentView* view = m_open.value(heldDocumentId)) {
                view->reload();
            }
        });
    });
    return tab;
}

void DocumentsWorkspace::offerDraftRecovery()
{
    const QList<AutosavedDraft> drafts = m_drafts.list();
    if (drafts.isEmpty()) {
        m_recovery->hide();
        return;
    }
    const AutosavedDraft& newest = drafts.first();
    const QString when = QLocale().toString(newest.savedAt.toLocalTime(), QLocale::ShortFormat);
    const QString title = newest.title.isEmpty() ? tr("(untitled)") : newest.title.toHtmlEscaped();
    m_recovery->setText(drafts.size() == 1
                            ? tr("A draft has unsaved work from an earlier session: \"%1\" of %2. "
                                 "<a href=\"recover\">Open it</a> to save or discard the work.").arg(title, when)
                            : tr("%1 drafts have unsaved work from an earlier session, the latest \"%2\" of %3. "
                                 "<a href=\"recover\">Open them</a> to save or discard the work.")
                                  .arg(QString::number(drafts.size()), title, when));
    m_recovery->show();
}

int DocumentsWorkspace::recoverUnsavedDrafts()
{
    QStringList inEditor;
    for (DraftTab* tab : draftTabs()) {
        inEditor.append(tab->editor()->autosaveKey());
    }
    int opened = 0;
    for (const AutosavedDraft& draft : m_drafts.list()) {
        if (inEditor.contains(draft.key)) {
            continue;
        }
        if (!draft.documentId.isNull()) {
            // The editor opens the document and offers the kept work in its recovery bar.
            editDraft(draft.documentId);
        } else {
            addDraftTab()->recover(draft);
        }
        ++opened;
    }
    m_recovery->hide();
    return opened;
}

void DocumentsWorkspace::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile()) {
        event->acceptProposedAction();
    }
}

void DocumentsWorkspace::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        event->acceptProposedAction();
        if (UploadDocumentDialog* dialog = addDocument({}, urls.first().toLocalFile())) {
            dialog->open();
        }
    }
}

} // namespace ocms
