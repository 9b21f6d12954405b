#pragma once

#include "db/formcontext.h"
#include "field/fugitiveservice.h"
#include "field/leadservice.h"
#include "security/session.h"

#include <QHash>
#include <QWidget>

class QLineEdit;
class QPushButton;
class QTabWidget;

namespace ocms {

class AddressSearchExtractDialog;
class FugitiveRecordView;
class LeadBoardView;
class LeadImportDialog;
class LeadView;
class MessageBanner;
class RecordFormDialog;
class RecordListTab;

// Field operations (FCMS Leads and Activities menus): the lead board of the officer's team (headquarters:
// any team, the queue, all), fugitive search, each opened lead or fugitive record in a tab of its own, new
// leads and fugitive records, non-fugitive arrests and, for headquarters, batch lead import. What a user
// may do follows their field role (read-only, read/add/update, full); the server enforces it.
class FieldWorkspace final : public QWidget
{
    Q_OBJECT
public:
    explicit FieldWorkspace(const Session& session, QWidget* parent = nullptr);

    LeadBoardView* board() const { return m_board; }
    QTabWidget* tabs() const { return m_tabs; }
    QLineEdit* fugitiveSearch() const { return m_search; }
    RecordListTab* fugitiveResults() const { return m_results; }
    bool isReady() const { return m_ready; }
    QString message() const;
    // Opening before the lists and rules arrived waits for them (nullptr until then).
    LeadView* openLead(const QUuid& leadId);
    FugitiveRecordView* openFugitive(const QUuid& fugitiveId);
    LeadView* leadView(const QUuid& leadId) const { return m_leads.value(leadId); }
    FugitiveRecordView* fugitiveView(const QUuid& fugitiveId) const { return m_fugitives.value(fugitiveId); }
    // The dialogs the buttons open, not yet shown (tests fill them as a user would).
    RecordFormDialog* newLead(const QString& fugitiveNumber = {});
    RecordFormDialog* newFugitive();
    RecordFormDialog* nonFugitiveArrest();
    LeadImportDialog* importLeads();
    AddressSearchExtractDialog* addressSearchExtract(); // headquarters: the board's selected leads' fugitives
    void findFugitives();
    bool isSearching() const { return m_searching > 0; }

Q_SIGNALS:
    void status(const QString& message);
    void ready();

private:
    void closeTab(int index);
    void showMessage(const QString& text, bool problem);

    Session m_session;
    LeadService m_leadService;
    FugitiveService m_fugitiveService;
    FormContext m_context;
    bool m_ready = false;
    bool m_mayWrite;
    bool m_headquarters;
    QTabWidget* m_tabs;
    LeadBoardView* m_board;
    QLineEdit* m_search;
    RecordListTab* m_results;
    MessageBanner* m_message;
    QHash<QUuid, LeadView*> m_leads;
    QHash<QUuid, FugitiveRecordView*> m_fugitives;
    int m_searching = 0;
};

} // namespace ocms
