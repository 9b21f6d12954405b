#include "failedlogoningest.h"

#include "csvreader.h"
#include "db/sqlerrortranslator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ocms {

namespace {

// PostgreSQL 15 csvlog columns we use.
constexpr int kLogTime = 0;
constexpr int kUserName = 1;
constexpr int kConnectionFrom = 4;
constexpr int kSessionId = 5;
constexpr int kSessionLine = 6;
constexpr int kSqlState = 12;
constexpr int kMessage = 13;

} // namespace

Result<LogonIngestReport> FailedLogonIngest::ingest(const QString& path)
{
    LogonIngestReport report;
    QFileInfo info(path);
    QStringList files;
    if (info.isDir()) {
        for (const QString& name : QDir(path).entryList({QStringLiteral("*.csv")}, QDir::Files, QDir::Name)) {
            files.append(QDir(path).filePath(name));
        }
    } else if (info.isFile()) {
        files.append(path);
    } else {
        return fail(Error::io(QStringLiteral("There is no log file or folder at %1.").arg(path)));
    }
    for (const QString& file : files) {
        if (auto done = ingestFile(file, &report); !done) {
            return fail(done.error());
        }
    }
    QSqlQuery lockouts(m_database);
    if (!lockouts.exec(QStringLiteral("SELECT * FROM audit.apply_lockouts()"))) {
        return fail(SqlErrorTranslator::translate(lockouts.lastError()));
    }
    while (lockouts.next()) {
        report.lockedAccounts.append(lockouts.value(0).toString());
    }
    return report;
}

Result<void> FailedLogonIngest::ingestFile(const QString& file, LogonIngestReport* report)
{
    QFile log(file);
    if (!log.open(QIODevice::ReadOnly)) {
        return fail(Error::io(QStringLiteral("Cannot read the server log %1.").arg(file), log.errorString()));
    }
    ++report->filesRead;
    static const QRegularExpression failure(QStringLiteral("^password authentication failed for user \"(.+)\"$"));
    CsvReader reader(log.readAll());
    QStringList fields;
    QSqlQuery record(m_database);
    record.prepare(QStringLiteral("SELECT audit.record_failed_logon(?, ?::timestamptz, ?, ?)"));
    while (reader.next(&fields)) {
        if (fields.size() <= kMessage || fields[kSqlState] != u"28P01") {
            continue;
        }
        const QRegularExpressionMatch match = failure.match(fields[kMessage]);
        const QString login = match.hasMatch() ? match.captured(1) : fields[kUserName];
        if (login.isEmpty()) {
            continue;
        }
        ++report->failuresFound;
        record.bindValue(0, login);
        record.bindValue(1, fields[kLogTime]);
        record.bindValue(2, fields[kConnectionFrom]);
        record.bindValue(3, QString(fields[kSessionId] + u':' + fields[kSessionLine]));
        if (!record.exec() || !record.next()) {
            return fail(SqlErrorTranslator::translate(record.lastError()));
        }
        if (record.value(0).toBool()) {
            ++report->failuresRecorded;
        }
    }
    return {};
}

} // namespace ocms
