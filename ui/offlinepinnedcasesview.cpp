#include "offlinepinnedcasesview.h"

#include "db/dropdowncatalog.h"
#include "domain/caseforms.h"
#include "messagebanner.h"
#include "models/recordtablemodel.h"
#include "pdfviewer.h"
#include "recordform.h"
#include "recordformdialog.h"
#include "recordlisttab.h"
#include "sync/offlinesession.h"
#include "whenready.h"

#include <QDialog>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace ocms {

namespace {

QString row(const QString& label, const QString& value)
{
    return QStringLiteral("<tr><td style='padding-right:14px;color:#555'>%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.isEmpty() ? QStringLiteral("—") : value.toHtmlEscaped());
}

QString words(QString code)
{
    code.replace(u'_', u' ');
    return code.isEmpty() ? code : code.at(0).toUpper() + code.mid(1);
}

} // namespace

OfflinePinnedCasesView::OfflinePinnedCasesView(OfflineSession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_cases(new RecordListTab(QStringLiteral("Pinned cases"), this)), m_heading(new QLabel(this)),
      m_details(new QLabel(this)), m_documents(new RecordListTab(QStringLiteral("Documents"), this)), m_message(new MessageBanner(this))
{
    m_cases->setObjectName(QStringLiteral("pinnedCases"));
    m_heading->setObjectName(QStringLiteral("pinnedCaseHeading"));
    m_heading->setStyleSheet(QStringLiteral("font-size: 13pt; font-weight: 600;"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_documents->setObjectName(QStringLiteral("pinnedDocuments"));
    m_documents->addButton(tr("&Open document"), QStringLiteral("openDocument"), [this] { openSelectedDocument(); });
    m_documents->addButton(tr("Log &time…"), QStringLiteral("logTime"), [this] {
        if (RecordFormDialog* dialog = openTimeEntry()) {
            dialog->open();
        }
    });
    connect(m_documents, &RecordListTab::activated, this, [this](int) { openSelectedDocument(); });
    auto* detail = new QWidget(this);
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_heading);
    detailLayout->addWidget(m_details);
    detailLayout->addWidget(m_documents, 1);
    auto* split = new QSplitter(this);
    split->addWidget(m_cases);
    split->addWidget(detail);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);
    connect(m_cases, &RecordListTab::selectionChanged, this, [this](int modelRow) {
        if (modelRow >= 0) {
            showCase(m_cases->model()->idAt(modelRow));
        }
    });
}

QString OfflinePinnedCasesView::detailText() const
{
    return m_heading->text() + u'\n' + m_details->text();
}

void OfflinePinnedCasesView::reload()
{
    if (!m_session->isOpen()) {
        return;
    }
    m_listLoads.whenReady(this, m_session->caseList(), [this](const Result<RecordTable>& table) {
        if (!table) {
            m_message->showMessage(table.error().userMessage, true);
            return;
        }
        const QUuid selected = m_case;
        m_cases->setTable(*table);
        const int again = table->ids.indexOf(selected);
        if (again >= 0) {
            m_cases->selectRow(again);
        } else if (!table->isEmpty()) {
            m_cases->selectRow(0);
        } else {
            m_case = {};
            m_heading->setText(tr("No pinned cases"));
            m_details->setText(tr("Pin a case (Pin for offline, on the case) while connected: it comes here with its documents at the next sync."));
            m_documents->setTable({});
        }
    });
}

void OfflinePinnedCasesView::showCase(const QUuid& caseId)
{
    m_case = caseId;
    m_caseLoads.whenReady(this, m_session->caseRecord(caseId), [this, caseId](const Result<QJsonObject>& record) {
        if (!record) {
            m_message->showMessage(record.error().userMessage, true);
            return;
        }
        const QJsonObject& v = *record;
        const auto text = [&v](const char* key) { return v.value(QString::fromLatin1(key)).toVariant().toString(); };
        m_heading->setText(tr("%1 — %2").arg(text("case_number"), text("title")));
        QString html = QStringLiteral("<table>");
        html += row(tr("Status"), words(text("status")));
        html += row(tr("Type"), words(text("case_type")) + QStringLiteral(", ") + words(text("forum")));
        html += row(tr("Court"), text("court_name"));
        html += row(tr("A-Number"), text("a_number"));
        QStringList hearings;
        for (const QJsonValue& hearing : v.value(QStringLiteral("hearings")).toArray()) {
            const QJsonArray h = hearing.toArray();
            const QDateTime at = QDateTime::fromString(h.at(0).toString(), Qt::ISODate);
            if (at >= QDateTime::currentDateTime().addDays(-1)) {
                hearings.append(tr("%1 %2 %3").arg(at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), words(h.at(1).toString()),
                                                   h.at(2).toString()));
            }
        }
        html += row(tr("Hearings ahead"), hearings.mid(0, 3).join(QStringLiteral("; ")));
        QStringList deadlines;
        for (const QJsonValue& deadline : v.value(QStringLiteral("deadlines")).toArray()) {
            const QJsonArray d = deadline.toArray();
            if (!d.at(3).toBool()) {
                deadlines.append(tr("%1 %2").arg(d.at(0).toString(), d.at(2).toString()));
            }
        }
        html += row(tr("Open deadlines"), deadlines.mid(0, 3).join(QStringLiteral("; ")));
        html += QStringLiteral("</table>");
        m_details->setText(html);
        whenReady(this, m_session->caseDocuments(caseId), [this](const Result<RecordTable>& documents) {
            if (!documents) {
                m_message->showMessage(documents.error().userMessage, true);
                return;
            }
            m_documents->setTable(*documents);
        });
    });
}

RecordFormDialog* OfflinePinnedCasesView::openTimeEntry()
{
    if (m_case.isNull()) {
        return nullptr;
    }
    const QUuid caseId = m_case;
    OfflineSession* session = m_session;
    auto* dialog = new RecordFormDialog(tr("Log time (offline copy)"), CaseForms::timeEntry(), [session, caseId](const QVariantMap& values) {
        return session->addTimeEntry(caseId, values.value(QStringLiteral("work_date")).toDate(), values.value(QStringLiteral("hours")).toDouble(),
                                     values.value(QStringLiteral("note")).toString())
            .then([](const Result<QUuid>& queued) -> Result<void> {
                if (!queued) {
                    return fail(queued.error());
                }
                return {};
            });
    }, this);
    dialog->setObjectName(QStringLiteral("logTimeDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->form()->setCatalog(DropdownCatalog::fixedLists());
    dialog->form()->setValues({{QStringLiteral("work_date"), QDate::currentDate()}});
    connect(dialog, &RecordFormDialog::saved, this, [this] {
        m_message->showMessage(tr("Time saved on the laptop; it goes to the server with the next sync."), false);
    });
    return dialog;
}

void OfflinePinnedCasesView::openSelectedDocument()
{
    const QUuid document = m_documents->selectedId();
    if (document.isNull()) {
        m_message->showMessage(tr("Select a document first."), true);
        return;
    }
    const QString title = m_documents->selectedValue(QStringLiteral("Title")).toString();
    whenReady(this, m_session->documentContent(document), [this, title](const Result<QByteArray>& content) {
        if (!content) {
            m_message->showMessage(content.error().userMessage, true);
            return;
        }
        // From memory into the viewer: the decrypted bytes never touch the disk.
        auto* window = new QDialog(this);
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->setWindowTitle(tr("%1 (offline copy)").arg(title));
        window->resize(900, 1000);
        auto* viewer = new PdfViewer(window);
        auto* layout = new QVBoxLayout(window);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(viewer);
        if (auto loaded = viewer->loadData(*content, title); !loaded) {
            window->deleteLater();
            m_message->showMessage(loaded.error().userMessage, true);
            return;
        }
        window->setObjectName(QStringLiteral("offlineDocumentWindow"));
        window->show();
    });
}

} // namespace ocms
