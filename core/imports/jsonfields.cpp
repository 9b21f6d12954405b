#include "jsonfields.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimeZone>

namespace ocms {

namespace {

QString shown(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String: {
        QString text = value.toString();
        if (text.size() > 40) {
            text = text.left(40) + QStringLiteral("...");
        }
        return u'"' + text + u'"';
    }
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("null");
    }
}

bool hasControl(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control && c != u'\n' && c != u'\t') {
            return true;
        }
    }
    return false;
}

} // namespace

Result<QJsonArray> JsonFields::replyList(const QByteArray& json, const QString& listKey, const QString& serviceName)
{
    QString name = serviceName;
    if (!name.isEmpty()) {
        name[0] = name[0].toUpper();
    }
    if (json.trimmed().isEmpty()) {
        return fail(Error::validation(QStringLiteral("%1 sent an empty reply instead of JSON.").arg(name)));
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        return fail(Error{ErrorCode::Validation,
                          QStringLiteral("%1 sent a reply that is not valid JSON (%2 at byte %3); nothing was taken from it.")
                              .arg(name, error.errorString())
                              .arg(error.offset),
                          QString::fromUtf8(json.left(200)).simplified()});
    }
    if (!document.isObject()) {
        return fail(Error::validation(QStringLiteral("%1 sent JSON that is not an object with a \"%2\" list; nothing was taken from it.")
                                          .arg(name, listKey)));
    }
    const QJsonValue list = document.object().value(listKey);
    if (!list.isArray()) {
        return fail(Error::validation(QStringLiteral("%1 sent JSON without a \"%2\" list; nothing was taken from it.").arg(name, listKey)));
    }
    return list.toArray();
}

QString JsonFields::quoted(const QString& key) const
{
    return u'"' + m_prefix + key + u'"';
}

void JsonFields::refuse(const QString& key, const QString& why)
{
    if (m_problem.isEmpty()) {
        m_problem = key.isEmpty() ? why : quoted(key) + u' ' + why;
    }
}

bool JsonFields::missing(const QString& key, bool required)
{
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().trimmed().isEmpty())) {
        if (required) {
            refuse(key, QStringLiteral("is missing"));
        }
        return true;
    }
    return false;
}

QString JsonFields::text(const QString& key, bool required, int maxLength)
{
    if (!ok() || missing(key, required)) {
        return {};
    }
    const QJsonValue value = m_object.value(key);
    if (!value.isString()) {
        refuse(key, QStringLiteral("should be text, not %1").arg(shown(value)));
        return {};
    }
    const QString text = value.toString().trimmed();
    if (text.size() > maxLength) {
        refuse(key, QStringLiteral("is longer than %1 characters").arg(maxLength));
        return {};
    }
    if (hasControl(text)) {
        refuse(key, QStringLiteral("holds control characters"));
        return {};
    }
    return text;
}

QDate JsonFields::date(const QString& key, bool required)
{
    if (!ok() || missing(key, required)) {
        return {};
    }
    const QJsonValue value = m_object.value(key);
    const QString text = value.toString().trimmed();
    const QDate date = QDate::fromString(text, QStringLiteral("yyyy-MM-dd"));
    if (!value.isString() || text.size() != 10 || !date.isValid() || date.year() < 1900) {
        refuse(key, QStringLiteral("is not a date (YYYY-MM-DD): %1").arg(shown(value)));
        return {};
    }
    return date;
}

QTime JsonFields::time(const QString& key, bool required)
{
    if (!ok() || missing(key, required)) {
        return {};
    }
    const QJsonValue value = m_object.value(key);
    const QString text = value.toString().trimmed();
    QTime time = QTime::fromString(text, QStringLiteral("HH:mm"));
    if (!time.isValid() || text.size() != 5) {
        time = text.size() == 8 ? QTime::fromString(text, QStringLiteral("HH:mm:ss")) : QTime();
    }
    if (!value.isString() || !time.isValid()) {
        refuse(key, QStringLiteral("is not a time of day (HH:MM, 24-hour): %1").arg(shown(value)));
        return {};
    }
    return time;
}

QDateTime JsonFields::timestamp(const QString& key, bool required)
{
    if (!ok() || missing(key, required)) {
        return {};
    }
    const QJsonValue value = m_object.value(key);
    const QString text = value.toString().trimmed();
    const QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    // A time without Z or an offset is ambiguous: refused.
    const bool zoned = text.endsWith(u'Z') || (text.size() > 19 && (text.at(text.size() - 6) == u'+' || text.at(text.size() - 6) == u'-'));
    if (!value.isString() || !when.isValid() || !zoned) {
        refuse(key, QStringLiteral("is not a time stamp (ISO 8601 with Z or an offset, e.g. 2026-03-14T09:30:00Z): %1").arg(shown(value)));
        return {};
    }
    return when.toTimeZone(QTimeZone::utc());
}

QJsonArray JsonFields::array(const QString& key, bool required)
{
    if (!ok() || missing(key, required)) {
        return {};
    }
    const QJsonValue value = m_object.value(key);
    if (!value.isArray()) {
        refuse(key, QStringLiteral("should be a list, not %1").arg(shown(value)));
        return {};
    }
    return value.toArray();
}

QJsonObject JsonFields::object(const QString& key, bool required)
{
    if (!ok() || missing(key, required)) {
        return {};
    }
    const QJsonValue value = m_object.value(key);
    if (!value.isObject()) {
        refuse(key, QStringLiteral("should be an object, not %1").arg(shown(value)));
        return {};
    }
    return value.toObject();
}

} // namespace ocms
