// Line and word diffs: exact operations for small cases, a valid and minimal edit script against a
// dynamic-programming reference on random texts, bounded work on large unrelated texts.
#include "documents/textdiff.h"

#include <QRandomGenerator>

#include "catchqt.h"

using namespace ocms;

namespace {

using Op = DiffOperation;

QStringList lines(const char* letters)
{
    QStringList result;
    for (const char* c = letters; *c != '\0'; ++c) {
        result.append(QString(QLatin1Char(*c)));
    }
    return result;
}

// Replays the runs on the old lines; a correct script yields the new lines exactly and covers every line.
QStringList apply(const TextDiffResult& diff, const QStringList& oldLines, const QStringList& newLines)
{
    QStringList result;
    qsizetype oldPosition = 0;
    qsizetype newPosition = 0;
    for (const DiffRun& run : diff.runs) {
        REQUIRE(run.oldStart == oldPosition);
        REQUIRE(run.newStart == newPosition);
        if (run.operation == Op::Equal) {
            for (qsizetype i = 0; i < run.count; ++i) {
                REQUIRE(oldLines[oldPosition + i] == newLines[newPosition + i]);
                result.append(oldLines[oldPosition + i]);
            }
            oldPosition += run.count;
            newPosition += run.count;
        } else if (run.operation == Op::Deleted) {
            oldPosition += run.count;
        } else {
            result.append(newLines.mid(newPosition, run.count));
            newPosition += run.count;
        }
    }
    REQUIRE(oldPosition == oldLines.size());
    REQUIRE(newPosition == newLines.size());
    return result;
}

qsizetype lcsLength(const QStringList& a, const QStringList& b)
{
    std::vector<std::vector<qsizetype>> table(static_cast<std::size_t>(a.size() + 1),
                                              std::vector<qsizetype>(static_cast<std::size_t>(b.size() + 1), 0));
    for (qsizetype i = 1; i <= a.size(); ++i) {
        for (qsizetype j = 1; j <= b.size(); ++j) {
            auto& cell = table[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
            cell = a[i - 1] == b[j - 1] ? table[static_cast<std::size_t>(i - 1)][static_cast<std::size_t>(j - 1)] + 1
                                        : std::max(table[static_cast<std::size_t>(i - 1)][static_cast<std::size_t>(j)],
                                                   table[static_cast<std::size_t>(i)][static_cast<std::size_t>(j - 1)]);
        }
    }
    return table.back().back();
}

} // namespace

TEST_CASE("Identical texts give one equal run", "[documents][diff]")
{
    const TextDiffResult diff = TextDiff::compareLines(lines("abc"), lines("abc"));
    REQUIRE(diff.runs == QList<DiffRun>{{Op::Equal, 0, 0, 3}});
    CHECK(diff.identical());
    CHECK(TextDiff::compareLines({}, {}).runs.isEmpty());
}

TEST_CASE("A replaced middle line is deleted then inserted between equal runs", "[documents][diff]")
{
    const TextDiffResult diff = TextDiff::compareLines(lines("abc"), lines("axc"));
    const QList<DiffRun> expected{{Op::Equal, 0, 0, 1}, {Op::Deleted, 1, 1, 1}, {Op::Inserted, 2, 1, 1}, {Op::Equal, 2, 2, 1}};
    CHECK(diff.runs == expected);
    CHECK(diff.deletedLines == 1);
    CHECK(diff.insertedLines == 1);
    CHECK_FALSE(diff.approximate);
}

TEST_CASE("Insertions and deletions at the ends and against empty texts", "[documents][diff]")
{
    CHECK(TextDiff::compareLines(lines("bc"), lines("abc")).runs
          == QList<DiffRun>{{Op::Inserted, 0, 0, 1}, {Op::Equal, 0, 1, 2}});
    CHECK(TextDiff::compareLines(lines("abc"), lines("ab")).runs
          == QList<DiffRun>{{Op::Equal, 0, 0, 2}, {Op::Deleted, 2, 2, 1}});
    CHECK(TextDiff::compareLines({}, lines("ab")).runs == QList<DiffRun>{{Op::Inserted, 0, 0, 2}});
    CHECK(TextDiff::compareLines(lines("ab"), {}).runs == QList<DiffRun>{{Op::Deleted, 0, 0, 2}});
}

TEST_CASE("Myers' own example needs five edits", "[documents][diff]")
{
    const QStringList a = lines("ABCABBA");
    const QStringList b = lines("CBABAC");
    const TextDiffResult diff = TextDiff::compareLines(a, b);
    CHECK(apply(diff, a, b) == b);
    CHECK(diff.deletedLines + diff.insertedLines == 5);
}

TEST_CASE("Random texts: the script rebuilds the new text with the fewest edits", "[documents][diff]")
{
    QRandomGenerator random(20261130);
    for (int round = 0; round < 300; ++round) {
        QStringList a;
        QStringList b;
        const int alphabet = 2 + static_cast<int>(random.bounded(5));
        for (int i = static_cast<int>(random.bounded(40)); i > 0; --i) {
            a.append(QString::number(random.bounded(alphabet)));
        }
        for (int i = static_cast<int>(random.bounded(40)); i > 0; --i) {
            b.append(QString::number(random.bounded(alphabet)));
        }
        INFO("round " << round);
        const TextDiffResult diff = TextDiff::compareLines(a, b);
        REQUIRE(apply(diff, a, b) == b);
        const qsizetype common = lcsLength(a, b);
        CHECK(diff.deletedLines == a.size() - common);
        CHECK(diff.insertedLines == b.size() - common);
    }
}

TEST_CASE("Ten thousand lines with a few edits give exactly those edits", "[documents][diff]")
{
    QStringList a;
    for (int i = 0; i < 10000; ++i) {
        a.append(QStringLiteral("Paragraph %1 of the brief.").arg(i));
    }
    QStringList b = a;
    b[120] = QStringLiteral("A rewritten paragraph.");
    b.removeAt(5000);
    b.insert(9000, QStringLiteral("A new paragraph."));
    const TextDiffResult diff = TextDiff::compareLines(a, b);
    CHECK(diff.deletedLines == 2);
    CHECK(diff.insertedLines == 2);
    CHECK(apply(diff, a, b) == b);
    CHECK_FALSE(diff.approximate);
}

TEST_CASE("Two unrelated large texts are compared within the work cap, approximately", "[documents][diff]")
{
    QStringList a;
    QStringList b;
    for (int i = 0; i < 10000; ++i) {
        a.append(QStringLiteral("old %1").arg(i));
        b.append(QStringLiteral("new %1").arg(i));
    }
    a[5000] = QStringLiteral("shared");
    b[5000] = QStringLiteral("shared");
    const TextDiffResult diff = TextDiff::compareLines(a, b);
    CHECK(diff.approximate);
    CHECK(apply(diff, a, b) == b);
    CHECK(diff.deletedLines >= 9999);
}

TEST_CASE("Lines split on any line ending, a final newline adds no empty line", "[documents][diff]")
{
    CHECK(TextDiff::splitLines(QStringLiteral("one\r\ntwo\rthree\nfour\n"))
          == QStringList{QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three"), QStringLiteral("four")});
    CHECK(TextDiff::splitLines(QString()).isEmpty());
    CHECK(TextDiff::splitLines(QStringLiteral("a\n\nb")) == QStringList{QStringLiteral("a"), QString(), QStringLiteral("b")});
}

TEST_CASE("Changed words within a line are found as character ranges", "[documents][diff]")
{
    CHECK(TextDiff::splitWords(QStringLiteral("Hello, world  again."))
          == QStringList{QStringLiteral("Hello"), QStringLiteral(","), QStringLiteral(" "), QStringLiteral("world"),
                         QStringLiteral("  "), QStringLiteral("again"), QStringLiteral(".")});
    const auto [oldRanges, newRanges] =
        TextDiff::changedWords(QStringLiteral("The quick brown fox"), QStringLiteral("The quick red fox"));
    CHECK(oldRanges == QList<TextRange>{{10, 5}});
    CHECK(newRanges == QList<TextRange>{{10, 3}});

    const auto [removed, added] =
        TextDiff::changedWords(QStringLiteral("filed on May 3"), QStringLiteral("filed on May 3, 2026"));
    CHECK(removed.isEmpty());
    CHECK(added == QList<TextRange>{{14, 6}});
}

TEST_CASE("Side-by-side rows pair rewritten lines and keep additions on one side", "[documents][diff]")
{
    const QStringList a{QStringLiteral("Intro"), QStringLiteral("The client fled in 2019."), QStringLiteral("Gone"),
                        QStringLiteral("End")};
    const QStringList b{QStringLiteral("Intro"), QStringLiteral("The client fled in 2020."), QStringLiteral("End"),
                        QStringLiteral("Signature")};
    const QList<SideBySideRow> rows = TextDiff::sideBySide(TextDiff::compareLines(a, b), a, b);
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].kind == SideBySideRow::Kind::Same);
    CHECK(rows[1].kind == SideBySideRow::Kind::Changed);
    CHECK(rows[1].oldLine == 1);
    CHECK(rows[1].newLine == 1);
    CHECK(rows[1].oldChanges == QList<TextRange>{{19, 4}});
    CHECK(rows[1].newChanges == QList<TextRange>{{19, 4}});
    CHECK(rows[2].kind == SideBySideRow::Kind::Deleted);
    CHECK(rows[2].oldLine == 2);
    CHECK(rows[2].newLine == -1);
    CHECK(rows[3].kind == SideBySideRow::Kind::Same);
    CHECK(rows[4].kind == SideBySideRow::Kind::Inserted);
    CHECK(rows[4].newLine == 3);
    CHECK(rows[4].oldLine == -1);
}

TEST_CASE("Changed words separated only by spaces are marked as one stretch", "[documents][diff]")
{
    const auto [oldRanges, newRanges] = TextDiff::changedWords(QStringLiteral("Paragraph 20 of the declaration."),
                                                               QStringLiteral("Paragraph 20, corrected."));
    REQUIRE(oldRanges.size() == 1);
    CHECK(QStringLiteral("Paragraph 20 of the declaration.").mid(oldRanges[0].start, oldRanges[0].length).trimmed()
          == QStringLiteral("of the declaration"));
    REQUIRE(newRanges.size() == 1);
    CHECK(QStringLiteral("Paragraph 20, corrected.").mid(newRanges[0].start, newRanges[0].length).trimmed()
          == QStringLiteral(", corrected"));
}

TEST_CASE("Large texts with no line in common are replaced exactly, without the work cap", "[documents][diff]")
{
    QStringList a;
    QStringList b;
    for (int i = 0; i < 5000; ++i) {
        a.append(QStringLiteral("old %1").arg(i));
        b.append(QStringLiteral("new %1").arg(i));
    }
    const TextDiffResult diff = TextDiff::compareLines(a, b);
    CHECK_FALSE(diff.approximate);
    CHECK(diff.runs == QList<DiffRun>{{Op::Deleted, 0, 0, 5000}, {Op::Inserted, 5000, 0, 5000}});
}
