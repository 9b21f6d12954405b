#pragma once

#include "latestanswer.h"

#include "db/formcontext.h"
#include "db/projectservice.h"
#include "models/documentrecord.h"
#include "domain/fieldspec.h"
#include "models/projectrecord.h"

#include <QHash>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTabWidget;

namespace ocms {

class MessageBanner;
class RecordForm;
class RecordFormDialog;
class RecordListTab;

// One project in tabs: summary (saved with a row-version check) with its staff, tasks, people involved,
// events, time, linked cases, history and, for its creator, access grants. Every read and write runs off
// the GUI thread; what the server refuses is shown and nothing typed is lost.
class ProjectRecordView final : public QWidget
{
    Q_OBJECT
public:
    ProjectRecordView(ProjectService service, QUuid projectId, QWidget* parent = nullptr);

    const QUuid& projectId() const { return m_projectId; }
    const ProjectRecord& record() const { return m_record; }
    bool isLoaded() const { return m_loaded; }
    QString message() const;
    RecordForm* summaryForm() const { return m_summary; }
    QTabWidget* tabs() const { return m_tabs; }
    RecordListTab* list(const QString& name) const { return m_lists.value(name); }
    // The dialog an action's button opens, not yet shown (tests fill it as a user would).
    RecordFormDialog* openAction(const QString& actionName);

    void reload();
    void saveSummary();
    void completeSelectedTask();

Q_SIGNALS:
    void loaded(const QString& title);
    void openCaseRequested(const QUuid& caseId);
    void openDocumentRequested(const QUuid& documentId);
    void addDocumentRequested(const ocms::DocumentParent& parent);
    void newDraftRequested(const ocms::DocumentParent& parent);

private:
    struct Action
    {
        QString title;
        FormSpec spec;
        QString list;         // non-empty: works on the row selected there
        bool editsTask = false;
        std::function<Result<void>(ProjectRepository&, const QUuid& project, const QUuid& selected, const QVariantMap& values)> work;
    };

    void build();
    void show(const ProjectRecord& record);
    void showMessage(const QString& text, bool problem);
    RecordListTab* addList(const QString& name, const QString& tabTitle);
    void addActionButton(const QString& list, const QString& name, const QString& buttonText, Action action);
    void runOnSelection(const QString& list, const QString& doneText,
                        std::function<Result<void>(ProjectRepository&, const QUuid& project, int row)> work);

    ProjectService m_service;
    QUuid m_projectId;
    bool m_loaded = false;
    ProjectRecord m_record;
    FormContext m_context;
    QLabel* m_heading;
    MessageBanner* m_message;
    QTabWidget* m_tabs;
    RecordForm* m_summary = nullptr;
    QPushButton* m_save = nullptr;
    QLabel* m_facts = nullptr;
    QLabel* m_timeTotal = nullptr;
    QLabel* m_accessNote = nullptr;
    QHash<QString, RecordListTab*> m_lists;
    QHash<QString, Action> m_actions;
    QList<QPushButton*> m_creatorOnly;
    LatestAnswer m_loads; // record loads: only the latest one asked for fills the screen
};

} // namespace ocms
