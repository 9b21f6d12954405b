// Areas marked for redaction on a viewer's pages: kept in PDF points in the order drawn, the topmost found
// under a point, slips of the mouse refused, and counted by page for the redaction dialog.
#include "documents/redactionmarks.h"

#include "catchqt.h"

using ocms::RedactionMarks;

TEST_CASE("Marks keep their page and points, normalised, and refuse slips of the mouse", "[documents][redact]")
{
    RedactionMarks marks;
    CHECK(marks.isEmpty());
    // Drawn from the bottom right to the top left: kept as the same area the right way round.
    CHECK(marks.add(0, QRectF(QPointF(200, 120), QPointF(100, 100))) == 0);
    CHECK(marks.at(0).pageIndex == 0);
    CHECK(marks.at(0).rect == QRectF(100, 100, 100, 20));
    CHECK(marks.add(2, QRectF(50, 60, 30, 10)) == 1);
    CHECK(marks.add(2, QRectF(10, 10, 1, 40)) == -1); // a click, not a box
    CHECK(marks.add(-1, QRectF(10, 10, 40, 40)) == -1);
    CHECK(marks.count() == 2);
    CHECK(marks.markedPageCount() == 2);
    CHECK(marks.add(0, QRectF(300, 300, 20, 20)) == 2);
    CHECK(marks.markedPageCount() == 2);
    CHECK(marks.boxes().size() == 3);
}

TEST_CASE("The mark under a point is the topmost one, and removing shifts the rest", "[documents][redact]")
{
    RedactionMarks marks;
    marks.add(0, QRectF(100, 100, 200, 50));
    marks.add(0, QRectF(150, 110, 40, 20)); // drawn later, on top of the first
    marks.add(1, QRectF(100, 100, 200, 50));
    CHECK(marks.markAt(0, QPointF(160, 120)) == 1);
    CHECK(marks.markAt(0, QPointF(110, 105)) == 0);
    CHECK(marks.markAt(1, QPointF(160, 120)) == 2);
    CHECK(marks.markAt(0, QPointF(10, 10)) == -1);
    CHECK(marks.markAt(3, QPointF(160, 120)) == -1);

    CHECK(marks.removeAt(1));
    CHECK(marks.markAt(0, QPointF(160, 120)) == 0);
    CHECK(marks.markAt(1, QPointF(160, 120)) == 1);
    CHECK_FALSE(marks.removeAt(5));
    CHECK_FALSE(marks.removeAt(-1));
    marks.clear();
    CHECK(marks.isEmpty());
    CHECK(marks.markedPageCount() == 0);
}
