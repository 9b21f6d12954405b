#pragma once

#include "result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QTime>

namespace ocms {

// Reads the fields of one JSON record from an external service, checking each as it goes; the first problem
// is kept as a plain phrase naming the field ("\"date\" is not a date (YYYY-MM-DD): \"2026-13-01\"") for a
// rejection report, and later reads return empty values. Text is trimmed; control characters are refused.
class JsonFields
{
public:
    // A service's whole reply: a JSON object holding the list listKey; an error naming the service when the
    // reply is not JSON (with the byte where it breaks), not an object, or lacks the list.
    static Result<QJsonArray> replyList(const QByteArray& json, const QString& listKey, const QString& serviceName);

    explicit JsonFields(QJsonObject object, QString prefix = {}) : m_object(std::move(object)), m_prefix(std::move(prefix)) {}

    QString text(const QString& key, bool required, int maxLength = 200);
    QDate date(const QString& key, bool required);            // YYYY-MM-DD
    QTime time(const QString& key, bool required);            // HH:MM or HH:MM:SS, 24-hour
    QDateTime timestamp(const QString& key, bool required);   // ISO 8601 with Z or an offset; returned in UTC
    QJsonArray array(const QString& key, bool required);
    QJsonObject object(const QString& key, bool required);
    // A problem found by the caller (a value of the right type that breaks a rule).
    void refuse(const QString& key, const QString& why);

    bool ok() const { return m_problem.isEmpty(); }
    const QString& problem() const { return m_problem; }

private:
    bool missing(const QString& key, bool required);
    QString quoted(const QString& key) const;

    QJsonObject m_object;
    QString m_prefix; // "attorneys[2]." for nested records
    QString m_problem;
};

} // namespace ocms
