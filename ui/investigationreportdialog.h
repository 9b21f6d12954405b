#pragma once

#include "field/investigationreport.h"
#include "field/investigationreportservice.h"

#include <QDialog>

class QLabel;
class QPrinter;
class QPushButton;
class QTableWidget;

namespace ocms {

class MessageBanner;
class RecordForm;

// The report of investigation of a fugitive on a lead: opens the newest report covering the lead (or a
// new draft), shows the lead's activities as field.activities holds them, and lets the author save the
// draft, submit it, print it (preview) or save it as PDF. A submitted report is shown read-only: "Write
// correction" starts a new draft that refers to it. leadId may be null (the fugitive's whole record).
class InvestigationReportDialog final : public QDialog
{
    Q_OBJECT
public:
    InvestigationReportDialog(const ConnectionSettings& settings, const QUuid& fugitiveId, const QUuid& leadId,
                              QWidget* parent = nullptr);

    const InvestigationReport& report() const { return m_report; }
    RecordForm* form() const { return m_form; }
    QTableWidget* activityTable() const { return m_activities; }
    bool isBusy() const { return m_pending > 0; }
    QString serverMessage() const;

    void saveDraft();
    void submit();            // saves and submits: the report is final afterwards
    void startCorrection();   // a new draft correcting the submitted report shown
    void printPreview();      // QPrintPreviewDialog
    void savePdf(const QString& path); // off the GUI thread; pdfSaved or a message follows
    // Paints the report as shown (a print preview's or printer's request).
    void print(QPrinter* printer);

Q_SIGNALS:
    void saved(const QUuid& reportId);
    void submitted(const QUuid& reportId);
    void pdfSaved(const QString& path);

private:
    void load(const std::function<Result<InvestigationReport>(InvestigationReportRepository&)>& work);
    void showReport(const InvestigationReport& report);
    void store(bool submit);
    InvestigationReport editedReport() const;

    InvestigationReportService m_service;
    InvestigationReport m_report;
    QLabel* m_heading;
    RecordForm* m_form;
    QTableWidget* m_activities;
    MessageBanner* m_message;
    QPushButton* m_save;
    QPushButton* m_submit;
    QPushButton* m_correct;
    QPushButton* m_print;
    QPushButton* m_pdf;
    int m_pending = 0;
};

} // namespace ocms
