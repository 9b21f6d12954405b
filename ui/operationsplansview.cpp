#include "operationsplansview.h"

#include "field/fielddocumentwriter.h"
#include "messagebanner.h"
#include "models/recordtablemodel.h"
#include "operationplandialog.h"
#include "whenready.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QTextDocument>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ocms {

OperationsPlansView::OperationsPlansView(const ConnectionSettings& settings, QWidget* parent)
    : QWidget(parent), m_service(settings), m_table(new QTableView(this)), m_model(new RecordTableModel(this)),
      m_message(new MessageBanner(this)), m_new(new QPushButton(tr("New plan…"), this)), m_edit(new QPushButton(tr("Edit…"), this)),
      m_approve(new QPushButton(tr("Approve"), this)), m_print(new QPushButton(tr("Print…"), this)),
      m_pdf(new QPushButton(tr("Save PDF…"), this))
{
    setObjectName(QStringLiteral("operationsPlansView"));
    m_table->setObjectName(QStringLiteral("operationsPlansTable"));
    m_new->setObjectName(QStringLiteral("newPlanButton"));
    m_edit->setObjectName(QStringLiteral("editPlanButton"));
    m_approve->setObjectName(QStringLiteral("approvePlanButton"));
    m_print->setObjectName(QStringLiteral("printPlanButton"));
    m_pdf->setObjectName(QStringLiteral("savePlanPdfButton"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);

    auto* refreshButton = new QPushButton(tr("Refresh"), this);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* button : {m_new, m_edit, m_approve, m_print, m_pdf}) {
        buttons->addWidget(button);
    }
    buttons->addStretch();
    buttons->addWidget(refreshButton);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);

    connect(refreshButton, &QPushButton::clicked, this, &OperationsPlansView::refresh);
    connect(m_new, &QPushButton::clicked, this, [this] { newPlan()->open(); });
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (!currentPlanId().isNull()) {
            editPlan(currentPlanId())->open();
        }
    });
    connect(m_table, &QTableView::doubleClicked, this, [this] {
        if (!currentPlanId().isNull() && m_permissions.write) {
            editPlan(currentPlanId())->open();
        }
    });
    connect(m_approve, &QPushButton::clicked, this, [this] { approvePlan(currentPlanId()); });
    connect(m_print, &QPushButton::clicked, this, [this] { printPlan(currentPlanId()); });
    connect(m_pdf, &QPushButton::clicked, this, [this] {
        const QUuid id = currentPlanId();
        const QString number = m_model->data(m_model->index(m_table->currentIndex().row(), 0)).toString();
        const QString path = QFileDialog::getSaveFileName(this, tr("Save operations plan as PDF"),
                                                          (number.isEmpty() ? QStringLiteral("operations-plan") : number) + QStringLiteral(".pdf"),
                                                          tr("PDF files (*.pdf)"));
        if (!path.isEmpty()) {
            savePlanPdf(id, path);
        }
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OperationsPlansView::updateButtons);
    updateButtons();

    ++m_pending;
    whenReady(this, m_service.run<PlanPermissions>([](OperationPlanRepository& repository) { return repository.permissions(); }),
              [this](const Result<PlanPermissions>& permissions) {
                  --m_pending;
                  if (permissions) {
                      m_permissions = *permissions;
                  }
                  updateButtons();
              });
    refresh();
}

QString OperationsPlansView::message() const
{
    return m_message->message();
}

QUuid OperationsPlansView::currentPlanId() const
{
    return m_model->idAt(m_table->currentIndex().row());
}

void OperationsPlansView::selectPlan(const QUuid& operationId)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->idAt(row) == operationId) {
            m_table->setCurrentIndex(m_model->index(row, 0));
            return;
        }
    }
}

void OperationsPlansView::updateButtons()
{
    const bool chosen = !currentPlanId().isNull();
    m_new->setEnabled(m_permissions.write);
    m_edit->setEnabled(chosen && m_permissions.write);
    m_edit->setToolTip(m_permissions.write ? QString() : tr("Your field access is read-only."));
    m_approve->setVisible(m_permissions.approve);
    m_approve->setEnabled(chosen && m_permissions.approve);
    m_print->setEnabled(chosen);
    m_pdf->setEnabled(chosen);
}

