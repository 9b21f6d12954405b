// The PDF viewer offscreen, without a database: open a generated PDF, find text (hit count, next and
// previous, the page follows), go to a page, zoom and rotate, copy a selection, print, and bad files
// (empty, random bytes, truncated, encrypted) each showing their message with the viewer still usable.
#include "documents/pdfrenderqueue.h"
#include "documents/pdfsource.h"
#include "eventwait.h"
#include "pdffixtures.h"
#include "pdfpageview.h"
#include "pdfviewer.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QListView>
#include <QMouseEvent>
#include <QPrinter>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <poppler-qt6.h>

#include "catchqt.h"

using namespace ocms;
using ocms::test::waitUntil;

namespace {

QString shotPath(const QString& name)
{
    QDir shots(QDir::temp().filePath(QStringLiteral("ocms-shots")));
    shots.mkpath(QStringLiteral("."));
    return shots.filePath(name);
}

bool waitForPainted(PdfViewer& viewer, int page)
{
    bool painted = false;
    const auto connection = QObject::connect(&viewer, &PdfViewer::pagePainted, [&](int p) { painted = painted || p == page; });
    viewer.pageView()->viewport()->update();
    const bool ok = waitUntil([&] { return painted; });
    QObject::disconnect(connection);
    return ok;
}

bool waitForSearch(PdfViewer& viewer)
{
    return waitUntil([&] { return !viewer.isSearching(); });
}

void sendMouse(QWidget* target, QEvent::Type type, QPoint at, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, QPointF(at), target->mapToGlobal(QPointF(at)), Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(target, &event);
}

} // namespace

TEST_CASE("The viewer opens a PDF, finds text with hits to step through and goes to pages", "[ui][viewer]")
{
    const int pages = 12;
    PdfViewer viewer;
    viewer.resize(1100, 800);
    viewer.show();
    REQUIRE_OK(viewer.loadData(test::textPdf(pages), QStringLiteral("record.pdf")));
    CHECK(viewer.pageCount() == pages);
    CHECK(viewer.currentPage() == 0);
    CHECK(viewer.errorMessage().isEmpty());
    REQUIRE(waitForPainted(viewer, 0));
    auto* pageBox = viewer.findChild<QSpinBox*>(QStringLiteral("pageNumber"));
    REQUIRE(pageBox != nullptr);
    CHECK(pageBox->value() == 1);

    viewer.find(QStringLiteral("Asylum"));
    REQUIRE(waitForSearch(viewer));
    const int expected = test::textPdfAsylumCount(pages);
    CHECK(viewer.hitCount() == expected);
    CHECK(viewer.currentHitIndex() == 0);
    CHECK(viewer.hitCountText() == QStringLiteral("1 of %1").arg(expected));
    viewer.findNext();
    CHECK(viewer.currentHitIndex() == 1);
    CHECK(viewer.hitCountText() == QStringLiteral("2 of %1").arg(expected));
    viewer.findPrevious();
    viewer.findPrevious(); // wraps to the last hit, on the last page
    CHECK(viewer.currentHitIndex() == expected - 1);
    CHECK(viewer.currentPage() == pages - 1);
    CHECK(pageBox->value() == pages);
    REQUIRE(waitForPainted(viewer, pages - 1));
    CHECK(viewer.grab().save(shotPath(QStringLiteral("pdfviewer-find.png"))));

    // Going to a page by the box, by the API and by the keyboard.
    pageBox->setValue(5);
    CHECK(viewer.currentPage() == 4);
    viewer.goToPage(7);
    CHECK(viewer.currentPage() == 7);
    CHECK(pageBox->value() == 8);
    viewer.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&viewer));
    viewer.pageView()->setFocus();
    QTest::keyClick(viewer.pageView(), Qt::Key_PageDown);
    CHECK(viewer.currentPage() == 8);
    QTest::keyClick(viewer.pageView(), Qt::Key_PageUp);
    QTest::keyClick(viewer.pageView(), Qt::Key_PageUp);
    CHECK(viewer.currentPage() == 6);
    QTest::keyClick(viewer.pageView(), Qt::Key_End);
    CHECK(viewer.currentPage() == pages - 1);
    QTest::keyClick(viewer.pageView(), Qt::Key_Home);
    CHECK(viewer.currentPage() == 0);
    // F3 steps to the next hit from the keyboard; Ctrl+F puts the cursor in the find field.
    QTest::keyClick(viewer.pageView(), Qt::Key_F3);
    CHECK(viewer.currentHitIndex() == 0);
    QTest::keyClick(viewer.pageView(), Qt::Key_F, Qt::ControlModifier);
    CHECK(viewer.findChild<QLineEdit*>(QStringLiteral("find"))->hasFocus());

    // A scroll by the reader moves the current page with it.
    viewer.goToPage(0);
    auto* bar = viewer.pageView()->verticalScrollBar();
    bar->setValue(viewer.pageView()->pageLayout().pageRect(3).top());
    CHECK(viewer.currentPage() == 3);

    // Searching for nothing there says so.
    viewer.find(QStringLiteral("extradition"));
    REQUIRE(waitForSearch(viewer));
    CHECK(viewer.hitCount() == 0);
    CHECK(viewer.hitCountText() == QStringLiteral("No matches"));
}

