#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace ocms {

enum class DiffOperation { Equal, Deleted, Inserted };

// A run of consecutive lines (or words) with the same operation. Deleted runs count lines of the old
// text, inserted runs lines of the new text, equal runs both.
struct DiffRun
{
    DiffOperation operation = DiffOperation::Equal;
    qsizetype oldStart = 0;
    qsizetype newStart = 0;
    qsizetype count = 0;

    bool operator==(const DiffRun&) const = default;
};

// Characters [start, start + length) of a line that changed, for emphasising words within a line.
struct TextRange
{
    qsizetype start = 0;
    qsizetype length = 0;

    bool operator==(const TextRange&) const = default;
};

// One row of a side-by-side comparison: an old line on the left, a new line on the right, or both. A
// changed line appears on both sides with the words that differ in oldChanges / newChanges.
struct SideBySideRow
{
    enum class Kind { Same, Deleted, Inserted, Changed };
    Kind kind = Kind::Same;
    qsizetype oldLine = -1; // index into the old lines, -1 when the left side is empty
    qsizetype newLine = -1;
    QList<TextRange> oldChanges;
    QList<TextRange> newChanges;
};

struct TextDiffResult
{
    QList<DiffRun> runs;
    qsizetype deletedLines = 0;
    qsizetype insertedLines = 0;
    // Some stretch was too different to align line by line within the work limit: it is shown as all
    // deleted then all inserted. The comparison is still correct, only less fine-grained.
    bool approximate = false;

    bool identical() const { return deletedLines == 0 && insertedLines == 0; }
};

// Line diff (Myers' O(ND) algorithm in linear space: bisect at the middle snake, recurse) with word-level
// detail within changed lines. Work per stretch is capped, so two unrelated 10,000-line texts cost a
// bounded time and memory linear in their size.
class TextDiff final
{
public:
    static QStringList splitLines(const QString& text);

    static TextDiffResult compareLines(const QStringList& oldLines, const QStringList& newLines);
    static TextDiffResult compareTexts(const QString& oldText, const QString& newText);

    // Words, runs of spaces and single punctuation marks, so a changed word is marked on its own.
    static QStringList splitWords(const QString& line);
    // The character ranges that differ between an old and a new version of one line.
    static std::pair<QList<TextRange>, QList<TextRange>> changedWords(const QString& oldLine, const QString& newLine);

    // Rows for a side-by-side view: deleted lines paired with the inserted lines that replace them.
    static QList<SideBySideRow> sideBySide(const TextDiffResult& diff, const QStringList& oldLines,
                                           const QStringList& newLines);

    // How far the search from each end goes in one stretch (about half the edits it can align) before the
    // stretch is treated as replaced wholesale.
    static constexpr qsizetype kMaxEditsPerStretch = 2000;
};

} // namespace ocms
