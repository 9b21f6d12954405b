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
