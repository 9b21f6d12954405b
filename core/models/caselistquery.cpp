#include "caselistquery.h"

#include <QStringList>

namespace ocms {

namespace {

// The smallest string greater than every string starting with prefix, in byte (C collation) order:
// U+10FFFF encodes as the highest UTF-8 sequence, so prefix + U+10FFFF bounds the range from above.
QString prefixUpperBound(const QString& prefix)
{
    return prefix + QString::fromUcs4(U"\U0010FFFF");
}

} // namespace

CaseListQuery::CaseListQuery(CaseListFilter filter, CaseListColumn sortColumn, Qt::SortOrder order)
    : m_filter(std::move(filter)), m_sortColumn(CaseListColumns::isSortable(sortColumn) ? sortColumn : CaseListColumn::CaseNumber),
      m_order(order)
{
}

QLatin1StringView CaseListQuery::sortKey() const
{
    return QLatin1StringView(CaseListColumns::info(m_sortColumn).sortKeyFor(m_order));
}

QString CaseListQuery::selectList() const
{
    QStringList fields{QStringLiteral("cl.case_id"),
                       QStringLiteral("(%1)::text").arg(sortKey())};
    for (const auto& column : CaseListColumns::all()) {
        fields << QLatin1StringView(column.select);
    }
    return fields.join(QStringLiteral(", "));
}

QString CaseListQuery::orderBy() const
{
    const QLatin1StringView direction(m_order == Qt::AscendingOrder ? "ASC" : "DESC");
    return QStringLiteral(" ORDER BY %1 %2, cl.case_id %2").arg(sortKey(), direction);
}

QString CaseListQuery::whereClause(QVariantList& values) const
{
    QStringList conditions;
    const QString digits = m_filter.aNumberDigits();
    if (digits.size() == 9) {
        conditions << QStringLiteral("cl.a_number COLLATE \"C\" = ?");
        values << digits;
    } else if (!digits.isEmpty()) {
        conditions << QStringLiteral("cl.a_number COLLATE \"C\" >= ? AND cl.a_number COLLATE \"C\" < ?");
        values << digits << prefixUpperBound(digits);
    }
    const QString name = m_filter.nameSearchText();
    if (!name.isEmpty() && m_filter.similarNames) {
        conditions << QStringLiteral("cl.case_id IN (SELECT n.case_id FROM legal.case_names n WHERE n.name_key % core.name_key(?))");
        values << name;
    } else if (!name.isEmpty()) {
        conditions << QStringLiteral("cl.case_id IN (SELECT n.case_id FROM legal.case_names n "
                                     "WHERE n.name_key COLLATE \"C\" >= core.name_key(?) "
                                     "AND n.name_key COLLATE \"C\" < core.name_key(?) || ?)");
        values << name << name << QString::fromUcs4(U"\U0010FFFF");
    }
    const auto equals = [&](const char* condition, const QVariant& value) {
        conditions << QLatin1StringView(condition);
        values << value;
    };
    if (!m_filter.caseType.isEmpty()) {
        equals("cl.case_type = ?", m_filter.caseType);
    }
    if (!m_filter.court.isEmpty()) {
        equals("cl.court_name = ?", m_filter.court);
    }
    if (!m_filter.officeId.isNull()) {
        equals("cl.office_id = CAST(? AS uuid)", m_filter.officeId.toString(QUuid::WithoutBraces));
    }
    if (!m_filter.attorneyId.isNull()) {
        equals("CAST(? AS uuid) = ANY (cl.attorney_ids)", m_filter.attorneyId.toString(QUuid::WithoutBraces));
    }
    if (!m_filter.status.isEmpty()) {
        equals("cl.status = ?", m_filter.status);
    }
    // Date ranges compare the column with a value of its own type (cross-type comparisons are not
    // leakproof, so row security would keep them from the index); the upper bound is the next day, and an
    // open range stops before 'infinity' (no hearing, no deadline).
    const auto range = [&](const char* column, const char* type, QDate from, QDate to) {
        if (from.isValid()) {
            conditions << QStringLiteral("%1 >= CAST(? AS %2)").arg(QLatin1StringView(column), QLatin1StringView(type));
            values << from.toString(Qt::ISODate);
        }
        if (to.isValid()) {
            conditions << QStringLiteral("%1 < CAST(? AS %2)").arg(QLatin1StringView(column), QLatin1StringView(type));
            values << to.addDays(1).toString(Qt::ISODate);
        } else if (from.isValid()) {
            conditions << QStringLiteral("%1 < 'infinity'::%2").arg(QLatin1StringView(column), QLatin1StringView(type));
        }
    };
    range("cl.next_hearing_at", "timestamptz", m_filter.hearingFrom, m_filter.hearingTo);
    range("cl.next_deadline_on", "date", m_filter.deadlineFrom, m_filter.deadlineTo);
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

SqlStatement CaseListQuery::firstRows(int limit) const
{
    SqlStatement statement;
    statement.sql = QStringLiteral("SELECT ") + selectList() + QStringLiteral(" FROM legal.case_list cl") +
                    whereClause(statement.values) + orderBy() + QStringLiteral(" LIMIT ?");
    statement.values << limit;
    return statement;
}

SqlStatement CaseListQuery::rowsFrom(const CaseListKey& key, bool inclusive, int skip, int limit) const
{
    SqlStatement statement;
    QString where = whereClause(statement.values);
    const auto& column = CaseListColumns::info(m_sortColumn);
    const bool ascending = m_order == Qt::AscendingOrder;
    const QLatin1StringView comparison(ascending ? (inclusive ? ">=" : ">") : (inclusive ? "<=" : "<"));
    // Text keys compare in the C collation, like their index.
    const QString keyValue = QLatin1StringView(column.sortKeyType) == u"text"
                                 ? QStringLiteral("CAST(? AS text) COLLATE \"C\"")
                                 : QStringLiteral("CAST(? AS %1)").arg(QLatin1StringView(column.sortKeyType));
    const QString keyCondition = QStringLiteral("(%1, cl.case_id) %2 (%3, CAST(? AS uuid))")
                                     .arg(sortKey(), comparison, keyValue);
    where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) + keyCondition;
    statement.values << key.sortKey << key.caseId.toString(QUuid::WithoutBraces);
    statement.sql = QStringLiteral("SELECT ") + selectList() + QStringLiteral(" FROM legal.case_list cl") + where + orderBy() +
                    QStringLiteral(" LIMIT ? OFFSET ?");
    statement.values << limit << skip;
    return statement;
}

SqlStatement CaseListQuery::rowsAtOffset(qint64 offset, int limit) const
{
    SqlStatement statement;
    statement.sql = QStringLiteral("SELECT ") + selectList() + QStringLiteral(" FROM legal.case_list cl") +
                    whereClause(statement.values) + orderBy() + QStringLiteral(" LIMIT ? OFFSET ?");
    statement.values << limit << offset;
    return statement;
}

SqlStatement CaseListQuery::count() const
{
    SqlStatement statement;
    statement.sql = QStringLiteral("SELECT count(*) FROM legal.case_list cl") + whereClause(statement.values);
    return statement;
}

SqlStatement CaseListQuery::pivots(int step) const
{
    SqlStatement statement;
    const QLatin1StringView direction(m_order == Qt::AscendingOrder ? "ASC" : "DESC");
    statement.sql = QStringLiteral("SELECT sort_key, case_id FROM (SELECT (%1)::text AS sort_key, cl.case_id, "
                                   "row_number() OVER (ORDER BY %1 %2, cl.case_id %2) AS position "
                                   "FROM legal.case_list cl")
                        .arg(sortKey(), direction) +
                    whereClause(statement.values) + QStringLiteral(") numbered WHERE position % ? = 1 ORDER BY position");
    statement.values << step;
    return statement;
}

} // namespace ocms
