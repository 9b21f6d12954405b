#include "offlineworkspace.h"

#include "domain/fieldforms.h"
#include "messagebanner.h"
#include "offlinepinnedcasesview.h"
#include "recordformdialog.h"
#include "models/recordtablemodel.h"
#include "recordlisttab.h"
#include "sync/offlinesession.h"
#include "whenready.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPixmap>
#include <QProgressBar>
#include <QRegularExpression>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ocms {

namespace {

QString text(const QVariantMap& values, const char* key)
{
    return values.value(QString::fromLatin1(key)).toString();
}

QString words(QString code)
{
    code.replace(u'_', u' ');
    return code.isEmpty() ? code : code.at(0).toUpper() + code.mid(1);
}

QString row(const QString& label, const QString& value)
{
    return QStringLiteral("<tr><td style='padding-right:14px;color:#555'>%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.isEmpty() ? QStringLiteral("—") : value.toHtmlEscaped());
}

QString when(const QDateTime& at)
{
    return at.isValid() ? at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

// A form's "yyyy-MM-dd HH:mm" or QDateTime value, in the user's local time.
QDateTime moment(const QVariant& value)
{
    if (value.typeId() == QMetaType::QDateTime) {
        return value.toDateTime();
    }
    return QDateTime::fromString(value.toString(), QStringLiteral("yyyy-MM-dd HH:mm"));
}

// The copy's answer to an offline change, as a form dialog expects it.
QFuture<Result<void>> asSaved(QFuture<Result<QUuid>> change)
{
    return change.then([](const Result<QUuid>& queued) -> Result<void> {
        if (!queued) {
            return fail(queued.error());
        }
        return {};
    });
}

} // namespace

OfflineWorkspace::OfflineWorkspace(OfflineSession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_catalog(DropdownCatalog::fixedLists()), m_state(new QLabel(this)),
      m_progress(new QProgressBar(this)), m_syncButton(new QPushButton(tr("&Sync now"), this)), m_message(new MessageBanner(this)),
      m_leads(new RecordListTab(QStringLiteral("Cached leads"), this)), m_heading(new QLabel(this)), m_details(new QLabel(this)),
      m_photograph(new QLabel(this)),
      m_activities(new RecordListTab(QStringLiteral("Activities"), this)), m_attention(new QTableWidget(0, 5, this)),
      m_keepMine(new QPushButton(tr("Keep &mine"), this)), m_keepServer(new QPushButton(tr("Keep the &server's"), this)),
      m_pages(new QTabWidget(this)), m_pinned(new OfflinePinnedCasesView(session, this))
{
    m_state->setObjectName(QStringLiteral("offlineState"));
    m_state->setTextFormat(Qt::RichText);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_syncButton->setObjectName(QStringLiteral("syncNow"));
    auto* header = new QHBoxLayout;
    header->addWidget(m_state, 1);
    header->addWidget(m_progress);
    header->addWidget(m_syncButton);

    m_leads->setObjectName(QStringLiteral("offlineLeads"));
    m_leads->enableSorting();
    m_heading->setObjectName(QStringLiteral("offlineLeadHeading"));
    m_heading->setStyleSheet(QStringLiteral("font-size: 13pt; font-weight: 600;"));
    m_details->setObjectName(QStringLiteral("offlineLeadDetails"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setWordWrap(true);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_photograph->setObjectName(QStringLiteral("offlinePhotograph"));
    m_photograph->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    m_photograph->setFixedWidth(250); // the photographs are scaled to 240 pixels at most
    m_activities->setObjectName(QStringLiteral("offlineActivities"));
    m_activities->addButton(tr("&Log activity…"), QStringLiteral("logActivity"), [this] { if (auto* d = openAction(QStringLiteral("logActivity"))) d->open(); });
    m_activities->addButton(tr("Set s&tatus…"), QStringLiteral("setStatus"), [this] { if (auto* d = openAction(QStringLiteral("setStatus"))) d->open(); });
    m_activities->addButton(tr("Record &arrest…"), QStringLiteral("recordArrest"), [this] { if (auto* d = openAction(QStringLiteral("recordArrest"))) d->open(); });
    auto* lead = new QWidget(this);
    auto* leadLayout = new QVBoxLayout(lead);
    leadLayout->setContentsMargins(0, 0, 0, 0);
    leadLayout->addWidget(m_heading);
    auto* facts = new QHBoxLayout;
    facts->addWidget(m_details, 1);
    facts->addWidget(m_photograph, 0, Qt::AlignTop);
    leadLayout->addLayout(facts);
    leadLayout->addWidget(m_activities, 1);
    auto* split = new QSplitter(this);
    split->addWidget(m_leads);
    split->addWidget(lead);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 4);

    m_attention->setObjectName(QStringLiteral("syncAttention"));
    m_attention->setHorizontalHeaderLabels({tr("Record"), tr("What"), tr("Offline value"), tr("Server's value"), tr("Why")});
    m_attention->horizontalHeader()->setStretchLastSection(true);
    m_attention->verticalHeader()->hide();
    m_attention->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_attention->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_attention->setSelectionMode(QAbstractItemView::SingleSelection);
    m_attention->setMaximumHeight(170);
    m_keepMine->setObjectName(QStringLiteral("keepMine"));
    m_keepServer->setObjectName(QStringLiteral("keepServer"));
    auto* attentionTitle = new QLabel(tr("<b>Needs your attention</b> — changes the server did not take as they were"), this);
    m_attentionArea = new QWidget(this);
    auto* attentionLayout = new QVBoxLayout(m_attentionArea);
    attentionLayout->setContentsMargins(0, 0, 0, 0);
    auto* choices = new QHBoxLayout;
    choices->addWidget(attentionTitle, 1);
    choices->addWidget(m_keepMine);
    choices->addWidget(m_keepServer);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_message);
    m_pages->setObjectName(QStringLiteral("offlinePages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(split, tr("Team leads"));
    m_pages->addTab(m_pinned, tr("Pinned cases"));
    layout->addWidget(m_pages, 1);
    attentionLayout->addLayout(choices);
    attentionLayout->addWidget(m_attention);
    layout->addWidget(m_attentionArea);
    m_attentionArea->hide(); // shown when something needs the user

    connect(m_syncButton, &QPushButton::clicked, m_session, &OfflineSession::syncNow);
    connect(m_keepMine, &QPushButton::clicked, this, [this] { resolveSelected(QStringLiteral("local")); });
    connect(m_keepServer, &QPushButton::clicked, this, [this] { resolveSelected(QStringLiteral("server")); });
    connect(m_attention, &QTableWidget::itemSelectionChanged, this, [this] {
        const int current = m_attention->currentRow();
        const bool conflict = current >= 0 && current < m_conflicts.size() && m_session->isOnline();
        m_keepMine->setEnabled(conflict);
        m_keepServer->setEnabled(conflict);
    });
    connect(m_leads, &RecordListTab::selectionChanged, this, [this](int modelRow) {
        if (modelRow >= 0) {
            showLead(m_leads->model()->idAt(modelRow)); // the current row's: the selection follows it only later
        }
    });
    connect(m_session, &OfflineSession::syncStarted, this, [this] {
        m_progress->show();
        m_syncButton->setEnabled(false);
    });
    connect(m_session, &OfflineSession::syncProgress, this,
            [this](const QString& phase, qint64) { m_progress->setToolTip(phase); m_progress->setFormat(phase); });
    connect(m_session, &OfflineSession::syncFinished, this, [this](bool success, const QString& message) {
        m_progress->hide();
        m_syncButton->setEnabled(true);
        showMessage(message, !success);
    });
    connect(m_session, &OfflineSession::onlineChanged, this, &OfflineWorkspace::showState);
    connect(m_session, &OfflineSession::changed, this, &OfflineWorkspace::reload);
    connect(m_session, &OfflineSession::wiped, this, [this](const QString& message) {
        m_leads->setTable({});
        m_activities->setTable({});
        m_details->clear();
        m_heading->clear();
        showMessage(message, true);
        m_syncButton->setEnabled(false);
    });
    m_keepMine->setEnabled(false);
    m_keepServer->setEnabled(false);
    for (const QString& name : {QStringLiteral("logActivity"), QStringLiteral("setStatus"), QStringLiteral("recordArrest")}) {
        if (auto* button = m_activities->findChild<QPushButton*>(name)) {
            button->setEnabled(false);
        }
    }
    reload();
}

QString OfflineWorkspace::stateText() const
{
    return m_state->text();
}

QString OfflineWorkspace::detailText() const
{
    return m_heading->text() + u'\n' + m_details->text();
}

QString OfflineWorkspace::messageText() const
{
    return m_message->text();
}

void OfflineWorkspace::showMessage(const QString& text, bool problem)
{
    m_message->showMessage(text, problem);
}

void OfflineWorkspace::reload()
{
    if (!m_session->isOpen()) {
        m_state->setText(tr("Opening the offline copy…"));
        return;
    }
    m_listLoads.whenReady(this, m_session->leadList(), [this](const Result<RecordTable>& table) {
        if (!table) {
            showMessage(table.error().userMessage, true);
            return;
        }
        const QUuid selected = m_lead;
        m_leads->setTable(*table);
        const int again = table->ids.indexOf(selected);
        if (again >= 0) {
            m_leads->selectRow(again);
        } else if (!table->isEmpty()) {
            m_leads->selectRow(0);
        } else {
            m_lead = {};
            m_heading->setText(tr("No leads in the offline copy"));
            m_details->setText(tr("Your team's open leads are copied here by a sync while connected to the server."));
            m_activities->setTable({});
        }
    });
    m_pinned->reload();
    showState();
    showAttention();
}

void OfflineWorkspace::showState()
{
    whenReady(this, m_session->status(), [this](const Result<OfflineStatus>& status) {
        if (!status) {
            m_state->setText(status.error().userMessage.toHtmlEscaped());
            return;
        }
        const QString connection = m_session->isOnline() ? tr("<span style='color:#1b7a2f'>● Connected</span>")
                                                         : tr("<span style='color:#b35c00'>● Offline</span> — working on the copy");
        const QString synced = status->lastSynced.isValid() ? tr("last synced %1").arg(when(status->lastSynced)) : tr("never synced");
        QStringList parts = {connection, synced};
        if (status->leads > 0 || status->cases == 0) { // an attorney with pinned cases only is not told of leads
            parts.append(status->leads == 1 ? tr("1 lead") : tr("%1 leads").arg(status->leads));
            parts.append(status->fugitives == 1 ? tr("1 fugitive record") : tr("%1 fugitive records").arg(status->fugitives));
        }
        if (status->cases > 0) {
            parts.append(status->cases == 1 ? tr("1 pinned case") : tr("%1 pinned cases").arg(status->cases));
        }
        if (status->waiting > 0) {
            parts.append(status->waiting == 1 ? tr("<b>1 change waiting to be sent</b>") : tr("<b>%1 changes waiting to be sent</b>").arg(status->waiting));
        }
        m_state->setText(parts.join(QStringLiteral(" · ")));
    });
}

void OfflineWorkspace::showAttention()
{
    // serverConflicts: false when the server could not be asked (offline): the laptop's own record of the
    // conflicts is shown instead, to be resolved once connected.
    const auto fill = [this](const QList<SyncConflict>& conflicts, const QList<SyncProblem>& problems, bool serverConflicts) {
        m_conflicts = conflicts;
        m_attention->setRowCount(0);
        const auto add = [this](const QStringList& cells) {
            const int at = m_attention->rowCount();
            m_attention->insertRow(at);
            for (int c = 0; c < cells.size(); ++c) {
                m_attention->setItem(at, c, new QTableWidgetItem(cells.at(c)));
            }
        };
        for (const SyncConflict& conflict : conflicts) {
            add({conflict.record, tr("Conflict: %1").arg(words(conflict.field)), words(conflict.localValue), words(conflict.serverValue),
                 tr("Changed on the server too; choose which value to keep.")});
        }
        for (const SyncProblem& problem : problems) {
            if (problem.outcome == QLatin1String("conflict") && serverConflicts) {
                continue; // shown above with both values while the server holds it
            }
            add({problem.record, problem.outcome == QLatin1String("conflict") ? tr("Conflict") : tr("Refused: %1").arg(words(problem.kind)),
                 QString(), QString(), problem.message});
        }
        m_attention->resizeColumnsToContents();
        m_attentionArea->setVisible(m_attention->rowCount() > 0);
        m_keepMine->setEnabled(false);
        m_keepServer->setEnabled(false);
    };
    whenReady(this, m_session->problems(), [this, fill](const Result<QList<SyncProblem>>& problems) {
        const QList<SyncProblem> kept = problems ? *problems : QList<SyncProblem>();
        if (!m_session->isOnline()) {
            fill({}, kept, false);
            return;
        }
        whenReady(this, m_session->conflicts(), [this, fill, kept](const Result<QList<SyncConflict>>& conflicts) {
            if (!conflicts) {
                showMessage(tr("The conflicts on the server cannot be read now: %1").arg(conflicts.error().userMessage), true);
            }
            fill(conflicts ? *conflicts : QList<SyncConflict>(), kept, bool(conflicts));
        });
    });
}

void OfflineWorkspace::resolveSelected(const QString& choice)
{
    const int current = m_attention->currentRow();
    if (current < 0 || current >= m_conflicts.size()) {
        return;
    }
    const SyncConflict conflict = m_conflicts.at(current);
    whenReady(this, m_session->resolveConflict(conflict.id, choice), [this, conflict, choice](const Result<void>& resolved) {
        if (!resolved) {
            showMessage(resolved.error().userMessage, true);
            return;
        }
        showMessage(choice == QLatin1String("local") ? tr("%1: your value was kept.").arg(conflict.record)
                                                     : tr("%1: the server's value was kept.").arg(conflict.record),
                    false);
        m_session->syncNow();
    });
}

void OfflineWorkspace::showLead(const QUuid& leadId)
{
    m_lead = leadId;
    m_leadLoads.whenReady(this, m_session->lead(leadId), [this](const Result<LeadDetail>& lead) {
        if (!lead) {
            showMessage(lead.error().userMessage, true);
            return;
        }
        m_leadValues = lead->values;
        const QVariantMap& v = lead->values;
        m_heading->setText(tr("%1 — %2").arg(text(v, "lead_number"), text(v, "fugitive_name")));
        QString html = QStringLiteral("<table>");
        html += row(tr("Status"), words(text(v, "status")) + (text(v, "close_reason").isEmpty() ? QString() : QStringLiteral(" (%1)").arg(text(v, "close_reason"))));
        html += row(tr("Fugitive"), tr("%1, %2").arg(text(v, "fugitive_number"), words(text(v, "fugitive_status"))));
        html += row(tr("Born"), text(v, "date_of_birth"));
        html += row(tr("Gang affiliation"), text(v, "gang_affiliation"));
        html += row(tr("Address"), QStringList{text(v, "address_line1"), text(v, "address_city"), text(v, "address_state"), text(v, "address_zip")}
                                       .filter(QRegularExpression(QStringLiteral("\\S"))).join(QStringLiteral(", ")));
        html += row(tr("Source"), QStringList{text(v, "source_name"), text(v, "source_detail")}.filter(QRegularExpression(QStringLiteral("\\S"))).join(QStringLiteral(" — ")));
        html += row(tr("Point of contact"), text(v, "poc_name"));
        html += row(tr("Priority"), QString::number(v.value(QStringLiteral("priority_score")).toDouble(), 'f', 1));
        html += row(tr("Notes"), text(v, "notes"));
        html += QStringLiteral("</table>");
        m_leadHtml = html;
        m_details->setText(html);
        showFugitiveRecord(lead->fugitiveId);
        m_activities->setTable(lead->activities);
        const bool open = text(v, "status") != QLatin1String("closed") && text(v, "status") != QLatin1String("invalid");
        for (const QString& name : {QStringLiteral("logActivity"), QStringLiteral("setStatus"), QStringLiteral("recordArrest")}) {
            if (auto* button = m_activities->findChild<QPushButton*>(name)) {
                button->setEnabled(open || name == QLatin1String("logActivity"));
            }
        }
    });
}

void OfflineWorkspace::showFugitiveRecord(const QUuid& fugitiveId)
{
    m_photograph->clear();
    m_recordLoads.whenReady(this, m_session->fugitive(fugitiveId), [this](const Result<QJsonObject>& record) {
        if (!record) {
            m_details->setText(m_leadHtml + QStringLiteral("<p>%1</p>").arg(record.error().userMessage.toHtmlEscaped()));
            return;
        }
        // Each list as the pull sends it: one JSON array of values per entry.
        const auto entries = [&](const char* key, const QList<int>& columns) {
            QStringList lines;
            for (const QJsonValue& entry : record->value(QString::fromLatin1(key)).toArray()) {
                QStringList parts;
                for (int column : columns) {
                    const QJsonValue value = entry.toArray().at(column);
                    const QString part = value.isBool() ? (value.toBool() ? tr("criminal") : tr("non-criminal")) : value.toVariant().toString();
                    if (!part.trimmed().isEmpty()) {
                        // (an arrest's time: its date is enough here)
                        parts.append(column == 0 && QLatin1StringView(key) == QLatin1StringView("arrests") ? part.left(10) : part);
                    }
                }
                lines.append(parts.join(QStringLiteral(", ")));
            }
            return lines.join(QStringLiteral("; "));
        };
        // The fugitive record's rows continue the lead's table.
        QString html = m_leadHtml.chopped(int(QStringLiteral("</table>").size()));
        html += row(tr("A-Number"), record->value(QStringLiteral("a_number")).toString());
        html += row(tr("Also known as"), entries("aliases", {0, 1}));
        html += row(tr("Possible addresses"), entries("addresses", {1, 2, 3, 4}));
        html += row(tr("Convictions"), entries("convictions", {0, 1, 2}));
        html += row(tr("Arrests"), entries("arrests", {0, 1, 3}));
        html += QStringLiteral("</table>");
        m_details->setText(html);
    });
    m_photographLoads.whenReady(this, m_session->photographs(fugitiveId), [this](const Result<QList<CachedPhotograph>>& photographs) {
        if (!photographs || photographs->isEmpty()) {
            m_photograph->setText(photographs ? tr("No photograph") : photographs.error().userMessage);
            return;
        }
        const CachedPhotograph& newest = photographs->first();
        if (newest.image.isNull()) {
            m_photograph->setText(tr("The photograph cannot be shown."));
            return;
        }
        m_photograph->setPixmap(QPixmap::fromImage(newest.image));
        m_photograph->setToolTip(photographs->size() == 1
                                     ? tr("%1 (taken %2)").arg(newest.caption, newest.takenOn.toString(Qt::ISODate))
                                     : tr("%1 (taken %2); %3 photographs in the copy")
                                           .arg(newest.caption, newest.takenOn.toString(Qt::ISODate)).arg(photographs->size()));
    });
}

RecordFormDialog* OfflineWorkspace::openAction(const QString& name)
{
    if (m_lead.isNull()) {
        return nullptr;
    }
    const QUuid lead = m_lead;
    OfflineSession* session = m_session;
    RecordFormDialog* dialog = nullptr;
    QVariantMap start = {{QStringLiteral("occurred_at"), QDateTime::currentDateTime()},
                         {QStringLiteral("arrested_at"), QDateTime::currentDateTime()},
                         {QStringLiteral("criminal"), m_leadValues.value(QStringLiteral("criminal"))},
                         {QStringLiteral("location"), text(m_leadValues, "address_line1")},
                         {QStringLiteral("place"), QStringList{text(m_leadValues, "address_line1"), text(m_leadValues, "address_city")}
                                                       .filter(QRegularExpression(QStringLiteral("\\S"))).join(QStringLiteral(", "))}};
    if (name == QLatin1String("logActivity")) {
        dialog = new RecordFormDialog(tr("Log an activity (offline copy)"), FieldForms::offlineActivity(), [session, lead](const QVariantMap& values) {
            return asSaved(session->addActivity(lead, {values.value(QStringLiteral("activity_type")).toString(),
                                                       moment(values.value(QStringLiteral("occurred_at"))),
                                                       values.value(QStringLiteral("location")).toString(),
                                                       values.value(QStringLiteral("notes")).toString()}));
        }, this);
    } else if (name == QLatin1String("setStatus")) {
        start.insert(QStringLiteral("status"), text(m_leadValues, "status") == QLatin1String("in_progress") ? QString() : QStringLiteral("in_progress"));
        dialog = new RecordFormDialog(tr("Set the lead's status (offline copy)"), FieldForms::offlineLeadStatus(), [session, lead](const QVariantMap& values) {
            return asSaved(session->setLeadStatus(lead, values.value(QStringLiteral("status")).toString(),
                                                  values.value(QStringLiteral("close_reason")).toString()));
        }, this);
    } else if (name == QLatin1String("recordArrest")) {
        dialog = new RecordFormDialog(tr("Record an arrest (offline copy)"), FieldForms::offlineArrest(), [session, lead](const QVariantMap& values) {
            return asSaved(session->recordArrest(lead, {moment(values.value(QStringLiteral("arrested_at"))),
                                                        values.value(QStringLiteral("place")).toString(),
                                                        values.value(QStringLiteral("criminal")).toBool(),
                                                        values.value(QStringLiteral("notes")).toString()}));
        }, this);
    } else {
        return nullptr;
    }
    dialog->setObjectName(name + QStringLiteral("Dialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->form()->setCatalog(m_catalog);
    dialog->form()->setValues(start);
    connect(dialog, &RecordFormDialog::saved, this, [this] {
        showMessage(m_session->isOnline() ? tr("Saved on the laptop; it goes to the server with the next sync (in a few seconds).")
                                          : tr("Saved on the laptop; it goes to the server when the connection is back."),
                    false);
    });
    return dialog;
}

} // namespace ocms
