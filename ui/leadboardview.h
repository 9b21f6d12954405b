#pragma once

#include "db/dropdowncatalog.h"
#include "field/leadboardfilter.h"
#include "field/leadservice.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace ocms {

class LeadBoardModel;
class MessageBanner;

// A team's lead board: whose leads (my teams, one team, the headquarters queue, every team), filtered by
// status, lowest priority, age, ZIP and source, sorted by the server (highest priority first unless a
// header says otherwise), with a count of each status under the filter. Double-click opens a lead.
class LeadBoardView final : public QWidget
{
    Q_OBJECT
public:
    LeadBoardView(const ConnectionSettings& settings, bool headquarters, QWidget* parent = nullptr);

    void setCatalog(const DropdownCatalog& catalog); // the sources and teams to filter by
    LeadBoardFilter filter() const;
    void refresh();
    bool isRefreshing() const { return m_pending > 0; }

    LeadBoardModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QComboBox* scopeBox() const { return m_scope; }
    QComboBox* statusBox() const { return m_status; }
    QComboBox* ageBox() const { return m_age; }
    QComboBox* sourceBox() const { return m_source; }
    QDoubleSpinBox* priorityBox() const { return m_priority; }
    QLineEdit* zipBox() const { return m_zip; }
    QLabel* countsLabel() const { return m_counts; }
    QString message() const;
    QUuid selectedLead() const;
    QList<QUuid> selectedFugitives() const;

Q_SIGNALS:
    void leadActivated(const QUuid& leadId);

private:
    void showCounts();

    LeadService m_service;
    bool m_headquarters;
    LeadBoardModel* m_model;
    QTableView* m_table;
    QComboBox* m_scope;
    QComboBox* m_status;
    QComboBox* m_age;
    QComboBox* m_source;
    QDoubleSpinBox* m_priority;
    QLineEdit* m_zip;
    QLabel* m_counts;
    MessageBanner* m_message;
    LeadBoardSort m_sort = LeadBoardSort::Priority;
    Qt::SortOrder m_order = Qt::DescendingOrder;
    int m_pending = 0;
    int m_generation = 0;
};

} // namespace ocms
