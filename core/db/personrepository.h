#pragma once

#include "models/duplicatepair.h"
#include "models/recordtable.h"
#include "result.h"

#include <QSqlDatabase>
#include <QVariantMap>

namespace ocms {

// A person's record as the side-by-side comparison shows it: their fields, aliases and the cases and
// projects they appear on (those the user may see).
struct PersonDetail
{
    QUuid id;
    QVariantMap fields;   // column -> value
    QStringList aliases;
    QStringList appearances; // "CASE-… (respondent)", "PRJ-… (respondent)"
};

// Likely duplicates, merges and their undoing, as the signed-in user: the server decides who may see and
// merge what (core.merge_people / core.unmerge_people, migration 0018). Blocking: use on a worker thread.
class PersonRepository
{
public:
    explicit PersonRepository(QSqlDatabase& database) : m_database(database) {}

    Result<QList<DuplicatePair>> duplicateCandidates(int limit = 200);
    Result<PersonDetail> detail(const QUuid& personId);
    Result<QUuid> merge(const QUuid& keep, const QUuid& merged, const QString& reason);
    Result<void> unmerge(const QUuid& mergeId);
    Result<void> dismiss(const QUuid& first, const QUuid& second);
    // Recent merges the user may see (newest first): when, kept name, merged name, by, reason, undone.
    Result<RecordTable> recentMerges(int limit = 100);

private:
    QSqlDatabase& m_database;
};

} // namespace ocms
