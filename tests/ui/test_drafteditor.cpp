// The draft editor offscreen, without a database: typing and formatting, saving a version (the ODT it
// hands over reopens the same), autosave after a pause and recovery after a "crash", PDF and ODT export,
// read-only while someone else has the document.
#include "documents/draftautosave.h"
#include "documents/odtdraft.h"
#include "drafteditor.h"
#include "eventwait.h"
#include "formfill.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPrintPreviewDialog>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextEdit>
#include <QTextList>

#include <poppler-qt6.h>

#include "catchqt.h"

using namespace ocms;
using ocms::test::saveShot;
using ocms::test::waitUntil;

namespace {

// A fixed document id per number, so the tests read like the ids they stand for.
QUuid documentNo(uint n)
{
    return QUuid(n, 0, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 0);
}

bool hasBoldFragment(const QTextDocument& document, const QString& text)
{
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().text().contains(text) && it.fragment().charFormat().fontWeight() >= QFont::Bold) {
                return true;
            }
        }
    }
    return false;
}

void selectWord(QTextEdit* edit, const QString& word)
{
    QTextCursor cursor = edit->document()->find(word);
    REQUIRE_FALSE(cursor.isNull());
    edit->setTextCursor(cursor);
}

QByteArray storedVersion(const QString& html, const QString& title)
{
    QTextDocument document;
    document.setHtml(html);
    auto odt = OdtDraft::encode(document, title);
    REQUIRE_OK(odt);
    return *odt;
}

QString pdfText(const QByteArray& pdf)
{
    std::unique_ptr<Poppler::Document> document = Poppler::Document::loadFromData(pdf);
    REQUIRE(document != nullptr);
    QString text;
    for (int page = 0; page < document->numPages(); ++page) {
        text += document->page(page)->text(QRectF());
    }
    return text.simplified();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

} // namespace

TEST_CASE("Typed text made bold is saved as a version whose ODT reopens the same", "[ui][documents][editor]")
{
    QTemporaryDir folder;
    DraftEditor editor(DraftAutosave(folder.filePath(QStringLiteral("drafts"))));
    editor.resize(1100, 760);
    editor.show();
    editor.newDraft();
    QTest::keyClicks(editor.findChild<QLineEdit*>(QStringLiteral("draftTitle")), QStringLiteral("Memo on nexus"));
    editor.textEdit()->setFocus();
    QTest::keyClicks(editor.textEdit(), QStringLiteral("The client fears return to Honduras."));
    selectWord(editor.textEdit(), QStringLiteral("fears"));
    editor.boldAction()->trigger();
    CHECK(editor.boldAction()->isChecked());
    CHECK(editor.isModified());
    CHECK(editor.statusText().contains(QStringLiteral("Unsaved")));
    saveShot(editor, QStringLiteral("draft-editor.png"));

    QSignalSpy requests(&editor, &DraftEditor::saveVersionRequested);
    editor.setCommentPrompt([] { return std::optional<QString>(QStringLiteral("First full draft")); });
    editor.saveVersionAction()->trigger();
    REQUIRE(requests.size() == 1);
    const auto request = requests.at(0).at(0).value<DraftSaveRequest>();
    CHECK(request.comment == QStringLiteral("First full draft"));
    CHECK(request.title == QStringLiteral("Memo on nexus"));
    CHECK(request.documentId.isNull());
    CHECK(request.autosaveKey == editor.autosaveKey());

    auto reopened = OdtDraft::decode(request.odt);
    REQUIRE_OK(reopened);
    QTextDocument document;
    reopened->applyTo(document);
    CHECK(document.toPlainText() == QStringLiteral("The client fears return to Honduras."));
    CHECK(hasBoldFragment(document, QStringLiteral("fears")));
    CHECK_FALSE(hasBoldFragment(document, QStringLiteral("client")));
    CHECK(reopened->title() == QStringLiteral("Memo on nexus"));

    // The save went through (the lead's check-in answers): no longer modified, the local copy is gone.
    REQUIRE(editor.autosave().contains(request.autosaveKey)); // kept while the check-in is pending
    editor.markSaved(documentNo(41), 1);
    CHECK_FALSE(editor.isModified());
    CHECK(editor.statusText().contains(QStringLiteral("version 1")));
    CHECK_FALSE(editor.autosave().contains(request.autosaveKey));
    CHECK(editor.autosaveKey() == DraftAutosave::keyForDocument(documentNo(41)));
    CHECK(editor.origin().version == 1);

    // Cancelling the comment prompt saves nothing.
    editor.setCommentPrompt([] { return std::optional<QString>(); });
    editor.saveVersionAction()->trigger();
    CHECK(requests.size() == 1);
}