TEST_CASE("A search result opens the PDF at its page with the term highlighted", "[ui][viewer]")
{
    PdfViewer viewer;
    viewer.resize(1000, 700);
    viewer.show();
    REQUIRE_OK(viewer.loadData(test::textPdf(8), QStringLiteral("record.pdf")));
    viewer.openAt(5, QStringLiteral("asylum"));
    CHECK(viewer.currentPage() == 5);
    REQUIRE(waitForSearch(viewer));
    REQUIRE(viewer.currentHitIndex() >= 0);
    // The current hit is the first one on page 6: every hit before it is on an earlier page.
    CHECK(viewer.currentPage() == 5);
    CHECK(viewer.hitCount() == test::textPdfAsylumCount(8));
    viewer.findPrevious();
    CHECK(viewer.currentPage() == 4);
}

TEST_CASE("A long PDF with a page of another size is laid out right once its pages are read", "[ui][viewer]")
{
    QList<QSizeF> sizes(PdfSource::kPagesMeasuredOnOpen + 36, QSizeF(612, 792));
    sizes[70] = QSizeF(842, 595);
    PdfViewer viewer;
    viewer.resize(900, 700);
    viewer.show();
    REQUIRE_OK(viewer.loadData(test::pagesOfSizes(sizes), QStringLiteral("binder.pdf")));
    viewer.setZoom(1.0);
    viewer.goToPage(69);
    // At first page 71 is taken to be upright like the first page; the scan after the first paint corrects it.
    REQUIRE(waitUntil([&] {
        const QRect page = viewer.pageView()->pageLayout().pageRect(70);
        return page.width() > page.height();
    }));
    CHECK(viewer.pageView()->pageLayout().pageRect(70).width() == 1123); // 842 pt at 96/72 px per point
    CHECK(viewer.currentPage() == 69); // the reader's place is kept
}

TEST_CASE("Zoom, fit and rotation change the page layout", "[ui][viewer]")
{
    PdfViewer viewer;
    viewer.resize(1000, 700);
    viewer.show();
    REQUIRE_OK(viewer.loadData(test::textPdf(3), QStringLiteral("memo.pdf")));
    PdfPageView* view = viewer.pageView();
    viewer.setZoom(2.0);
    CHECK(viewer.zoomMode() == PdfViewer::ZoomMode::Custom);
    CHECK(viewer.findChild<QComboBox*>(QStringLiteral("zoom"))->currentText() == QStringLiteral("200%"));
    CHECK(view->pageLayout().pageRect(0).width() == 1632); // 612 pt at 96/72 px per point, doubled
    viewer.zoomIn();
    CHECK(std::abs(viewer.zoom() - 3.0) < 1e-9);
    viewer.zoomOut();
    viewer.zoomOut();
    CHECK(std::abs(viewer.zoom() - 1.5) < 1e-9);
    // The same from the keyboard: Ctrl+minus and Ctrl+plus.
    viewer.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&viewer));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Minus, Qt::ControlModifier);
    CHECK(std::abs(viewer.zoom() - 1.25) < 1e-9);
    QTest::keyClick(view, Qt::Key_Plus, Qt::ControlModifier);
    CHECK(std::abs(viewer.zoom() - 1.5) < 1e-9);

    viewer.fitPage();
    const QRect fitted = view->pageLayout().pageRect(0);
    CHECK(fitted.height() <= view->viewport()->height());
    CHECK(fitted.height() >= view->viewport()->height() - 2 * view->pageLayout().gap() - 2);
    viewer.fitWidth();
    CHECK(std::abs(view->pageLayout().pageRect(0).width() - (view->viewport()->width() - 2 * view->pageLayout().gap())) <= 1);

    viewer.setZoom(1.0);
    viewer.rotateRight();
    CHECK(viewer.rotationDegrees() == 90);
    CHECK(view->pageLayout().pageRect(0).width() == 1056); // 792 pt across
    CHECK(view->pageLayout().pageRect(0).height() == 816);
    REQUIRE(waitForPainted(viewer, 0));
    CHECK(viewer.grab().save(shotPath(QStringLiteral("pdfviewer-rotated.png"))));
    viewer.rotateLeft();
    viewer.rotateLeft();
    CHECK(viewer.rotationDegrees() == 270);

    viewer.setThumbnailsVisible(true);
    CHECK(viewer.thumbnailsVisible());
    auto* thumbnails = viewer.findChild<QListView*>(QStringLiteral("thumbnails"));
    REQUIRE(thumbnails != nullptr);
    CHECK(thumbnails->model()->rowCount() == 3);
    // Thumbnails arrive from the workers: the white placeholder turns into a picture of the page's text.
    viewer.rotateRight(); // back upright
    const auto hasInk = [](const QImage& image) {
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                if (image.pixelColor(x, y) != QColor(Qt::white)) {
                    return true;
                }
            }
        }
        return false;
    };
    QImage thumbnail;
    REQUIRE(waitUntil([&] {
        thumbnail = thumbnails->model()->index(0, 0).data(Qt::DecorationRole).value<QImage>();
        return hasInk(thumbnail);
    }));
    CHECK(thumbnail.width() == 96);
    CHECK(thumbnail.height() > thumbnail.width());
}

