#include "fugitiverecordview.h"

#include "domain/fieldforms.h"
#include "fugitivephotospanel.h"
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
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ocms {

namespace {

QString moment(const QVariant& value)
{
    const QDateTime at = value.toDateTime();
    return at.isValid() ? at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

} // namespace

FugitiveRecordView::FugitiveRecordView(FugitiveService service, FormContext context, bool mayWrite, QUuid fugitiveId, QWidget* parent)
    : QWidget(parent), m_service(std::move(service)), m_context(std::move(context)), m_mayWrite(mayWrite), m_fugitiveId(fugitiveId),
      m_heading(new QLabel(this)), m_status(new QLabel(this)), m_message(new MessageBanner(this)), m_tabs(new QTabWidget(this)),
      m_save(new QPushButton(tr("&Save changes"), this))
{
    m_heading->setObjectName(QStringLiteral("fugitiveHeading"));
    m_heading->setStyleSheet(QStringLiteral("font-size: 14pt; font-weight: 600;"));
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("fugitiveStatus"));
    m_status->setWordWrap(true);
    m_tabs->setObjectName(QStringLiteral("fugitiveTabs"));
    m_save->setObjectName(QStringLiteral("saveFugitiveButton"));
    m_save->setEnabled(false);
    connect(m_save, &QPushButton::clicked, this, &FugitiveRecordView::save);

    for (const auto& [name, title, spec] : {std::tuple{QStringLiteral("biography"), tr("Biography"), FieldForms::fugitiveBiography()},
                                            std::tuple{QStringLiteral("immigration"), tr("Immigration history"), FieldForms::fugitiveImmigration()},
                                            std::tuple{QStringLiteral("criminal"), tr("Criminal history"), FieldForms::fugitiveCriminal()}}) {
        addForm(name, title, spec);
    }
    // Lists, each with what can be added to it.
    const auto listPage = [this](const QString& name, const QString& title) {
        auto* page = new QWidget(this);
        auto* layout = new QVBoxLayout(page);
        layout->addWidget(addList(name, page));
        m_tabs->addTab(page, title);
        return page;
    };
    auto* criminalPage = m_tabs->widget(2);
    auto* convictions = addList(QStringLiteral("convictions"), criminalPage);
    criminalPage->layout()->addWidget(new QLabel(tr("Convictions"), criminalPage));
    criminalPage->layout()->addWidget(convictions);
    convictions->addButton(tr("Add &conviction…"), QStringLiteral("addConvictionButton"), [this] {
        if (RecordFormDialog* dialog = openAction(QStringLiteral("addConviction"))) {
            dialog->open();
        }
    })->setEnabled(m_mayWrite);
    // Mug shots belong to the criminal history: their tab follows it.
    m_photos = new FugitivePhotosPanel(m_service, m_mayWrite, this);
    m_photos->setObjectName(QStringLiteral("photographs"));
    m_tabs->addTab(m_photos, tr("Photographs"));
    connect(m_photos, &FugitivePhotosPanel::problem, this, [this](const QString& text) { showMessage(text, true); });
    connect(m_photos, &FugitivePhotosPanel::photographAdded, this, [this] {
        showMessage(tr("Photograph added."), false);
        Q_EMIT changed();
        reload();
    });
    listPage(QStringLiteral("aliases"), tr("Aliases"));
    m_lists.value(QStringLiteral("aliases"))->addButton(tr("Add a&lias…"), QStringLiteral("addAliasButton"), [this] {
        if (RecordFormDialog* dialog = openAction(QStringLiteral("addAlias"))) {
            dialog->open();
        }
    })->setEnabled(m_mayWrite);
    listPage(QStringLiteral("addresses"), tr("Addresses"));
    m_lists.value(QStringLiteral("addresses"))->addButton(tr("Add possible a&ddress…"), QStringLiteral("addAddressButton"), [this] {
        if (RecordFormDialog* dialog = openAction(QStringLiteral("addAddress"))) {
            dialog->open();
        }
    })->setEnabled(m_mayWrite);
    listPage(QStringLiteral("leads"), tr("Leads"));
    m_lists.value(QStringLiteral("leads"))->addButton(tr("&New lead…"), QStringLiteral("newLeadForFugitiveButton"), [this] {
        if (m_loaded) {
            Q_EMIT newLeadRequested(m_record.values.value(QStringLiteral("fugitive_number")).toString());
        }
    })->setEnabled(m_mayWrite);
    connect(m_lists.value(QStringLiteral("leads")), &RecordListTab::activated, this, [this](int row) {
        Q_EMIT openLeadRequested(m_record.leads.ids.value(row));
    });
    listPage(QStringLiteral("arrests"), tr("Arrests"));

    m_actions.insert(QStringLiteral("changeStatus"),
                     {tr("Change fugitive status"), FieldForms::fugitiveStatus(), tr("Status changed."),
                      [](FugitiveRepository& fugitives, const QUuid& id, qint64 version, const QVariantMap& values) -> Result<void> {
                          auto saved = fugitives.setStatus(id, version, values);
                          return saved ? Result<void>{} : Result<void>(fail(saved.error()));
                      }});
    m_actions.insert(QStringLiteral("addConviction"),
                     {tr("Add conviction"), FieldForms::conviction(), tr("Conviction added; the priority of the leads follows."),
                      [](FugitiveRepository& fugitives, const QUuid& id, qint64, const QVariantMap& values) {
                          return fugitives.addConviction(id, values);
                      }});
    m_actions.insert(QStringLiteral("addAlias"), {tr("Add alias"), FieldForms::alias(), tr("Alias added."),
                                                  [](FugitiveRepository& fugitives, const QUuid& id, qint64, const QVariantMap& values) {
                                                      return fugitives.addAlias(id, values);
                                                  }});
    m_actions.insert(QStringLiteral("addAddress"),
                     {tr("Add possible address"), FieldForms::possibleAddress(), tr("Address added."),
                      [](FugitiveRepository& fugitives, const QUuid& id, qint64, const QVariantMap& values) {
                          return fugitives.addPossibleAddress(id, values);
                      }});

    auto* statusButton = new QPushButton(tr("Change s&tatus…"), this);
    statusButton->setObjectName(QStringLiteral("changeFugitiveStatusButton"));
    statusButton->setEnabled(m_mayWrite);
    connect(statusButton, &QPushButton::clicked, this, [this] {
        if (RecordFormDialog* dialog = openAction(QStringLiteral("changeStatus"))) {
            dialog->open();
        }
    });
    auto* top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(statusButton);
    top->addWidget(m_save);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);
    if (!m_mayWrite) {
        showMessage(tr("Your field access is read-only: you can read this record but not change it."), false);
    }
    reload();
}

