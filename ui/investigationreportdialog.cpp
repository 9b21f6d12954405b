#include "investigationreportdialog.h"

#include "domain/formvalidator.h"
#include "field/fielddocumentwriter.h"
#include "field/fieldplanforms.h"
#include "messagebanner.h"
#include "recordform.h"
#include "whenready.h"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableWidget>
#include <QTextDocument>
#include <QtConcurrent/QtConcurrentRun>

namespace ocms {

InvestigationReportDialog::InvestigationReportDialog(const ConnectionSettings& settings, const QUuid& fugitiveId,
                                                     const QUuid& leadId, QWidget* parent)
    : QDialog(parent), m_service(settings), m_heading(new QLabel(this)),
      m_form(new RecordForm(FieldPlanForms::investigationReport(), this)), m_activities(new QTableWidget(0, 6, this)),
      m_message(new MessageBanner(this)), m_save(new QPushButton(tr("Save draft"), this)),
      m_submit(new QPushButton(tr("Submit…"), this)), m_correct(new QPushButton(tr("Write correction"), this)),
      m_print(new QPushButton(tr("Print…"), this)), m_pdf(new QPushButton(tr("Save PDF…"), this))
{
    setWindowTitle(tr("Report of investigation"));
    setObjectName(QStringLiteral("investigationReportDialog"));
    m_message->setObjectName(QStringLiteral("serverMessage"));
    m_activities->setObjectName(QStringLiteral("reportActivities"));
    m_save->setObjectName(QStringLiteral("saveDraftButton"));
    m_submit->setObjectName(QStringLiteral("submitButton"));
    m_correct->setObjectName(QStringLiteral("correctButton"));
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setWordWrap(true);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    m_heading->setFont(headingFont);

    DropdownCatalog catalog = DropdownCatalog::fixedLists();
    FieldPlanForms::addChoices(catalog);
    m_form->setCatalog(catalog);

    m_activities->setHorizontalHeaderLabels({tr("When"), tr("Activity"), tr("Officer"), tr("Location"), tr("Lead"), tr("Notes")});
    m_activities->horizontalHeader()->setSectionResizeMode(5, QHeaderView::Stretch);
    m_activities->verticalHeader()->setVisible(false);
    m_activities->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_activities->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_activities->setWordWrap(true);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_form);
    auto* activitiesPane = new QWidget(splitter);
    auto* activitiesLayout = new QVBoxLayout(activitiesPane);
    activitiesLayout->setContentsMargins(0, 0, 0, 0);
    activitiesLayout->addWidget(new QLabel(tr("Activities on the leads (as recorded; they print with the report)"), activitiesPane));
    activitiesLayout->addWidget(m_activities);
    splitter->addWidget(activitiesPane);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_submit);
    buttons->addWidget(m_correct);
    buttons->addStretch();
    buttons->addWidget(m_print);
    buttons->addWidget(m_pdf);
    auto* close = new QPushButton(tr("Close"), this);
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);

    connect(m_save, &QPushButton::clicked, this, &InvestigationReportDialog::saveDraft);
    connect(m_submit, &QPushButton::clicked, this, [this] {
        if (QMessageBox::question(this, tr("Submit report"),
                                  tr("A submitted report is final: later changes are made by a correction that refers to it. Submit now?"))
            == QMessageBox::Yes) {
            submit();
        }
    });
    connect(m_correct, &QPushButton::clicked, this, &InvestigationReportDialog::startCorrection);
    connect(m_print, &QPushButton::clicked, this, &InvestigationReportDialog::printPreview);
    connect(m_pdf, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save report as PDF"),
                                                          (m_report.number.isEmpty() ? QStringLiteral("report-of-investigation")
                                                                                     : m_report.number) + QStringLiteral(".pdf"),
                                                          tr("PDF files (*.pdf)"));
        if (!path.isEmpty()) {
            savePdf(path);
        }
    });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    resize(1000, 760);

    for (QPushButton* button : {m_save, m_submit, m_correct, m_print, m_pdf}) {
        button->setEnabled(false);
    }
    load([fugitiveId, leadId](InvestigationReportRepository& repository) { return repository.current(fugitiveId, leadId); });
}

QString InvestigationReportDialog::serverMessage() const
{
    return m_message->message();
}

void InvestigationReportDialog::load(const std::function<Result<InvestigationReport>(InvestigationReportRepository&)>& work)
{
    ++m_pending;
    whenReady(this, m_service.run<InvestigationReport>(work), [this](const Result<InvestigationReport>& report) {
        --m_pending;
        if (!report) {
            m_message->showMessage(report.error().userMessage, true);
            return;
        }
        showReport(*report);
    });
}

