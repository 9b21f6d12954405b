// The Documents workspace offscreen, as the demo attorney and her paralegal: searching the knowledge base
// (ranked hits with the words highlighted), opening a hit, check-out seen by the other user, a check-in as
// a new version, a file uploaded through the Add document dialog, and the dialog's refusals.
#include "casebinderdialog.h"
#include "documentsworkspace.h"
#include "documentview.h"
#include "demoworld.h"
#include "eventwait.h"
#include "formfill.h"
#include "messagebanner.h"
#include "pdfpageview.h"
#include "pdfviewer.h"
#include "models/recordtablemodel.h"
#include "recordlisttab.h"
#include "redactiondialog.h"
#include "testdatabase.h"
#include "uploaddocumentdialog.h"
#include "versioncompareview.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <poppler-qt6.h>

#include "catchqt.h"

using namespace ocms;
using ocms::test::choose;
using ocms::test::demoLogin;
using ocms::test::saveShot;
using ocms::test::TestDatabase;
using ocms::test::type;
using ocms::test::waitUntil;

namespace {

void seed(TestDatabase& database)
{
    ocms::test::seedDemoWorld(database, 40, 60, 29);
}

} // namespace

TEST_CASE("Searching the documents ranks hits with the words highlighted and opens the one chosen", "[ui][documents]")
{
    TestDatabase database;
    seed(database);
    DocumentsWorkspace workspace(demoLogin(database, "attorney.demo"));
    workspace.resize(1300, 820);
    workspace.show();
    REQUIRE(waitUntil([&] { return !workspace.isBusy(); }));
    REQUIRE(workspace.typeFilter()->count() > 1); // the rules' document types

    // Nothing typed: told so, nothing searched.
    workspace.search();
    CHECK(workspace.message()->message().contains(QStringLiteral("Type the words")));

    type(workspace.searchBox(), QStringLiteral("persecution"));
    workspace.search();
    REQUIRE(waitUntil([&] { return !workspace.isBusy(); }));
    REQUIRE_FALSE(workspace.hits().isEmpty());
    CHECK(workspace.results()->count() == workspace.hits().size());
    for (qsizetype i = 1; i < workspace.hits().size(); ++i) {
        CHECK(workspace.hits().at(i - 1).rank >= workspace.hits().at(i).rank);
    }
    auto* first = qobject_cast<QLabel*>(workspace.results()->itemWidget(workspace.results()->item(0)));
    REQUIRE(first != nullptr);
    CHECK(first->text().contains(QStringLiteral("background-color:#fff0a0;\">persecution</b>"), Qt::CaseInsensitive));
    saveShot(workspace, QStringLiteral("documents-search.png"));

    // A filter that excludes everything says so.
    type(workspace.filedUnderFilter(), QStringLiteral("A-999-999-999"));
    workspace.search();
    REQUIRE(waitUntil([&] { return !workspace.isBusy(); }));
    CHECK(workspace.hits().isEmpty());
    type(workspace.filedUnderFilter(), QString());
    workspace.search();
    REQUIRE(waitUntil([&] { return !workspace.isBusy(); }));
    REQUIRE_FALSE(workspace.hits().isEmpty());

    // Enter on a hit opens the document in a tab of its own, with its versions.
    const DocumentSearchHit hit = workspace.hits().first();
    Q_EMIT workspace.results()->itemActivated(workspace.results()->item(0));
    DocumentView* view = workspace.documentView(hit.documentId);
    REQUIRE(view != nullptr);
    QSignalSpy painted(view->pdfViewer(), &PdfViewer::pagePainted);
    REQUIRE(waitUntil([&] { return !view->isBusy() && !view->record().versions.isEmpty(); }));
    CHECK(workspace.tabs()->currentWidget() == view);
    CHECK(workspace.tabs()->tabText(workspace.tabs()->currentIndex()) == hit.documentNumber);
    CHECK(view->versionList()->model()->rowCount() == view->record().versions.size());
    CHECK(view->record().title == hit.title);
    // The seeded memo is a PDF: it opens in the viewer, at the searched word, highlighted.
    REQUIRE(waitUntil([&] { return !view->isBusy() && view->pdfViewer()->pageCount() > 0; }));
    REQUIRE(waitUntil([&] { return !view->pdfViewer()->isSearching() && view->pdfViewer()->hitCount() > 0; }));
    CHECK(view->pdfViewer()->errorMessage().isEmpty());
    REQUIRE(waitUntil([&] { return !painted.isEmpty(); })); // the page itself, not only its highlights
    saveShot(workspace, QStringLiteral("documents-open.png"));
}

