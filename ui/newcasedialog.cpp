#include "newcasedialog.h"

#include "domain/anumber.h"
#include "domain/caseforms.h"
#include "messagebanner.h"
#include "recordform.h"
#include "whenready.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ocms {

NewCaseDialog::NewCaseDialog(CaseService service, QWidget* parent)
    : QDialog(parent), m_service(std::move(service)), m_pages(new QStackedWidget(this)), m_problem(new MessageBanner(this))
{
    setWindowTitle(tr("New case"));
    m_problem->setObjectName(QStringLiteral("newCaseProblem"));
    m_pages->addWidget(buildStart());
    m_casePage = buildCase();
    m_pages->addWidget(m_casePage);
    m_pages->addWidget(buildProject());
    auto* cancel = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    connect(cancel, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_problem);
    layout->addWidget(m_pages, 1);
    layout->addWidget(cancel);
    resize(620, 640);
    setBusy(true);
    whenReady(this, m_service.loadFormContext(), [this](const Result<CaseService::FormContext>& context) {
        setBusy(false);
        if (!context) {
            showProblem(context.error().userMessage);
            return;
        }
        m_context = *context;
        m_projectForm->setCatalog(m_context.catalog);
        m_ready = true;
    });
}

QWidget* NewCaseDialog::buildStart()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    m_immigration = new QRadioButton(tr("&Immigration case — starts with the A-Number"), page);
    m_other = new QRadioButton(tr("&Other litigation — tort (SF-95), FOIA, Privacy Act, contract, employment, EEO, MSPB"), page);
    m_immigration->setChecked(true);
    auto* group = new QButtonGroup(page);
    group->addButton(m_immigration);
    group->addButton(m_other);
    m_aNumber = new QLineEdit(page);
    m_aNumber->setObjectName(QStringLiteral("aNumber"));
    m_aNumber->setAccessibleName(tr("A-Number"));
    m_aNumber->setPlaceholderText(QStringLiteral("A-012-345-678"));
    m_find = new QPushButton(tr("&Find"), page);
    m_find->setDefault(true);
    m_aNumberProblem = new QLabel(page);
    m_aNumberProblem->setObjectName(QStringLiteral("aNumberProblem"));
    m_aNumberProblem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_aNumberProblem->hide();
    m_lookupResult = new QLabel(page);
    m_lookupResult->setObjectName(QStringLiteral("lookupResult"));
    m_lookupResult->setWordWrap(true);
    m_matches = new QListWidget(page);
    m_matches->setObjectName(QStringLiteral("caseMatches"));
    m_matches->setAccessibleName(tr("Cases found for the A-Number"));
    m_matches->setWordWrap(true);
    m_matches->setSpacing(3);
    m_openMatch = new QPushButton(tr("&Open the selected case"), page);
    m_openMatch->setEnabled(false);
    m_continue = new QPushButton(tr("&Continue to the new case"), page);
    m_continue->setObjectName(QStringLiteral("continueButton"));
    m_continue->setEnabled(false);
    m_trackAsProject = new QPushButton(tr("No A-Number yet: &track as a project…"), page);
    m_trackAsProject->setObjectName(QStringLiteral("trackAsProjectButton"));

    auto* aNumberRow = new QHBoxLayout;
    aNumberRow->addWidget(new QLabel(tr("A-&Number:"), page));
    qobject_cast<QLabel*>(aNumberRow->itemAt(0)->widget())->setBuddy(m_aNumber);
    aNumberRow->addWidget(m_aNumber, 1);
    aNumberRow->addWidget(m_find);
    layout->addWidget(m_immigration);
    layout->addWidget(m_other);
    layout->addSpacing(8);
    layout->addLayout(aNumberRow);
    layout->addWidget(m_aNumberProblem);
    layout->addWidget(m_lookupResult);
    layout->addWidget(m_matches, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_openMatch);
    buttons->addStretch(1);
    buttons->addWidget(m_trackAsProject);
    buttons->addWidget(m_continue);
    layout->addLayout(buttons);

    connect(m_find, &QPushButton::clicked, this, &NewCaseDialog::lookUp);
    connect(m_aNumber, &QLineEdit::returnPressed, this, &NewCaseDialog::lookUp);
    connect(m_aNumber, &QLineEdit::textEdited, this, [this] {
        m_continue->setEnabled(false); // a changed number must be looked up again
        m_lookupResult->clear();
        m_matches->clear();
    });
    connect(m_other, &QRadioButton::toggled, this, [this](bool other) {
        m_aNumber->setEnabled(!other);
        m_find->setEnabled(!other);
        m_trackAsProject->setEnabled(!other);
        m_continue->setEnabled(other);
        m_lookupResult->setText(other ? tr("Other litigation needs no A-Number: continue to enter the case.") : QString());
        m_matches->clear();
    });
    connect(m_matches, &QListWidget::currentRowChanged, this, [this](int row) { m_openMatch->setEnabled(row >= 0); });
    connect(m_openMatch, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem* item = m_matches->currentItem()) {
            Q_EMIT openCaseRequested(QUuid(item->data(Qt::UserRole).toString()));
            accept();
        }
    });
    connect(m_continue, &QPushButton::clicked, this, &NewCaseDialog::continueToCase);
    connect(m_trackAsProject, &QPushButton::clicked, this, &NewCaseDialog::startProject);
    return page;
}

