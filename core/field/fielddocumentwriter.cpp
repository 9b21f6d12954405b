#include "fielddocumentwriter.h"

#include <QSaveFile>

#include "domain/anumber.h"
#include "fieldplanforms.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextDocument>

namespace ocms {

namespace {

QString escaped(const QString& text)
{
    return text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
}

QString orDash(const QString& text)
{
    return text.trimmed().isEmpty() ? QStringLiteral("—") : escaped(text);
}

QString date(const QDate& value)
{
    return value.isValid() ? value.toString(QStringLiteral("yyyy-MM-dd")) : QStringLiteral("—");
}

QString dateTime(const QDateTime& value)
{
    return value.isValid() ? value.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QStringLiteral("—");
}

const char* const kStyle =
    "body { font-size: 10pt; } h1 { font-size: 17pt; margin-bottom: 2pt; } h2 { font-size: 13pt; margin-top: 0; } "
    "h3 { font-size: 11.5pt; margin-top: 14pt; margin-bottom: 4pt; } "
    "table.grid { border-collapse: collapse; border-color: #555555; } "
    "table.grid th { background-color: #e4e4e4; text-align: left; font-size: 9pt; } table.grid td { font-size: 9pt; } "
    "table.details td.label { font-weight: bold; color: #333333; } ";

// A details block: label | value rows (values already escaped).
QString details(const QList<std::pair<QString, QString>>& rows)
{
    QString html = QStringLiteral("<table class=\"details\" style=\"margin-bottom: 10px\" cellspacing=\"0\" cellpadding=\"2\">");
    for (const auto& [label, value] : rows) {
        html += QStringLiteral("<tr><td class=\"label\" width=\"150\">%1</td><td>%2</td></tr>").arg(label.toHtmlEscaped(), value);
    }
    return html + QStringLiteral("</table>");
}

// A grid with a heading row repeated on every page (values already escaped).
QString grid(const QStringList& headings, const QList<QStringList>& rows, const QList<int>& widths = {},
             const QList<int>& noWrap = {})
{
    QString html = QStringLiteral("<table class=\"grid\" style=\"margin-bottom: 10px\" width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\"><thead><tr>");
    for (qsizetype i = 0; i < headings.size(); ++i) {
        const QString width = i < widths.size() && widths[i] > 0 ? QStringLiteral(" width=\"%1%\"").arg(widths[i]) : QString();
        html += QStringLiteral("<th%1>%2</th>").arg(width, headings[i].toHtmlEscaped());
    }
    html += QStringLiteral("</tr></thead><tbody>");
    for (const QStringList& row : rows) {
        html += QStringLiteral("<tr>");
        for (qsizetype i = 0; i < row.size(); ++i) {
            html += noWrap.contains(int(i)) ? QStringLiteral("<td nowrap>%1</td>").arg(row[i]) : QStringLiteral("<td>%1</td>").arg(row[i]);
        }
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</tbody></table>");
}

std::unique_ptr<QTextDocument> document(const QString& title, const QString& body)
{
    auto doc = std::make_unique<QTextDocument>();
    QFont font(QStringLiteral("Sans Serif"), 10);
    font.setStyleHint(QFont::SansSerif);
    // No ligatures: "Official" must stay six letters in the PDF's text, or searching and copying it fail.
    font.setStyleStrategy(QFont::PreferNoShaping);
    doc->setDefaultFont(font);
    doc->setDefaultStyleSheet(QString::fromLatin1(kStyle));
    doc->setMetaInformation(QTextDocument::DocumentTitle, title);
    doc->setHtml(QStringLiteral("<html><body>%1</body></html>").arg(body));
    return doc;
}

Result<void> needsFonts()
{
    if (qobject_cast<QGuiApplication*>(QCoreApplication::instance()) == nullptr) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("Printing needs the desktop client."),
                          QStringLiteral("FieldDocumentWriter uses Qt's fonts: a QGuiApplication must exist")});
    }
    return {};
}

} // namespace

