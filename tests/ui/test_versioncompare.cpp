// Comparing two versions side by side: removed paragraphs red on the left, added green on the right,
// changed words marked, unchanged stretches folded, Previous/Next walk the changes.
#include "formfill.h"
#include "versioncompareview.h"

#include <QCheckBox>
#include <QPushButton>
#include <QScrollBar>
#include <QTest>
#include <QTextBlock>
#include <QTextEdit>
#include <QTextTable>

#include "catchqt.h"

using namespace ocms;
using ocms::test::saveShot;

namespace {

const QColor kRed(QStringLiteral("#fdecee"));
const QColor kGreen(QStringLiteral("#e7f5ea"));
const QColor kRedWords(QStringLiteral("#f5b7bf"));
const QColor kGreenWords(QStringLiteral("#a9dcb6"));

QColor background(QTextTable* table, int row, int column)
{
    return table->cellAt(row, column).format().background().color();
}

QString cellText(QTextTable* table, int row, int column)
{
    const QTextTableCell cell = table->cellAt(row, column);
    QTextCursor cursor = cell.firstCursorPosition();
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor::KeepAnchor);
    return cursor.selectedText();
}

// The characters of a cell painted with the word-mark colour.
QString markedText(QTextTable* table, int row, int column, const QColor& mark)
{
    QString marked;
    const QTextTableCell cell = table->cellAt(row, column);
    for (auto frameIt = cell.begin(); !frameIt.atEnd(); ++frameIt) {
        const QTextBlock block = frameIt.currentBlock();
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().background().color() == mark) {
                marked += it.fragment().text();
            }
        }
    }
    return marked;
}

int tableRowOf(const VersionCompareView& view, qsizetype rowIndex)
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
    saveShot(view, QStringLiteral("version-compare.png"));

    CHECK(view.oldLabel().startsWith(QStringLiteral("Version 2")));
    CHECK(view.newLabel().startsWith(QStringLiteral("Version 3")));
    REQUIRE(view.rows().size() == 5);
    QTextTable* table = view.table();
    REQUIRE(table != nullptr);
    REQUIRE(table->rows() == 5);

    // Same first line: white both sides.
    CHECK(cellText(table, 0, 1) == QStringLiteral("MEMORANDUM"));
    CHECK(background(table, 0, 1) != kRed);
    // Rewritten line: red left, green right, the year marked on each side.
    const int changed = tableRowOf(view, 1);
    CHECK(background(table, changed, 1) == kRed);
    CHECK(background(table, changed, 3) == kGreen);
    CHECK(markedText(table, changed, 1, kRedWords) == QStringLiteral("2019"));
    CHECK(markedText(table, changed, 3, kGreenWords) == QStringLiteral("2020"));
    // Removed line: red on the left, nothing on the right.
    const int removed = tableRowOf(view, 2);
    CHECK(cellText(table, removed, 1) == QStringLiteral("She has no criminal record."));
    CHECK(background(table, removed, 1) == kRed);
    CHECK(cellText(table, removed, 3).trimmed().isEmpty());
    CHECK(background(table, removed, 3) != kGreen);
    // Added line: green on the right, with its line number.
    const int added = tableRowOf(view, 4);
    CHECK(cellText(table, added, 3) == QStringLiteral("Signed, A. Attorney"));
    CHECK(cellText(table, added, 2) == QStringLiteral("4"));
    CHECK(background(table, added, 3) == kGreen);
    CHECK(background(table, added, 1) != kRed);

    CHECK(view.summary().contains(QStringLiteral("1 paragraph changed")));
    CHECK(view.summary().contains(QStringLiteral("1 added")));
    CHECK(view.summary().contains(QStringLiteral("1 removed")));
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
    CHECK(view.table()->rows() == view.displayedRows().size());
    CHECK(view.displayedRows().size() < 30);
    saveShot(view, QStringLiteral("version-compare-folded.png"));

    QTextEdit* text = view.textView();
    view.nextChange();
    CHECK(view.currentChange() == 1);
    CHECK(text->textCursor().block().text().contains(QStringLiteral("Paragraph 120")));
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
    const int scrolledAtSecond = text->verticalScrollBar()->value();
    CHECK(scrolledAtSecond > 0);
    view.previousChange();
    CHECK(text->verticalScrollBar()->value() < scrolledAtSecond);
}

TEST_CASE("Identical versions say so", "[ui][documents][compare]")
{
    VersionCompareView view;
    view.compare(QStringLiteral("Version 1"), QStringLiteral("Same\ntext"), QStringLiteral("Version 2"), QStringLiteral("Same\ntext"));
    CHECK(view.changeCount() == 0);
    CHECK(view.summary() == QStringLiteral("The two versions have the same text."));
}
