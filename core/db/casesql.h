#pragma once

#include <QString>

namespace ocms::CaseSql {

// A person's name as lists show it: "Family, Given Middle".
inline QString personName()
{
    return QStringLiteral("concat_ws(', ', p.family_name, nullif(concat_ws(' ', p.given_name, p.middle_name), ''))");
}

// Immigration matters waiting for their case (PIA footnote 6), newest first.
inline QString openTrackingProjects()
{
    return QStringLiteral("SELECT id, project_number, title FROM legal.projects WHERE immigration_matter AND linked_case_id IS NULL "
                          "AND status <> 'closed' AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 200");
}

} // namespace ocms::CaseSql