void InvestigationReportDialog::showReport(const InvestigationReport& report)
{
    m_report = report;
    QStringList leads;
    for (const ReportLead& lead : report.leads) {
        leads.append(lead.number);
    }
    QString heading = QStringLiteral("%1 — %2").arg(report.fugitiveNumber, report.fugitiveName);
    if (!leads.isEmpty()) {
        heading += (leads.size() == 1 ? tr("   Lead %1") : tr("   Leads %1")).arg(leads.join(QStringLiteral(", ")));
    }
    heading += u'\n';
    if (report.id.isNull()) {
        heading += report.correctsNumber.isEmpty() ? tr("New report (not saved yet)")
                                                   : tr("New correction of report %1 (not saved yet)").arg(report.correctsNumber);
    } else if (report.isSubmitted()) {
        heading += tr("Report %1, submitted %2").arg(report.number, report.submittedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        if (!report.correctedByNumber.isEmpty()) {
            heading += tr(" — corrected by %1").arg(report.correctedByNumber);
        }
    } else {
        heading += tr("Report %1, draft").arg(report.number);
        if (!report.correctsNumber.isEmpty()) {
            heading += tr(" (corrects %1)").arg(report.correctsNumber);
        }
    }
    m_heading->setText(heading);
    setWindowTitle(report.number.isEmpty() ? tr("Report of investigation") : tr("Report of investigation %1").arg(report.number));
    m_form->setValues({{QStringLiteral("report_date"), report.reportDate},
                       {QStringLiteral("outcome"), report.outcome},
                       {QStringLiteral("summary"), report.summary},
                       {QStringLiteral("outcome_detail"), report.outcomeDetail}});
    m_form->setAllReadOnly(report.isSubmitted());

    m_activities->setRowCount(0);
    for (const ReportActivity& activity : report.activities) {
        const int row = m_activities->rowCount();
        m_activities->insertRow(row);
        QString notes = activity.notes;
        if (activity.correction) {
            notes = tr("Correction of an earlier entry. ") + notes;
        }
        const QStringList cells = {activity.occurredAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                   FieldPlanForms::activityTypeLabel(activity.type), activity.officer, activity.location,
                                   activity.leadNumber, notes};
        for (int column = 0; column < cells.size(); ++column) {
            m_activities->setItem(row, column, new QTableWidgetItem(cells[column]));
        }
    }
    m_activities->resizeColumnsToContents();
    m_activities->horizontalHeader()->setSectionResizeMode(5, QHeaderView::Stretch);
    if (report.activities.isEmpty()) {
        m_message->showMessage(tr("No activity is recorded on this lead yet."), false);
    }

    const bool submitted = report.isSubmitted();
    m_save->setEnabled(!submitted);
    m_submit->setEnabled(!submitted);
    m_correct->setEnabled(submitted && report.correctedByNumber.isEmpty());
    m_print->setEnabled(true);
    m_pdf->setEnabled(true);
}

InvestigationReport InvestigationReportDialog::editedReport() const
{
    InvestigationReport report = m_report;
    const QVariantMap values = FormValidator::normalised(m_form->spec(), m_form->values());
    report.reportDate = values.value(QStringLiteral("report_date")).toDate();
    report.outcome = values.value(QStringLiteral("outcome")).toString();
    report.summary = values.value(QStringLiteral("summary")).toString();
    report.outcomeDetail = values.value(QStringLiteral("outcome_detail")).toString();
    return report;
}

void InvestigationReportDialog::saveDraft()
{
    store(false);
}

void InvestigationReportDialog::submit()
{
    store(true);
}

void InvestigationReportDialog::store(bool submitting)
{
    m_message->showMessage({}, false);
    if (!m_report.isSubmitted() && !m_form->validate()) {
        return;
    }
    const InvestigationReport report = editedReport();
    m_save->setEnabled(false);
    m_submit->setEnabled(false);
    ++m_pending;
    whenReady(this, m_service.run<InvestigationReport>([report, submitting](InvestigationReportRepository& repository)
                                                           -> Result<InvestigationReport> {
                  auto id = repository.save(report, submitting);
                  if (!id) {
                      return fail(id.error());
                  }
                  return repository.report(*id);
              }),
              [this, submitting](const Result<InvestigationReport>& stored) {
                  --m_pending;
                  if (!stored) {
                      m_save->setEnabled(!m_report.isSubmitted());
                      m_submit->setEnabled(!m_report.isSubmitted());
                      m_message->showMessage(stored.error().userMessage, true);
                      return;
                  }
                  showReport(*stored);
                  m_message->showMessage(submitting ? tr("Report %1 submitted.").arg(stored->number)
                                                    : tr("Draft %1 saved.").arg(stored->number),
                                         false);
                  Q_EMIT saved(stored->id);
                  if (submitting) {
                      Q_EMIT submitted(stored->id);
                  }
              });
}

void InvestigationReportDialog::startCorrection()
{
    if (m_report.id.isNull() || !m_report.isSubmitted()) {
        return;
    }
    const QUuid original = m_report.id;
    load([original](InvestigationReportRepository& repository) { return repository.correctionOf(original); });
}

void InvestigationReportDialog::print(QPrinter* printer)
{
    const InvestigationReport report = editedReport();
    auto document = FieldDocumentWriter::reportDocument(report);
    FieldDocumentWriter::paint(*document, *printer, FieldDocumentWriter::reportTitle(report));
}

void InvestigationReportDialog::printPreview()
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::Letter));
    printer.setDocName(FieldDocumentWriter::reportTitle(m_report));
    QPrintPreviewDialog preview(&printer, this);
    preview.setWindowTitle(tr("Print preview — %1").arg(FieldDocumentWriter::reportTitle(m_report)));
    connect(&preview, &QPrintPreviewDialog::paintRequested, this, &InvestigationReportDialog::print);
    preview.exec();
}

void InvestigationReportDialog::savePdf(const QString& path)
{
    const InvestigationReport report = editedReport();
    ++m_pending;
    whenReady(this, QtConcurrent::run([report, path]() -> Result<void> {
                  auto pdf = FieldDocumentWriter::reportPdf(report);
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
                  Q_EMIT pdfSaved(path);
              });
}

} // namespace ocms
