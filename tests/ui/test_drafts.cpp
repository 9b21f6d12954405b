// Drafts written in the Documents workspace offscreen, as the demo attorney and her colleague: a new memo
// filed under a case at its first save, a second version, the check-out held while the editor is open (the
// colleague reads along, read-only), given back when the tab closes, the two versions compared and the memo
// found by search; unsaved work offered back after a "crash"; a wrong case number said before writing.
#include "documents/draftautosave.h"
#include "documents/odtdraft.h"
#include "documentsworkspace.h"
#include "documentview.h"
#include "drafteditor.h"
#include "drafttab.h"
#include "demoworld.h"
#include "eventwait.h"
#include "formfill.h"
#include "messagebanner.h"
#include "newdraftdialog.h"
#include "recordlisttab.h"
#include "testdatabase.h"
#include "versioncompareview.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextEdit>

#include "catchqt.h"

using namespace ocms;
using ocms::test::demoLogin;
using ocms::test::saveShot;
using ocms::test::TestDatabase;
using ocms::test::type;
using ocms::test::waitUntil;

namespace {

void seed(TestDatabase& database)
{
    ocms::test::seedDemoWorld(database, 20, 10, 31);
}

// The case the drafts are filed under: the first immigration case (every attorney of the office may see it).
QString firstImmigrationCaseNumber(TestDatabase& database)
{
    return database.scalar(QStringLiteral("SELECT case_number FROM legal.cases WHERE category = 'immigration' "
                                          "ORDER BY case_number LIMIT 1")).toString();
}

QString holderOf(TestDatabase& database, const QUuid& documentId)
{
    return database.scalar(QStringLiteral("SELECT CASE WHEN checked_out_by IS NULL THEN '' ELSE legal.user_name(checked_out_by) END "
                                          "FROM docs.documents WHERE id = '%1'")
                               .arg(documentId.toString(QUuid::WithoutBraces)))
        .toString();
}

void typeAtEnd(DraftEditor* editor, const QString& text)
{
    QTextCursor end(editor->document());
    end.movePosition(QTextCursor::End);
    editor->textEdit()->setTextCursor(end);
    editor->textEdit()->setFocus();
    QTest::keyClicks(editor->textEdit(), text);
}

} // namespace

