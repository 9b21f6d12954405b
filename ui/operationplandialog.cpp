#include "operationplandialog.h"

#include "domain/formvalidator.h"
#include "field/fieldplanforms.h"
#include "messagebanner.h"
#include "recordform.h"
#include "whenready.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>

namespace ocms {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kFugitiveRole = Qt::UserRole + 1;
enum ContactColumn { KindColumn, NameColumn, AgencyColumn, PhoneColumn, NotesColumn, ContactColumns };

QString targetLabel(const PlanTarget& target)
{
    QString label = target.fugitiveNumber + QStringLiteral("  ") + target.name;
    if (!target.leadNumber.isEmpty()) {
        label += QStringLiteral("  ·  ") + target.leadNumber;
    }
    if (!target.address.isEmpty()) {
        label += QStringLiteral("  ·  ") + target.address;
    }
    return label;
}

} // namespace

OperationPlanDialog::OperationPlanDialog(const ConnectionSettings& settings, const QUuid& operationId, QWidget* parent)
    : QDialog(parent), m_service(settings), m_form(new RecordForm(FieldPlanForms::operationPlan(), this)),
      m_teams(new QListWidget(this)), m_targetFilter(new QLineEdit(this)), m_targets(new QListWidget(this)),
      m_contacts(new QTableWidget(0, ContactColumns, this)), m_message(new MessageBanner(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(operationId.isNull() ? tr("New operations plan") : tr("Operations plan"));
    setObjectName(QStringLiteral("operationPlanDialog"));
    m_message->setObjectName(QStringLiteral("serverMessage"));
    m_teams->setObjectName(QStringLiteral("planTeams"));
    m_targets->setObjectName(QStringLiteral("planTargets"));
    m_contacts->setObjectName(QStringLiteral("planContacts"));
    m_targetFilter->setPlaceholderText(tr("Filter by fugitive, name, lead or address"));
    m_targetFilter->setClearButtonEnabled(true);

    DropdownCatalog catalog = DropdownCatalog::fixedLists();
    FieldPlanForms::addChoices(catalog);
    m_form->setCatalog(catalog);

    m_contacts->setHorizontalHeaderLabels({tr("Point of contact for"), tr("Name"), tr("Agency"), tr("Phone"), tr("Notes")});
    m_contacts->horizontalHeader()->setSectionResizeMode(NotesColumn, QHeaderView::Stretch);
    m_contacts->setColumnWidth(KindColumn, 170);
    m_contacts->setColumnWidth(NameColumn, 150);
    m_contacts->setColumnWidth(AgencyColumn, 180);
    m_contacts->setColumnWidth(PhoneColumn, 130);
    m_contacts->verticalHeader()->setVisible(false);
    m_contacts->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto* addContactButton = new QPushButton(tr("Add point of contact"), this);
    addContactButton->setObjectName(QStringLiteral("addContactButton"));
    auto* removeContactButton = new QPushButton(tr("Remove"), this);
    connect(addContactButton, &QPushButton::clicked, this, [this] {
        addContact();
        m_contacts->setCurrentCell(m_contacts->rowCount() - 1, NameColumn);
        m_contacts->editItem(m_contacts->item(m_contacts->rowCount() - 1, NameColumn));
    });
    connect(removeContactButton, &QPushButton::clicked, this, [this] {
        if (m_contacts->currentRow() >= 0) {
            m_contacts->removeRow(m_contacts->currentRow());
        }
    });

    auto* formScroll = new QScrollArea(this);
    formScroll->setWidget(m_form);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);

    auto* teamsBox = new QGroupBox(tr("Teams taking part"), this);
    (new QVBoxLayout(teamsBox))->addWidget(m_teams);
    auto* targetsBox = new QGroupBox(tr("Targets: open leads of the teams"), this);
    auto* targetsLayout = new QVBoxLayout(targetsBox);
    targetsLayout->addWidget(m_targetFilter);
    targetsLayout->addWidget(m_targets);
    auto* contactsBox = new QGroupBox(tr("Points of contact: teams, local police, emergency services, hospital"), this);
    auto* contactsLayout = new QVBoxLayout(contactsBox);
    contactsLayout->addWidget(m_contacts);
    auto* contactButtons = new QHBoxLayout;
    contactButtons->addWidget(addContactButton);
    contactButtons->addWidget(removeContactButton);
    contactButtons->addStretch();
    contactsLayout->addLayout(contactButtons);

    auto* top = new QHBoxLayout;
    top->addWidget(formScroll, 3);
    auto* side = new QVBoxLayout;
    side->addWidget(teamsBox, 1);
    side->addWidget(targetsBox, 3);
    top->addLayout(side, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(top, 3);
    layout->addWidget(contactsBox, 2);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &OperationPlanDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_teams, &QListWidget::itemChanged, this, [this] {
        if (m_pending == 0) {
            loadTargets();
        }
    });
    connect(m_targetFilter, &QLineEdit::textChanged, this, [this](const QString& text) {
        for (int row = 0; row < m_targets->count(); ++row) {
            QListWidgetItem* item = m_targets->item(row);
            item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive) && item->checkState() != Qt::Checked);
        }
    });
    resize(1100, 760);

    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    ++m_pending;
    whenReady(this, m_service.run<QList<DropdownChoice>>([](OperationPlanRepository& repository) { return repository.teams(); }),
              [this](const Result<QList<DropdownChoice>>& teams) {
                  --m_pending;
                  if (!teams) {
                      m_message->showMessage(teams.error().userMessage, true);
                      return;
                  }
                  const QSignalBlocker blocker(m_teams);
                  for (const DropdownChoice& team : *teams) {
                      auto* item = new QListWidgetItem(team.label, m_teams);
                      item->setData(kIdRole, QUuid::fromString(team.code));
                      item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                      item->setCheckState(m_plan.teamIds.contains(QUuid::fromString(team.code)) ? Qt::Checked : Qt::Unchecked);
                  }
                  if (m_planShown) {
                      loadTargets(); // the plan came first: offer the leads of its teams, not the whole office's
                  }
              });
    ++m_pending;
    whenReady(this, m_service.run<OperationPlan>([operationId](OperationPlanRepository& repository) {
                  return operationId.isNull() ? repository.newPlan() : repository.plan(operationId);
              }),
              [this](const Result<OperationPlan>& plan) {
                  --m_pending;
                  if (!plan) {
                      m_message->showMessage(plan.error().userMessage, true);
                      return;
                  }
                  showPlan(*plan);
                  m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
              });
}

