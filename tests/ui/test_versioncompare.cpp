// Comparing two versions side by side: removed paragraphs red on the left, added green on the right,
// changed words marked, unchanged stretches folded, Previous/Next walk the changes. Colours are read back
// from the painted rows.
#include "comparerowdelegate.h"
#include "comparerowmodel.h"
#include "formfill.h"
#include "versioncompareview.h"

#include <QCheckBox>
#include <QImage>
#include <QListView>
#include <QScrollBar>
#include <QTest>

#include "catchqt.h"

using namespace ocms;
using ocms::test::saveShot;

namespace {

struct PaintedRow
{
    QColor left;  // background near the middle of the left half
    QColor right; // background near the right edge
    bool leftHasWordMark = false;
    bool rightHasWordMark = false;
};

PaintedRow painted(VersionCompareView& view, int displayedRow)
{
    QListView* list = view.listView();
    const QRect rect = list->visualRect(view.model()->index(displayedRow));
    REQUIRE(rect.isValid());
    const QImage image = list->viewport()->grab().toImage();
    const int y = rect.top() + 2;
    PaintedRow result;
    result.left = image.pixelColor(rect.left() + rect.width() / 2 - 6, y);
    result.right = image.pixelColor(rect.right() - 6, y);
    for (int x = rect.left(); x < rect.right(); ++x) {
        for (int yy = rect.top(); yy <= rect.bottom(); ++yy) {
            const QColor colour = image.pixelColor(x, yy);
            if (x < rect.left() + rect.width() / 2) {
                result.leftHasWordMark |= colour == CompareRowDelegate::deletedWords();
            } else {
                result.rightHasWordMark |= colour == CompareRowDelegate::insertedWords();
            }
        }
    }
    return result;
}

int displayedRowOf(const VersionCompareView& view, qsizetype rowIndex)
{
    return static_cast<int>(view.displayedRows().indexOf(rowIndex));
}

} // namespace

TEST_CASE("Removed lines are red on the left, added green on the right, changed words marked", "[ui][documents][compare]")
{
    VersionCompareView view;
    view.resize(1200, 520);
    view.show();
    view.setShowUnchanged(true);
    const QString oldText = QStringLiteral("MEMORANDUM\nThe client fled Honduras in 2019.\nShe has no criminal record.\n"
                                           "Conclusion follows.");
    const QString newText = QStringLiteral("MEMORANDUM\nThe client fled Honduras in 2020.\nConclusion follows.\n"
                                           "Signed, A. Attorney");
    view.compare(QStringLiteral("Version 2 · 12 Nov 2026 · J. Smith"), oldText, QStringLiteral("Version 3 · 28 Nov 2026 · A. Reyes"),
                 newText);
    QTest::qWait(50);
    saveShot(view, QStringLiteral("version-compare.png"));

    CHECK(view.oldLabel().startsWith(QStringLiteral("Version 2")));
    CHECK(view.newLabel().startsWith(QStringLiteral("Version 3")));
    REQUIRE(view.rows().size() == 5);
    REQUIRE(view.model()->rowCount() == 5);

    const PaintedRow same = painted(view, 0);
    CHECK(same.left == QColor(Qt::white));
    CHECK(same.right == QColor(Qt::white));

    const int changed = displayedRowOf(view, 1);
    const PaintedRow rewritten = painted(view, changed);
    CHECK(rewritten.left == CompareRowDelegate::deletedRow());
    CHECK(rewritten.right == CompareRowDelegate::insertedRow());
    CHECK(rewritten.leftHasWordMark);
    CHECK(rewritten.rightHasWordMark);
    const SideBySideRow* changedRow = view.model()->rowAt(changed);
    REQUIRE(changedRow != nullptr);
    REQUIRE(changedRow->oldChanges.size() == 1);
    CHECK(view.model()->oldText(*changedRow).mid(changedRow->oldChanges[0].start, changedRow->oldChanges[0].length)
          == QStringLiteral("2019"));

    const int removed = displayedRowOf(view, 2);
    const PaintedRow removal = painted(view, removed);
    CHECK(view.model()->oldText(*view.model()->rowAt(removed)) == QStringLiteral("She has no criminal record."));
    CHECK(view.model()->rowAt(removed)->newLine == -1);
    CHECK(removal.left == CompareRowDelegate::deletedRow());
    CHECK(removal.right == CompareRowDelegate::filler());
    CHECK_FALSE(removal.leftHasWordMark); // a whole removed line is tinted, not word-marked

    const int added = displayedRowOf(view, 4);
    const PaintedRow addition = painted(view, added);
    CHECK(view.model()->newText(*view.model()->rowAt(added)) == QStringLiteral("Signed, A. Attorney"));
    CHECK(view.model()->rowAt(added)->newLine == 3);
    CHECK(addition.left == CompareRowDelegate::filler());
    CHECK(addition.right == CompareRowDelegate::insertedRow());

    CHECK(view.summary().contains(QStringLiteral("1 paragraph changed")));
    CHECK(view.summary().contains(QStringLiteral("1 added")));
    CHECK(view.summary().contains(QStringLiteral("1 removed")));
    CHECK(view.model()->index(removed).data().toString() == QStringLiteral("Removed: She has no criminal record."));
}

