#include "caselistcolumn.h"

#include <array>

namespace ocms {

namespace {

// Sort keys mirror the indexes of migration 0015 exactly, or the planner cannot use them. Placeholders ('' and
// 'infinity') stand for none in the table and are turned back into NULL for display.
constexpr std::array kColumns{
    CaseListColumnInfo{CaseListColumn::CaseNumber, "case_number", "Case", "cl.case_number",
                       "cl.case_number COLLATE \"C\"", "text"},
    // Cases with an A-Number first in both directions (migration 0020).
    CaseListColumnInfo{CaseListColumn::ANumber, "a_number", "A-Number", "nullif(cl.a_number, '')",
                       "cl.a_number_key_asc COLLATE \"C\"", "text", "cl.a_number_key_desc COLLATE \"C\""},
    CaseListColumnInfo{CaseListColumn::Party, "party", "Respondent / party", "cl.party_name",
                       "cl.party_key COLLATE \"C\"", "text"},
    CaseListColumnInfo{CaseListColumn::Title, "title", "Title", "cl.title", nullptr, nullptr},
    // Immigration types first in both directions, then the other litigation types (migration 0020).
    CaseListColumnInfo{CaseListColumn::CaseType, "case_type", "Type", "cl.case_type", "cl.type_key_asc COLLATE \"C\"", "text",
                       "cl.type_key_desc COLLATE \"C\""},
    CaseListColumnInfo{CaseListColumn::Court, "court", "Court", "cl.court_name", nullptr, nullptr},
    CaseListColumnInfo{CaseListColumn::Office, "office", "Office", "cl.office_id", nullptr, nullptr},
    CaseListColumnInfo{CaseListColumn::Attorneys, "attorneys", "Attorneys", "cl.attorney_names", nullptr, nullptr},
    CaseListColumnInfo{CaseListColumn::Status, "status", "Status", "cl.status", "cl.status", "text"},
    CaseListColumnInfo{CaseListColumn::NextHearing, "next_hearing", "Next hearing",
                       "nullif(cl.next_hearing_at, 'infinity')", "cl.next_hearing_at", "timestamptz"},
    CaseListColumnInfo{CaseListColumn::NextDeadline, "next_deadline", "Next deadline",
                       "nullif(cl.next_deadline_on, 'infinity')", "cl.next_deadline_on", "date"},
    CaseListColumnInfo{CaseListColumn::Opened, "opened", "Opened", "cl.opened_on", "cl.opened_on", "date"},
    CaseListColumnInfo{CaseListColumn::LastAction, "last_action", "Last action", "cl.last_action_at",
                       "cl.last_action_at", "timestamptz"},
};

} // namespace

std::span<const CaseListColumnInfo> CaseListColumns::all()
{
    return kColumns;
}

const CaseListColumnInfo& CaseListColumns::info(CaseListColumn column)
{
    return kColumns[std::size_t(column)];
}

CaseListColumn CaseListColumns::fromKey(const QString& key, bool* found)
{
    for (const auto& column : kColumns) {
        if (key == QLatin1StringView(column.key)) {
            if (found) {
                *found = true;
            }
            return column.column;
        }
    }
    if (found) {
        *found = false;
    }
    return CaseListColumn::CaseNumber;
}

} // namespace ocms
