#pragma once

#include "latestanswer.h"

#include "db/dropdowncatalog.h"
#include "domain/fieldspec.h"
#include "field/leaddetail.h"
#include "field/leadservice.h"

#include <QHash>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTabWidget;

namespace ocms {

class MessageBanner;
class RecordFormDialog;
class RecordListTab;

// One lead on its own screen: what it says (fugitive, source and relevance, address, team and how it got
// there), what officers did on it (activities, appended; a correction refers to what it corrects) and its
// assignment history. Add activity, record the arrest, change status and, for headquarters, reassign.
// The server decides who may do what; buttons only mirror it.
class LeadView final : public QWidget
{
    Q_OBJECT
public:
    struct Rights
    {
        bool write = false;  // read/add/update field access
        bool assign = false; // headquarters: assigns and reassigns by hand
    };

    LeadView(LeadService service, DropdownCatalog catalog, Rights rights, QUuid leadId, QWidget* parent = nullptr);

    const QUuid& leadId() const { return m_leadId; }
    const LeadDetail& record() const { return m_record; }
    bool isLoaded() const { return m_loaded; }
    QString message() const;
    QString heading() const;
    RecordListTab* activities() const { return m_activities; }
    RecordListTab* history() const { return m_history; }
    QPushButton* button(const QString& action) const { return m_buttons.value(action); }
    // The dialog an action's button opens, not yet shown (tests fill it as a user would): addActivity,
    // correctActivity, recordArrest, changeStatus, pointOfContact, reassign.
    RecordFormDialog* openAction(const QString& action);
    void reload();

Q_SIGNALS:
    void loaded(const QString& leadNumber);
    void changed(); // something was saved: boards showing this lead are out of date
    void openFugitiveRequested(const QUuid& fugitiveId);
    void reportRequested(const QUuid& fugitiveId, const QUuid& leadId);

private:
    struct Action
    {
        QString title;
        FormSpec spec;
        QString doneText;
        bool onSelectedActivity = false;
        std::function<Result<void>(LeadRepository&, const QUuid& lead, qint64 rowVersion, const QUuid& selected, const QVariantMap&)> work;
    };

    void addAction(const QString& name, const QString& buttonText, bool needsWrite, Action action);
    void show(const LeadDetail& record);
    void showMessage(const QString& text, bool problem);

    LeadService m_service;
    DropdownCatalog m_catalog;
    Rights m_rights;
    QUuid m_leadId;
    LeadDetail m_record;
    bool m_loaded = false;
    QLabel* m_heading;
    QLabel* m_details;
    MessageBanner* m_message;
    QTabWidget* m_tabs;
    RecordListTab* m_activities;
    RecordListTab* m_history;
    QHash<QString, Action> m_actions;
    QHash<QString, QPushButton*> m_buttons;
    LatestAnswer m_loads; // record loads: only the latest one asked for fills the screen
};

} // namespace ocms
