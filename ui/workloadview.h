#pragma once

#include "db/workloadservice.h"

#include <QDate>
#include <QUuid>
#include <QWidget>

class QComboBox;
class QLabel;
class QTabWidget;

namespace ocms {

class MessageBanner;
class RecordListTab;

// The managers' workload view: per person of an office (or per office), open cases, open projects,
// hearings in the next 30 days and hours in the last 30, sortable; a person's row opens what is behind
// their numbers. Everything counted is what the viewer may see: the server decides.
class WorkloadView final : public QWidget
{
    Q_OBJECT
public:
    explicit WorkloadView(const ConnectionSettings& settings, QWidget* parent = nullptr);

    QComboBox* scope() const { return m_scope; }
    RecordListTab* table() const { return m_table; }
    RecordListTab* detailList(const QString& name) const;
    bool isLoading() const { return m_pending > 0; }
    const QUuid& shownPerson() const { return m_person; }
    void setToday(const QDate& today); // the day "next 30 / last 30" count from (tests)
    void refresh();
    void openPerson(const QUuid& userId);

Q_SIGNALS:
    void openCaseRequested(const QUuid& caseId);
    void openProjectRequested(const QUuid& projectId);

private:
    void fillScopes();

    WorkloadService m_service;
    QDate m_today = QDate::currentDate();
    QComboBox* m_scope;
    QLabel* m_summary;
    MessageBanner* m_message;
    RecordListTab* m_table;
    QLabel* m_personHeading;
    QTabWidget* m_detail;
    QHash<QString, RecordListTab*> m_detailLists;
    QUuid m_person;
    QUuid m_myOffice;
    int m_pending = 0;
};

} // namespace ocms
