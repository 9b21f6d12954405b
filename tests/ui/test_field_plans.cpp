// Operations plans and reports of investigation offscreen, on the synthetic demo world: a plan written in
// the Operations plans view (teams, a target lead, points of contact) and saved as PDF — every page marked
// and numbered, the contacts in its text; a read-only analyst offered no writing; a report of investigation
// opened on a lead shows that lead's activities, is submitted, printed with them, and then only corrected.
#include "db/syntheticdataseeder.h"
#include "eventwait.h"
#include "field/fielddocumentwriter.h"
#include "formfill.h"
#include "investigationreportdialog.h"
#include "models/recordtablemodel.h"
#include "operationplandialog.h"
#include "operationsplansview.h"
#include "recordform.h"
#include "security/demoaccounts.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QPrinter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>

#include <poppler-qt6.h>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;
using ocms::test::type;
using ocms::test::waitUntil;

namespace {

void seed(TestDatabase& database)
{
    SeedOptions options;
    options.cases = 10;
    options.leads = 400;
    options.documents = 0;
    options.seed = 31;
    options.asOf = QDate(2026, 11, 21);
    REQUIRE_OK(SyntheticDataSeeder(database.connection()).run(options));
    REQUIRE_OK(DemoAccounts::create(database.connection()));
}

ConnectionSettings demo(TestDatabase& database, const char* login)
{
    return database.settingsFor(QString::fromLatin1(login), QString::fromLatin1(DemoAccounts::kPassword));
}

// The text of each page of a PDF file.
QStringList pageTexts(const QString& path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    std::unique_ptr<Poppler::Document> document = Poppler::Document::loadFromData(file.readAll());
    REQUIRE(document != nullptr);
    QStringList pages;
    for (int page = 0; page < document->numPages(); ++page) {
        pages.append(document->page(page)->text(QRectF()));
    }
    return pages;
}

// Text extraction joins and breaks lines as it likes: compare with runs of white space made one space.
QString flat(const QString& text)
{
    return text.simplified();
}

// Whether the words of phrase appear in this order in text: a table cell may wrap, and text extraction
// then interleaves its lines with the neighbouring cells'.
bool inOrder(const QString& text, const QString& phrase)
{
    qsizetype at = 0;
    for (const QString& word : phrase.split(u' ', Qt::SkipEmptyParts)) {
        at = text.indexOf(word, at);
        if (at < 0) {
            return false;
        }
        at += word.size();
    }
    return true;
}

QString shotsFolder()
{
    const QString folder = QDir::temp().filePath(QStringLiteral("ocms-shots"));
    QDir().mkpath(folder);
    return folder;
}

} // namespace

