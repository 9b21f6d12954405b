#pragma once

#include "latestanswer.h"

#include "db/caseservice.h"
#include "domain/fieldspec.h"
#include "models/caserecord.h"
#include "models/documentrecord.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace ocms {

class RecordForm;
class RecordFormDialog;
class RecordTableModel;

// One case in tabs: summary (saved with a row-version check), people, hearings, deadlines, notes, history
// with transfers, A-File, applications, visas, disclosures and, for non-immigration cases, access grants.
// What the user may not change is read-only and what they may not read is absent, from the same rules the
// server enforces. Every read and write runs off the GUI thread.
class CaseRecordView final : public QWidget
{
    Q_OBJECT
public:
    CaseRecordView(CaseService service, QUuid caseId, bool readOnly, QWidget* parent = nullptr);

    const QUuid& caseId() const { return m_caseId; }
    const CaseRecord& record() const { return m_record; }
    bool isLoaded() const { return m_loaded; }
    QString message() const;
    RecordForm* summaryForm() const { return m_summary; }
    QTabWidget* tabs() const { return m_tabs; }
    RecordTableModel* tableModel(const QString& tabTitle) const;
    // The dialog an action opens, left open for tests to fill (the button's own path).
    RecordFormDialog* openAction(const QString& actionName);

    class DeadlineEventDialog* openDeadlineEvent(); // "Compute from an event…", not yet shown

    // Takes the selected person or staff member off the case (their own record stays); the buttons ask first.
    void removeSelected(const QString& tabTitle);

    void reload();
    void saveSummary();

Q_SIGNALS:
    void loaded(const QString& title);
    void openDocumentRequested(const QUuid& documentId);
    void addDocumentRequested(const ocms::DocumentParent& parent);
    void newDraftRequested(const ocms::DocumentParent& parent);
    void binderRequested(const QUuid& caseId, const QString& caseNumber);
    void summarySaved();

private:
    struct Action
    {
        QString name;
        QString title;
        FormSpec spec;
        std::function<Result<void>(CaseRepository&, const QVariantMap&)> work;
        bool needsSelection = false;
        RecordTableModel* selectionFrom = nullptr;
        std::optional<CaseRepository::Editable> edits = std::nullopt; // set: the dialog edits the selected stored row
    };

    QWidget* listTab(const QString& title, RecordTableModel* model, const QList<Action>& actions, QWidget* below = nullptr);
    QTableView* tableFor(RecordTableModel* model);
    QWidget* documentsTab();
    void showRecord(const CaseRecord& record);
    void showMessage(const QString& text, bool problem);
    void transfer();
    void completeSelectedDeadline();
    void revokeSelectedGrant();
    QUuid selectedId(RecordTableModel* model) const;
    int selectedRow(RecordTableModel* model) const;
    QPushButton* addRemoveButton(QWidget* page, const QString& tabTitle, const QString& text);

    CaseService m_service;
    QUuid m_caseId;
    bool m_readOnly;
    bool m_loaded = false;
    LatestAnswer m_loads; // record loads: only the latest one asked for fills the screen
    CaseRecord m_record;
    CaseService::FormContext m_context;
    QLabel* m_heading;
    class MessageBanner* m_message;
    QTabWidget* m_tabs;
    RecordForm* m_summary = nullptr;
    QPushButton* m_save = nullptr;
    QHash<QString, RecordTableModel*> m_models;
    QHash<RecordTableModel*, QTableView*> m_views;
    QHash<QString, Action> m_actions;
    QLabel* m_personDetail = nullptr;
    QLabel* m_noteDetail = nullptr;
    QLabel* m_deadlineDetail = nullptr;
};

} // namespace ocms
