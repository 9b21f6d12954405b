// The continuous page column: positions, lookups by position and the page-point mapping in all rotations.
#include "documents/pdfpagelayout.h"

#include "catchqt.h"

using ocms::PdfPageLayout;

TEST_CASE("Pages stack in one column with gaps and are found by position", "[documents][viewer]")
{
    PdfPageLayout layout;
    layout.setGap(10);
    layout.setPages({QSizeF(612, 792), QSizeF(842, 595), QSizeF(612, 792)});
    layout.setScale(0.5);
    CHECK(layout.pageRect(0) == QRect(10 + (421 - 306) / 2, 10, 306, 396));
    CHECK(layout.pageRect(1).top() == 10 + 396 + 10);
    CHECK(layout.pageRect(1).width() == 421);
    CHECK(layout.contentSize() == QSize(421 + 20, 10 + 396 + 10 + 298 + 10 + 396 + 10));
    CHECK(layout.pageAt(0) == 0);
    CHECK(layout.pageAt(200) == 0);
    CHECK(layout.pageAt(420) == 1);
    CHECK(layout.pageAt(100000) == 2);
    CHECK(layout.pagesIn(300, 500) == QList<int>{0, 1});
    CHECK(layout.pagesIn(420, 430) == QList<int>{1});

    layout.setQuarterTurns(1);
    CHECK(layout.pageRect(0).size() == QSize(396, 306));
    CHECK(layout.rotatedPageSizePoints(1) == QSizeF(595, 842));
}

TEST_CASE("Page points map to the column and back in every rotation", "[documents][viewer]")
{
    PdfPageLayout layout;
    layout.setPages({QSizeF(600, 800), QSizeF(600, 800)});
    layout.setScale(2.0);
    const QRectF word(100, 50, 80, 12); // near the top left of the unrotated page
    for (int turns = 0; turns < 4; ++turns) {
        layout.setQuarterTurns(turns);
        const QRectF column = layout.toColumn(1, word);
        INFO("quarter turns " << turns);
        CHECK(layout.pageRect(1).contains(column.toAlignedRect()));
        const QRectF back = layout.toPagePoints(1, column);
        CHECK(std::abs(back.left() - word.left()) < 1e-6);
        CHECK(std::abs(back.top() - word.top()) < 1e-6);
        CHECK(std::abs(back.width() - word.width()) < 1e-6);
    }
    // Turned a quarter clockwise, the top left of the page is at the top right.
    layout.setQuarterTurns(1);
    const QRectF turned = layout.toColumn(0, QRectF(0, 0, 10, 10));
    CHECK(std::abs(turned.right() - layout.pageRect(0).x() - 1600.0) < 1e-6);
    CHECK(std::abs(turned.top() - layout.pageRect(0).top()) < 1e-6);
}

TEST_CASE("A box dragged on the screen maps to the page points under it at any zoom and rotation", "[documents][viewer][redact]")
{
    // A word at x 100-180, y 50-62 points on an upright 600 x 800 page, seen at 150 % (2 px per point).
    PdfPageLayout layout;
    layout.setGap(10);
    layout.setPages({QSizeF(600, 800), QSizeF(600, 800)});
    layout.setScale(2.0);
    const QRectF word(100, 50, 80, 12);
    struct Seen
    {
        int quarterTurns;
        QRectF onScreen; // where the reader sees the word on the turned page, in points from its top left
    };
    // Turned clockwise: a quarter puts the page's top edge on the right (the word runs down), a half turns
    // it upside down, three quarters put the top edge on the left (the word runs up).
    const QList<Seen> views = {
        {0, QRectF(100, 50, 80, 12)},
        {1, QRectF(800 - 62, 100, 12, 80)},
        {2, QRectF(600 - 180, 800 - 62, 80, 12)},
        {3, QRectF(50, 600 - 180, 12, 80)},
    };
    for (const Seen& view : views) {
        INFO("quarter turns " << view.quarterTurns);
        layout.setQuarterTurns(view.quarterTurns);
        const QRect page = layout.pageRect(1);
        // The reader drags from just outside the word's corner to just past the opposite one.
        const QRectF dragged = QRectF(page.topLeft() + view.onScreen.topLeft() * 2.0, view.onScreen.size() * 2.0).adjusted(-4, -4, 4, 4);
        const QRectF points = layout.toPagePoints(1, dragged);
        CHECK(std::abs(points.left() - (word.left() - 2)) < 1e-6);
        CHECK(std::abs(points.top() - (word.top() - 2)) < 1e-6);
        CHECK(std::abs(points.right() - (word.right() + 2)) < 1e-6);
        CHECK(std::abs(points.bottom() - (word.bottom() + 2)) < 1e-6);
        // And the mark is painted back where it was drawn.
        const QRectF painted = layout.toColumn(1, points);
        CHECK(std::abs(painted.left() - dragged.left()) < 1e-6);
        CHECK(std::abs(painted.top() - dragged.top()) < 1e-6);
        CHECK(std::abs(painted.width() - dragged.width()) < 1e-6);
    }
    // The same drag at another zoom covers a proportionally smaller area of the page.
    layout.setQuarterTurns(0);
    layout.setScale(0.5);
    const QRect page = layout.pageRect(0);
    const QRectF small = layout.toPagePoints(0, QRectF(page.topLeft() + QPointF(50, 25), QSizeF(40, 6)));
    CHECK(small == QRectF(100, 50, 80, 12));
}
