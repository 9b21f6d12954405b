#pragma once

#include <QString>

#include <span>

namespace ocms {

// The columns of the case list, in their default order. The sortable ones each have an index on
// legal.case_list ending in case_id, so every sort pages by key.
enum class CaseListColumn {
    CaseNumber,
    ANumber,
    Party,
    Title,
    CaseType,
    Court,
    Office,
    Attorneys,
    Status,
    NextHearing,
    NextDeadline,
    Opened,
    LastAction,
};

struct CaseListColumnInfo
{
    CaseListColumn column;
    const char* key;         // stable name, for saved column choices
    const char* title;       // header text (translated by the view)
    const char* select;      // what the window query selects
    const char* sortKey;     // indexed sort expression, nullptr when not sortable
    const char* sortKeyType; // the SQL type a sort key read back as text is cast to
    // Descending order's own indexed key, where one key cannot serve both directions (nullptr: sortKey).
    const char* sortKeyDescending = nullptr;

    const char* sortKeyFor(Qt::SortOrder order) const
    {
        return order == Qt::DescendingOrder && sortKeyDescending ? sortKeyDescending : sortKey;
    }
};

class CaseListColumns
{
public:
    static std::span<const CaseListColumnInfo> all();
    static const CaseListColumnInfo& info(CaseListColumn column);
    static int count() { return int(all().size()); }
    static bool isSortable(CaseListColumn column) { return info(column).sortKey != nullptr; }
    // The column named by key, or CaseNumber when the key is unknown (a saved choice from a newer version).
    static CaseListColumn fromKey(const QString& key, bool* found = nullptr);
};

} // namespace ocms