TEST_CASE("A selection with the mouse puts the page's text on the clipboard", "[ui][viewer]")
{
    PdfViewer viewer;
    viewer.resize(1000, 800);
    viewer.show();
    REQUIRE_OK(viewer.loadData(test::textPdf(2, QStringLiteral("Memorandum for the file")), QStringLiteral("memo.pdf")));
    viewer.setZoom(1.0);
    QApplication::clipboard()->clear();
    PdfPageView* view = viewer.pageView();
    const QRect page = view->pageRectInViewport(0);
    // Drag over the top of the first page: the title line and the first paragraphs.
    const QPoint from = page.topLeft() + QPoint(40, 40);
    const QPoint to = page.topLeft() + QPoint(page.width() - 40, 260);
    sendMouse(view->viewport(), QEvent::MouseButtonPress, from, Qt::LeftButton);
    sendMouse(view->viewport(), QEvent::MouseMove, (from + to) / 2, Qt::LeftButton);
    sendMouse(view->viewport(), QEvent::MouseMove, to, Qt::LeftButton);
    sendMouse(view->viewport(), QEvent::MouseButtonRelease, to, Qt::NoButton);
    CHECK(viewer.selectedText().contains(QStringLiteral("Memorandum for the file")));
    CHECK_FALSE(viewer.selectedText().contains(QStringLiteral("Paragraph 20 ")));
    viewer.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&viewer));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    CHECK(QApplication::clipboard()->text().contains(QStringLiteral("Memorandum for the file")));
    CHECK(QApplication::clipboard()->text() == viewer.selectedText());
    CHECK(viewer.grab().save(shotPath(QStringLiteral("pdfviewer-selection.png"))));

    // The same area selected from code, on a rotated page, reads the same text.
    viewer.rotateRight();
    view->selectArea(0, QRectF(0, 0, 612, 120));
    CHECK(viewer.selectedText().contains(QStringLiteral("Memorandum for the file")));
}

TEST_CASE("Bad files show their message and the viewer stays usable", "[ui][viewer]")
{
    PdfViewer viewer;
    viewer.resize(900, 700);
    viewer.show();
    const QByteArray good = test::textPdf(4);
    QByteArray noise(4096, Qt::Uninitialized);
    QRandomGenerator random(3);
    for (char& byte : noise) {
        byte = char(random.bounded(256));
    }
    noise.replace("%PDF-", "xxxxx");

    struct Case
    {
        const char* name;
        QByteArray bytes;
        QString words;
    };
    const QList<Case> cases = {
        {"zero bytes", QByteArray(), QStringLiteral("empty")},
        {"random bytes", noise, QStringLiteral("not a PDF")},
        {"truncated", good.left(300), QStringLiteral("damaged or incomplete")},
        {"header then noise", QByteArray("%PDF-1.5\n") + noise, QStringLiteral("damaged or incomplete")},
    };
    for (const Case& bad : cases) {
        INFO(bad.name);
        QSignalSpy failed(&viewer, &PdfViewer::loadFailed);
        const Result<void> outcome = viewer.loadData(bad.bytes, QStringLiteral("upload.pdf"));
        REQUIRE_FALSE(outcome.has_value());
        CHECK(viewer.errorMessage().contains(bad.words));
        CHECK(failed.size() == 1);
        CHECK(viewer.pageCount() == 0);
        CHECK(viewer.currentPage() == -1);
        CHECK_FALSE(viewer.isPasswordRequested());
        // Everything on the toolbar is harmless with nothing open.
        viewer.goToPage(3);
        viewer.nextPage();
        viewer.find(QStringLiteral("asylum"));
        viewer.findNext();
        viewer.zoomIn();
        viewer.rotateRight();
        viewer.fitPage();
        CHECK(viewer.hitCount() == 0);
        // And the next good document opens.
        REQUIRE_OK(viewer.loadData(good, QStringLiteral("good.pdf")));
        CHECK(viewer.pageCount() == 4);
        CHECK(viewer.errorMessage().isEmpty());
    }
    CHECK_FALSE(viewer.loadData(QByteArray(), QStringLiteral("upload.pdf")).has_value());
    CHECK(viewer.grab().save(shotPath(QStringLiteral("pdfviewer-empty.png"))));

    // A file that is not there.
    QTemporaryDir directory;
    CHECK_FALSE(viewer.loadFile(directory.filePath(QStringLiteral("absent.pdf"))).has_value());
    CHECK(viewer.errorMessage().contains(QStringLiteral("could not be opened")));
}

