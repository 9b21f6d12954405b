#pragma once

#include "leadboardfilter.h"
#include "models/caselistquery.h"

namespace ocms {

// The SQL of a lead board for one filter. Nothing typed by the user is spliced into the text: the sort
// comes from a fixed table and every value is bound. Status counts are capped (kCountCap), so a board over
// millions of leads answers as fast as one over a team's hundred. They are read from the server's count
// summaries (migration 0031) when the filter's dimensions fall inside one, else counted along the indexes.
class LeadBoardQuery
{
public:
    static constexpr int kCountCap = 10000;
    static constexpr int kMaximumRows = 1000;

    // Where a board's status counts come from.
    enum class CountSource {
        ByZip,    // field.lead_counts_by_zip: scope and ZIP (or nothing else)
        ByDay,    // field.lead_counts_by_day: scope and age; the part days at either end are walked
        BySource, // field.lead_counts_by_source: scope, source and a whole lowest priority
        Walk,     // any other mix: a capped walk of the board indexes per status
    };

    explicit LeadBoardQuery(LeadBoardFilter filter) : m_filter(std::move(filter)) {}

    // lead_id, lead_number, priority, status, fugitive_id, fugitive_number, fugitive_name, fugitive_status,
    // address, address_zip, source, relevance, team, created_at, last_activity_at.
    SqlStatement rows() const;
    // status, count (up to kCountCap + 1: more than the cap) for every status, under the filter's other conditions.
    SqlStatement statusCounts() const;

    // The statuses "open" stands for.
    static QStringList openStatuses();

    CountSource countSource() const;
    // The same counts by a capped walk of the board indexes, whatever the filter (statusCounts() for CountSource::Walk).
    SqlStatement walkedStatusCounts() const;

private:
    QString scopeCondition(const QString& alias, QVariantList& values) const;
    // The conditions on field.leads l besides the status.
    QStringList conditions(QVariantList& values) const;
    QString statusCondition(QVariantList& values) const;
    QString orderBy() const;

    LeadBoardFilter m_filter;
};

} // namespace ocms
