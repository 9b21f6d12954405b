#pragma once

#include "field/operationplan.h"
#include "field/operationplanservice.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QListWidget;
class QTableWidget;

namespace ocms {

class MessageBanner;
class RecordForm;

// An operations plan to write or change: name, dates, scope and briefing notes (a RecordForm), the teams
// taking part, the fugitives and leads targeted (open leads of the chosen teams, highest priority first)
// and the points of contact (local police, emergency services, hospital…: name, agency, phone). Saved whole
// off the GUI thread; what the server refuses is shown above the form and nothing typed is lost.
// operationId null: a new plan of the user's office.
class OperationPlanDialog final : public QDialog
{
    Q_OBJECT
public:
    OperationPlanDialog(const ConnectionSettings& settings, const QUuid& operationId, QWidget* parent = nullptr);

    RecordForm* form() const { return m_form; }
    QListWidget* teamList() const { return m_teams; }
    QListWidget* targetList() const { return m_targets; }
    QTableWidget* contactTable() const { return m_contacts; }
    bool isLoading() const { return m_pending > 0; }
    QString serverMessage() const;
    const OperationPlan& plan() const { return m_plan; }

    // Adds a row of points of contact (as the Add button does, filled in).
    void addContact(const PlanContact& contact = {});
    // Checks the target lead with this number; false when it is not offered.
    bool checkTarget(const QString& leadNumber);
    // The plan as the dialog shows it now.
    OperationPlan editedPlan() const;
    // Checks and saves, as the Save button does.
    void save();

Q_SIGNALS:
    void saved(const QUuid& operationId);

private:
    void showPlan(const OperationPlan& plan);
    void loadTargets();
    QList<QUuid> checkedTeams() const;

    OperationPlanService m_service;
    OperationPlan m_plan;
    RecordForm* m_form;
    QListWidget* m_teams;
    QLineEdit* m_targetFilter;
    QListWidget* m_targets;
    QTableWidget* m_contacts;
    MessageBanner* m_message;
    QDialogButtonBox* m_buttons;
    int m_pending = 0;
    int m_targetRequest = 0;
    bool m_planShown = false;
};

} // namespace ocms
