#pragma once

#include "models/recordtable.h"

#include <QUuid>
#include <QWidget>

#include <functional>

class QHBoxLayout;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace ocms {

class RecordTableModel;

// One list of a record or workspace: the rows in a read-only table view and a row of buttons under it.
// Sorting is off unless asked for (the server's order is meant).
class RecordListTab final : public QWidget
{
    Q_OBJECT
public:
    explicit RecordListTab(const QString& name, QWidget* parent = nullptr);

    RecordTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    void setTable(const RecordTable& table);
    // Sorting by a click on a header, numbers as numbers (through a proxy; ids follow their rows).
    void enableSorting();
    QPushButton* addButton(const QString& text, const QString& objectName, const std::function<void()>& onClick);

    int selectedRow() const; // in the model's rows, -1 when nothing is selected
    QUuid selectedId() const;
    QVariant selectedValue(const QString& header) const;
    void selectRow(int modelRow);

    // The house look of a record list, for views built elsewhere.
    static void styleTable(QTableView* view);
    static void fitColumns(QTableView* view);

Q_SIGNALS:
    void activated(int modelRow);        // double-click or Enter
    void selectionChanged(int modelRow); // -1 when cleared

private:
    void followCurrentRow();

    RecordTableModel* m_model;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_view;
    QHBoxLayout* m_buttons;
    QWidget* m_buttonRow;
};

} // namespace ocms
