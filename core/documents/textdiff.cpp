#include "textdiff.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace ocms {

namespace {

// Lines (or words) become small integers once, so the inner loop compares ints, not strings.
std::vector<int> toIds(const QStringList& items, QHash<QString, int>& ids)
{
    std::vector<int> result;
    result.reserve(static_cast<std::size_t>(items.size()));
    for (const QString& item : items) {
        const auto found = ids.constFind(item);
        if (found != ids.constEnd()) {
            result.push_back(found.value());
        } else {
            const int id = static_cast<int>(ids.size());
            ids.insert(item, id);
            result.push_back(id);
        }
    }
    return result;
}

class MyersDiff
{
public:
    MyersDiff(const std::vector<int>& oldItems, const std::vector<int>& newItems, int distinctItems)
        : m_old(oldItems), m_new(newItems), m_stamps(static_cast<std::size_t>(distinctItems), 0)
    {
    }

    QList<DiffRun> run(bool& approximate)
    {
        compare(0, static_cast<qsizetype>(m_old.size()), 0, static_cast<qsizetype>(m_new.size()));
        approximate = m_approximate;
        return m_runs;
    }

private:
    void append(DiffOperation operation, qsizetype oldStart, qsizetype newStart, qsizetype count)
    {
        if (count <= 0) {
            return;
        }
        if (!m_runs.isEmpty()) {
            DiffRun& last = m_runs.last();
            const bool contiguous = last.operation == operation
                && (operation == DiffOperation::Inserted || last.oldStart + last.count == oldStart)
                && (operation == DiffOperation::Deleted || last.newStart + last.count == newStart);
            if (contiguous) {
                last.count += count;
                return;
            }
        }
        m_runs.append(DiffRun{operation, oldStart, newStart, count});
    }

    void compare(qsizetype oldLow, qsizetype oldHigh, qsizetype newLow, qsizetype newHigh)
    {
        qsizetype prefix = 0;
        while (oldLow + prefix < oldHigh && newLow + prefix < newHigh
               && m_old[static_cast<std::size_t>(oldLow + prefix)] == m_new[static_cast<std::size_t>(newLow + prefix)]) {
            ++prefix;
        }
        append(DiffOperation::Equal, oldLow, newLow, prefix);
        oldLow += prefix;
        newLow += prefix;

        qsizetype suffix = 0;
        while (oldHigh - suffix > oldLow && newHigh - suffix > newLow
               && m_old[static_cast<std::size_t>(oldHigh - 1 - suffix)]
                   == m_new[static_cast<std::size_t>(newHigh - 1 - suffix)]) {
            ++suffix;
        }
        const qsizetype oldEnd = oldHigh - suffix;
        const qsizetype newEnd = newHigh - suffix;

        if (oldLow == oldEnd) {
            append(DiffOperation::Inserted, oldLow, newLow, newEnd - newLow);
        } else if (newLow == newEnd) {
            append(DiffOperation::Deleted, oldLow, newLow, oldEnd - oldLow);
        } else if (!shareAnyItem(oldLow, oldEnd, newLow, newEnd)) {
            // Nothing in common: replaced outright, exactly, without searching.
            append(DiffOperation::Deleted, oldLow, newLow, oldEnd - oldLow);
            append(DiffOperation::Inserted, oldEnd, newLow, newEnd - newLow);
        } else {
            qsizetype splitOld = 0;
            qsizetype splitNew = 0;
            const bool split = bisect(oldLow, oldEnd, newLow, newEnd, splitOld, splitNew);
            const bool progresses = split && !(splitOld == oldLow && splitNew == newLow)
                && !(splitOld == oldEnd && splitNew == newEnd);
            if (progresses) {
                compare(oldLow, splitOld, newLow, splitNew);
                compare(splitOld, oldEnd, splitNew, newEnd);
            } else {
                m_approximate = true;
                append(DiffOperation::Deleted, oldLow, newLow, oldEnd - oldLow);
                append(DiffOperation::Inserted, oldEnd, newLow, newEnd - newLow);
            }
        }
        append(DiffOperation::Equal, oldEnd, newEnd, suffix);
    }