QWidget* NewCaseDialog::buildCase()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* choices = new QFormLayout;
    m_person = new QComboBox(page);
    m_person->setObjectName(QStringLiteral("personChoice"));
    m_project = new QComboBox(page);
    m_project->setObjectName(QStringLiteral("projectChoice"));
    choices->addRow(tr("&Respondent:"), m_person);
    choices->addRow(tr("&Take over project:"), m_project);
    layout->addLayout(choices);
    auto* scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setObjectName(QStringLiteral("caseFormArea"));
    layout->addWidget(scroll, 1);
    m_create = new QPushButton(tr("C&reate case"), page);
    m_create->setObjectName(QStringLiteral("createCaseButton"));
    m_create->setDefault(true);
    layout->addWidget(m_create, 0, Qt::AlignRight);
    connect(m_create, &QPushButton::clicked, this, &NewCaseDialog::create);
    // Choosing a person already on record fills nothing in: their record is linked, not copied.
    connect(m_person, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!m_caseForm) {
            return;
        }
        for (const char* key : {"family_name", "given_name", "date_of_birth", "nationality", "language", "sex"}) {
            m_caseForm->setFieldUsed(QString::fromLatin1(key), index <= 0);
        }
    });
    return page;
}

QWidget* NewCaseDialog::buildProject()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* intro = new QLabel(tr("Without an A-Number no immigration case can be opened. The matter is tracked as a project; "
                                "once the A-Number exists, the new case takes the project over with its people, tasks and documents."),
                             page);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_projectForm = new RecordForm(CaseForms::trackingProject(), page);
    m_projectForm->setObjectName(QStringLiteral("projectForm"));
    layout->addWidget(m_projectForm, 1);
    m_createProject = new QPushButton(tr("Create &project"), page);
    m_createProject->setObjectName(QStringLiteral("createProjectButton"));
    layout->addWidget(m_createProject, 0, Qt::AlignRight);
    connect(m_createProject, &QPushButton::clicked, this, [this] {
        if (!m_projectForm->validate()) {
            return;
        }
        setBusy(true);
        whenReady(this,
                  m_service.run<CreatedRecord>([values = m_projectForm->normalisedValues()](CaseRepository& repository) {
                      return repository.createTrackingProject(values);
                  }),
                  [this](const Result<CreatedRecord>& created) {
                      setBusy(false);
                      if (!created) {
                          showProblem(created.error().userMessage);
                          return;
                      }
                      Q_EMIT projectCreated(created->number);
                      accept();
                  });
    });
    return page;
}

void NewCaseDialog::setBusy(bool busy)
{
    m_find->setEnabled(!busy && !m_other->isChecked());
    m_create->setEnabled(!busy);
    m_createProject->setEnabled(!busy);
    if (busy) {
        setCursor(Qt::BusyCursor);
    } else {
        unsetCursor();
    }
}

void NewCaseDialog::showProblem(const QString& text)
{
    m_problem->showMessage(text, true);
}

QString NewCaseDialog::problemText() const
{
    return m_problem->message();
}

QString NewCaseDialog::lookupText() const
{
    return m_lookupResult->text();
}

void NewCaseDialog::lookUp()
{
    showProblem({});
    auto parsed = ANumber::parse(m_aNumber->text());
    if (!parsed) {
        m_aNumberProblem->setText(parsed.error().userMessage);
        m_aNumberProblem->show();
        m_continue->setEnabled(false);
        return;
    }
    m_aNumberProblem->hide();
    m_aNumber->setText(parsed->formatted());
    setBusy(true);
    whenReady(this,
              m_service.run<ANumberLookup>([number = *parsed](CaseRepository& repository) { return repository.lookUp(number); }),
              [this, formatted = parsed->formatted()](const Result<ANumberLookup>& lookup) {
                  setBusy(false);
                  if (!lookup) {
                      showProblem(lookup.error().userMessage);
                      return;
                  }
                  m_lookup = *lookup;
                  m_matches->clear();
                  for (const CaseMatch& match : m_lookup.cases) {
                      auto* item = new QListWidgetItem(tr("%1 — %2\n%3 · %4 · %5 · opened %6")
                                                           .arg(match.caseNumber, match.partyName, match.caseType, match.officeName,
                                                                m_context.catalog.label(QStringLiteral("case_status"), match.status),
                                                                match.openedOn.toString(Qt::ISODate)),
                                                       m_matches);
                      item->setData(Qt::UserRole, match.id.toString(QUuid::WithoutBraces));
                  }
                  if (m_lookup.hasOpenCase()) {
                      m_lookupResult->setText(tr("<b>An open case already exists for %1.</b> Open it instead: an A-Number has one open "
                                                 "immigration case at a time.")
                                                  .arg(formatted));
                      m_matches->setCurrentRow(0);
                      m_continue->setEnabled(false);
                  } else if (!m_lookup.cases.isEmpty()) {
                      m_lookupResult->setText(tr("Only closed cases exist for %1. You may open one of them or create a new case.").arg(formatted));
                      m_continue->setEnabled(true);
                  } else {
                      m_lookupResult->setText(m_lookup.people.isEmpty()
                                                  ? tr("No case exists for %1. Continue to create it.").arg(formatted)
                                                  : tr("No case exists for %1, but the person is on record: continue to create the "
                                                       "case for them.")
                                                        .arg(formatted));
                      m_continue->setEnabled(true);
                  }
              });
}