TEST_CASE("A version without a title is refused with a message, and a failed check-in keeps the work", "[ui][documents][editor]")
{
    QTemporaryDir folder;
    DraftEditor editor(DraftAutosave(folder.filePath(QStringLiteral("drafts"))));
    editor.show();
    editor.newDraft();
    QTest::keyClicks(editor.textEdit(), QStringLiteral("Untitled words"));
    QSignalSpy requests(&editor, &DraftEditor::saveVersionRequested);
    CHECK_FALSE(editor.saveVersion(QStringLiteral("c")));
    CHECK(requests.isEmpty());
    CHECK(editor.noticeText().contains(QStringLiteral("title")));

    editor.setTitle(QStringLiteral("Titled"));
    CHECK(editor.saveVersion(QStringLiteral("c")));
    editor.showSaveProblem(QStringLiteral("The server is unreachable."));
    CHECK(editor.noticeText().contains(QStringLiteral("unreachable")));
    CHECK(editor.isModified());
    CHECK(editor.autosave().contains(editor.autosaveKey()));
}

TEST_CASE("Unsaved work is autosaved after a pause and offered back when the document is opened again", "[ui][documents][editor]")
{
    QTemporaryDir folder;
    const QString drafts = folder.filePath(QStringLiteral("drafts"));
    const QByteArray stored = storedVersion(QStringLiteral("<p>Stored text of version two.</p>"), QStringLiteral("Brief"));
    const DraftOrigin origin{documentNo(77), 2, QDateTime::currentDateTimeUtc().addSecs(-3600)};
    QString key;
    {
        DraftEditor editor(DraftAutosave{drafts});
        editor.setAutosaveIntervals(60, 60'000);
        editor.show();
        REQUIRE_OK(editor.openVersion(origin, stored));
        CHECK(editor.recoveryBar()->isHidden());
        key = editor.autosaveKey();
        CHECK(key == DraftAutosave::keyForDocument(documentNo(77)));
        QTextCursor end(editor.document());
        end.movePosition(QTextCursor::End);
        editor.textEdit()->setTextCursor(end);
        editor.textEdit()->setFocus();
        QSignalSpy autosaves(&editor, &DraftEditor::autosaved);
        QTest::keyClicks(editor.textEdit(), QStringLiteral(" Added after lunch."));
        CHECK_FALSE(editor.autosave().contains(key)); // not while typing
        REQUIRE(waitUntil([&] { return !autosaves.isEmpty(); }, 5000));
        auto saved = DraftAutosave(drafts).load(key);
        REQUIRE_OK(saved);
        CHECK(saved->html.contains(QStringLiteral("Added after lunch.")));
        CHECK(saved->baseVersion == 2);
        CHECK(saved->documentId == documentNo(77));
        CHECK(editor.statusText().contains(QStringLiteral("autosaved")));
        // The editor goes away without saving: a crash, as far as the stored version knows.
    }

    DraftEditor reopened(DraftAutosave{drafts});
    reopened.resize(1100, 600);
    reopened.show();
    REQUIRE_OK(reopened.openVersion(origin, stored));
    REQUIRE(reopened.recoveryBar()->isVisibleTo(&reopened));
    CHECK(reopened.document()->toPlainText() == QStringLiteral("Stored text of version two."));
    saveShot(reopened, QStringLiteral("draft-editor-recovery.png"));
    QTest::mouseClick(reopened.recoverButton(), Qt::LeftButton);
    CHECK(reopened.recoveryBar()->isHidden());
    CHECK(reopened.document()->toPlainText() == QStringLiteral("Stored text of version two. Added after lunch."));
    CHECK(reopened.isModified());

    // Opened once more and discarded: the stored text stays, the autosave is gone.
    DraftEditor third(DraftAutosave{drafts});
    REQUIRE_OK(third.openVersion(origin, stored));
    REQUIRE(third.recoveryBar()->isVisibleTo(&third));
    QTest::mouseClick(third.discardRecoveryButton(), Qt::LeftButton);
    CHECK(third.recoveryBar()->isHidden());
    CHECK_FALSE(DraftAutosave(drafts).contains(key));
    CHECK(third.document()->toPlainText() == QStringLiteral("Stored text of version two."));
    CHECK_FALSE(third.isModified());

    // An autosave older than the stored version is not offered.
    AutosavedDraft stale;
    stale.key = key;
    stale.html = QStringLiteral("<p>old</p>");
    stale.savedAt = origin.storedAt.addSecs(-60);
    REQUIRE_OK(DraftAutosave(drafts).save(stale));
    DraftEditor fourth(DraftAutosave{drafts});
    REQUIRE_OK(fourth.openVersion(origin, stored));
    CHECK(fourth.recoveryBar()->isHidden());
}

TEST_CASE("A draft of a never-saved document is recoverable from the autosave list", "[ui][documents][editor]")
{
    QTemporaryDir folder;
    const QString drafts = folder.filePath(QStringLiteral("drafts"));
    {
        DraftEditor editor(DraftAutosave{drafts});
        editor.newDraft(QStringLiteral("Notes to investigator"));
        QTest::keyClicks(editor.textEdit(), QStringLiteral("Visit the school in San Pedro Sula."));
        REQUIRE(editor.autosaveNow());
    }
    const QList<AutosavedDraft> found = DraftAutosave(drafts).list();
    REQUIRE(found.size() == 1);
    CHECK(found[0].documentId.isNull());
    DraftEditor editor(DraftAutosave{drafts});
    editor.restoreAutosaved(found[0]);
    CHECK(editor.title() == QStringLiteral("Notes to investigator"));
    CHECK(editor.document()->toPlainText() == QStringLiteral("Visit the school in San Pedro Sula."));
    CHECK(editor.isModified());
    CHECK(editor.autosaveKey() == found[0].key);
}

TEST_CASE("Export to PDF carries the typed words, export to ODT reopens", "[ui][documents][editor]")
{
    QTemporaryDir folder;
    DraftEditor editor(DraftAutosave(folder.filePath(QStringLiteral("drafts"))));
    editor.newDraft(QStringLiteral("Declaration outline"));
    editor.applyHeadingLevel(1);
    QTest::keyClicks(editor.textEdit(), QStringLiteral("Declaration outline"));
    QTest::keyClick(editor.textEdit(), Qt::Key_Return);
    editor.applyHeadingLevel(0);
    QTest::keyClicks(editor.textEdit(), QStringLiteral("Persecution on account of political opinion."));

    const QString pdfPath = folder.filePath(QStringLiteral("direct.pdf"));
    REQUIRE_OK(editor.exportPdf(pdfPath));
    QFile::remove(QDir::temp().filePath(QStringLiteral("ocms-shots/draft-export.pdf")));
    QFile::copy(pdfPath, QDir::temp().filePath(QStringLiteral("ocms-shots/draft-export.pdf"))); // to look at
    const QString text = pdfText(readFile(pdfPath));
    CHECK(text.contains(QStringLiteral("Declaration outline")));
    CHECK(text.contains(QStringLiteral("Persecution on account of political opinion.")));

    // Through the toolbar with the file dialog answered: the extension is added when missing.
    QStringList captions;
    editor.setPathPrompt([&](const QString& caption, const QString&, const QString&) {
        captions << caption;
        return folder.filePath(caption.contains(QStringLiteral("PDF")) ? QStringLiteral("chosen")
                                                                       : QStringLiteral("chosen-odt"));
    });
    editor.exportPdfInteractive();
    CHECK(pdfText(readFile(folder.filePath(QStringLiteral("chosen.pdf")))).contains(QStringLiteral("political opinion")));
    editor.exportOdtInteractive();
    auto odt = OdtDraft::decode(readFile(folder.filePath(QStringLiteral("chosen-odt.odt"))));
    REQUIRE_OK(odt);
    CHECK(odt->plainText() == editor.document()->toPlainText());
    CHECK(captions.size() == 2);
    CHECK(editor.noticeText().contains(QStringLiteral("Exported")));

    // A folder that cannot be written gets a message, not a crash.
    const auto refused = editor.exportPdf(folder.filePath(QStringLiteral("missing/sub/x.pdf")));
    REQUIRE_FALSE(refused.has_value());
    CHECK_FALSE(refused.error().userMessage.isEmpty());
}

TEST_CASE("Paragraph styles and lists apply to the paragraph under the cursor", "[ui][documents][editor]")
{
    QTemporaryDir folder;
    DraftEditor editor(DraftAutosave(folder.filePath(QStringLiteral("drafts"))));
    editor.show();
    editor.newDraft(QStringLiteral("Styles"));
    QTest::keyClicks(editor.textEdit(), QStringLiteral("Argument"));
    editor.applyHeadingLevel(2);
    CHECK(editor.textEdit()->textCursor().blockFormat().headingLevel() == 2);
    CHECK(editor.styleCombo()->currentText() == QStringLiteral("Heading 2"));
    editor.applyHeadingLevel(0);
    CHECK(editor.textEdit()->textCursor().blockFormat().headingLevel() == 0);

    editor.numberedListAction()->trigger();
    REQUIRE(editor.textEdit()->textCursor().currentList() != nullptr);
    CHECK(editor.textEdit()->textCursor().currentList()->format().style() == QTextListFormat::ListDecimal);
    CHECK(editor.numberedListAction()->isChecked());
    editor.bulletListAction()->trigger();
    CHECK(editor.textEdit()->textCursor().currentList()->format().style() == QTextListFormat::ListDisc);
    editor.bulletListAction()->trigger();
    CHECK(editor.textEdit()->textCursor().currentList() == nullptr);
    CHECK_FALSE(editor.bulletListAction()->isChecked());
}

TEST_CASE("Read only while checked out by someone else: says who, refuses edits and saves", "[ui][documents][editor]")
{
    QTemporaryDir folder;
    DraftEditor editor(DraftAutosave(folder.filePath(QStringLiteral("drafts"))));
    editor.resize(1100, 500);
    editor.show();
    REQUIRE_OK(editor.openVersion(DraftOrigin{documentNo(5), 4, QDateTime::currentDateTimeUtc()},
                                  storedVersion(QStringLiteral("<p>Locked text.</p>"), QStringLiteral("Brief"))));
    editor.setReadOnly(true, QStringLiteral("checked out by Maria Lopez since 10:14"));
    CHECK(editor.textEdit()->isReadOnly());
    CHECK_FALSE(editor.saveVersionAction()->isEnabled());
    CHECK_FALSE(editor.boldAction()->isEnabled());
    const auto* bar = editor.findChild<QLabel*>(QStringLiteral("readOnlyBar"));
    REQUIRE(bar != nullptr);
    CHECK(bar->isVisibleTo(&editor));
    CHECK(bar->text().contains(QStringLiteral("Maria Lopez")));
    editor.textEdit()->setFocus();
    QTest::keyClicks(editor.textEdit(), QStringLiteral("sneaky"));
    CHECK(editor.document()->toPlainText() == QStringLiteral("Locked text."));
    CHECK_FALSE(editor.saveVersion(QStringLiteral("x")));
    CHECK(editor.statusText().contains(QStringLiteral("Read only")));
    saveShot(editor, QStringLiteral("draft-editor-readonly.png"));

    editor.setReadOnly(false);
    CHECK_FALSE(editor.textEdit()->isReadOnly());
    CHECK(editor.saveVersionAction()->isEnabled());
    CHECK(bar->isHidden());
}

TEST_CASE("Opening bytes that are not an ODT reports the problem and keeps the current text", "[ui][documents][editor]")
{
    QTemporaryDir folder;
    DraftEditor editor(DraftAutosave(folder.filePath(QStringLiteral("drafts"))));
    editor.newDraft(QStringLiteral("Keep"));
    QTest::keyClicks(editor.textEdit(), QStringLiteral("Work in progress"));
    const auto opened = editor.openVersion(DraftOrigin{documentNo(1), 1, {}}, QByteArray("not a zip at all"));
    REQUIRE_FALSE(opened.has_value());
    CHECK(opened.error().userMessage.contains(QStringLiteral("ODT")));
    CHECK(editor.document()->toPlainText() == QStringLiteral("Work in progress"));
}

TEST_CASE("Closing the editor keeps edits made since the last autosave, unless the user discards them", "[ui][documents][editor]")
{
    QTemporaryDir folder;
    const QString drafts = folder.filePath(QStringLiteral("drafts"));
    QString key;
    {
        DraftEditor editor(DraftAutosave{drafts});
        editor.setAutosaveIntervals(60'000, 60'000);
        editor.newDraft(QStringLiteral("Closing"));
        QTest::keyClicks(editor.textEdit(), QStringLiteral("Typed just before closing"));
        key = editor.autosaveKey();
        CHECK_FALSE(editor.autosave().contains(key));
    }
    auto kept = DraftAutosave(drafts).load(key);
    REQUIRE_OK(kept);
    CHECK(kept->html.contains(QStringLiteral("Typed just before closing")));

    {
        DraftEditor editor(DraftAutosave{drafts});
        editor.restoreAutosaved(*kept);
        QTest::keyClicks(editor.textEdit(), QStringLiteral(" more"));
        editor.discardUnsavedWork();
        CHECK_FALSE(editor.isModified());
    }
    CHECK_FALSE(DraftAutosave(drafts).contains(key));
}

TEST_CASE("The print preview lays the draft out on Letter pages", "[ui][documents][editor]")
{
    QTemporaryDir folder;
    DraftEditor editor(DraftAutosave(folder.filePath(QStringLiteral("drafts"))));
    editor.newDraft(QStringLiteral("Long brief"));
    QString text;
    for (int i = 0; i < 120; ++i) {
        text += QStringLiteral("<p>Paragraph %1 of the argument on particular social group membership.</p>").arg(i);
    }
    editor.document()->setHtml(text);
    QPointer<QPrintPreviewDialog> preview = editor.createPrintPreview();
    preview->show();
    auto* pages = preview->findChild<QPrintPreviewWidget*>();
    REQUIRE(pages != nullptr);
    REQUIRE(waitUntil([&] { return pages->pageCount() > 0; }, 5000));
    CHECK(pages->pageCount() >= 3);
    const QPageLayout layout = preview->printer()->pageLayout();
    CHECK(layout.pageSize().id() == QPageSize::Letter);
    preview->close();
    REQUIRE(waitUntil([&] { return preview.isNull(); }, 5000));
}

TEST_CASE("Edits typed while a check-in is under way stay unsaved after it succeeds", "[ui][documents][editor]")
{
    QTemporaryDir folder;
    DraftEditor editor(DraftAutosave(folder.filePath(QStringLiteral("drafts"))));
    editor.setAutosaveIntervals(60'000, 60'000);
    editor.newDraft(QStringLiteral("Race"));
    QTest::keyClicks(editor.textEdit(), QStringLiteral("Saved part."));
    QSignalSpy requests(&editor, &DraftEditor::saveVersionRequested);
    REQUIRE(editor.saveVersion(QStringLiteral("first")));
    QTest::keyClicks(editor.textEdit(), QStringLiteral(" Typed while saving."));
    editor.markSaved(documentNo(8), 1);
    CHECK(editor.isModified());
    CHECK(editor.autosaveKey() == DraftAutosave::keyForDocument(documentNo(8)));
    REQUIRE(editor.autosaveNow());
    auto kept = editor.autosave().load(editor.autosaveKey());
    REQUIRE_OK(kept);
    CHECK(kept->html.contains(QStringLiteral("Typed while saving.")));
    CHECK(kept->baseVersion == 1);
    CHECK(editor.autosave().list().size() == 1); // the new-draft copy is gone
}