QString OperationPlanDialog::serverMessage() const
{
    return m_message->message();
}

void OperationPlanDialog::showPlan(const OperationPlan& plan)
{
    m_plan = plan;
    m_planShown = true;
    if (!plan.number.isEmpty()) {
        setWindowTitle(tr("Operations plan %1").arg(plan.number));
    }
    m_form->setValues({{QStringLiteral("name"), plan.name},
                       {QStringLiteral("starts_on"), plan.startsOn},
                       {QStringLiteral("ends_on"), plan.endsOn.isValid() ? QVariant(plan.endsOn) : QVariant()},
                       {QStringLiteral("scope"), plan.scope},
                       {QStringLiteral("plan_summary"), plan.briefing}});
    {
        const QSignalBlocker blocker(m_teams);
        for (int row = 0; row < m_teams->count(); ++row) {
            QListWidgetItem* item = m_teams->item(row);
            item->setCheckState(plan.teamIds.contains(item->data(kIdRole).toUuid()) ? Qt::Checked : Qt::Unchecked);
        }
    }
    m_contacts->setRowCount(0);
    for (const PlanContact& contact : plan.contacts) {
        addContact(contact);
    }
    if (plan.isApproved()) {
        m_message->showMessage(tr("Approved by %1. Saving a change withdraws the approval until a supervisor approves it again.")
                                   .arg(plan.approvedBy),
                               false);
    }
    loadTargets();
}

void OperationPlanDialog::addContact(const PlanContact& contact)
{
    const int row = m_contacts->rowCount();
    m_contacts->insertRow(row);
    auto* kind = new QComboBox(m_contacts);
    DropdownCatalog catalog;
    FieldPlanForms::addChoices(catalog);
    for (const DropdownChoice& choice : catalog.choices(QStringLiteral("operation_contact_kind"))) {
        kind->addItem(choice.label, choice.code);
    }
    kind->setCurrentIndex(std::max(0, kind->findData(contact.kind.isEmpty() ? QStringLiteral("local_police") : contact.kind)));
    m_contacts->setCellWidget(row, KindColumn, kind);
    auto* first = new QTableWidgetItem(contact.name);
    first->setData(kIdRole, contact.id);
    m_contacts->setItem(row, NameColumn, first);
    m_contacts->setItem(row, AgencyColumn, new QTableWidgetItem(contact.agency));
    m_contacts->setItem(row, PhoneColumn, new QTableWidgetItem(contact.phone));
    m_contacts->setItem(row, NotesColumn, new QTableWidgetItem(contact.notes));
}

QList<QUuid> OperationPlanDialog::checkedTeams() const
{
    QList<QUuid> teams;
    for (int row = 0; row < m_teams->count(); ++row) {
        if (m_teams->item(row)->checkState() == Qt::Checked) {
            teams.append(m_teams->item(row)->data(kIdRole).toUuid());
        }
    }
    return teams;
}