TEST_CASE("A check-out is seen by the other user, and only its holder checks in a new version", "[ui][documents]")
{
    TestDatabase database;
    seed(database);
    const QUuid documentId = database.scalar(QStringLiteral("SELECT d.id FROM docs.documents d JOIN legal.cases c ON c.id = d.case_id "
                                                            "WHERE c.category = 'immigration' ORDER BY d.document_number LIMIT 1"))
                                 .toUuid();
    REQUIRE_FALSE(documentId.isNull());
    DocumentsWorkspace alma(demoLogin(database, "attorney.demo"));
    DocumentsWorkspace marisol(demoLogin(database, "support.demo"));
    alma.show();
    marisol.show();
    REQUIRE(waitUntil([&] { return !alma.isBusy() && !marisol.isBusy(); }));

    DocumentView* mine = alma.openDocument(documentId);
    REQUIRE(waitUntil([&] { return !mine->isBusy() && !mine->record().versions.isEmpty(); }));
    const int versionsBefore = int(mine->record().versions.size());
    REQUIRE(mine->checkOutButton()->isEnabled());
    CHECK_FALSE(mine->checkInButton()->isEnabled());
    QTest::mouseClick(mine->checkOutButton(), Qt::LeftButton);
    waitUntil([&] { return !mine->isBusy() && mine->record().checkedOutByMe; });
    INFO(mine->message()->message().toStdString());
    REQUIRE(mine->record().checkedOutByMe);
    CHECK(mine->checkoutLabel()->text().startsWith(QStringLiteral("You have this document checked out")));
    CHECK(mine->checkInButton()->isEnabled());

    DocumentView* theirs = marisol.openDocument(documentId);
    REQUIRE(waitUntil([&] { return !theirs->isBusy() && !theirs->record().versions.isEmpty(); }));
    CHECK(theirs->checkoutLabel()->text().startsWith(QStringLiteral("Checked out by Alma Reyes-Whitcombe since")));
    CHECK_FALSE(theirs->checkOutButton()->isEnabled());
    CHECK_FALSE(theirs->checkInButton()->isEnabled());

    // Alma checks in a revised file: a new version, the check-out given back.
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("memo-revised.txt"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("Revised memorandum: the particular social group is defined by family membership.\n");
    file.close();
    mine->checkIn(path, QStringLiteral("Tightened the PSG definition"));
    REQUIRE(waitUntil([&] { return !mine->isBusy() && mine->record().versions.size() == versionsBefore + 1; }));
    CHECK(mine->record().current()->comment == QStringLiteral("Tightened the PSG definition"));
    CHECK(mine->record().current()->createdByName == QStringLiteral("Alma Reyes-Whitcombe"));
    CHECK(mine->record().checkedOutById.isNull());
    CHECK(mine->message()->message().contains(QStringLiteral("new version")));
    // The new version, a text file, shows in the preview.
    REQUIRE(waitUntil([&] { return !mine->isBusy() && mine->textPreview()->isVisible(); }));
    CHECK(mine->textPreview()->toPlainText().contains(QStringLiteral("family membership")));

    // Once its text is read, the new version is compared side by side with the one before.
    REQUIRE(waitUntil([&] { return !alma.isIndexing(); }, 60000));
    mine->reload();
    REQUIRE(waitUntil([&] { return !mine->isBusy() && mine->record().current()->textState == QStringLiteral("done"); }));
    mine->versionList()->selectRow(1);
    mine->compareSelectedWithCurrent();
    REQUIRE(waitUntil([&] { return !mine->isBusy() && mine->compareWindow() != nullptr; }));
    auto* compare = mine->compareWindow()->findChild<VersionCompareView*>();
    REQUIRE(compare != nullptr);
    CHECK(compare->changeCount() > 0);
    saveShot(*mine->compareWindow(), QStringLiteral("documents-compare.png"));

    // A file that is not there is refused with the reason and nothing changes.
    mine->checkIn(folder.filePath(QStringLiteral("missing.pdf")), {});
    CHECK(mine->message()->message().contains(QStringLiteral("does not exist")));
}

TEST_CASE("Add document uploads a file with its metadata, and says what is missing first", "[ui][documents]")
{
    TestDatabase database;
    seed(database);
    const QString caseNumber = database.scalar(QStringLiteral("SELECT case_number FROM legal.cases WHERE category = 'immigration' "
                                                              "ORDER BY case_number LIMIT 1")).toString();
    DocumentsWorkspace workspace(demoLogin(database, "attorney.demo"));
    workspace.resize(1300, 820);
    workspace.show();
    REQUIRE(waitUntil([&] { return !workspace.isBusy(); }));

    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("research_notes.txt"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    const QByteArray line = "Country conditions research: gang extortion of small businesses in San Pedro Sula.\n";
    while (file.size() < 3 * 1024 * 1024) { // several chunks
        file.write(line);
    }
    file.close();

    UploadDocumentDialog* dialog = workspace.addDocument();
    dialog->show();
    dialog->upload();
    CHECK(dialog->message()->message().contains(QStringLiteral("Choose the file")));
    dialog->setFile(path);
    CHECK(dialog->titleEdit()->text() == QStringLiteral("research notes"));
    dialog->upload();
    CHECK(dialog->message()->message().contains(QStringLiteral("type of document")));
    choose(dialog->typeBox(), QStringLiteral("memorandum"));
    dialog->upload();
    CHECK(dialog->message()->message().contains(QStringLiteral("Say where")));
    type(dialog->parentEdit(), QStringLiteral("NO-SUCH-CASE"));
    dialog->upload();
    REQUIRE(waitUntil([&] { return !dialog->isUploading(); }));
    CHECK(dialog->message()->message().contains(QStringLiteral("No case or project numbered NO-SUCH-CASE")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM docs.contents WHERE finished_at IS NULL")).toInt() == 0);

    type(dialog->parentEdit(), caseNumber);
    type(dialog->tagsEdit(), QStringLiteral("Research, Honduras"));
    saveShot(*dialog, QStringLiteral("documents-upload.png"));
    QSignalSpy uploaded(dialog, &UploadDocumentDialog::uploaded);
    dialog->upload();
    REQUIRE(waitUntil([&] { return uploaded.count() == 1; }));
    const QUuid documentId = uploaded.first().first().toUuid();
    DocumentView* view = workspace.documentView(documentId);
    REQUIRE(view != nullptr);
    REQUIRE(waitUntil([&] { return !view->isBusy() && !view->record().versions.isEmpty(); }));
    CHECK(view->record().title == QStringLiteral("research notes"));
    CHECK(view->record().caseNumber == caseNumber);
    CHECK(view->record().tags == QStringList{QStringLiteral("research"), QStringLiteral("honduras")});
    CHECK(view->record().current()->byteSize == QFileInfo(path).size());
    REQUIRE(waitUntil([&] { return !view->isBusy() && view->textPreview()->isVisible(); }));
    CHECK(view->textPreview()->toPlainText().endsWith(QStringLiteral("Save a copy to read all of it.]")));

    // In the background its text is read, and the new document is found by its words.
    REQUIRE(waitUntil([&] { return !workspace.isIndexing(); }, 60000));
    type(workspace.searchBox(), QStringLiteral("\"San Pedro Sula\""));
    workspace.search();
    REQUIRE(waitUntil([&] { return !workspace.isBusy(); }));
    REQUIRE(workspace.hits().size() == 1);
    CHECK(workspace.hits().first().documentId == documentId);
    CHECK(view->record().current()->mimeType == QStringLiteral("text/plain"));
}

TEST_CASE("A redacted copy is made from a document's screen and accounted for, a case binder is made from its documents", "[ui][documents]")
{
    TestDatabase database;
    seed(database);
    const QUuid documentId = database.scalar(QStringLiteral("SELECT d.id FROM docs.documents d JOIN legal.cases c ON c.id = d.case_id "
                                                            "WHERE c.category = 'immigration' ORDER BY d.document_number LIMIT 1"))
                                 .toUuid();
    const QString caseId = database.scalar(QStringLiteral("SELECT case_id FROM docs.documents WHERE id = '%1'")
                                               .arg(documentId.toString(QUuid::WithoutBraces))).toString();
    DocumentsWorkspace workspace(demoLogin(database, "attorney.demo"));
    workspace.resize(1300, 820);
    workspace.show();
    DocumentView* view = workspace.openDocument(documentId);
    REQUIRE(waitUntil([&] { return !view->isBusy() && !view->record().versions.isEmpty(); }));

    QTemporaryDir folder;
    RedactionDialog* dialog = view->redactedCopy();
    REQUIRE(dialog != nullptr);
    dialog->show();
    // Nothing marked, nobody named: said in the dialog, nothing written.
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("makeRedactedCopyButton")), Qt::LeftButton);
    CHECK(dialog->message()->message().contains(QStringLiteral("words or phrases")));
    dialog->phrasesEdit()->setPlainText(QStringLiteral("Respondent\nCountry of nationality"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("makeRedactedCopyButton")), Qt::LeftButton);
    CHECK(dialog->message()->message().contains(QStringLiteral("who receives")));
    type(dialog->recipientEdit(), QStringLiteral("Jordan Example"));
    type(dialog->basisEdit(), QStringLiteral("Routine use"));
    const QString copyPath = folder.filePath(QStringLiteral("redacted.pdf"));
    type(dialog->pathEdit(), copyPath);
    saveShot(*dialog, QStringLiteral("documents-redact.png"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("makeRedactedCopyButton")), Qt::LeftButton);
    REQUIRE(waitUntil([&] { return !view->isBusy() && QFile::exists(copyPath); }, 60000));
    CHECK(view->message()->message().contains(QStringLiteral("accounting of disclosures")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.disclosures WHERE case_id = '%1' AND recipient_name = 'Jordan Example'")
                              .arg(caseId)).toInt() == 1);

    // An area marked on the tab's viewer, no words typed: the dialog counts it and the copy blacks it out.
    PdfViewer* viewer = view->pdfViewer();
    REQUIRE(waitUntil([&] { return viewer->pageCount() > 0; }));
    viewer->setZoom(1.25);
    viewer->goToPage(0);
    QTest::mouseClick(viewer->findChild<QToolButton*>(QStringLiteral("markForRedaction")), Qt::LeftButton);
    REQUIRE(viewer->isMarkingForRedaction());
    const QRect page = viewer->pageView()->pageRectInViewport(0);
    const QPoint from = page.topLeft() + QPoint(90, 90);
    const QPoint to = page.topLeft() + QPoint(400, 160);
    QTest::mousePress(viewer->pageView()->viewport(), Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(viewer->pageView()->viewport(), to);
    QTest::mouseRelease(viewer->pageView()->viewport(), Qt::LeftButton, Qt::NoModifier, to);
    REQUIRE(viewer->redactionMarks().size() == 1);
    const QRectF marked = viewer->redactionMarks().first().rect;
    CHECK(std::abs(marked.left() - 90 / (1.25 * 96 / 72)) < 1);
    CHECK(std::abs(marked.width() - 310 / (1.25 * 96 / 72)) < 1);
    REQUIRE(waitUntil([&] { return !view->isBusy(); }));
    QTest::qWait(50); // the toolbar takes the new width of "Clear marks (1)"
    saveShot(workspace, QStringLiteral("documents-redaction-marks.png"));
    RedactionDialog* byArea = view->redactedCopy();
    REQUIRE(byArea != nullptr);
    byArea->show();
    CHECK(byArea->markedAreasLabel()->text() == QStringLiteral("1 area marked on 1 page"));
    type(byArea->recipientEdit(), QStringLiteral("Jordan Example"));
    const QString areaPath = folder.filePath(QStringLiteral("redacted-area.pdf"));
    type(byArea->pathEdit(), areaPath);
    saveShot(*byArea, QStringLiteral("documents-redact-areas.png"));
    QTest::mouseClick(byArea->findChild<QPushButton*>(QStringLiteral("makeRedactedCopyButton")), Qt::LeftButton);
    REQUIRE(waitUntil([&] { return !view->isBusy() && QFile::exists(areaPath); }, 60000));
    CHECK(view->message()->message().contains(QStringLiteral("redacted-area.pdf")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.disclosures WHERE case_id = '%1' AND recipient_name = 'Jordan Example'")
                              .arg(caseId)).toInt() == 2);
    const auto areaCopy = Poppler::Document::load(areaPath);
    REQUIRE(areaCopy != nullptr);
    const QImage areaPage = areaCopy->page(0)->renderToImage(72, 72); // a pixel per point
    CHECK(qGray(areaPage.pixel(marked.center().toPoint())) < 40);
    CHECK(qGray(areaPage.pixel(marked.topLeft().toPoint() + QPoint(2, 2))) < 40);
    CHECK(qGray(areaPage.pixel(QPoint(20, 20))) > 200); // the top margin, not marked

    CaseBinderDialog binder(demoLogin(database, "attorney.demo"), QUuid::fromString(caseId), QStringLiteral("CASE-TEST"));
    binder.show();
    REQUIRE(waitUntil([&] { return !binder.isBusy(); }));
    REQUIRE(binder.documents()->count() >= 1);
    const QString binderPath = folder.filePath(QStringLiteral("binder.pdf"));
    type(binder.pathEdit(), binderPath);
    QSignalSpy made(&binder, &CaseBinderDialog::made);
    binder.makeBinder();
    REQUIRE(waitUntil([&] { return made.count() == 1; }, 60000));
    CHECK(QFile::exists(binderPath));
    CHECK(made.first().at(1).toInt() >= 2); // contents page and the documents
    saveShot(binder, QStringLiteral("documents-binder.png"));
}