TEST_CASE("Previous and next walk the changes and unchanged stretches fold", "[ui][documents][compare]")
{
    QStringList oldLines;
    for (int i = 0; i < 200; ++i) {
        oldLines << QStringLiteral("Paragraph %1 of the declaration.").arg(i);
    }
    QStringList newLines = oldLines;
    newLines[20] = QStringLiteral("Paragraph 20, corrected.");
    newLines[120] = QStringLiteral("Paragraph 120, corrected.");
    newLines.insert(180, QStringLiteral("A new paragraph."));

    VersionCompareView view;
    view.resize(1100, 420);
    view.show();
    view.compare(QStringLiteral("Version 1"), oldLines.join(u'\n'), QStringLiteral("Version 2"), newLines.join(u'\n'));
    REQUIRE(view.changeCount() == 3);
    CHECK(view.currentChange() == 0);
    // Folded: 3 changes with 2 rows of context each, the rest summarised.
    CHECK(view.displayedRows().count(-1) == 4);
    CHECK(view.model()->rowCount() == view.displayedRows().size());
    CHECK(view.displayedRows().size() < 30);
    CHECK(view.model()->index(0).data().toString() == QStringLiteral("⋯ 18 unchanged paragraphs ⋯"));
    QTest::qWait(50);
    saveShot(view, QStringLiteral("version-compare-folded.png"));

    QListView* list = view.listView();
    view.nextChange();
    CHECK(view.currentChange() == 1);
    CHECK(list->currentIndex().data().toString().contains(QStringLiteral("Paragraph 120")));
    view.nextChange();
    CHECK(view.currentChange() == 2);
    view.nextChange(); // already at the last
    CHECK(view.currentChange() == 2);
    view.previousChange();
    CHECK(view.currentChange() == 1);

    // Whole text: every row shown, scrolling follows the change.
    view.findChild<QCheckBox*>()->setChecked(true);
    CHECK(view.displayedRows().size() == view.rows().size());
    CHECK(view.displayedRows().count(-1) == 0);
    CHECK(view.currentChange() == 1);
    const int scrolledAtSecond = list->verticalScrollBar()->value();
    CHECK(scrolledAtSecond > 0);
    CHECK(list->viewport()->rect().intersects(list->visualRect(list->currentIndex())));
    view.previousChange();
    CHECK(list->verticalScrollBar()->value() < scrolledAtSecond);
    CHECK(list->currentIndex().data().toString().contains(QStringLiteral("Paragraph 20")));
}

TEST_CASE("Long paragraphs wrap within their half and both halves keep one row", "[ui][documents][compare]")
{
    const QString longOld = QStringLiteral("The respondent testified credibly and consistently about the threats. ").repeated(8);
    const QString longNew = longOld + QStringLiteral("She later relocated twice.");
    VersionCompareView view;
    view.resize(900, 500);
    view.show();
    view.compare(QStringLiteral("A"), QStringLiteral("Short\n") + longOld, QStringLiteral("B"), QStringLiteral("Short\n") + longNew);
    QTest::qWait(50);
    QListView* list = view.listView();
    const int shortHeight = list->visualRect(view.model()->index(0)).height();
    const QRect longRect = list->visualRect(view.model()->index(1));
    CHECK(longRect.height() > 3 * shortHeight);
    CHECK(longRect.width() <= list->viewport()->width());
}

TEST_CASE("Identical versions say so", "[ui][documents][compare]")
{
    VersionCompareView view;
    view.compare(QStringLiteral("Version 1"), QStringLiteral("Same\ntext"), QStringLiteral("Version 2"), QStringLiteral("Same\ntext"));
    CHECK(view.changeCount() == 0);
    CHECK(view.summary() == QStringLiteral("The two versions have the same text."));
}