void OperationPlanDialog::loadTargets()
{
    // Keep what is checked now (or stored), whatever the teams offer.
    QList<PlanTarget> kept = m_plan.targets;
    if (m_targets->count() > 0) {
        kept = editedPlan().targets;
    }
    const QList<QUuid> teams = checkedTeams();
    const int request = ++m_targetRequest;
    ++m_pending;
    whenReady(this, m_service.run<QList<PlanTarget>>([teams](OperationPlanRepository& repository) {
                  return repository.candidateTargets(teams);
              }),
              [this, request, kept](const Result<QList<PlanTarget>>& offered) {
                  --m_pending;
                  if (request != m_targetRequest) {
                      return;
                  }
                  if (!offered) {
                      m_message->showMessage(offered.error().userMessage, true);
                      return;
                  }
                  m_targets->clear();
                  QList<PlanTarget> all = kept;
                  for (const PlanTarget& target : *offered) {
                      const bool known = std::any_of(kept.begin(), kept.end(), [&](const PlanTarget& k) {
                          return k.fugitiveId == target.fugitiveId && k.leadId == target.leadId;
                      });
                      if (!known) {
                          all.append(target);
                      }
                  }
                  for (qsizetype i = 0; i < all.size(); ++i) {
                      const PlanTarget& target = all[i];
                      auto* item = new QListWidgetItem(targetLabel(target), m_targets);
                      item->setData(kIdRole, target.leadId);
                      item->setData(kFugitiveRole, target.fugitiveId);
                      item->setData(Qt::UserRole + 2, QVariantList{target.fugitiveNumber, target.name, target.leadNumber, target.address});
                      item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                      item->setCheckState(i < kept.size() ? Qt::Checked : Qt::Unchecked);
                  }
                  Q_EMIT m_targetFilter->textChanged(m_targetFilter->text());
              });
}

bool OperationPlanDialog::checkTarget(const QString& leadNumber)
{
    for (int row = 0; row < m_targets->count(); ++row) {
        QListWidgetItem* item = m_targets->item(row);
        if (item->data(Qt::UserRole + 2).toList().value(2).toString() == leadNumber) {
            item->setCheckState(Qt::Checked);
            return true;
        }
    }
    return false;
}

OperationPlan OperationPlanDialog::editedPlan() const
{
    OperationPlan plan = m_plan;
    const QVariantMap values = FormValidator::normalised(m_form->spec(), m_form->values());
    plan.name = values.value(QStringLiteral("name")).toString();
    plan.startsOn = values.value(QStringLiteral("starts_on")).toDate();
    plan.endsOn = values.value(QStringLiteral("ends_on")).toDate();
    plan.scope = values.value(QStringLiteral("scope")).toString();
    plan.briefing = values.value(QStringLiteral("plan_summary")).toString();
    plan.teamIds = checkedTeams();
    plan.targets.clear();
    for (int row = 0; row < m_targets->count(); ++row) {
        const QListWidgetItem* item = m_targets->item(row);
        if (item->checkState() == Qt::Checked) {
            const QVariantList shown = item->data(Qt::UserRole + 2).toList();
            plan.targets.append({item->data(kFugitiveRole).toUuid(), item->data(kIdRole).toUuid(), shown.value(0).toString(),
                                 shown.value(1).toString(), shown.value(2).toString(), shown.value(3).toString()});
        }
    }
    plan.contacts.clear();
    for (int row = 0; row < m_contacts->rowCount(); ++row) {
        const auto text = [&](int column) { return m_contacts->item(row, column) ? m_contacts->item(row, column)->text().trimmed() : QString(); };
        const auto* kind = qobject_cast<QComboBox*>(m_contacts->cellWidget(row, KindColumn));
        PlanContact contact{m_contacts->item(row, NameColumn) ? m_contacts->item(row, NameColumn)->data(kIdRole).toUuid() : QUuid(),
                            kind ? kind->currentData().toString() : QString(), text(NameColumn), text(AgencyColumn),
                            text(PhoneColumn), text(NotesColumn)};
        if (contact.name.isEmpty() && contact.agency.isEmpty() && contact.phone.isEmpty() && contact.notes.isEmpty()) {
            continue; // an empty row added and left
        }
        plan.contacts.append(contact);
    }
    return plan;
}

void OperationPlanDialog::save()
{
    m_message->showMessage({}, false);
    if (!m_form->validate()) {
        return;
    }
    const OperationPlan plan = editedPlan();
    if (const QString problem = OperationPlanRepository::problem(plan); !problem.isEmpty()) {
        m_message->showMessage(problem, true);
        return;
    }
    m_buttons->setEnabled(false);
    setCursor(Qt::BusyCursor);
    ++m_pending;
    whenReady(this, m_service.run<QUuid>([plan](OperationPlanRepository& repository) { return repository.save(plan); }),
              [this](const Result<QUuid>& stored) {
                  --m_pending;
                  m_buttons->setEnabled(true);
                  unsetCursor();
                  if (!stored) {
                      m_message->showMessage(stored.error().userMessage, true);
                      return;
                  }
                  m_plan.id = *stored;
                  Q_EMIT this->saved(m_plan.id);
                  accept();
              });
}

} // namespace ocms
