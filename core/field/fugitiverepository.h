#pragma once

#include "db/sqlsession.h"
#include "fugitiverecord.h"
#include "models/caserecord.h"
#include "result.h"

#include <QSqlDatabase>

namespace ocms {

// Reads and writes fugitive records as the signed-in officer (biography in core.people, immigration and
// criminal history and status in field.fugitives). The server refuses read-only officers, checks every
// field's format and keeps the threat score. Blocking: use it on a worker thread (FugitiveService).
class FugitiveRepository
{
public:
    explicit FugitiveRepository(QSqlDatabase& database) : m_database(database), m_sql(database) {}

    Result<FugitiveRecord> load(const QUuid& fugitiveId);
    // Values: FieldForms::newFugitive() keys.
    Result<CreatedRecord> create(const QVariantMap& values);
    // Changed fields of the biography, immigration and criminal history forms, saved only if the record is
    // still at rowVersion; returns the new row version.
    Result<qint64> save(const QUuid& fugitiveId, qint64 rowVersion, const QVariantMap& changes);
    // Values: FieldForms::fugitiveStatus() keys.
    Result<qint64> setStatus(const QUuid& fugitiveId, qint64 rowVersion, const QVariantMap& values);
    Result<void> addConviction(const QUuid& fugitiveId, const QVariantMap& values);
    Result<void> addAlias(const QUuid& fugitiveId, const QVariantMap& values);
    Result<void> addPossibleAddress(const QUuid& fugitiveId, const QVariantMap& values);
    // A photograph (mug shot): a JPEG or PNG of at most kMaxPhotographBytes; values: FieldForms::photograph() keys.
    Result<void> addPhotograph(const QUuid& fugitiveId, const QByteArray& picture, const QVariantMap& values);
    // The picture of a photograph the user may see (its "Content" in FugitiveRecord::photographs).
    Result<QByteArray> photograph(const QUuid& contentId);
    static constexpr qsizetype kMaxPhotographBytes = 10 * 1024 * 1024;
    // Fugitive number, A-Number or family name (prefix): Number, Name, Born, A-Number, Status (at most 50).
    Result<RecordTable> find(const QString& text);

private:
    // load()'s statements, run inside one snapshot.
    Result<FugitiveRecord> readRecord(const QUuid& fugitiveId);

    Result<QUuid> personOf(const QUuid& fugitiveId);

    QSqlDatabase& m_database;
    SqlSession m_sql;
};

} // namespace ocms
