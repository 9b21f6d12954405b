#include "myworkview.h"

#include "models/recordtablemodel.h"
#include "recordlisttab.h"
#include "whenready.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>

namespace ocms {

MyWorkView::MyWorkView(const ConnectionSettings& settings, QWidget* parent) : QWidget(parent), m_service(settings)
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    m_hearings = section(QStringLiteral("MyHearings"), tr("Hearings, next two weeks"), grid, 0, 0);
    m_deadlines = section(QStringLiteral("MyDeadlines"), tr("Deadlines due this week or overdue"), grid, 0, 1);
    m_tasks = section(QStringLiteral("MyTasks"), tr("My open tasks"), grid, 2, 0);
    grid->addWidget(m_tasks, 3, 0, 1, 2);
    auto* refreshButton = new QPushButton(tr("Re&fresh my work"), this);
    refreshButton->setObjectName(QStringLiteral("refreshMyWork"));
    connect(refreshButton, &QPushButton::clicked, this, &MyWorkView::refresh);
    grid->addWidget(refreshButton, 4, 1, Qt::AlignRight);
    connect(m_tasks, &RecordListTab::activated, this, [this](int row) { Q_EMIT openProjectRequested(m_tasks->model()->idAt(row)); });
    connect(m_hearings, &RecordListTab::activated, this, [this](int row) { Q_EMIT openCaseRequested(m_hearings->model()->idAt(row)); });
    connect(m_deadlines, &RecordListTab::activated, this, [this](int row) { Q_EMIT openCaseRequested(m_deadlines->model()->idAt(row)); });
    refresh();
}

RecordListTab* MyWorkView::section(const QString& name, const QString& title, QGridLayout* grid, int row, int column)
{
    auto* heading = new QLabel(u"<b>" + title.toHtmlEscaped() + u"</b>", this);
    auto* list = new RecordListTab(name, this);
    m_titles.insert(list, heading);
    heading->setProperty("title", title);
    grid->addWidget(heading, row, column);
    grid->addWidget(list, row + 1, column);
    return list;
}

void MyWorkView::refresh()
{
    m_loading = true;
    whenReady(this, m_service.run<MyWork>([](MyWorkRepository& repository) { return repository.load(); }), [this](const Result<MyWork>& work) {
        m_loading = false;
        if (!work) {
            m_titles.value(m_tasks)->setText(u"<b>" + work.error().userMessage.toHtmlEscaped() + u"</b>");
            return;
        }
        for (const auto& [list, table] : {std::pair{m_tasks, &work->tasks}, std::pair{m_hearings, &work->hearings},
                                          std::pair{m_deadlines, &work->deadlines}}) {
            list->setTable(*table);
            QLabel* heading = m_titles.value(list);
            heading->setText(QStringLiteral("<b>%1</b> (%2)").arg(heading->property("title").toString().toHtmlEscaped()).arg(table->size()));
        }
    });
}

} // namespace ocms
