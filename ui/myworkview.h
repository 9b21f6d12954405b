#pragma once

#include "db/myworkservice.h"

#include <QDate>
#include <QWidget>

class QLabel;

namespace ocms {

class RecordListTab;

// "My work" on the home page: the user's open tasks across projects, hearings on their cases in the next
// two weeks and deadlines overdue or due within a week. Double-click opens the project or case.
class MyWorkView final : public QWidget
{
    Q_OBJECT
public:
    explicit MyWorkView(const ConnectionSettings& settings, QWidget* parent = nullptr);

    RecordListTab* tasks() const { return m_tasks; }
    RecordListTab* hearings() const { return m_hearings; }
    RecordListTab* deadlines() const { return m_deadlines; }
    bool isLoading() const { return m_loading; }
    void refresh();

Q_SIGNALS:
    void openProjectRequested(const QUuid& projectId);
    void openCaseRequested(const QUuid& caseId);

private:
    RecordListTab* section(const QString& name, const QString& title, class QGridLayout* grid, int row, int column);

    MyWorkService m_service;
    RecordListTab* m_tasks;
    RecordListTab* m_hearings;
    RecordListTab* m_deadlines;
    QHash<RecordListTab*, QLabel*> m_titles;
    bool m_loading = false;
};

} // namespace ocms