TEST_CASE("An encrypted PDF asks for the password in the viewer and opens with it", "[ui][viewer]")
{
    const QByteArray locked = test::encryptedPdf(test::textPdf(3), QStringLiteral("sesame"), QStringLiteral("owner"));
    REQUIRE_FALSE(locked.isEmpty());
    PdfViewer viewer;
    viewer.resize(900, 600);
    viewer.show();
    QSignalSpy asked(&viewer, &PdfViewer::passwordRequired);
    CHECK_FALSE(viewer.loadData(locked, QStringLiteral("sealed.pdf")).has_value());
    CHECK(asked.size() == 1);
    CHECK(viewer.isPasswordRequested());
    CHECK(viewer.errorMessage().contains(QStringLiteral("protected by a password")));
    CHECK(viewer.grab().save(shotPath(QStringLiteral("pdfviewer-password.png"))));

    auto* field = viewer.findChild<QLineEdit*>(QStringLiteral("pdfPassword"));
    auto* open = viewer.findChild<QPushButton*>(QStringLiteral("openWithPassword"));
    REQUIRE(field != nullptr);
    REQUIRE(open != nullptr);
    field->setText(QStringLiteral("wrong"));
    open->click();
    CHECK(viewer.isPasswordRequested());
    CHECK(viewer.errorMessage().contains(QStringLiteral("not correct")));
    CHECK(viewer.pageCount() == 0);

    field->setText(QStringLiteral("sesame"));
    QTest::keyClick(field, Qt::Key_Return);
    CHECK_FALSE(viewer.isPasswordRequested());
    CHECK(viewer.errorMessage().isEmpty());
    CHECK(viewer.pageCount() == 3);
    REQUIRE(waitForPainted(viewer, 0));
}

TEST_CASE("A PDF cut off halfway gives its message, and printing writes every page", "[ui][viewer]")
{
    PdfViewer viewer;
    viewer.resize(900, 600);
    viewer.show();
    const QByteArray whole = test::textPdf(10);
    CHECK_FALSE(viewer.loadData(whole.left(whole.size() / 2), QStringLiteral("cut.pdf")).has_value());
    CHECK(viewer.errorMessage().contains(QStringLiteral("damaged or incomplete")));

    REQUIRE_OK(viewer.loadData(test::textPdf(3), QStringLiteral("memo.pdf")));
    QTemporaryDir directory;
    const QString out = directory.filePath(QStringLiteral("printed.pdf"));
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(out);
    printer.setResolution(150);
    viewer.printTo(&printer);
    auto printed = Poppler::Document::load(out);
    REQUIRE(printed != nullptr);
    CHECK(printed->numPages() == 3);

    // A page range prints only those pages.
    const QString range = directory.filePath(QStringLiteral("range.pdf"));
    QPrinter rangePrinter(QPrinter::HighResolution);
    rangePrinter.setOutputFormat(QPrinter::PdfFormat);
    rangePrinter.setOutputFileName(range);
    rangePrinter.setResolution(100);
    rangePrinter.setPrintRange(QPrinter::PageRange);
    rangePrinter.setFromTo(2, 3);
    viewer.printTo(&rangePrinter);
    auto rangePrinted = Poppler::Document::load(range);
    REQUIRE(rangePrinted != nullptr);
    CHECK(rangePrinted->numPages() == 2);
}
