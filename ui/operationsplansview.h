#pragma once

#include "field/operationplan.h"
#include "field/operationplanservice.h"

#include <QWidget>

class QPrinter;
class QPushButton;
class QTableView;

namespace ocms {

class MessageBanner;
class OperationPlanDialog;
class RecordTableModel;

// Operations plans of the user's office: the list (number, name, dates, teams, contacts, approval) with
// New plan, Edit, Approve (supervisors), Print (preview) and Save PDF. Writing buttons follow the user's
// field access; the server decides. A tab of the Field operations workspace.
class OperationsPlansView final : public QWidget
{
    Q_OBJECT
public:
    explicit OperationsPlansView(const ConnectionSettings& settings, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    RecordTableModel* model() const { return m_model; }
    QUuid currentPlanId() const;
    void selectPlan(const QUuid& operationId);
    bool isBusy() const { return m_pending > 0; }
    QString message() const;
    const PlanPermissions& permissions() const { return m_permissions; }

    // The dialogs, not yet shown (tests fill them as a user would; the buttons show them).
    OperationPlanDialog* newPlan();
    OperationPlanDialog* editPlan(const QUuid& operationId);
    void approvePlan(const QUuid& operationId);
    void printPlan(const QUuid& operationId); // loads the plan, then a print preview
    void savePlanPdf(const QUuid& operationId, const QString& path); // off the GUI thread; pdfSaved follows
    // Paints a plan on a printer (what the print preview asks for).
    static void printPlanOn(const OperationPlan& plan, QPrinter* printer);

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void status(const QString& message);
    void planSaved(const QUuid& operationId);
    void pdfSaved(const QString& path);

private:
    void updateButtons();

    OperationPlanService m_service;
    PlanPermissions m_permissions;
    QTableView* m_table;
    RecordTableModel* m_model;
    MessageBanner* m_message;
    QPushButton* m_new;
    QPushButton* m_edit;
    QPushButton* m_approve;
    QPushButton* m_print;
    QPushButton* m_pdf;
    int m_pending = 0;
    QUuid m_wanted; // selected once the list arrives
};

} // namespace ocms
