#include "leadview.h"

#include "domain/fieldforms.h"
#include "messagebanner.h"
#include "models/leadboardmodel.h"
#include "recordform.h"
#include "recordformdialog.h"
#include "recordlisttab.h"
#include "latestanswer.h"
#include "whenready.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ocms {

namespace {

QString text(const QVariantMap& values, const char* column)
{
    return values.value(QString::fromLatin1(column)).toString();
}

QString moment(const QVariant& value)
{
    const QDateTime at = value.toDateTime();
    return at.isValid() ? at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

QString row(const QString& label, const QString& value)
{
    return QStringLiteral("<tr><td style='padding-right:14px;color:#555'>%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.isEmpty() ? QStringLiteral("—") : value.toHtmlEscaped());
}

} // namespace

LeadView::LeadView(LeadService service, DropdownCatalog catalog, Rights rights, QUuid leadId, QWidget* parent)
    : QWidget(parent), m_service(std::move(service)), m_catalog(std::move(catalog)), m_rights(rights), m_leadId(leadId),
      m_heading(new QLabel(this)), m_details(new QLabel(this)), m_message(new MessageBanner(this)), m_tabs(new QTabWidget(this)),
      m_activities(new RecordListTab(QStringLiteral("Activities"), this)),
      m_history(new RecordListTab(QStringLiteral("Assignment history"), this))
{
    m_heading->setObjectName(QStringLiteral("leadHeading"));
    m_heading->setStyleSheet(QStringLiteral("font-size: 14pt; font-weight: 600;"));
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setObjectName(QStringLiteral("leadDetails"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_tabs->addTab(m_activities, tr("Activities"));
    m_tabs->addTab(m_history, tr("Assignment history"));

    auto* buttons = new QHBoxLayout;
    auto* fugitive = new QPushButton(tr("Open &fugitive record"), this);
    fugitive->setObjectName(QStringLiteral("openFugitiveButton"));
    connect(fugitive, &QPushButton::clicked, this, [this] {
        if (m_loaded) {
            Q_EMIT openFugitiveRequested(m_record.fugitiveId);
        }
    });
    buttons->addWidget(fugitive);
    auto* report = new QPushButton(tr("Report of &investigation…"), this);
    report->setObjectName(QStringLiteral("investigationReportButton"));
    connect(report, &QPushButton::clicked, this, [this] {
        if (m_loaded) {
            Q_EMIT reportRequested(m_record.fugitiveId, m_leadId);
        }
    });
    buttons->addWidget(report);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_message);
    layout->addWidget(m_details);
    layout->addLayout(buttons);
    layout->addWidget(m_tabs, 1);
    auto* actions = new QHBoxLayout;
    layout->addLayout(actions);
    m_buttons.insert(QStringLiteral("openFugitive"), fugitive);
    m_buttons.insert(QStringLiteral("report"), report);

    addAction(QStringLiteral("addActivity"), tr("Add &activity…"), true,
              {tr("Add activity"), FieldForms::activity(), tr("Activity recorded."), false,
               [](LeadRepository& leads, const QUuid& lead, qint64, const QUuid&, const QVariantMap& values) {
                   return leads.addActivity(lead, values);
               }});
    addAction(QStringLiteral("correctActivity"), tr("&Correct selected activity…"), true,
              {tr("Correct an activity"), FieldForms::activity(),
               tr("Correction recorded; the original activity stays as it was."), true,
               [](LeadRepository& leads, const QUuid& lead, qint64, const QUuid& selected, const QVariantMap& values) {
                   return leads.addActivity(lead, values, selected);
               }});
    addAction(QStringLiteral("recordArrest"), tr("Record a&rrest…"), true,
              {tr("Record arrest"), FieldForms::arrest(), tr("Arrest recorded: the fugitive is in custody and the lead closed."), false,
               [](LeadRepository& leads, const QUuid& lead, qint64, const QUuid&, const QVariantMap& values) {
                   return leads.recordArrest(lead, values);
               }});
    addAction(QStringLiteral("changeStatus"), tr("Change &status…"), true,
              {tr("Change lead status"), FieldForms::leadStatus(), tr("Status changed."), false,
               [](LeadRepository& leads, const QUuid& lead, qint64 version, const QUuid&, const QVariantMap& values) -> Result<void> {
                   auto saved = leads.setStatus(lead, version, values);
                   return saved ? Result<void>{} : Result<void>(fail(saved.error()));
               }});
    addAction(QStringLiteral("pointOfContact"), tr("Point of con&tact…"), true,
              {tr("Point of contact"), FieldForms::pointOfContact(), tr("Point of contact saved."), false,
               [](LeadRepository& leads, const QUuid& lead, qint64 version, const QUuid&, const QVariantMap& values) -> Result<void> {
                   auto saved = leads.setPointOfContact(lead, version, values);
                   return saved ? Result<void>{} : Result<void>(fail(saved.error()));
               }});
    if (m_rights.assign) {
        addAction(QStringLiteral("reassign"), tr("R&eassign…"), true,
                  {tr("Reassign lead"), FieldForms::reassignLead(), tr("Lead reassigned."), false,
                   [](LeadRepository& leads, const QUuid& lead, qint64, const QUuid&, const QVariantMap& values) {
                       return leads.reassign(lead, QUuid::fromString(values.value(QStringLiteral("team_id")).toString()),
                                             values.value(QStringLiteral("reason")).toString());
                   }});
    }
    for (const QString& name : {QStringLiteral("addActivity"), QStringLiteral("correctActivity"), QStringLiteral("recordArrest"),
                                QStringLiteral("changeStatus"), QStringLiteral("pointOfContact"), QStringLiteral("reassign")}) {
        if (QPushButton* action = m_buttons.value(name)) {
            actions->addWidget(action);
        }
    }
    actions->addStretch(1);
    if (!m_rights.write) {
        showMessage(tr("Your field access is read-only: you can read this lead but not add to it."), false);
    }
    reload();
}

void LeadView::addAction(const QString& name, const QString& buttonText, bool needsWrite, Action action)
{
    auto* button = new QPushButton(buttonText, this);
    button->setObjectName(name + QStringLiteral("Button"));
    button->setEnabled(!needsWrite || m_rights.write);
    if (needsWrite && !m_rights.write) {
        button->setToolTip(tr("Needs read/add/update field access."));
    }
    connect(button, &QPushButton::clicked, this, [this, name] {
        if (RecordFormDialog* dialog = openAction(name)) {
            dialog->open();
        }
    });
    m_buttons.insert(name, button);
    m_actions.insert(name, std::move(action));
}

RecordFormDialog* LeadView::openAction(const QString& name)
{
    if (!m_actions.contains(name) || !m_loaded) {
        return nullptr;
    }
    const Action action = m_actions.value(name);
    QUuid selected;
    if (action.onSelectedActivity) {
        selected = m_activities->selectedId();
        if (selected.isNull()) {
            showMessage(tr("Select the activity to correct first."), true);
            return nullptr;
        }
    }
    const auto submit = [service = m_service, work = action.work, lead = m_leadId, version = m_record.rowVersion,
                         selected](const QVariantMap& values) {
        return service.run<void>([work, lead, version, selected, values](LeadRepository& leads) {
            return work(leads, lead, version, selected, values);
        });
    };
    auto* dialog = new RecordFormDialog(action.title, action.spec, submit, this);
    dialog->setObjectName(name + QStringLiteral("Dialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->form()->setCatalog(m_catalog);
    // What the form starts with: now, the lead's place and the fugitive's office, the current status.
    QVariantMap start = {{QStringLiteral("occurred_at"), QDateTime::currentDateTime()},
                         {QStringLiteral("arrested_at"), QDateTime::currentDateTime()},
                         {QStringLiteral("status"), m_record.values.value(QStringLiteral("status"))},
                         {QStringLiteral("office_id"), m_record.values.value(QStringLiteral("fugitive_office_id"))},
                         {QStringLiteral("criminal"), m_record.values.value(QStringLiteral("criminal"))},
                         {QStringLiteral("team_id"), m_record.values.value(QStringLiteral("team_id"))},
                         {QStringLiteral("poc_user_id"), m_record.values.value(QStringLiteral("poc_user_id"))}};
    const QString address = text(m_record.values, "address_line1");
    if (!address.isEmpty()) {
        start.insert(QStringLiteral("location"), address);
        start.insert(QStringLiteral("place"), QStringLiteral("%1, %2").arg(address, text(m_record.values, "address_city")));
    }
    if (action.onSelectedActivity) {
        const int row = m_activities->selectedRow();
        start.insert(QStringLiteral("activity_type"), m_record.activities.value(row, QStringLiteral("Activity")));
        start.insert(QStringLiteral("occurred_at"), m_record.activities.value(row, QStringLiteral("When")));
        start.insert(QStringLiteral("location"), m_record.activities.value(row, QStringLiteral("Location")));
        start.insert(QStringLiteral("notes"), m_record.activities.value(row, QStringLiteral("Notes")));
    }
    dialog->form()->setValues(start);
    connect(dialog, &RecordFormDialog::saved, this, [this, done = action.doneText] {
        showMessage(done, false);
        Q_EMIT changed();
        reload();
    });
    return dialog;
}

void LeadView::reload()
{
    m_loads.whenReady(this, m_service.run<LeadDetail>([lead = m_leadId](LeadRepository& leads) { return leads.load(lead); }),
                      [this](const Result<LeadDetail>& record) {
                          if (!record) {
                              showMessage(record.error().userMessage, true);
                              return;
                          }
                          show(*record);
                      });
}

void LeadView::show(const LeadDetail& record)
{
    m_record = record;
    m_loaded = true;
    const QVariantMap& v = record.values;
    const QLocale locale;
    m_heading->setText(tr("%1 · %2 · priority %3")
                           .arg(text(v, "lead_number"), LeadBoardModel::statusLabel(text(v, "status")),
                                locale.toString(v.value(QStringLiteral("priority_score")).toDouble(), 'f', 1)));
    QString source = text(v, "source_name");
    if (!text(v, "source_detail").isEmpty()) {
        source += QStringLiteral(" — ") + text(v, "source_detail");
    }
    const QVariant relevance = v.value(QStringLiteral("relevance_score"));
    const QString team = text(v, "team_code").isEmpty() ? tr("Headquarters queue (no team covers the ZIP)")
                                                        : QStringLiteral("%1 — %2").arg(text(v, "team_code"), text(v, "team_name"));
    const QString assigned = text(v, "assigned_by") == u"manual" ? tr("by hand, %1").arg(moment(v.value(QStringLiteral("assigned_at"))))
                                                                  : tr("routed by ZIP, %1").arg(moment(v.value(QStringLiteral("assigned_at"))));
    QString fugitive = QStringLiteral("%1 (%2), %3").arg(text(v, "fugitive_name"), text(v, "fugitive_number"),
                                                           LeadBoardModel::statusLabel(text(v, "fugitive_status")).toLower());
    if (!text(v, "gang_affiliation").isEmpty()) {
        fugitive += tr("; gang: %1").arg(text(v, "gang_affiliation"));
    }
    QString html = QStringLiteral("<table>");
    html += row(tr("Fugitive"), fugitive);
    html += row(tr("Source"), source);
    html += row(tr("Relevance"), relevance.isNull() ? QString() : locale.toString(relevance.toDouble(), 'f', 0));
    html += row(tr("Address"), QStringList{text(v, "address_line1"), text(v, "address_city"),
                                           QStringLiteral("%1 %2").arg(text(v, "address_state"), text(v, "address_zip")).trimmed()}
                                   .filter(QRegularExpression(QStringLiteral("\\S")))
                                   .join(QStringLiteral(", ")));
    html += row(tr("Team"), QStringLiteral("%1 (%2)").arg(team, assigned));
    html += row(tr("Point of contact"), text(v, "poc_name"));
    html += row(tr("Recorded"), moment(v.value(QStringLiteral("created_at"))));
    if (!text(v, "close_reason").isEmpty()) {
        html += row(text(v, "status") == u"invalid" ? tr("Invalid because") : tr("Closed"),
                    QStringLiteral("%1 %2").arg(moment(v.value(QStringLiteral("closed_at"))), text(v, "close_reason")).trimmed());
    }
    html += row(tr("Notes"), text(v, "notes"));
    html += QStringLiteral("</table>");
    m_details->setText(html);
    RecordTable activities = record.activities;
    for (QVariantList& each : activities.rows) {
        each[0] = moment(each.at(0));
        each[1] = LeadBoardModel::statusLabel(each.at(1).toString());
    }
    m_activities->setTable(activities);
    RecordTable history = record.history;
    for (QVariantList& each : history.rows) {
        each[0] = moment(each.at(0));
    }
    m_history->setTable(history);
    // What the lead's state allows: nothing more to do on a closed lead but read it (and correct).
    const bool open = text(v, "status") != u"closed" && text(v, "status") != u"invalid";
    const bool fugitiveFree = text(v, "fugitive_status") == u"at_large";
    if (QPushButton* arrest = m_buttons.value(QStringLiteral("recordArrest"))) {
        arrest->setEnabled(m_rights.write && fugitiveFree);
        arrest->setToolTip(fugitiveFree ? QString() : tr("The fugitive is not at large."));
    }
    if (QPushButton* add = m_buttons.value(QStringLiteral("addActivity"))) {
        add->setEnabled(m_rights.write && open);
    }
    m_tabs->setTabText(0, record.activities.isEmpty() ? tr("Activities") : tr("Activities (%1)").arg(record.activities.size()));
    Q_EMIT loaded(text(v, "lead_number"));
}

void LeadView::showMessage(const QString& message, bool problem)
{
    m_message->showMessage(message, problem);
}

QString LeadView::message() const
{
    return m_message->message();
}

QString LeadView::heading() const
{
    return m_heading->text();
}

} // namespace ocms