TEST_CASE("A memo is written, filed at its first save, saved again, compared and found, the check-out follows the editor",
          "[ui][documents][drafts]")
{
    TestDatabase database;
    seed(database);
    const QString caseNumber = firstImmigrationCaseNumber(database);
    const QString caseId = database.scalar(QStringLiteral("SELECT id FROM legal.cases WHERE case_number = '%1'").arg(caseNumber)).toString();
    QTemporaryDir folder;
    DocumentsWorkspace alma(demoLogin(database, "attorney.demo"), DraftAutosave(folder.filePath(QStringLiteral("alma"))));
    alma.resize(1300, 860);
    alma.show();
    REQUIRE(waitUntil([&] { return !alma.isBusy(); }));
    CHECK(alma.recoveryNotice()->isHidden());

    // "New draft…" from the case: the case is fixed, the type defaults to a legal memorandum.
    NewDraftDialog* dialog = alma.newDraft(DocumentParent{QUuid::fromString(caseId), {}, {}, QStringLiteral("case %1").arg(caseNumber)});
    dialog->show();
    CHECK(dialog->parentEdit()->isReadOnly());
    CHECK(dialog->typeBox()->currentData().toString() == QStringLiteral("memorandum"));
    dialog->start();
    CHECK(dialog->message()->message().contains(QStringLiteral("title")));
    type(dialog->titleEdit(), QStringLiteral("Memorandum on particular social group"));
    type(dialog->tagsEdit(), QStringLiteral("PSG, Honduras"));
    dialog->start();
    REQUIRE(alma.draftTabs().size() == 1);
    DraftTab* tab = alma.draftTabs().first();
    CHECK(alma.tabs()->currentWidget() == tab);
    CHECK(tab->documentId().isNull());
    DraftEditor* editor = tab->editor();
    CHECK(editor->title() == QStringLiteral("Memorandum on particular social group"));

    typeAtEnd(editor, QStringLiteral("The respondent fears persecution by the gang that extorted her family business."));
    QSignalSpy saved(tab, &DraftTab::versionSaved);
    REQUIRE(editor->saveVersion(QStringLiteral("First draft")));
    waitUntil([&] { return saved.count() == 1; });
    INFO(editor->noticeText().toStdString()); // the refusal, if the save failed
    REQUIRE(saved.count() == 1);
    const QUuid documentId = tab->documentId();
    REQUIRE_FALSE(documentId.isNull());
    CHECK(saved.first().at(1).toInt() == 1);
    CHECK_FALSE(editor->isModified());
    CHECK(editor->noticeText().contains(QStringLiteral("version 1")));
    const QString id = documentId.toString(QUuid::WithoutBraces);
    CHECK(database.scalar(QStringLiteral("SELECT case_id::text FROM docs.documents WHERE id = '%1'").arg(id)).toString() == caseId);
    CHECK(database.scalar(QStringLiteral("SELECT document_type || ' ' || array_to_string(tags, ',') FROM docs.documents WHERE id = '%1'").arg(id))
              .toString() == QStringLiteral("memorandum psg,honduras"));
    CHECK(database.scalar(QStringLiteral("SELECT mime_type || ' ' || file_name FROM docs.versions WHERE document_id = '%1'").arg(id)).toString()
          == QStringLiteral("application/vnd.oasis.opendocument.text Memorandum on particular social group.odt"));
    // The writer keeps the check-out while the editor is open.
    CHECK(holderOf(database, documentId) == QStringLiteral("Alma Reyes-Whitcombe"));

    // A colleague opens the memo: checked out by Alma, so the editor opens read-only and says why.
    DocumentsWorkspace marisol(demoLogin(database, "support.demo"), DraftAutosave(folder.filePath(QStringLiteral("marisol"))));
    marisol.show();
    REQUIRE(waitUntil([&] { return !marisol.isBusy(); }));
    DocumentView* theirs = marisol.openDocument(documentId);
    REQUIRE(waitUntil([&] { return !theirs->isBusy() && !theirs->record().versions.isEmpty(); }));
    CHECK(theirs->editDraftButton()->isVisibleTo(theirs));
    CHECK_FALSE(theirs->editDraftButton()->isEnabled());
    // The ODT version previews as formatted text.
    REQUIRE(waitUntil([&] { return !theirs->isBusy() && theirs->draftPreview()->isVisibleTo(theirs); }));
    CHECK(theirs->draftPreview()->toPlainText().contains(QStringLiteral("extorted her family business")));
    DraftTab* reading = marisol.editDraft(documentId);
    REQUIRE(waitUntil([&] { return !reading->isBusy(); }));
    CHECK(reading->editor()->isReadOnly());
    CHECK_FALSE(reading->holdsCheckOut());
    CHECK(reading->editor()->document()->toPlainText().contains(QStringLiteral("extorted her family business")));
    marisol.closeTab(marisol.tabs()->indexOf(reading));
    REQUIRE(waitUntil([&] { return marisol.draftTabs().isEmpty(); }));
    CHECK(holderOf(database, documentId) == QStringLiteral("Alma Reyes-Whitcombe")); // hers, not given back by Marisol

    // The second version, with a changed title: numbered 2 by the server, still held.
    typeAtEnd(editor, QStringLiteral(" Country reports confirm that the police do not protect such families."));
    editor->setTitle(QStringLiteral("Memorandum on PSG (family)"));
    REQUIRE(editor->saveVersion(QStringLiteral("Added country conditions")));
    REQUIRE(waitUntil([&] { return saved.count() == 2; }));
    CHECK(saved.at(1).at(1).toInt() == 2);
    CHECK(database.scalar(QStringLiteral("SELECT title FROM docs.documents WHERE id = '%1'").arg(id)).toString()
          == QStringLiteral("Memorandum on PSG (family)"));
    CHECK(holderOf(database, documentId) == QStringLiteral("Alma Reyes-Whitcombe"));
    const QByteArray stored = database.scalar(QStringLiteral("SELECT string_agg(ch.data, ''::bytea ORDER BY ch.chunk_no) FROM docs.versions v "
                                                             "JOIN docs.content_chunks ch ON ch.content_id = v.content_id "
                                                             "WHERE v.document_id = '%1' AND v.version_no = 2").arg(id))
                                  .toByteArray();
    auto reopened = OdtDraft::decode(stored);
    REQUIRE_OK(reopened);
    CHECK(reopened->html().contains(QStringLiteral("do not protect such families")));
    saveShot(alma, QStringLiteral("drafts-editor.png"));

    // Closing the tab with nothing unsaved gives the check-out back.
    alma.closeTab(alma.tabs()->indexOf(tab));
    REQUIRE(waitUntil([&] { return alma.draftTabs().isEmpty() && holderOf(database, documentId).isEmpty(); }));

    // Once their text is read, the two versions compare side by side, and the memo is found by its words.
    REQUIRE(waitUntil([&] { return !alma.isIndexing(); }, 60000));
    alma.indexPendingText();
    REQUIRE(waitUntil([&] { return !alma.isIndexing(); }, 60000));
    DocumentView* mine = alma.openDocument(documentId);
    REQUIRE(waitUntil([&] { return !mine->isBusy() && mine->record().versions.size() == 2
                                   && mine->record().current()->textState == QStringLiteral("done"); }));
    mine->versionList()->selectRow(1);
    mine->compareSelectedWithCurrent();
    REQUIRE(waitUntil([&] { return !mine->isBusy() && mine->compareWindow() != nullptr; }));
    auto* compare = mine->compareWindow()->findChild<VersionCompareView*>();
    REQUIRE(compare != nullptr);
    CHECK(compare->changeCount() > 0);
    type(alma.searchBox(), QStringLiteral("police protect families"));
    alma.search();
    REQUIRE(waitUntil([&] { return !alma.isBusy(); }));
    REQUIRE_FALSE(alma.hits().isEmpty());
    CHECK(alma.hits().first().documentId == documentId);

    // "Edit draft" on the document's tab opens the editor again, and the tab shows the check-out it took.
    CHECK_FALSE(mine->record().checkedOutByMe);
    REQUIRE(mine->editDraftButton()->isEnabled());
    QTest::mouseClick(mine->editDraftButton(), Qt::LeftButton);
    REQUIRE(alma.draftTabs().size() == 1);
    DraftTab* again = alma.draftTabs().first();
    REQUIRE(waitUntil([&] { return !again->isBusy() && !mine->isBusy() && mine->record().checkedOutByMe; }));
    CHECK(again->holdsCheckOut());
    CHECK(again->editor()->document()->toPlainText().contains(QStringLiteral("do not protect such families")));
    CHECK_FALSE(mine->checkOutButton()->isEnabled());
}

