#pragma once

#include "db/formcontext.h"
#include "db/projectservice.h"
#include "models/documentrecord.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QTabWidget;

namespace ocms {

class MessageBanner;
class ProjectRecordView;
class RecordFormDialog;
class RecordListTab;

// The Projects workspace: the projects the user may see (searchable by title or number, filtered by
// status and type, or only their own) as the first tab, each opened project in a tab of its own, and
// "New project…". A project opened twice is shown once.
class ProjectsWorkspace final : public QWidget
{
    Q_OBJECT
public:
    explicit ProjectsWorkspace(const ConnectionSettings& settings, QWidget* parent = nullptr);

    RecordListTab* projectList() const { return m_list; }
    QTabWidget* tabs() const { return m_tabs; }
    QLineEdit* searchBox() const { return m_search; }
    ProjectRecordView* openProject(const QUuid& projectId);
    ProjectRecordView* projectView(const QUuid& projectId) const { return m_open.value(projectId); }
    RecordFormDialog* newProject(); // the dialog, not yet shown (tests fill it as a user would)
    void refresh();
    bool isRefreshing() const { return m_pending > 0; }

Q_SIGNALS:
    void status(const QString& message);
    void openCaseRequested(const QUuid& caseId);
    void openDocumentRequested(const QUuid& documentId);
    void addDocumentRequested(const ocms::DocumentParent& parent);
    void newDraftRequested(const ocms::DocumentParent& parent);

private:
    ProjectService m_service;
    FormContext m_context;
    QTabWidget* m_tabs;
    RecordListTab* m_list;
    QLineEdit* m_search;
    QComboBox* m_status;
    QComboBox* m_type;
    QCheckBox* m_mine;
    MessageBanner* m_message;
    QHash<QUuid, ProjectRecordView*> m_open;
    int m_pending = 0;
};

} // namespace ocms