QString FieldDocumentWriter::marking()
{
    return QStringLiteral("For Official Use Only — Law Enforcement Sensitive");
}

QString FieldDocumentWriter::planTitle(const OperationPlan& plan)
{
    return plan.number.isEmpty() ? QStringLiteral("Operations plan (not saved)") : QStringLiteral("Operations plan %1").arg(plan.number);
}

QString FieldDocumentWriter::reportTitle(const InvestigationReport& report)
{
    const QString base = report.number.isEmpty() ? QStringLiteral("Report of investigation (not saved)")
                                                 : QStringLiteral("Report of investigation %1").arg(report.number);
    return report.isSubmitted() ? base : base + QStringLiteral(" — DRAFT");
}

std::unique_ptr<QTextDocument> FieldDocumentWriter::planDocument(const OperationPlan& plan)
{
    QString body = QStringLiteral("<h1>Operations plan</h1><h2>%1</h2>").arg(escaped(plan.name));
    const QString dates = plan.endsOn.isValid() ? QStringLiteral("%1 to %2").arg(date(plan.startsOn), date(plan.endsOn))
                                                : QStringLiteral("From %1").arg(date(plan.startsOn));
    const QString approval = plan.isApproved()
        ? QStringLiteral("Approved by %1 on %2").arg(escaped(plan.approvedBy), dateTime(plan.approvedAt))
        : QStringLiteral("<b>Not approved</b>");
    body += details({{QStringLiteral("Plan number"), orDash(plan.number)},
                     {QStringLiteral("Field office"), orDash(plan.officeName)},
                     {QStringLiteral("Dates"), dates},
                     {QStringLiteral("Teams"), plan.teamNames.isEmpty() ? QStringLiteral("—") : escaped(plan.teamNames.join(u'\n'))},
                     {QStringLiteral("Prepared by"), orDash(plan.createdBy)},
                     {QStringLiteral("Approval"), approval}});
    body += QStringLiteral("<h3>Scope</h3><p>%1</p>").arg(orDash(plan.scope));

    body += QStringLiteral("<h3>Points of contact</h3>");
    if (plan.contacts.isEmpty()) {
        body += QStringLiteral("<p>No points of contact recorded.</p>");
    } else {
        QList<QStringList> rows;
        for (const PlanContact& contact : plan.contacts) {
            rows.append({escaped(FieldPlanForms::contactKindLabel(contact.kind)), escaped(contact.name), escaped(contact.agency),
                         escaped(contact.phone), orDash(contact.notes)});
        }
        body += grid({QStringLiteral("For"), QStringLiteral("Name"), QStringLiteral("Agency"), QStringLiteral("Phone"),
                      QStringLiteral("Notes")},
                     rows, {16, 20, 27, 19, 18}, {3});
    }

    body += QStringLiteral("<h3>Targets</h3>");
    if (plan.targets.isEmpty()) {
        body += QStringLiteral("<p>No fugitives or leads targeted.</p>");
    } else {
        QList<QStringList> rows;
        for (const PlanTarget& target : plan.targets) {
            rows.append({escaped(target.fugitiveNumber), escaped(target.name), orDash(target.leadNumber), orDash(target.address)});
        }
        body += grid({QStringLiteral("Fugitive"), QStringLiteral("Name"), QStringLiteral("Lead"), QStringLiteral("Last known address")},
                     rows, {19, 23, 22, 36}, {0, 2});
    }
    body += QStringLiteral("<h3>Briefing notes</h3><p>%1</p>").arg(orDash(plan.briefing));
    return document(planTitle(plan), body);
}

