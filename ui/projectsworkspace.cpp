#include "projectsworkspace.h"

#include "domain/projectforms.h"
#include "messagebanner.h"
#include "models/recordtablemodel.h"
#include "projectrecordview.h"
#include "recordform.h"
#include "recordformdialog.h"
#include "recordlisttab.h"
#include "whenready.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace ocms {

ProjectsWorkspace::ProjectsWorkspace(const ConnectionSettings& settings, QWidget* parent)
    : QWidget(parent), m_service(settings), m_tabs(new QTabWidget(this)), m_list(new RecordListTab(QStringLiteral("Projects"), this)),
      m_search(new QLineEdit(this)), m_status(new QComboBox(this)), m_type(new QComboBox(this)), m_mine(new QCheckBox(tr("Only &mine"), this)),
      m_message(new MessageBanner(this))
{
    m_tabs->setObjectName(QStringLiteral("projectTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);

    m_search->setObjectName(QStringLiteral("projectSearch"));
    m_search->setPlaceholderText(tr("Title words or project number"));
    m_search->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("projectStatusFilter"));
    m_status->addItem(tr("Open and on hold"), QString());
    m_status->addItem(tr("Open"), QStringLiteral("open"));
    m_status->addItem(tr("On hold"), QStringLiteral("on_hold"));
    m_status->addItem(tr("Closed"), QStringLiteral("closed"));
    m_status->addItem(tr("All"), QStringLiteral("all"));
    m_type->setObjectName(QStringLiteral("projectTypeFilter"));
    m_type->addItem(tr("All types"), QString());
    m_mine->setObjectName(QStringLiteral("onlyMineFilter"));
    auto* create = new QPushButton(tr("&New project…"), this);
    create->setObjectName(QStringLiteral("newProjectButton"));
    connect(create, &QPushButton::clicked, this, [this] {
        if (RecordFormDialog* dialog = newProject()) {
            dialog->open();
        }
    });

    auto* filters = new QHBoxLayout;
    auto* searchLabel = new QLabel(tr("&Find:"), this);
    searchLabel->setBuddy(m_search);
    filters->addWidget(searchLabel);
    filters->addWidget(m_search, 2);
    filters->addWidget(m_status);
    filters->addWidget(m_type);
    filters->addWidget(m_mine);
    filters->addStretch(1);
    filters->addWidget(create);
    auto* listPage = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listPage);
    listLayout->addLayout(filters);
    listLayout->addWidget(m_message);
    listLayout->addWidget(m_list, 1);
    m_list->enableSorting();
    m_tabs->addTab(listPage, tr("Project list"));
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr); // the list stays
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    // Typing waits for a pause; choices apply at once.
    auto* typing = new QTimer(this);
    typing->setSingleShot(true);
    typing->setInterval(300);
    connect(typing, &QTimer::timeout, this, &ProjectsWorkspace::refresh);
    connect(m_search, &QLineEdit::textChanged, typing, qOverload<>(&QTimer::start));
    connect(m_status, &QComboBox::currentIndexChanged, this, &ProjectsWorkspace::refresh);
    connect(m_type, &QComboBox::currentIndexChanged, this, &ProjectsWorkspace::refresh);
    connect(m_mine, &QCheckBox::toggled, this, &ProjectsWorkspace::refresh);
    connect(m_list, &RecordListTab::activated, this, [this](int row) { openProject(m_list->model()->idAt(row)); });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        auto* view = qobject_cast<ProjectRecordView*>(m_tabs->widget(index));
        if (!view) {
            return;
        }
        m_open.remove(view->projectId());
        m_tabs->removeTab(index);
        view->deleteLater();
    });

    ++m_pending;
    whenReady(this, FormContext::load(settings), [this](const Result<FormContext>& context) {
        --m_pending;
        if (!context) {
            m_message->showMessage(context.error().userMessage, true);
            return;
        }
        m_context = *context;
        const QSignalBlocker quiet(m_type);
        for (const DropdownChoice& choice : m_context.catalog.choices(QStringLiteral("project_type"))) {
            m_type->addItem(choice.label, choice.code);
        }
    });
    refresh();
}

void ProjectsWorkspace::refresh()
{
    ProjectListFilter filter;
    filter.text = m_search->text();
    filter.status = m_status->currentData().toString();
    filter.type = m_type->currentData().toString();
    filter.onlyMine = m_mine->isChecked();
    ++m_pending;
    whenReady(this, m_service.run<RecordTable>([filter](ProjectRepository& repository) { return repository.list(filter); }),
              [this](const Result<RecordTable>& projects) {
                  --m_pending;
                  if (!projects) {
                      m_message->showMessage(projects.error().userMessage, true);
                      return;
                  }
                  m_list->setTable(*projects);
                  m_message->showMessage(projects->size() >= 500 ? tr("The newest 500 projects are shown: narrow the search to see others.")
                                                                 : tr("%n project(s).", nullptr, int(projects->size())),
                                         false);
              });
}

ProjectRecordView* ProjectsWorkspace::openProject(const QUuid& projectId)
{
    if (projectId.isNull()) {
        return nullptr;
    }
    if (ProjectRecordView* open = m_open.value(projectId)) {
        m_tabs->setCurrentWidget(open);
        return open;
    }
    auto* view = new ProjectRecordView(m_service, projectId, this);
    m_open.insert(projectId, view);
    const int index = m_tabs->addTab(view, tr("Opening…"));
    m_tabs->setCurrentIndex(index);
    connect(view, &ProjectRecordView::openDocumentRequested, this, &ProjectsWorkspace::openDocumentRequested);
    connect(view, &ProjectRecordView::addDocumentRequested, this, &ProjectsWorkspace::addDocumentRequested);
    connect(view, &ProjectRecordView::newDraftRequested, this, &ProjectsWorkspace::newDraftRequested);
    connect(view, &ProjectRecordView::loaded, this, [this, view](const QString& number) {
        m_tabs->setTabText(m_tabs->indexOf(view), number);
        refresh(); // counts and hours in the list follow what was just done
    });
    connect(view, &ProjectRecordView::openCaseRequested, this, &ProjectsWorkspace::openCaseRequested);
    return view;
}

RecordFormDialog* ProjectsWorkspace::newProject()
{
    auto created = std::make_shared<CreatedRecord>();
    const auto submit = [service = m_service, created](const QVariantMap& values) {
        return service.run<void>([values, created](ProjectRepository& repository) -> Result<void> {
            auto made = repository.create(values);
            if (!made) {
                return fail(made.error());
            }
            *created = *made;
            return {};
        });
    };
    auto* dialog = new RecordFormDialog(tr("New project"), ProjectForms::newProject(), submit, this);
    dialog->setObjectName(QStringLiteral("newProjectDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->form()->setCatalog(m_context.catalog);
    dialog->setSaveEnabled(false);
    whenReady(dialog, m_service.run<QVariantMap>([](ProjectRepository& repository) { return repository.newProjectDefaults(); }),
              [dialog](const Result<QVariantMap>& defaults) {
                  if (defaults) {
                      dialog->form()->setValues(*defaults);
                  }
                  dialog->setSaveEnabled(true);
              });
    connect(dialog, &RecordFormDialog::saved, this, [this, created] {
        Q_EMIT status(tr("Project %1 created.").arg(created->number));
        refresh();
        openProject(created->id);
    });
    return dialog;
}

} // namespace ocms