TEST_CASE("Unsaved draft work survives a crash and is offered back, discarding it gives the check-out back",
          "[ui][documents][drafts]")
{
    TestDatabase database;
    seed(database);
    const QString caseNumber = firstImmigrationCaseNumber(database);
    QTemporaryDir folder;
    const DraftAutosave drafts(folder.filePath(QStringLiteral("drafts")));
    QUuid documentId;
    {
        DocumentsWorkspace alma(demoLogin(database, "attorney.demo"), drafts);
        alma.show();
        REQUIRE(waitUntil([&] { return !alma.isBusy(); }));
        // A case number that does not exist is said in the dialog, which stays open with what was typed.
        NewDraftDialog* dialog = alma.newDraft();
        dialog->show();
        type(dialog->titleEdit(), QStringLiteral("Notes to investigators"));
        dialog->start();
        CHECK(dialog->message()->message().contains(QStringLiteral("Say where")));
        type(dialog->parentEdit(), QStringLiteral("NO-SUCH-CASE"));
        dialog->start();
        REQUIRE(waitUntil([&] { return dialog->startButton()->isEnabled(); }));
        CHECK(dialog->message()->message().contains(QStringLiteral("No case or project numbered NO-SUCH-CASE")));
        CHECK(dialog->isVisible());
        CHECK(alma.draftTabs().isEmpty());
        type(dialog->parentEdit(), caseNumber);
        dialog->start();
        REQUIRE(waitUntil([&] { return alma.draftTabs().size() == 1; }));
        DraftTab* tab = alma.draftTabs().first();
        tab->editor()->setAutosaveIntervals(50, 60'000);
        typeAtEnd(tab->editor(), QStringLiteral("Check the address on Calle Ficticia before the hearing."));
        QSignalSpy saved(tab, &DraftTab::versionSaved);
        REQUIRE(tab->editor()->saveVersion(QString()));
        REQUIRE(waitUntil([&] { return saved.count() == 1; }));
        documentId = tab->documentId();
        QSignalSpy autosaved(tab->editor(), &DraftEditor::autosaved);
        typeAtEnd(tab->editor(), QStringLiteral(" Unsaved: the second address is in Ciudad Inventada."));
        REQUIRE(waitUntil([&] { return !autosaved.isEmpty(); }));
        // The workspace goes away without the tab closing: a crash, as far as the draft knows.
    }
    CHECK(holderOf(database, documentId) == QStringLiteral("Alma Reyes-Whitcombe"));

    DocumentsWorkspace alma(demoLogin(database, "attorney.demo"), drafts);
    alma.show();
    REQUIRE(waitUntil([&] { return !alma.isBusy(); }));
    CHECK(alma.recoveryNotice()->isVisibleTo(&alma));
    CHECK(alma.recoveryNotice()->text().contains(QStringLiteral("Notes to investigators")));
    CHECK(alma.recoverUnsavedDrafts() == 1);
    REQUIRE(alma.draftTabs().size() == 1);
    DraftTab* tab = alma.draftTabs().first();
    REQUIRE(waitUntil([&] { return !tab->isBusy(); }));
    CHECK(tab->documentId() == documentId);
    CHECK(tab->holdsCheckOut());
    REQUIRE(tab->editor()->recoveryBar()->isVisibleTo(tab->editor()));
    QTest::mouseClick(tab->editor()->recoverButton(), Qt::LeftButton);
    CHECK(tab->editor()->document()->toPlainText().contains(QStringLiteral("Ciudad Inventada")));
    CHECK(tab->editor()->isModified());

    // Closing asks; "Discard" throws the kept work away and gives the check-out back.
    int asked = 0;
    tab->setClosePrompt([&](const QString&) {
        ++asked;
        return DraftTab::CloseAnswer::Discard;
    });
    alma.closeTab(alma.tabs()->indexOf(tab));
    CHECK(asked == 1);
    REQUIRE(waitUntil([&] { return alma.draftTabs().isEmpty() && holderOf(database, documentId).isEmpty(); }));
    CHECK(drafts.list().isEmpty());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM docs.versions WHERE document_id = '%1'")
                              .arg(documentId.toString(QUuid::WithoutBraces))).toInt() == 1);
}