TEST_CASE("An operations plan is written in the view and saved as a marked, numbered PDF with its contacts", "[ui][field][plans]")
{
    TestDatabase database;
    seed(database);
    OperationsPlansView view(demo(database, "officer.demo"));
    view.resize(1100, 600);
    view.show();
    REQUIRE(waitUntil([&] { return !view.isBusy(); }));
    CHECK(view.permissions().write);
    CHECK_FALSE(view.permissions().approve);
    CHECK(view.findChild<QPushButton*>(QStringLiteral("newPlanButton"))->isEnabled());
    CHECK_FALSE(view.findChild<QPushButton*>(QStringLiteral("approvePlanButton"))->isVisible());
    CHECK(view.model()->rowCount() == 0);

    OperationPlanDialog* dialog = view.newPlan();
    dialog->show();
    REQUIRE(waitUntil([&] { return !dialog->isLoading(); }));
    REQUIRE(dialog->teamList()->count() >= 1);
    // The officer's own team is chosen for them, and its open leads are offered as targets.
    bool ownTeamChecked = false;
    for (int row = 0; row < dialog->teamList()->count(); ++row) {
        ownTeamChecked |= dialog->teamList()->item(row)->text().startsWith(QStringLiteral("FOT-ATL-1"))
            && dialog->teamList()->item(row)->checkState() == Qt::Checked;
    }
    CHECK(ownTeamChecked);
    REQUIRE(dialog->targetList()->count() > 0);
    dialog->targetList()->item(0)->setCheckState(Qt::Checked);
    const QString targetText = dialog->targetList()->item(0)->text();

    type(dialog->form()->editor(QStringLiteral("name")), QStringLiteral("Operation Peachtree Dawn"));
    type(dialog->form()->editor(QStringLiteral("starts_on")), QStringLiteral("2026-12-07"));
    type(dialog->form()->editor(QStringLiteral("ends_on")), QStringLiteral("2026-12-08"));
    type(dialog->form()->editor(QStringLiteral("scope")),
         QStringLiteral("Arrest of priority targets at their last known addresses in Fulton County, 05:00 to 09:00."));
    dialog->addContact({{}, QStringLiteral("local_police"), QStringLiteral("Lt. Renata Osei"), QStringLiteral("Atlanta Police Department, Zone 3"),
                        QStringLiteral("(404) 555-0142"), QStringLiteral("Shift commander")});
    dialog->addContact({{}, QStringLiteral("emergency_services"), QStringLiteral("Dispatch supervisor"),
                        QStringLiteral("Atlanta Fire Rescue"), QStringLiteral("404-555-0143"), {}});
    dialog->addContact({{}, QStringLiteral("hospital"), QStringLiteral("Emergency department"), QStringLiteral("Grady Memorial Hospital"),
                        QStringLiteral("404 555 0144"), {}});
    // Enough points of contact that the plan runs over more than one page.
    for (int i = 1; i <= 30; ++i) {
        dialog->addContact({{}, QStringLiteral("other"), QStringLiteral("Liaison %1").arg(i), QStringLiteral("Mutual aid agency %1").arg(i),
                            QStringLiteral("404-555-%1").arg(2000 + i), QStringLiteral("Standby")});
    }
    // A bad phone number is refused with a clear message; nothing typed is lost.
    dialog->addContact({{}, QStringLiteral("other"), QStringLiteral("Bad number"), QStringLiteral("Somewhere"), QStringLiteral("ask dispatch"), {}});
    dialog->save();
    CHECK(dialog->serverMessage().contains(QStringLiteral("Point of contact 34")));
    CHECK(dialog->isVisible());
    dialog->contactTable()->removeRow(dialog->contactTable()->rowCount() - 1);
    QSignalSpy saved(&view, &OperationsPlansView::planSaved);
    dialog->save();
    REQUIRE(waitUntil([&] { return saved.count() == 1 && !view.isBusy(); }));
    REQUIRE(view.model()->rowCount() == 1);
    const QUuid planId = saved.at(0).at(0).toUuid();
    CHECK(view.currentPlanId() == planId);
    CHECK(view.model()->table().value(0, QStringLiteral("Contacts")).toInt() == 33);
    CHECK(view.model()->table().value(0, QStringLiteral("Number")).toString().startsWith(QStringLiteral("OPN-")));
    test::saveShot(view, QStringLiteral("operations-plans-view.png"));

    const QString path = QDir(shotsFolder()).filePath(QStringLiteral("operations-plan.pdf"));
    QFile::remove(path);
    QSignalSpy written(&view, &OperationsPlansView::pdfSaved);
    view.savePlanPdf(planId, path);
    REQUIRE(waitUntil([&] { return written.count() == 1; }));
    const QStringList pages = pageTexts(path);
    REQUIRE(pages.size() >= 2);
    for (int page = 0; page < pages.size(); ++page) {
        INFO("page " << page + 1);
        // Marked at the top and at the bottom of every page, and numbered.
        CHECK(flat(pages[page]).count(FieldDocumentWriter::marking()) == 2);
        CHECK(flat(pages[page]).contains(QStringLiteral("Page %1 of %2").arg(page + 1).arg(pages.size())));
    }
    const QString all = flat(pages.join(u' '));
    CHECK(all.contains(QStringLiteral("Operation Peachtree Dawn")));
    CHECK(all.contains(QStringLiteral("Lt. Renata Osei")));
    CHECK(inOrder(all, QStringLiteral("Atlanta Police Department, Zone 3")));
    CHECK(all.contains(QStringLiteral("(404) 555-0142")));
    CHECK(inOrder(all, QStringLiteral("Grady Memorial Hospital")));
    CHECK(all.contains(QStringLiteral("Liaison 30")));
    CHECK(all.contains(QStringLiteral("Not approved")));
    CHECK(all.contains(targetText.section(QStringLiteral("  "), 0, 0))); // the target's fugitive number

    // The print preview paints the same document on a printer.
    QTemporaryDir folder;
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(folder.filePath(QStringLiteral("printed.pdf")));
    OperationPlan shown;
    shown.name = QStringLiteral("Printed plan");
    shown.startsOn = QDate(2026, 12, 1);
    shown.contacts = {{{}, QStringLiteral("local_police"), QStringLiteral("Officer Print"), QStringLiteral("Decatur Police"),
                       QStringLiteral("404-555-0100"), {}}};
    OperationsPlansView::printPlanOn(shown, &printer);
    const QStringList printed = pageTexts(folder.filePath(QStringLiteral("printed.pdf")));
    REQUIRE(printed.size() == 1);
    CHECK(flat(printed[0]).contains(QStringLiteral("Officer Print")));
    CHECK(flat(printed[0]).contains(QStringLiteral("Page 1 of 1")));
}

TEST_CASE("A read-only analyst sees the plans but is offered no writing", "[ui][field][plans]")
{
    TestDatabase database;
    seed(database);
    OperationsPlansView view(demo(database, "fieldread.demo"));
    view.show();
    REQUIRE(waitUntil([&] { return !view.isBusy(); }));
    CHECK_FALSE(view.permissions().write);
    CHECK_FALSE(view.findChild<QPushButton*>(QStringLiteral("newPlanButton"))->isEnabled());
    CHECK_FALSE(view.findChild<QPushButton*>(QStringLiteral("editPlanButton"))->isEnabled());
    CHECK(view.message().contains(QStringLiteral("no operations plan")));
}