void NewCaseDialog::continueToCase()
{
    if (!m_ready) {
        return;
    }
    showProblem({});
    const bool immigration = m_immigration->isChecked();
    auto* scroll = m_casePage->findChild<QScrollArea*>(QStringLiteral("caseFormArea"));
    m_caseForm = new RecordForm(immigration ? CaseForms::newImmigrationCase() : CaseForms::newOtherCase());
    m_caseForm->setObjectName(QStringLiteral("caseForm"));
    m_caseForm->setCatalog(m_context.catalog);
    m_caseForm->setContext({{QStringLiteral("category"), immigration ? QStringLiteral("immigration") : QStringLiteral("non_immigration")}});
    QVariantMap start = {{QStringLiteral("opened_on"), QDate::currentDate()}};
    if (immigration) {
        start.insert(QStringLiteral("a_number"), m_lookup.aNumber);
        start.insert(QStringLiteral("forum"), QStringLiteral("immigration_court"));
        start.insert(QStringLiteral("case_type"), QStringLiteral("removal"));
    } else {
        const QList<DropdownChoice> divisions = m_context.catalog.choices(QStringLiteral("my_division"));
        if (divisions.size() == 1) {
            start.insert(QStringLiteral("division_id"), divisions.first().code);
        }
    }
    m_caseForm->setValues(start);
    if (immigration) {
        m_caseForm->editor(QStringLiteral("a_number"))->setEnabled(false); // found by the lookup; change it there
    }
    scroll->setWidget(m_caseForm); // the scroll area owns the previous form and deletes it
    m_person->clear();
    m_person->addItem(tr("A new person (enter below)"));
    for (const PersonMatch& person : immigration ? m_lookup.people : QList<PersonMatch>{}) {
        m_person->addItem(tr("%1, born %2, %3 (on record)")
                              .arg(person.name, person.dateOfBirth.isValid() ? person.dateOfBirth.toString(Qt::ISODate) : tr("unknown"),
                                   person.nationality),
                          person.id.toString(QUuid::WithoutBraces));
    }
    m_person->setCurrentIndex(-1); // so the choice below always announces itself
    m_person->setCurrentIndex(m_person->count() > 1 ? 1 : 0);
    m_person->setEnabled(immigration);
    m_project->clear();
    m_project->addItem(tr("None"));
    for (const ProjectMatch& project : immigration ? m_lookup.trackingProjects : QList<ProjectMatch>{}) {
        m_project->addItem(QStringLiteral("%1 — %2").arg(project.projectNumber, project.title), project.id.toString(QUuid::WithoutBraces));
    }
    m_project->setEnabled(immigration && m_project->count() > 1);
    setWindowTitle(immigration ? tr("New immigration case") : tr("New case: other litigation"));
    m_pages->setCurrentWidget(m_casePage);
}

void NewCaseDialog::startProject()
{
    showProblem({});
    setWindowTitle(tr("Track a matter without an A-Number"));
    m_pages->setCurrentIndex(2);
}

void NewCaseDialog::create()
{
    if (!m_caseForm) {
        return;
    }
    const bool existingPerson = m_person->currentIndex() > 0;
    if (!m_caseForm->validate()) {
        showProblem(tr("Some fields need attention; nothing was created yet."));
        return;
    }
    const bool immigration = m_immigration->isChecked();
    QVariantMap values = m_caseForm->normalisedValues();
    values.insert(QStringLiteral("category"), immigration ? QStringLiteral("immigration") : QStringLiteral("non_immigration"));
    const QUuid person = existingPerson ? QUuid(m_person->currentData().toString()) : QUuid();
    const QUuid project = m_project->currentIndex() > 0 ? QUuid(m_project->currentData().toString()) : QUuid();
    setBusy(true);
    whenReady(this,
              m_service.run<CreatedRecord>([values, person, project](CaseRepository& repository) {
                  return repository.createCase(values, person, project);
              }),
              [this](const Result<CreatedRecord>& created) {
                  setBusy(false);
                  if (!created) {
                      showProblem(created.error().userMessage); // everything typed stays in the form
                      return;
                  }
                  Q_EMIT caseCreated(created->id, created->number);
                  accept();
              });
}

} // namespace ocms