TEST_CASE("A never-filed draft recovered after a crash asks where it belongs at its first save", "[ui][documents][drafts]")
{
    TestDatabase database;
    seed(database);
    const QString caseNumber = firstImmigrationCaseNumber(database);
    QTemporaryDir folder;
    const DraftAutosave drafts(folder.filePath(QStringLiteral("drafts")));
    AutosavedDraft lost;
    lost.key = DraftAutosave::keyForNewDraft();
    lost.title = QStringLiteral("Brief in support of motion");
    lost.html = QStringLiteral("<p>The court should reopen the proceedings.</p>");
    REQUIRE_OK(drafts.save(lost));

    DocumentsWorkspace alma(demoLogin(database, "attorney.demo"), drafts);
    alma.show();
    REQUIRE(waitUntil([&] { return !alma.isBusy(); }));
    REQUIRE(alma.recoverUnsavedDrafts() == 1);
    DraftTab* tab = alma.draftTabs().first();
    CHECK(tab->editor()->document()->toPlainText().contains(QStringLiteral("reopen the proceedings")));

    // No filing chosen: nothing is saved, the work stays.
    tab->setFilingPrompt([](const QString&) { return std::optional<DraftTab::Filing>(); });
    CHECK(tab->editor()->saveVersion(QString()));
    CHECK(tab->editor()->noticeText().contains(QStringLiteral("Say where the draft is filed")));
    CHECK(tab->documentId().isNull());

    const QUuid caseId = database.scalar(QStringLiteral("SELECT id FROM legal.cases WHERE case_number = '%1'").arg(caseNumber)).toUuid();
    tab->setFilingPrompt([&](const QString& title) {
        CHECK(title == QStringLiteral("Brief in support of motion"));
        NewDocument filing;
        filing.documentType = QStringLiteral("brief");
        filing.caseId = caseId;
        return std::optional<DraftTab::Filing>(DraftTab::Filing{filing, QStringLiteral("case %1").arg(caseNumber)});
    });
    QSignalSpy saved(tab, &DraftTab::versionSaved);
    REQUIRE(tab->editor()->saveVersion(QStringLiteral("Recovered")));
    REQUIRE(waitUntil([&] { return saved.count() == 1; }));
    CHECK(database.scalar(QStringLiteral("SELECT document_type || ' ' || title FROM docs.documents WHERE id = '%1'")
                              .arg(tab->documentId().toString(QUuid::WithoutBraces))).toString()
          == QStringLiteral("brief Brief in support of motion"));
    CHECK_FALSE(drafts.contains(lost.key)); // the autosaved copy went with the save
}
