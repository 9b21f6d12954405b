#include "leadboardquery.h"

#include <algorithm>
#include <cmath>

namespace ocms {

QStringList LeadBoardQuery::openStatuses()
{
    return {QStringLiteral("new"), QStringLiteral("assigned"), QStringLiteral("in_progress")};
}

QString LeadBoardQuery::scopeCondition(const QString& alias, QVariantList& values) const
{
    switch (m_filter.scope) {
    case LeadBoardScope::MyTeams:
        return QStringLiteral("%1.team_id IN (SELECT m.team_id FROM field.team_members m WHERE m.user_id = core.session_user_id())").arg(alias);
    case LeadBoardScope::Team:
        values.append(m_filter.teamId.toString(QUuid::WithoutBraces));
        return QStringLiteral("%1.team_id = ?").arg(alias);
    case LeadBoardScope::HeadquartersQueue:
        // The count summaries keep the queue under the nil UUID (their keys are never NULL).
        return alias == u"c" ? QStringLiteral("c.team_id = '00000000-0000-0000-0000-000000000000'")
                             : QStringLiteral("%1.team_id IS NULL").arg(alias);
    case LeadBoardScope::AllTeams:
        break;
    }
    return {};
}

QStringList LeadBoardQuery::conditions(QVariantList& values) const
{
    QStringList where = {QStringLiteral("l.deleted_at IS NULL")};
    if (const QString scope = scopeCondition(QStringLiteral("l"), values); !scope.isEmpty()) {
        where.append(scope);
    }
    if (m_filter.minimumPriority > 0) {
        where.append(QStringLiteral("l.priority_score >= ?"));
        values.append(m_filter.minimumPriority);
    }
    // Age in whole days: recorded at least min and at most max days ago.
    if (m_filter.minimumAgeDays >= 0) {
        where.append(QStringLiteral("l.created_at <= now() - make_interval(days => ?)"));
        values.append(m_filter.minimumAgeDays);
    }
    if (m_filter.maximumAgeDays >= 0) {
        where.append(QStringLiteral("l.created_at > now() - make_interval(days => ?)"));
        values.append(m_filter.maximumAgeDays + 1);
    }
    if (!m_filter.zipPrefix.isEmpty()) {
        if (m_filter.zipPrefix.size() == 5) {
            where.append(QStringLiteral("l.address_zip = ?"));
            values.append(m_filter.zipPrefix);
        } else {
            // ZIP codes are five digits: "303" is every code from 30300 to 30399, whatever the collation.
            where.append(QStringLiteral("l.address_zip BETWEEN ? AND ?"));
            values.append(m_filter.zipPrefix.leftJustified(5, u'0'));
            values.append(m_filter.zipPrefix.leftJustified(5, u'9'));
        }
    }
    if (!m_filter.sourceCode.isEmpty()) {
        where.append(QStringLiteral("l.source_id = (SELECT s.id FROM field.lead_sources s WHERE s.code = ?)"));
        values.append(m_filter.sourceCode);
    }
    return where;
}

QString LeadBoardQuery::statusCondition(QVariantList& values) const
{
    if (m_filter.status == u"all") {
        return {};
    }
    if (m_filter.status.isEmpty()) {
        return QStringLiteral("l.status IN ('new', 'assigned', 'in_progress')");
    }
    values.append(m_filter.status);
    return QStringLiteral("l.status = ?");
}

QString LeadBoardQuery::orderBy() const
{
    // Written to match the board indexes (migration 0029) read forwards or backwards.
    const bool descending = m_filter.order == Qt::DescendingOrder;
    switch (m_filter.sort) {
    case LeadBoardSort::Priority:
        return descending ? QStringLiteral("l.priority_score DESC NULLS LAST, l.id DESC")
                          : QStringLiteral("l.priority_score ASC NULLS FIRST, l.id ASC");
    case LeadBoardSort::Age: // oldest first when descending
        return descending ? QStringLiteral("l.created_at ASC, l.id ASC") : QStringLiteral("l.created_at DESC, l.id DESC");
    case LeadBoardSort::LeadNumber:
        return descending ? QStringLiteral("l.lead_number DESC") : QStringLiteral("l.lead_number ASC");
    case LeadBoardSort::Zip:
        return descending ? QStringLiteral("l.address_zip DESC NULLS FIRST, l.id DESC")
                          : QStringLiteral("l.address_zip ASC NULLS LAST, l.id ASC");
    case LeadBoardSort::Status:
        return descending ? QStringLiteral("l.status DESC, l.priority_score DESC NULLS LAST, l.id DESC")
                          : QStringLiteral("l.status ASC, l.priority_score ASC NULLS FIRST, l.id ASC");
    }
    return QStringLiteral("l.id");
}

SqlStatement LeadBoardQuery::rows() const
{
    SqlStatement statement;
    QStringList where = conditions(statement.values);
    if (const QString status = statusCondition(statement.values); !status.isEmpty()) {
        where.append(status);
    }
    statement.values.append(std::clamp(m_filter.limit, 1, kMaximumRows));
    const QString order = orderBy();
    // The page of lead ids first (an index-only scan that stops at the limit: every filtered and sorted
    // column is in the board indexes), then each row's own columns and what it shows.
    statement.sql =
        QStringLiteral("SELECT l.id AS lead_id, l.lead_number, l.priority_score::float8 AS priority, l.status, f.id AS fugitive_id, "
                       "  f.fugitive_number, p.family_name || coalesce(', ' || p.given_name, '') AS fugitive_name, "
                       "  f.status AS fugitive_status, concat_ws(', ', l.address_line1, l.address_city, l.address_state) AS address, "
                       "  l.address_zip, s.name AS source, l.relevance_score::float8 AS relevance, t.code AS team, l.created_at, "
                       "  (SELECT max(a.occurred_at) FROM field.activities a WHERE a.lead_id = l.id) AS last_activity_at "
                       "FROM (SELECT l.id FROM field.leads l WHERE %1 ORDER BY %2 LIMIT ?) page "
                       "JOIN field.leads l ON l.id = page.id "
                       "JOIN field.fugitives f ON f.id = l.fugitive_id "
                       "JOIN core.people p ON p.id = f.person_id "
                       "JOIN field.lead_sources s ON s.id = l.source_id "
                       "LEFT JOIN field.teams t ON t.id = l.team_id "
                       "ORDER BY %2")
            .arg(where.join(QStringLiteral(" AND ")), order);
    return statement;
}

LeadBoardQuery::CountSource LeadBoardQuery::countSource() const
{
    const bool zip = !m_filter.zipPrefix.isEmpty();
    const bool age = m_filter.minimumAgeDays >= 0 || m_filter.maximumAgeDays >= 0;
    const bool priority = m_filter.minimumPriority > 0;
    const bool source = !m_filter.sourceCode.isEmpty() || priority;
    // The source summary counts whole priorities: "at least 10" is "whole part at least 10", "at least 10.5" is not.
    if (priority && m_filter.minimumPriority != std::floor(m_filter.minimumPriority)) {
        return CountSource::Walk;
    }
    if (int(zip) + int(age) + int(source) > 1) {
        return CountSource::Walk;
    }
    return age ? CountSource::ByDay : source ? CountSource::BySource : CountSource::ByZip;
}

SqlStatement LeadBoardQuery::walkedStatusCounts() const
{
    SqlStatement statement;
    const QStringList where = conditions(statement.values);
    statement.values.append(kCountCap + 1);
    // One capped count per status: each stops after the cap, so the worst case is bounded whatever the table size.
    statement.sql = QStringLiteral("SELECT st.status, (SELECT count(*) FROM (SELECT 1 FROM field.leads l WHERE %1 AND l.status = st.status "
                                   "LIMIT ?) capped) "
                                   "FROM unnest(ARRAY['new', 'assigned', 'in_progress', 'closed', 'invalid']) AS st (status)")
                        .arg(where.join(QStringLiteral(" AND ")));
    return statement;
}

SqlStatement LeadBoardQuery::statusCounts() const
{
    const CountSource source = countSource();
    if (source == CountSource::Walk) {
        return walkedStatusCounts();
    }
    SqlStatement statement;
    QStringList where;
    if (const QString scope = scopeCondition(QStringLiteral("c"), statement.values); !scope.isEmpty()) {
        where.append(scope);
    }
    QString table;
    QString walked; // the leads the summary cannot tell apart: those of the part days at the ends of an age range
    switch (source) {
    case CountSource::ByZip:
        table = QStringLiteral("field.lead_counts_by_zip");
        if (m_filter.zipPrefix.size() == 5) {
            where.append(QStringLiteral("c.address_zip = ?"));
            statement.values.append(m_filter.zipPrefix);
        } else if (!m_filter.zipPrefix.isEmpty()) {
            where.append(QStringLiteral("c.address_zip BETWEEN ? AND ?"));
            statement.values.append(m_filter.zipPrefix.leftJustified(5, u'0'));
            statement.values.append(m_filter.zipPrefix.leftJustified(5, u'9'));
        }
        break;
    case CountSource::BySource:
        table = QStringLiteral("field.lead_counts_by_source");
        if (m_filter.minimumPriority > 0) {
            where.append(QStringLiteral("c.priority_floor >= ?"));
            statement.values.append(int(m_filter.minimumPriority));
        }
        if (!m_filter.sourceCode.isEmpty()) {
            where.append(QStringLiteral("c.source_id = (SELECT s.id FROM field.lead_sources s WHERE s.code = ?)"));
            statement.values.append(m_filter.sourceCode);
        }
        break;
    case CountSource::ByDay: {
        table = QStringLiteral("field.lead_counts_by_day");
        // The range is (now - (max + 1) days, now - min days]. Whole UTC days strictly inside it come from
        // the summary; the leads of the first and last day are walked with the filter's own conditions.
        const QString lowerDay = QStringLiteral("((now() - make_interval(days => ?)) AT TIME ZONE 'UTC')::date");
        const QString upperDay = QStringLiteral("((now() - make_interval(days => ?)) AT TIME ZONE 'UTC')::date");
        if (m_filter.maximumAgeDays >= 0) {
            where.append(QStringLiteral("c.created_day > ") + lowerDay);
            statement.values.append(m_filter.maximumAgeDays + 1);
        }
        if (m_filter.minimumAgeDays >= 0) {
            where.append(QStringLiteral("c.created_day < ") + upperDay);
            statement.values.append(m_filter.minimumAgeDays);
        }
        QStringList ends;
        QVariantList leadValues;
        const QString leadConditions = conditions(leadValues).join(QStringLiteral(" AND "));
        const auto walk = [&](const QString& range, const QVariantList& rangeValues) {
            ends.append(QStringLiteral("SELECT l.status, 1 FROM field.leads l WHERE %1 AND %2").arg(leadConditions, range));
            statement.values.append(leadValues);
            statement.values.append(rangeValues);
        };
        // The first day: recorded before the day after the lower bound's day.
        const QString afterLowerDay = QStringLiteral("((%1 + 1)::timestamp AT TIME ZONE 'UTC')").arg(lowerDay);
        if (m_filter.maximumAgeDays >= 0) {
            walk(QStringLiteral("l.created_at < ") + afterLowerDay, {m_filter.maximumAgeDays + 1});
        }
        // The last day: recorded since the upper bound's day began (and after the first day, not to count it twice).
        if (m_filter.minimumAgeDays >= 0) {
            const QString upperStart = QStringLiteral("(%1::timestamp AT TIME ZONE 'UTC')").arg(upperDay);
            if (m_filter.maximumAgeDays >= 0) {
                walk(QStringLiteral("l.created_at >= greatest(%1, %2)").arg(upperStart, afterLowerDay),
                     {m_filter.minimumAgeDays, m_filter.maximumAgeDays + 1});
            } else {
                walk(QStringLiteral("l.created_at >= ") + upperStart, {m_filter.minimumAgeDays});
            }
        }
        walked = ends.join(QStringLiteral(" UNION ALL "));
        break;
    }
    case CountSource::Walk:
        break;
    }
    statement.values.append(kCountCap + 1);
    QString counted = QStringLiteral("SELECT c.status, c.leads FROM %1 c").arg(table);
    if (!where.isEmpty()) {
        counted += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    }
    if (!walked.isEmpty()) {
        counted += QStringLiteral(" UNION ALL SELECT w.status, 1 FROM (%1) w").arg(walked);
    }
    // Every status, counted exactly, then capped like a walk so that every board reads its counts alike.
    statement.sql = QStringLiteral("SELECT st.status, least(coalesce(x.leads, 0), cap.value)::bigint AS count "
                                   "FROM unnest(ARRAY['new', 'assigned', 'in_progress', 'closed', 'invalid']) AS st (status) "
                                   "LEFT JOIN (SELECT u.status, sum(u.leads) AS leads FROM (%1) u GROUP BY u.status) x ON x.status = st.status "
                                   "CROSS JOIN (SELECT ?::bigint AS value) cap")
                        .arg(counted);
    return statement;
}

} // namespace ocms