    // Whether the two stretches have any line in common; checked for large stretches only, where a
    // search with nothing to find would cost the most. Stamps avoid clearing a set per call.
    bool shareAnyItem(qsizetype oldLow, qsizetype oldHigh, qsizetype newLow, qsizetype newHigh)
    {
        constexpr qsizetype kWorthChecking = 256;
        if ((oldHigh - oldLow) + (newHigh - newLow) < kWorthChecking) {
            return true;
        }
        ++m_generation;
        for (qsizetype i = oldLow; i < oldHigh; ++i) {
            m_stamps[static_cast<std::size_t>(m_old[static_cast<std::size_t>(i)])] = m_generation;
        }
        for (qsizetype i = newLow; i < newHigh; ++i) {
            if (m_stamps[static_cast<std::size_t>(m_new[static_cast<std::size_t>(i)])] == m_generation) {
                return true;
            }
        }
        return false;
    }

    // Myers' middle snake, searched from both ends at once (the shape of diff-match-patch's bisect). Finds a
    // point on an optimal path that splits the edits in about half; false when the edit count exceeds the cap.
    bool bisect(qsizetype oldLow, qsizetype oldHigh, qsizetype newLow, qsizetype newHigh, qsizetype& splitOld,
                qsizetype& splitNew) const
    {
        const qsizetype oldCount = oldHigh - oldLow;
        const qsizetype newCount = newHigh - newLow;
        const qsizetype maxD = std::min((oldCount + newCount + 1) / 2, TextDiff::kMaxEditsPerStretch);
        const qsizetype offset = maxD + 1;
        const qsizetype length = 2 * maxD + 3;
        std::vector<qsizetype> forward(static_cast<std::size_t>(length), -1);
        std::vector<qsizetype> reverse(static_cast<std::size_t>(length), -1);
        forward[static_cast<std::size_t>(offset + 1)] = 0;
        reverse[static_cast<std::size_t>(offset + 1)] = 0;
        const qsizetype delta = oldCount - newCount;
        const bool checkInForward = delta % 2 != 0;
        qsizetype forwardStart = 0;
        qsizetype forwardEnd = 0;
        qsizetype reverseStart = 0;
        qsizetype reverseEnd = 0;
        const auto at = [](std::vector<qsizetype>& v, qsizetype index) -> qsizetype& {
            return v[static_cast<std::size_t>(index)];
        };
        const auto oldAt = [&](qsizetype i) { return m_old[static_cast<std::size_t>(oldLow + i)]; };
        const auto newAt = [&](qsizetype i) { return m_new[static_cast<std::size_t>(newLow + i)]; };

        for (qsizetype d = 0; d <= maxD; ++d) {
            for (qsizetype k = -d + forwardStart; k <= d - forwardEnd; k += 2) {
                const qsizetype index = offset + k;
                qsizetype x = (k == -d || (k != d && at(forward, index - 1) < at(forward, index + 1)))
                    ? at(forward, index + 1)
                    : at(forward, index - 1) + 1;
                qsizetype y = x - k;
                while (x < oldCount && y < newCount && oldAt(x) == newAt(y)) {
                    ++x;
                    ++y;
                }
                at(forward, index) = x;
                if (x > oldCount) {
                    forwardEnd += 2;
                } else if (y > newCount) {
                    forwardStart += 2;
                } else if (checkInForward) {
                    const qsizetype reverseIndex = offset + delta - k;
                    if (reverseIndex >= 0 && reverseIndex < length && at(reverse, reverseIndex) != -1
                        && x >= oldCount - at(reverse, reverseIndex)) {
                        splitOld = oldLow + x;
                        splitNew = newLow + y;
                        return true;
                    }
                }
            }
            for (qsizetype k = -d + reverseStart; k <= d - reverseEnd; k += 2) {
                const qsizetype index = offset + k;
                qsizetype x = (k == -d || (k != d && at(reverse, index - 1) < at(reverse, index + 1)))
                    ? at(reverse, index + 1)
                    : at(reverse, index - 1) + 1;
                qsizetype y = x - k;
                while (x < oldCount && y < newCount && oldAt(oldCount - x - 1) == newAt(newCount - y - 1)) {
                    ++x;
                    ++y;
                }
                at(reverse, index) = x;
                if (x > oldCount) {
                    reverseEnd += 2;
                } else if (y > newCount) {
                    reverseStart += 2;
                } else if (!checkInForward) {
                    const qsizetype forwardIndex = offset + delta - k;
                    if (forwardIndex >= 0 && forwardIndex < length && at(forward, forwardIndex) != -1) {
                        const qsizetype forwardX = at(forward, forwardIndex);
                        const qsizetype forwardY = forwardX - (forwardIndex - offset);
                        if (forwardX >= oldCount - x) {
                            splitOld = oldLow + forwardX;
                            splitNew = newLow + forwardY;
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    const std::vector<int>& m_old;
    const std::vector<int>& m_new;
    std::vector<int> m_stamps;
    int m_generation = 0;
    QList<DiffRun> m_runs;
    bool m_approximate = false;
};

TextDiffResult diffItems(const QStringList& oldItems, const QStringList& newItems)
{
    QHash<QString, int> ids;
    const std::vector<int> oldIds = toIds(oldItems, ids);
    const std::vector<int> newIds = toIds(newItems, ids);
    TextDiffResult result;
    result.runs = MyersDiff(oldIds, newIds, static_cast<int>(ids.size())).run(result.approximate);
    for (const DiffRun& run : std::as_const(result.runs)) {
        if (run.operation == DiffOperation::Deleted) {
            result.deletedLines += run.count;
        } else if (run.operation == DiffOperation::Inserted) {
            result.insertedLines += run.count;
        }
    }
    return result;
}

enum class CharClass { Word, Space, Other };

CharClass classOf(QChar c)
{
    if (c.isLetterOrNumber() || c == u'_' || c.isMark()) {
        return CharClass::Word;
    }
    return c.isSpace() ? CharClass::Space : CharClass::Other;
}

// Adds [start, start + length) to ranges, joining it to the previous range when they touch.
void addRange(QList<TextRange>& ranges, qsizetype start, qsizetype length)
{
    if (length <= 0) {
        return;
    }
    if (!ranges.isEmpty() && ranges.last().start + ranges.last().length == start) {
        ranges.last().length += length;
    } else {
        ranges.append(TextRange{start, length});
    }
}

} // namespace

QStringList TextDiff::splitLines(const QString& text)
{
    if (text.isEmpty()) {
        return {};
    }
    QString normalised = text;
    normalised.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    normalised.replace(u'\r', u'\n');
    normalised.replace(QChar(QChar::ParagraphSeparator), u'\n');
    normalised.replace(QChar(QChar::LineSeparator), u'\n');
    if (normalised.endsWith(u'\n')) {
        normalised.chop(1);
    }
    return normalised.split(u'\n');
}

TextDiffResult TextDiff::compareLines(const QStringList& oldLines, const QStringList& newLines)
{
    return diffItems(oldLines, newLines);
}

TextDiffResult TextDiff::compareTexts(const QString& oldText, const QString& newText)
{
    return compareLines(splitLines(oldText), splitLines(newText));
}

QStringList TextDiff::splitWords(const QString& line)
{
    QStringList words;
    qsizetype start = 0;
    for (qsizetype i = 1; i <= line.size(); ++i) {
        const bool boundary = i == line.size() || classOf(line.at(i)) != classOf(line.at(start))
            || classOf(line.at(start)) == CharClass::Other;
        if (boundary) {
            words.append(line.mid(start, i - start));
            start = i;
        }
    }
    return words;
}

std::pair<QList<TextRange>, QList<TextRange>> TextDiff::changedWords(const QString& oldLine, const QString& newLine)
{
    const QStringList oldWords = splitWords(oldLine);
    const QStringList newWords = splitWords(newLine);
    const TextDiffResult diff = diffItems(oldWords, newWords);

    // Character offsets of each word, to turn word runs into character ranges.
    const auto offsets = [](const QStringList& words) {
        QList<qsizetype> starts;
        starts.reserve(words.size() + 1);
        qsizetype position = 0;
        for (const QString& word : words) {
            starts.append(position);
            position += word.size();
        }
        starts.append(position);
        return starts;
    };
    const QList<qsizetype> oldOffsets = offsets(oldWords);
    const QList<qsizetype> newOffsets = offsets(newWords);

    QList<TextRange> oldRanges;
    QList<TextRange> newRanges;
    for (const DiffRun& run : diff.runs) {
        if (run.operation == DiffOperation::Deleted) {
            addRange(oldRanges, oldOffsets[run.oldStart], oldOffsets[run.oldStart + run.count] - oldOffsets[run.oldStart]);
        } else if (run.operation == DiffOperation::Inserted) {
            addRange(newRanges, newOffsets[run.newStart], newOffsets[run.newStart + run.count] - newOffsets[run.newStart]);
        }
    }
    // Changes separated only by spaces read as one change ("of the declaration", not three islands).
    const auto joinAcrossSpaces = [](const QString& line, QList<TextRange>& ranges) {
        for (qsizetype i = ranges.size() - 1; i > 0; --i) {
            TextRange& before = ranges[i - 1];
            const qsizetype gapStart = before.start + before.length;
            const QString gap = line.mid(gapStart, ranges[i].start - gapStart);
            if (gap.trimmed().isEmpty()) {
                before.length = ranges[i].start + ranges[i].length - before.start;
                ranges.removeAt(i);
            }
        }
    };
    joinAcrossSpaces(oldLine, oldRanges);
    joinAcrossSpaces(newLine, newRanges);
    return {oldRanges, newRanges};
}

QList<SideBySideRow> TextDiff::sideBySide(const TextDiffResult& diff, const QStringList& oldLines,
                                          const QStringList& newLines)
{
    QList<SideBySideRow> rows;
    QList<qsizetype> pendingOld;
    QList<qsizetype> pendingNew;
    // A block of changes between two equal stretches: rewritten lines side by side, the rest on one side.
    const auto flush = [&] {
        const qsizetype paired = std::min(pendingOld.size(), pendingNew.size());
        for (qsizetype i = 0; i < std::max(pendingOld.size(), pendingNew.size()); ++i) {
            SideBySideRow row;
            if (i < paired) {
                row.kind = SideBySideRow::Kind::Changed;
                row.oldLine = pendingOld[i];
                row.newLine = pendingNew[i];
                std::tie(row.oldChanges, row.newChanges) = changedWords(oldLines[row.oldLine], newLines[row.newLine]);
            } else if (i < pendingOld.size()) {
                row.kind = SideBySideRow::Kind::Deleted;
                row.oldLine = pendingOld[i];
            } else {
                row.kind = SideBySideRow::Kind::Inserted;
                row.newLine = pendingNew[i];
            }
            rows.append(row);
        }
        pendingOld.clear();
        pendingNew.clear();
    };
    for (const DiffRun& run : diff.runs) {
        for (qsizetype i = 0; i < run.count; ++i) {
            if (run.operation == DiffOperation::Equal) {
                flush();
                SideBySideRow row;
                row.oldLine = run.oldStart + i;
                row.newLine = run.newStart + i;
                rows.append(row);
            } else if (run.operation == DiffOperation::Deleted) {
                pendingOld.append(run.oldStart + i);
            } else {
                pendingNew.append(run.newStart + i);
            }
        }
    }
    flush();
    return rows;
}

} // namespace ocms