std::unique_ptr<QTextDocument> FieldDocumentWriter::reportDocument(const InvestigationReport& report)
{
    QString body = QStringLiteral("<h1>Report of investigation</h1><h2>%1 — %2</h2>")
                       .arg(escaped(report.fugitiveNumber), escaped(report.fugitiveName));
    QList<std::pair<QString, QString>> rows = {
        {QStringLiteral("Report number"), orDash(report.number)},
        {QStringLiteral("Status"), report.isSubmitted() ? QStringLiteral("Submitted %1").arg(dateTime(report.submittedAt))
                                                        : QStringLiteral("<b>Draft — not submitted</b>")},
        {QStringLiteral("Report date"), date(report.reportDate)},
        {QStringLiteral("Fugitive"), QStringLiteral("%1, %2").arg(escaped(report.fugitiveNumber), escaped(report.fugitiveName))},
        {QStringLiteral("A-Number"), [&]() -> QString {
             const auto number = ANumber::parse(report.aNumber);
             return number ? number->formatted() : orDash(report.aNumber);
         }()},
        {QStringLiteral("Fugitive status"), orDash(QString(report.fugitiveStatus).replace(u'_', u' '))},
        {QStringLiteral("Author"), escaped(QStringList({report.authorName, report.authorTitle, report.authorOffice}).filter(QRegularExpression(QStringLiteral("\\S"))).join(QStringLiteral(", ")))}};
    if (!report.correctsNumber.isEmpty()) {
        rows.append({QStringLiteral("Corrects"), QStringLiteral("Report of investigation %1").arg(escaped(report.correctsNumber))});
    }
    if (!report.correctedByNumber.isEmpty()) {
        rows.append({QStringLiteral("Corrected by"), QStringLiteral("<b>%1</b>").arg(escaped(report.correctedByNumber))});
    }
    body += details(rows);

    body += QStringLiteral("<h3>Leads</h3>");
    if (report.leads.isEmpty()) {
        body += QStringLiteral("<p>The report covers the fugitive's record as a whole, no particular lead.</p>");
    } else {
        QList<QStringList> leadRows;
        for (const ReportLead& lead : report.leads) {
            leadRows.append({escaped(lead.number), orDash(lead.source), orDash(lead.address), escaped(QString(lead.status).replace(u'_', u' '))});
        }
        body += grid({QStringLiteral("Lead"), QStringLiteral("Source"), QStringLiteral("Address"), QStringLiteral("Status")}, leadRows,
                     {20, 26, 40, 14}, {0});
    }
    body += QStringLiteral("<h3>Summary of activity</h3><p>%1</p>").arg(orDash(report.summary));

    body += QStringLiteral("<h3>Activities</h3>");
    if (report.activities.isEmpty()) {
        body += QStringLiteral("<p>No activities recorded.</p>");
    } else {
        // With one lead, every activity is on it: no column for it.
        const bool leadColumn = report.leads.size() != 1;
        QList<QStringList> activityRows;
        for (const ReportActivity& activity : report.activities) {
            QString notes = orDash(activity.notes);
            if (activity.correction) {
                notes = QStringLiteral("<i>Correction of an earlier entry.</i> ") + notes;
            }
            if (!activity.operation.isEmpty()) {
                notes += QStringLiteral("<br><i>Operation: %1</i>").arg(escaped(activity.operation));
            }
            QStringList row = {dateTime(activity.occurredAt), escaped(FieldPlanForms::activityTypeLabel(activity.type)),
                               escaped(activity.officer), orDash(activity.location)};
            if (leadColumn) {
                row.append(orDash(activity.leadNumber));
            }
            row.append(notes);
            activityRows.append(row);
        }
        if (leadColumn) {
            body += grid({QStringLiteral("When"), QStringLiteral("Activity"), QStringLiteral("Officer"), QStringLiteral("Location"),
                          QStringLiteral("Lead"), QStringLiteral("Notes")},
                         activityRows, {14, 11, 15, 15, 20, 25}, {4});
        } else {
            body += grid({QStringLiteral("When"), QStringLiteral("Activity"), QStringLiteral("Officer"), QStringLiteral("Location"),
                          QStringLiteral("Notes")},
                         activityRows, {14, 12, 19, 20, 35});
        }
    }
    body += QStringLiteral("<h3>Outcome</h3><p><b>%1</b></p>").arg(escaped(FieldPlanForms::outcomeLabel(report.outcome)));
    if (!report.outcomeDetail.trimmed().isEmpty()) {
        body += QStringLiteral("<p>%1</p>").arg(escaped(report.outcomeDetail));
    }
    return document(reportTitle(report), body);
}

