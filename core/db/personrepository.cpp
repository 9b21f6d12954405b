#include "personrepository.h"

#include "sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace ocms {

namespace {

QString key(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

PersonSummary summaryFrom(const QSqlQuery& query, int first)
{
    return {QUuid::fromString(query.value(first).toString()), query.value(first + 1).toString(), query.value(first + 2).toDate(),
            query.value(first + 3).toString(), query.value(first + 4).toString()};
}

} // namespace

Result<QList<DuplicatePair>> PersonRepository::duplicateCandidates(int limit)
{
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT a.id, concat_ws(', ', a.family_name, a.given_name), a.date_of_birth, coalesce(a.a_number, ''), coalesce(a.nationality, ''), "
        "       b.id, concat_ws(', ', b.family_name, b.given_name), b.date_of_birth, coalesce(b.a_number, ''), coalesce(b.nationality, ''), "
        "       d.reason, d.score, d.found_at "
        "FROM core.duplicate_candidates(?) d JOIN core.people a ON a.id = d.person_id JOIN core.people b ON b.id = d.other_id "
        "ORDER BY d.score DESC, d.found_at DESC, d.person_id"));
    query.addBindValue(limit);
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    QList<DuplicatePair> pairs;
    while (query.next()) {
        pairs.append({summaryFrom(query, 0), summaryFrom(query, 5), query.value(10).toString(), query.value(11).toDouble(),
                      query.value(12).toDateTime()});
    }
    return pairs;
}

Result<PersonDetail> PersonRepository::detail(const QUuid& personId)
{
    PersonDetail detail;
    detail.id = personId;
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT family_name, given_name, middle_name, date_of_birth, place_of_birth, sex, nationality, "
                                 "language, a_number, title, employer, business_phone, business_email "
                                 "FROM core.people WHERE id = ? AND deleted_at IS NULL"));
    query.addBindValue(key(personId));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    if (!query.next()) {
        return fail(Error{ErrorCode::NotFound, QStringLiteral("The person's record no longer exists or you may not see it."), {}});
    }
    const QSqlRecord record = query.record();
    for (int column = 0; column < record.count(); ++column) {
        detail.fields.insert(record.fieldName(column), query.value(column));
    }
    query.prepare(QStringLiteral("SELECT concat_ws(', ', family_name, given_name) FROM core.person_aliases "
                                 "WHERE person_id = ? AND deleted_at IS NULL ORDER BY family_name, given_name"));
    query.addBindValue(key(personId));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    while (query.next()) {
        detail.aliases.append(query.value(0).toString());
    }
    query.prepare(QStringLiteral("SELECT c.case_number || ' (' || replace(cp.role, '_', ' ') || ')' FROM legal.case_people cp "
                                 "JOIN legal.cases c ON c.id = cp.case_id WHERE cp.person_id = ? "
                                 "UNION ALL SELECT p.project_number || ' (' || replace(pp.role, '_', ' ') || ')' "
                                 "FROM legal.project_people pp JOIN legal.projects p ON p.id = pp.project_id WHERE pp.person_id = ? "
                                 "ORDER BY 1"));
    query.addBindValue(key(personId));
    query.addBindValue(key(personId));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    while (query.next()) {
        detail.appearances.append(query.value(0).toString());
    }
    return detail;
}

Result<QUuid> PersonRepository::merge(const QUuid& keep, const QUuid& merged, const QString& reason)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT core.merge_people(?, ?, ?)"));
    query.addBindValue(key(keep));
    query.addBindValue(key(merged));
    query.addBindValue(reason);
    if (!query.exec() || !query.next()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return QUuid::fromString(query.value(0).toString());
}

Result<void> PersonRepository::unmerge(const QUuid& mergeId)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT core.unmerge_people(?)"));
    query.addBindValue(key(mergeId));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return {};
}

Result<void> PersonRepository::dismiss(const QUuid& first, const QUuid& second)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT core.dismiss_duplicate(?, ?)"));
    query.addBindValue(key(first));
    query.addBindValue(key(second));
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return {};
}

Result<RecordTable> PersonRepository::recentMerges(int limit)
{
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT m.id, m.merged_at, m.kept_name, m.merged_name, u.full_name, m.reason, m.undone_at "
                                 "FROM core.person_merges m LEFT JOIN core.users u ON u.id = m.merged_by "
                                 "ORDER BY m.merged_at DESC LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    RecordTable merges;
    merges.headers = {QStringLiteral("When"), QStringLiteral("Kept"), QStringLiteral("Merged into it"), QStringLiteral("By"),
                      QStringLiteral("Why"), QStringLiteral("Undone")};
    while (query.next()) {
        merges.ids.append(QUuid::fromString(query.value(0).toString()));
        merges.rows.append({query.value(1), query.value(2), query.value(3), query.value(4), query.value(5), query.value(6)});
    }
    return merges;
}

} // namespace ocms