RecordForm* FugitiveRecordView::addForm(const QString& name, const QString& tabTitle, const FormSpec& spec)
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* form = new RecordForm(spec, page);
    form->setObjectName(name + QStringLiteral("Form"));
    form->setCatalog(m_context.catalog);
    form->setAccess(m_context.access);
    form->setAllReadOnly(!m_mayWrite);
    auto* scroll = new QScrollArea(page);
    scroll->setWidget(form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll, 1);
    m_tabs->addTab(page, tabTitle);
    m_forms.insert(name, form);
    connect(form, &RecordForm::edited, this, [this] { m_save->setEnabled(m_loaded && m_mayWrite); });
    return form;
}

RecordListTab* FugitiveRecordView::addList(const QString& name, QWidget* page)
{
    auto* list = new RecordListTab(name, page);
    m_lists.insert(name, list);
    return list;
}

RecordFormDialog* FugitiveRecordView::openAction(const QString& name)
{
    if (!m_actions.contains(name) || !m_loaded) {
        return nullptr;
    }
    const Action action = m_actions.value(name);
    const auto submit = [service = m_service, work = action.work, id = m_fugitiveId, version = m_record.rowVersion](const QVariantMap& values) {
        return service.run<void>([work, id, version, values](FugitiveRepository& fugitives) { return work(fugitives, id, version, values); });
    };
    auto* dialog = new RecordFormDialog(action.title, action.spec, submit, this);
    dialog->setObjectName(name + QStringLiteral("Dialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->form()->setCatalog(m_context.catalog);
    if (name == u"changeStatus") {
        dialog->form()->setValues({{QStringLiteral("status"), m_record.values.value(QStringLiteral("status"))}});
    }
    connect(dialog, &RecordFormDialog::saved, this, [this, done = action.doneText] {
        showMessage(done, false);
        Q_EMIT changed();
        reload();
    });
    return dialog;
}

void FugitiveRecordView::save()
{
    if (!m_loaded) {
        return;
    }
    QVariantMap changes;
    bool valid = true;
    for (RecordForm* form : std::as_const(m_forms)) {
        if (!form->validate()) {
            valid = false;
            m_tabs->setCurrentIndex(m_tabs->indexOf(form->parentWidget()->parentWidget()->parentWidget()));
            continue;
        }
        changes.insert(form->changedValues());
    }
    if (!valid) {
        showMessage(tr("Some fields need correcting: see the messages under them."), true);
        return;
    }
    if (changes.isEmpty()) {
        showMessage(tr("Nothing to save: no field was changed."), false);
        return;
    }
    m_save->setEnabled(false);
    whenReady(this, m_service.run<qint64>([id = m_fugitiveId, version = m_record.rowVersion, changes](FugitiveRepository& fugitives) {
                  return fugitives.save(id, version, changes);
              }),
              [this](const Result<qint64>& saved) {
                  if (!saved) {
                      m_save->setEnabled(true);
                      showMessage(saved.error().userMessage, true); // what was typed stays in the forms
                      return;
                  }
                  showMessage(tr("Saved."), false);
                  Q_EMIT changed();
                  reload();
              });
}

void FugitiveRecordView::reload()
{
    m_loads.whenReady(this, m_service.run<FugitiveRecord>([id = m_fugitiveId](FugitiveRepository& fugitives) { return fugitives.load(id); }),
                      [this](const Result<FugitiveRecord>& record) {
                          if (!record) {
                              showMessage(record.error().userMessage, true);
                              return;
                          }
                          show(*record);
                      });
}

void FugitiveRecordView::show(const FugitiveRecord& record)
{
    m_record = record;
    m_loaded = true;
    const QVariantMap& v = record.values;
    const QString name = QStringLiteral("%1, %2").arg(v.value(QStringLiteral("family_name")).toString(),
                                                      v.value(QStringLiteral("given_name")).toString());
    m_heading->setText(tr("%1 · %2").arg(v.value(QStringLiteral("fugitive_number")).toString(), name));
    QString status = tr("<b>%1</b> since %2")
                         .arg(LeadBoardModel::statusLabel(v.value(QStringLiteral("status")).toString()),
                              moment(v.value(QStringLiteral("status_changed_at"))));
    if (!v.value(QStringLiteral("status_reason")).toString().isEmpty()) {
        status += QStringLiteral(": ") + v.value(QStringLiteral("status_reason")).toString().toHtmlEscaped();
    }
    status += tr(" · threat score %1 · responsible office %2")
                  .arg(QLocale().toString(v.value(QStringLiteral("threat_score")).toDouble(), 'f', 0),
                       v.value(QStringLiteral("office_name")).toString().toHtmlEscaped());
    m_status->setText(status);
    for (RecordForm* form : std::as_const(m_forms)) {
        form->setValues(v);
    }
    m_lists.value(QStringLiteral("convictions"))->setTable(record.convictions);
    m_lists.value(QStringLiteral("aliases"))->setTable(record.aliases);
    m_lists.value(QStringLiteral("addresses"))->setTable(record.addresses);
    RecordTable leads = record.leads;
    for (QVariantList& row : leads.rows) {
        row[1] = LeadBoardModel::statusLabel(row.at(1).toString());
        row[5] = moment(row.at(5));
    }
    m_lists.value(QStringLiteral("leads"))->setTable(leads);
    RecordTable arrests = record.arrests;
    for (QVariantList& row : arrests.rows) {
        row[0] = moment(row.at(0));
    }
    m_lists.value(QStringLiteral("arrests"))->setTable(arrests);
    m_photos->setPhotographs(m_fugitiveId, record.photographs);
    m_save->setEnabled(false);
    Q_EMIT loaded(v.value(QStringLiteral("fugitive_number")).toString());
}

void FugitiveRecordView::showMessage(const QString& text, bool problem)
{
    m_message->showMessage(text, problem);
}

QString FugitiveRecordView::message() const
{
    return m_message->message();
}

QString FugitiveRecordView::heading() const
{
    return m_heading->text();
}

} // namespace ocms
