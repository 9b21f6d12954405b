#pragma once

#include "db/timesheetservice.h"

#include <QDate>
#include <QWidget>

class QLabel;
class QTableView;

namespace ocms {

class MessageBanner;
class RecordFormDialog;
class RecordListTab;
class TimesheetWeekModel;

// The signed-in user's week of time: a grid per case or project and day with totals, the week's entries
// below it, and logging, correcting and withdrawing an entry. Weeks start on Monday.
class TimesheetView final : public QWidget
{
    Q_OBJECT
public:
    explicit TimesheetView(const ConnectionSettings& settings, QWidget* parent = nullptr);

    const QDate& monday() const { return m_monday; }
    TimesheetWeekModel* week() const { return m_week; }
    RecordListTab* entries() const { return m_entries; }
    bool isLoading() const { return m_pending > 0; }
    QString message() const;
    void showWeekOf(const QDate& day);
    RecordFormDialog* logTime();              // the dialog, not yet shown
    RecordFormDialog* correctSelected();      // the dialog for the selected entry, not yet shown
    void withdrawSelected();                  // asks first when shown on screen
    void refresh();

private:
    RecordFormDialog* entryDialog(const QString& title, const QUuid& entryId);

    TimesheetService m_service;
    QDate m_monday;
    QLabel* m_weekLabel;
    MessageBanner* m_message;
    TimesheetWeekModel* m_week;
    QTableView* m_grid;
    RecordListTab* m_entries;
    int m_pending = 0;
};

} // namespace ocms
