#pragma once

#include "models/caselistdataservice.h"
#include "models/caselistfilter.h"

#include <QWidget>

class QLabel;
class QMenu;
class QTableView;
class QToolButton;

namespace ocms {

class CaseListFilterBar;
class CaseListModel;

// The case list workspace: filter bar, saved searches, column chooser and the list itself, which pages
// from the server as it scrolls. Opening a case is left to whoever listens to caseActivated.
class CaseListView final : public QWidget
{
    Q_OBJECT
public:
    explicit CaseListView(const ConnectionSettings& settings, QWidget* parent = nullptr);
    ~CaseListView() override;

    // Loads labels and the first rows (called when the workspace is first shown).
    void start();
    CaseListModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    CaseListFilterBar* filterBar() const { return m_filterBar; }
    QString statusText() const;
    QStringList savedSearchNames() const { return m_savedNames; }
    // Saves the current filter under a name (the dialog's work, callable from tests).
    void saveCurrentSearch(const QString& name);
    void applySavedSearch(const QString& name);

Q_SIGNALS:
    void caseActivated(const QUuid& caseId);
    void savedSearchesChanged();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void buildColumnMenu();
    void refreshSavedSearches();
    void rebuildSavedMenu();
    void updateStatus();
    void restoreHeader();
    void saveHeader() const;
    void keepSortIndicatorOnSortableColumns(int section, Qt::SortOrder order);

    CaseListDataService m_data;
    CaseListModel* m_model;
    CaseListFilterBar* m_filterBar;
    QTableView* m_table;
    QLabel* m_status;
    QToolButton* m_savedButton;
    QMenu* m_savedMenu;
    QToolButton* m_columnsButton;
    QList<SavedSearch> m_saved;
    QStringList m_savedNames;
    QString m_error;
    bool m_started = false;
};

} // namespace ocms
