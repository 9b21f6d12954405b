#pragma once

#include "investigationreport.h"
#include "operationplan.h"
#include "result.h"

#include <QByteArray>
#include <QString>

#include <memory>

class QPagedPaintDevice;
class QTextDocument;

namespace ocms {

// Renders an operations plan and a report of investigation as paged documents: the body is a
// QTextDocument (title, details, tables of points of contact, targets, leads and activities), painted
// page by page on any paged device — a QPdfWriter for "Save PDF", the QPrinter of a print preview — with
// the handling marking at the top and bottom of every page and "Page n of m". Uses Qt's font system:
// needs a QGuiApplication (the client); may run on a worker thread.
class FieldDocumentWriter
{
public:
    static QString marking(); // "For Official Use Only — Law Enforcement Sensitive"

    static std::unique_ptr<QTextDocument> planDocument(const OperationPlan& plan);
    static std::unique_ptr<QTextDocument> reportDocument(const InvestigationReport& report);

    // Paints the document on the device, which must not be painted on yet; returns the number of pages.
    // footerTitle is printed at the foot of each page (e.g. "Operations plan OPN-2026-000001").
    static int paint(QTextDocument& document, QPagedPaintDevice& device, const QString& footerTitle);

    static Result<QByteArray> planPdf(const OperationPlan& plan);
    static Result<QByteArray> reportPdf(const InvestigationReport& report);
    // Writes a rendered PDF to path whole or not at all (a half-written file never replaces a good one).
    static Result<void> save(const QByteArray& pdf, const QString& path);

    static QString planTitle(const OperationPlan& plan);
    static QString reportTitle(const InvestigationReport& report);

private:
    static Result<QByteArray> toPdf(QTextDocument& document, const QString& footerTitle);
};

} // namespace ocms
