// Marking areas for redaction on the PDF viewer, offscreen and without a database: the "Mark for redaction"
// tool, a drag with the mouse over a word at 150 % on a page turned a quarter, the mark in PDF points over
// that word, the copy made from it black there and nowhere else; picking a mark and deleting it, marking a
// text selection, clearing, and marks dropped with their document.
#include "documents/pdftextsearch.h"
#include "documents/redactor.h"
#include "documents/simplepdfwriter.h"
#include "eventwait.h"
#include "pdfpageview.h"
#include "pdfviewer.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include <poppler-qt6.h>

#include "catchqt.h"

using namespace ocms;
using ocms::test::waitUntil;

namespace {

// Synthetic names only.
QByteArray statementPdf()
{
    SimplePdfWriter writer(QStringLiteral("Statement of the respondent"));
    writer.addParagraph(QStringLiteral("Respondent Marisol Quintanilla appeared with counsel."));
    writer.addParagraph(QStringLiteral("The witness Okonkwo described the journey north."));
    for (int i = 0; i < 10; ++i) {
        writer.addParagraph(QStringLiteral("Paragraph %1 about the hearing schedule.").arg(i));
    }
    return writer.toPdf();
}

QRectF wordBox(const QByteArray& pdf, const QString& word)
{
    const auto document = Poppler::Document::loadFromData(pdf);
    REQUIRE(document != nullptr);
    const QList<PdfSearchHit> hits = PdfTextSearch::findOnPage(*document, 0, word);
    REQUIRE(hits.size() == 1);
    return hits.first().rect;
}

// Where page points are on the page view's viewport, at its current zoom, rotation and scroll position.
QRectF onViewport(const PdfPageView& view, int page, const QRectF& points)
{
    const QPoint shift = view.pageRectInViewport(page).topLeft() - view.pageLayout().pageRect(page).topLeft();
    return view.pageLayout().toColumn(page, points).translated(shift);
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

void drag(QWidget* target, QPoint from, QPoint to)
{
    QTest::mousePress(target, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(target, (from + to) / 2);
    QTest::mouseMove(target, to);
    QTest::mouseRelease(target, Qt::LeftButton, Qt::NoModifier, to);
}

// Share of dark pixels inside a rectangle given in points of a page rendered at dpi.
double darkShare(const QImage& image, const QRectF& points, double dpi)
{
    const QRect pixels = QRectF(points.topLeft() * dpi / 72, points.bottomRight() * dpi / 72).toAlignedRect() & image.rect();
    int dark = 0;
    for (int y = pixels.top(); y <= pixels.bottom(); ++y) {
        for (int x = pixels.left(); x <= pixels.right(); ++x) {
            dark += qGray(image.pixel(x, y)) < 40 ? 1 : 0;
        }
    }
    return double(dark) / double(pixels.width() * pixels.height());
}

QString shotPath(const QString& name)
{
    QDir shots(QDir::temp().filePath(QStringLiteral("ocms-shots")));
    shots.mkpath(QStringLiteral("."));
    return shots.filePath(name);
}

} // namespace

TEST_CASE("An area dragged over a word on a zoomed, turned page is marked in PDF points and burnt into the copy",
          "[ui][viewer][redact]")
{
    const QByteArray pdf = statementPdf();
    const QRectF secret = wordBox(pdf, QStringLiteral("Quintanilla"));
    const QRectF unmarked = wordBox(pdf, QStringLiteral("Okonkwo"));

    PdfViewer viewer;
    viewer.resize(1400, 900);
    viewer.show();
    REQUIRE_OK(viewer.loadData(pdf, QStringLiteral("statement.pdf")));
    viewer.setZoom(1.5);
    viewer.rotateRight();
    PdfPageView* view = viewer.pageView();
    QWidget* pages = view->viewport();
    view->scrollToHit({0, secret});
    REQUIRE(waitForPainted(viewer, 0));

    auto* tool = viewer.findChild<QToolButton*>(QStringLiteral("markForRedaction"));
    auto* clear = viewer.findChild<QToolButton*>(QStringLiteral("clearRedactionMarks"));
    REQUIRE(tool != nullptr);
    REQUIRE(clear != nullptr);
    CHECK_FALSE(clear->isEnabled()); // nothing marked yet
    QTest::mouseClick(tool, Qt::LeftButton);
    CHECK(viewer.isMarkingForRedaction());
    CHECK(tool->isChecked());

    // The word runs down the turned page; drag from just above-left of it to just below-right.
    const QRectF seen = onViewport(*view, 0, secret);
    REQUIRE(seen.height() > seen.width());
    REQUIRE(pages->rect().contains(seen.toAlignedRect()));
    QSignalSpy changed(&viewer, &PdfViewer::redactionMarksChanged);
    drag(pages, seen.topLeft().toPoint() - QPoint(6, 6), seen.bottomRight().toPoint() + QPoint(6, 6));
    REQUIRE(changed.size() == 1);
    CHECK(changed.first().first().toInt() == 1);
    const QList<Redactor::Box> marks = viewer.redactionMarks();
    REQUIRE(marks.size() == 1);
    const Redactor::Box mark = marks.first();
    INFO("mark " << mark.rect.x() << ',' << mark.rect.y() << ' ' << mark.rect.width() << 'x' << mark.rect.height()
                 << " word " << secret.x() << ',' << secret.y() << ' ' << secret.width() << 'x' << secret.height());
    CHECK(mark.pageIndex == 0);
    CHECK(mark.rect.contains(secret));                          // in points of the upright page: the word is covered
    CHECK(mark.rect.width() < secret.width() + 10);             // 6 px at 2 px per point each side, and no more
    CHECK(mark.rect.height() < secret.height() + 10);
    CHECK_FALSE(mark.rect.intersects(unmarked));
    CHECK(clear->isEnabled());
    CHECK(clear->text().contains(QStringLiteral("(1)")));

    // On screen the word is under a dark box; the page's margin on the same line stays white.
    QImage screen = pages->grab().toImage();
    CHECK(qGray(screen.pixel(seen.center().toPoint())) < 140);
    const QPoint margin = onViewport(*view, 0, QRectF(20, secret.center().y(), 1, 1)).center().toPoint();
    REQUIRE(pages->rect().contains(margin));
    CHECK(qGray(screen.pixel(margin)) > 240);
    // At another zoom the mark is still painted over the same word.
    viewer.setZoom(2.0);
    view->scrollToHit({0, secret});
    REQUIRE(waitForPainted(viewer, 0));
    const QRectF seenAt200 = onViewport(*view, 0, secret);
    screen = pages->grab().toImage();
    CHECK(qGray(screen.pixel(seenAt200.center().toPoint())) < 140);
    CHECK(viewer.redactionMarks().first().rect == mark.rect);
    CHECK(viewer.grab().save(shotPath(QStringLiteral("pdfviewer-redaction-marks.png"))));

    // The copy: no text layer, black inside the mark, the unmarked word still printed there.
    const auto redacted = Redactor().redact(pdf, viewer.redactionMarks());
    REQUIRE_OK(redacted);
    const auto copy = Poppler::Document::loadFromData(*redacted);
    REQUIRE(copy != nullptr);
    CHECK(copy->page(0)->text(QRectF()).trimmed().isEmpty());
    const double dpi = 100;
    const QImage page = copy->page(0)->renderToImage(dpi, dpi);
    CHECK(darkShare(page, secret, dpi) > 0.99);
    CHECK(darkShare(page, mark.rect.adjusted(1, 1, -1, -1), dpi) > 0.99);
    const double ink = darkShare(page, unmarked, dpi);
    CHECK(ink > 0.02); // letters...
    CHECK(ink < 0.6);  // ...not a box
}

TEST_CASE("A mark is picked with a click and deleted, a text selection becomes marks, marks are cleared",
          "[ui][viewer][redact]")
{
    const QByteArray pdf = statementPdf();
    const QRectF secret = wordBox(pdf, QStringLiteral("Quintanilla"));
    PdfViewer viewer;
    viewer.resize(1400, 900);
    viewer.show();
    REQUIRE_OK(viewer.loadData(pdf, QStringLiteral("statement.pdf")));
    viewer.setZoom(1.25);
    PdfPageView* view = viewer.pageView();
    QWidget* pages = view->viewport();
    REQUIRE(waitForPainted(viewer, 0));
    QSignalSpy changed(&viewer, &PdfViewer::redactionMarksChanged);

    viewer.setMarkingForRedaction(true);
    const QRectF seen = onViewport(*view, 0, secret);
    drag(pages, seen.topLeft().toPoint() - QPoint(3, 3), seen.bottomRight().toPoint() + QPoint(3, 3));
    const QRectF elsewhere = onViewport(*view, 0, QRectF(300, 500, 100, 40));
    drag(pages, elsewhere.topLeft().toPoint(), elsewhere.bottomRight().toPoint());
    REQUIRE(viewer.redactionMarks().size() == 2);
    // A tiny drag is a click: no new mark.
    drag(pages, QPoint(seen.left() - 40, seen.top() + 40), QPoint(seen.left() - 39, seen.top() + 41));
    CHECK(viewer.redactionMarks().size() == 2);

    // Click on the first mark, Delete: only the other one is left.
    QTest::mouseClick(pages, Qt::LeftButton, Qt::NoModifier, seen.center().toPoint());
    CHECK(view->selectedRedactionMark() == 0);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Delete);
    REQUIRE(viewer.redactionMarks().size() == 1);
    CHECK_FALSE(viewer.redactionMarks().first().rect.intersects(secret));
    CHECK(view->selectedRedactionMark() == -1);
    // Escape ends marking.
    QTest::keyClick(view, Qt::Key_Escape);
    CHECK_FALSE(viewer.isMarkingForRedaction());
    CHECK_FALSE(viewer.findChild<QToolButton*>(QStringLiteral("markForRedaction"))->isChecked());

    // With marking off a drag selects text; the selection then becomes marks over its words.
    drag(pages, seen.topLeft().toPoint() - QPoint(2, 2), seen.bottomRight().toPoint() + QPoint(2, 2));
    CHECK(viewer.selectedText().contains(QStringLiteral("Quintanilla")));
    CHECK(viewer.redactionMarks().size() == 1);
    CHECK(viewer.markSelectionForRedaction() == 1);
    REQUIRE(viewer.redactionMarks().size() == 2);
    CHECK(viewer.redactionMarks().last().rect.contains(secret));
    CHECK(viewer.selectedText().isEmpty());

    QTest::mouseClick(viewer.findChild<QToolButton*>(QStringLiteral("clearRedactionMarks")), Qt::LeftButton);
    CHECK(viewer.redactionMarks().isEmpty());
    CHECK(changed.last().first().toInt() == 0);

    // Marks belong to the document they were drawn on: another one starts without any.
    viewer.setMarkingForRedaction(true);
    drag(pages, seen.topLeft().toPoint(), seen.bottomRight().toPoint());
    REQUIRE(viewer.redactionMarks().size() == 1);
    REQUIRE_OK(viewer.loadData(statementPdf(), QStringLiteral("again.pdf")));
    CHECK(viewer.redactionMarks().isEmpty());
}