int FieldDocumentWriter::paint(QTextDocument& document, QPagedPaintDevice& device, const QString& footerTitle)
{
    QPainter painter;
    if (!painter.begin(&device)) {
        return 0;
    }
    const double dpi = device.logicalDpiY();
    const QSizeF area = device.pageLayout().paintRectPixels(int(dpi)).size();
    const double header = 0.42 * dpi;
    const double footer = 0.55 * dpi;
    const QSizeF body(area.width(), area.height() - header - footer);
    document.documentLayout()->setPaintDevice(&device);
    document.setPageSize(body);
    const int pages = document.pageCount();

    QFont markFont = document.defaultFont();
    markFont.setPointSizeF(8.5);
    markFont.setBold(true);
    QFont footFont = document.defaultFont();
    footFont.setPointSizeF(8);
    const QPen rule(QColor(0x55, 0x55, 0x55), dpi / 144.0);

    for (int page = 0; page < pages; ++page) {
        if (page > 0) {
            device.newPage();
        }
        painter.setPen(Qt::black);
        painter.setFont(markFont);
        painter.drawText(QRectF(0, 0, area.width(), header * 0.6), Qt::AlignHCenter | Qt::AlignVCenter, marking());
        painter.setPen(rule);
        painter.drawLine(QPointF(0, header * 0.72), QPointF(area.width(), header * 0.72));

        painter.save();
        const QRectF clip(0, page * body.height(), body.width(), body.height());
        painter.translate(0, header - page * body.height());
        painter.setClipRect(clip);
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = clip;
        context.palette.setColor(QPalette::Text, Qt::black);
        document.documentLayout()->draw(&painter, context);
        painter.restore();

        const double top = area.height() - footer;
        painter.setPen(rule);
        painter.drawLine(QPointF(0, top + footer * 0.2), QPointF(area.width(), top + footer * 0.2));
        painter.setPen(Qt::black);
        painter.setFont(footFont);
        const QRectF line(0, top + footer * 0.24, area.width(), footer * 0.36);
        painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, footerTitle);
        painter.drawText(line, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("Page %1 of %2").arg(page + 1).arg(pages));
        painter.setFont(markFont);
        painter.drawText(QRectF(0, top + footer * 0.6, area.width(), footer * 0.4), Qt::AlignHCenter | Qt::AlignVCenter, marking());
    }
    painter.end();
    return pages;
}

Result<QByteArray> FieldDocumentWriter::toPdf(QTextDocument& document, const QString& footerTitle)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::Letter));
        writer.setPageMargins(QMarginsF(16, 12, 16, 12), QPageLayout::Millimeter);
        writer.setResolution(600);
        writer.setTitle(footerTitle);
        writer.setCreator(QStringLiteral("OCMS"));
        if (paint(document, writer, footerTitle) == 0) {
            return fail(Error::io(QStringLiteral("The document could not be rendered.")));
        }
    }
    return buffer.data();
}

Result<QByteArray> FieldDocumentWriter::planPdf(const OperationPlan& plan)
{
    if (auto fonts = needsFonts(); !fonts) {
        return fail(fonts.error());
    }
    auto doc = planDocument(plan);
    return toPdf(*doc, planTitle(plan));
}

Result<QByteArray> FieldDocumentWriter::reportPdf(const InvestigationReport& report)
{
    if (auto fonts = needsFonts(); !fonts) {
        return fail(fonts.error());
    }
    auto doc = reportDocument(report);
    return toPdf(*doc, reportTitle(report));
}

Result<void> FieldDocumentWriter::save(const QByteArray& pdf, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size() || !file.commit()) {
        return fail(Error::io(QStringLiteral("The PDF could not be written to %1.").arg(path), file.errorString()));
    }
    return {};
}

} // namespace ocms