TEST_CASE("A report of investigation on a lead shows its activities, is submitted, printed and then only corrected", "[ui][field][plans]")
{
    TestDatabase database;
    seed(database);
    // A lead with activities recorded on it.
    const QString lead = database.scalar(QStringLiteral(
        "SELECT a.lead_id FROM field.activities a WHERE a.lead_id IS NOT NULL AND a.notes IS NOT NULL "
        "GROUP BY a.lead_id ORDER BY count(*) DESC, a.lead_id LIMIT 1")).toString();
    REQUIRE_FALSE(lead.isEmpty());
    const QString fugitive = database.scalar(QStringLiteral("SELECT fugitive_id FROM field.leads WHERE id = '%1'").arg(lead)).toString();
    const int activities = database.scalar(QStringLiteral("SELECT count(*) FROM field.activities WHERE lead_id = '%1'").arg(lead)).toInt();
    const QString someNote = database.scalar(QStringLiteral("SELECT notes FROM field.activities WHERE lead_id = '%1' AND notes IS NOT NULL "
                                                            "ORDER BY occurred_at LIMIT 1").arg(lead)).toString();

    InvestigationReportDialog dialog(demo(database, "officer.demo"), QUuid::fromString(fugitive), QUuid::fromString(lead));
    dialog.show();
    REQUIRE(waitUntil([&] { return !dialog.isBusy(); }));
    INFO(dialog.serverMessage().toStdString());
    CHECK(dialog.report().id.isNull());
    CHECK(dialog.activityTable()->rowCount() == activities);
    CHECK_FALSE(dialog.report().fugitiveNumber.isEmpty());

    type(dialog.form()->editor(QStringLiteral("summary")),
         QStringLiteral("Address checks and surveillance at the lead address; neighbours interviewed."));
    test::choose(dialog.form()->editor(QStringLiteral("outcome")), QStringLiteral("not_located"));
    QSignalSpy submitted(&dialog, &InvestigationReportDialog::submitted);
    dialog.submit();
    REQUIRE(waitUntil([&] { return submitted.count() == 1 && !dialog.isBusy(); }));
    CHECK(dialog.report().isSubmitted());
    CHECK(dialog.report().number.startsWith(QStringLiteral("ROI-")));
    CHECK_FALSE(dialog.form()->isEditable(QStringLiteral("summary")));
    CHECK_FALSE(dialog.findChild<QPushButton*>(QStringLiteral("saveDraftButton"))->isEnabled());
    CHECK(dialog.findChild<QPushButton*>(QStringLiteral("correctButton"))->isEnabled());
    test::saveShot(dialog, QStringLiteral("investigation-report-dialog.png"));

    const QString path = QDir(shotsFolder()).filePath(QStringLiteral("report-of-investigation.pdf"));
    QFile::remove(path);
    QSignalSpy written(&dialog, &InvestigationReportDialog::pdfSaved);
    dialog.savePdf(path);
    REQUIRE(waitUntil([&] { return written.count() == 1; }));
    const QStringList pages = pageTexts(path);
    REQUIRE_FALSE(pages.isEmpty());
    const QString all = flat(pages.join(u' '));
    CHECK(all.contains(QStringLiteral("Report of investigation")));
    CHECK(all.contains(dialog.report().number));
    CHECK(inOrder(all, flat(someNote)));
    CHECK(all.contains(QStringLiteral("Not located")));
    CHECK(all.contains(QRegularExpression(QStringLiteral("A-Number A-\\d{3}-\\d{3}-\\d{3}"))));
    CHECK(flat(pages[0]).count(FieldDocumentWriter::marking()) == 2);
    CHECK(flat(pages.last()).contains(QStringLiteral("Page %1 of %1").arg(pages.size())));

    // Corrected, not changed: a new draft that refers to the submitted report.
    const QUuid original = dialog.report().id;
    const QString originalNumber = dialog.report().number;
    dialog.startCorrection();
    REQUIRE(waitUntil([&] { return !dialog.isBusy(); }));
    CHECK(dialog.report().id.isNull());
    CHECK(dialog.report().correctsReportId == original);
    CHECK(dialog.form()->isEditable(QStringLiteral("summary")));
    type(dialog.form()->editor(QStringLiteral("summary")), QStringLiteral("Address checks, surveillance and two interviews."));
    QSignalSpy saved(&dialog, &InvestigationReportDialog::saved);
    dialog.saveDraft();
    REQUIRE(waitUntil([&] { return saved.count() == 1 && !dialog.isBusy(); }));
    CHECK(dialog.report().correctsNumber == originalNumber);
    CHECK(database.scalar(QStringLiteral("SELECT summary FROM field.investigation_reports WHERE id = '%1'")
                              .arg(original.toString(QUuid::WithoutBraces)))
              .toString() == QStringLiteral("Address checks and surveillance at the lead address; neighbours interviewed."));
}
