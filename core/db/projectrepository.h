#pragma once

#include "models/caserecord.h"
#include "models/projectrecord.h"
#include "result.h"
#include "sqlsession.h"

#include <QSqlDatabase>
#include <QVariantMap>

namespace ocms {

// Reads and writes projects as the signed-in user: row security decides which projects exist for them
// (their divisions, their own, granted), the server's triggers keep each project's history, check tasks
// and time, and refuse work given to someone who could not see the project. Blocking: use it on a
// worker thread (ProjectService) with that thread's connection.
class ProjectRepository
{
public:
    explicit ProjectRepository(QSqlDatabase& database) : m_database(database), m_sql(database) {}

    // Number, Title, Type, Status, Client office, Office, Open tasks, Hours, Opened (newest first).
    Result<RecordTable> list(const ProjectListFilter& filter);
    // Values: ProjectForms::newProject() keys. The creator becomes the project's lead.
    Result<CreatedRecord> create(const QVariantMap& values);
    // What a new project starts with: the user's office, their first division, today.
    Result<QVariantMap> newProjectDefaults();
    Result<ProjectRecord> load(const QUuid& projectId);
    // Saves changed fields if the project is still at rowVersion; otherwise a Conflict naming who saved it.
    Result<qint64> saveSummary(const QUuid& projectId, qint64 rowVersion, const QVariantMap& changes);

    Result<void> assign(const QUuid& projectId, const QVariantMap& values);
    Result<void> unassign(const QUuid& projectId, const QUuid& userId, const QString& role);
    Result<void> addTask(const QUuid& projectId, const QVariantMap& values);
    Result<QVariantMap> task(const QUuid& taskId); // stored values, with "row_version"
    Result<void> updateTask(const QUuid& taskId, qint64 rowVersion, const QVariantMap& changes);
    Result<void> setTaskStatus(const QUuid& taskId, const QString& status);
    Result<void> addEvent(const QUuid& projectId, const QVariantMap& values);
    Result<void> addPerson(const QUuid& projectId, const QVariantMap& values);
    Result<void> removePerson(const QUuid& projectId, const QUuid& personId, const QString& role);
    Result<void> logTime(const QUuid& projectId, const QVariantMap& values); // the signed-in user's own time
    Result<void> linkCase(const QUuid& projectId, const QString& caseNumber);
    Result<void> unlinkCase(const QUuid& projectId, const QUuid& caseId);
    Result<void> grantAccess(const QUuid& projectId, const QString& login);
    Result<void> revokeAccess(const QUuid& projectId, const QString& login);

private:
    // load()'s statements, run inside one snapshot.
    Result<ProjectRecord> readRecord(const QUuid& projectId);

    QSqlDatabase& m_database;
    SqlSession m_sql;
};

} // namespace ocms
