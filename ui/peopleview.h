#pragma once

#include "db/personservice.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace ocms {

class DuplicatePairsModel;
class RecordFormDialog;
class RecordTableModel;

// The People workspace: likely duplicate records side by side, merged into one (with the reason) or
// marked as different people; recent merges can be undone. The server decides what may be seen and merged.
class PeopleView final : public QWidget
{
    Q_OBJECT
public:
    explicit PeopleView(const ConnectionSettings& settings, QWidget* parent = nullptr);

    void refresh();
    void selectPair(int row);
    // Opens the merge dialog asking for the reason (not yet shown): keepFirst keeps the left record.
    RecordFormDialog* merge(bool keepFirst);
    void dismissSelected();
    void undoSelectedMerge();

    DuplicatePairsModel* pairs() const { return m_pairs; }
    RecordTableModel* merges() const { return m_merges; }
    QTableView* mergesTable() const { return m_mergesTable; }
    QString message() const;
    QString detailText(bool first) const;
    bool isLoaded() const { return m_loaded; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showMessage(const QString& text, bool problem);
    void showDetail(const QUuid& id, QLabel* into);
    int selectedPair() const;

    PersonService m_service;
    DuplicatePairsModel* m_pairs;
    RecordTableModel* m_merges;
    QTableView* m_pairsTable;
    QTableView* m_mergesTable;
    QLabel* m_first;
    QLabel* m_second;
    class MessageBanner* m_message;
    QPushButton* m_keepFirst;
    QPushButton* m_keepSecond;
    QPushButton* m_dismiss;
    bool m_loaded = false;
    bool m_started = false;
};

} // namespace ocms