void OperationsPlansView::refresh()
{
    ++m_pending;
    const QUuid keep = m_wanted.isNull() ? currentPlanId() : m_wanted;
    whenReady(this, m_service.run<RecordTable>([](OperationPlanRepository& repository) { return repository.list(); }),
              [this, keep](const Result<RecordTable>& table) {
                  --m_pending;
                  if (!table) {
                      m_message->showMessage(table.error().userMessage, true);
                      return;
                  }
                  m_model->setTable(*table);
                  m_table->resizeColumnsToContents();
                  if (table->isEmpty()) {
                      m_message->showMessage(tr("Your office has no operations plan yet."), false);
                  } else {
                      m_message->showMessage({}, false);
                  }
                  m_wanted = {};
                  selectPlan(keep);
                  updateButtons();
              });
}

OperationPlanDialog* OperationsPlansView::newPlan()
{
    return editPlan(QUuid());
}

OperationPlanDialog* OperationsPlansView::editPlan(const QUuid& operationId)
{
    auto* dialog = new OperationPlanDialog(m_service.settings(), operationId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &OperationPlanDialog::saved, this, [this, operationId](const QUuid& saved) {
        Q_EMIT status(operationId.isNull() ? tr("Operations plan created.") : tr("Operations plan saved."));
        m_wanted = saved;
        refresh();
        Q_EMIT planSaved(saved);
    });
    return dialog;
}

void OperationsPlansView::approvePlan(const QUuid& operationId)
{
    if (operationId.isNull()) {
        return;
    }
    ++m_pending;
    whenReady(this, m_service.run<void>([operationId](OperationPlanRepository& repository) { return repository.approve(operationId); }),
              [this, operationId](const Result<void>& approved) {
                  --m_pending;
                  if (!approved) {
                      m_message->showMessage(approved.error().userMessage, true);
                      return;
                  }
                  Q_EMIT status(tr("Operations plan approved."));
                  m_wanted = operationId;
                  refresh();
              });
}

void OperationsPlansView::printPlanOn(const OperationPlan& plan, QPrinter* printer)
{
    auto document = FieldDocumentWriter::planDocument(plan);
    FieldDocumentWriter::paint(*document, *printer, FieldDocumentWriter::planTitle(plan));
}

void OperationsPlansView::printPlan(const QUuid& operationId)
{
    if (operationId.isNull()) {
        return;
    }
    ++m_pending;
    whenReady(this, m_service.run<OperationPlan>([operationId](OperationPlanRepository& repository) { return repository.plan(operationId); }),
              [this](const Result<OperationPlan>& plan) {
                  --m_pending;
                  if (!plan) {
                      m_message->showMessage(plan.error().userMessage, true);
                      return;
                  }
                  QPrinter printer(QPrinter::HighResolution);
                  printer.setPageSize(QPageSize(QPageSize::Letter));
                  printer.setDocName(FieldDocumentWriter::planTitle(*plan));
                  QPrintPreviewDialog preview(&printer, this);
                  preview.setWindowTitle(tr("Print preview — %1").arg(FieldDocumentWriter::planTitle(*plan)));
                  const OperationPlan shown = *plan;
                  connect(&preview, &QPrintPreviewDialog::paintRequested, this, [shown](QPrinter* target) { printPlanOn(shown, target); });
                  preview.exec();
              });
}

void OperationsPlansView::savePlanPdf(const QUuid& operationId, const QString& path)
{
    if (operationId.isNull()) {
        return;
    }
    ++m_pending;
    whenReady(this, m_service.run<void>([operationId, path](OperationPlanRepository& repository) -> Result<void> {
                  auto plan = repository.plan(operationId);
                  if (!plan) {
                      return fail(plan.error());
                  }
                  auto pdf = FieldDocumentWriter::planPdf(*plan);
                  if (!pdf) {
                      return fail(pdf.error());
                  }
                  return FieldDocumentWriter::save(*pdf, path);
              }),
              [this, path](const Result<void>& written) {
                  --m_pending;
                  if (!written) {
                      m_message->showMessage(written.error().userMessage, true);
                      return;
                  }
                  m_message->showMessage(tr("Saved %1.").arg(path), false);
                  Q_EMIT status(tr("Saved %1.").arg(path));
                  Q_EMIT pdfSaved(path);
              });
}

} // namespace ocms
