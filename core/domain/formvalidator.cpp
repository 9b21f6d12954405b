#include "formvalidator.h"

#include <cmath>

#include "anumber.h"
#include "ssn.h"

#include <QDateTime>
#include <QRegularExpression>

namespace ocms {

namespace {

QString dateText(const QDate& date)
{
    return date.toString(Qt::ISODate);
}

QString checkText(const FieldSpec& field, const QString& text)
{
    static const QRegularExpression phone(QStringLiteral("^\\+?[0-9 ()./-]{7,20}$"));
    static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    static const QRegularExpression state(QStringLiteral("^[A-Z]{2}$"));
    static const QRegularExpression zip(QStringLiteral("^[0-9]{5}$"));
    if (field.maxLength > 0 && text.size() > field.maxLength) {
        return QStringLiteral("%1 can hold at most %2 characters (%3 typed).").arg(field.label).arg(field.maxLength).arg(text.size());
    }
    if (!field.pattern.isEmpty()
        && !QRegularExpression(QStringLiteral("^(?:%1)$").arg(field.pattern)).match(text.toUpper()).hasMatch()) {
        return field.patternProblem.isEmpty() ? QStringLiteral("%1 is not in the expected form.").arg(field.label)
                                              : field.patternProblem;
    }
    switch (field.kind) {
    case FieldKind::ANumber:
        if (auto parsed = ANumber::parse(text); !parsed) {
            return parsed.error().userMessage;
        }
        break;
    case FieldKind::Ssn:
        if (auto parsed = Ssn::parse(text); !parsed) {
            return parsed.error().userMessage;
        }
        break;
    case FieldKind::Phone:
        if (!phone.match(text).hasMatch()) {
            return QStringLiteral("A phone number has 7 to 20 digits, spaces or ( ) . / - and may start with +.");
        }
        break;
    case FieldKind::Email:
        if (!email.match(text).hasMatch()) {
            return QStringLiteral("An e-mail address looks like name@agency.gov.");
        }
        break;
    case FieldKind::State:
    case FieldKind::Country:
        if (!state.match(text.toUpper()).hasMatch()) {
            return field.kind == FieldKind::State ? QStringLiteral("A state is a two-letter postal code, e.g. GA.")
                                                  : QStringLiteral("A country is a two-letter code, e.g. HN.");
        }
        break;
    case FieldKind::Zip:
        if (!zip.match(text).hasMatch()) {
            return QStringLiteral("A ZIP code has five digits.");
        }
        break;
    default:
        break;
    }
    return {};
}

} // namespace

bool FormValidator::isEmpty(const QVariant& value)
{
    if (!value.isValid() || value.isNull()) {
        return true;
    }
    if (value.typeId() == QMetaType::QString) {
        return value.toString().trimmed().isEmpty();
    }
    return false;
}

QString FormValidator::validateField(const FieldSpec& field, const QVariant& value, const QVariantMap& values) const
{
    if (isEmpty(value)) {
        return field.required && field.kind != FieldKind::Bool ? QStringLiteral("%1 is required.").arg(field.label) : QString();
    }
    switch (field.kind) {
    case FieldKind::Date: {
        const QDate date = value.typeId() == QMetaType::QDate ? value.toDate()
                                                               : QDate::fromString(value.toString().trimmed(), Qt::ISODate);
        if (!date.isValid()) {
            return QStringLiteral("%1 is not a date (use YYYY-MM-DD).").arg(field.label);
        }
        const QDate latest = field.notInFuture ? std::min(field.latest, QDate::currentDate()) : field.latest;
        if (date < field.earliest || date > latest) {
            return QStringLiteral("%1 must lie between %2 and %3.").arg(field.label, dateText(field.earliest), dateText(latest));
        }
        return {};
    }
    case FieldKind::DateTime: {
        const QDateTime moment = value.typeId() == QMetaType::QDateTime ? value.toDateTime()
                                                                         : QDateTime::fromString(value.toString(), Qt::ISODate);
        if (!moment.isValid()) {
            return QStringLiteral("%1 is not a date and time.").arg(field.label);
        }
        if (moment.date() < field.earliest || moment.date() > field.latest) {
            return QStringLiteral("%1 must lie between %2 and %3.").arg(field.label, dateText(field.earliest), dateText(field.latest));
        }
        return {};
    }
    case FieldKind::Score: {
        bool ok = false;
        const double score = value.toString().trimmed().toDouble(&ok);
        if (!ok || score < 0 || score > 100 || std::abs(score * 100 - std::round(score * 100)) > 1e-6) {
            return QStringLiteral("%1 is a number from 0 to 100 with at most two decimals.").arg(field.label);
        }
        return {};
    }
    case FieldKind::Money:
    case FieldKind::Hours: {
        bool ok = false;
        const double amount = value.toString().trimmed().remove(u',').remove(u'$').toDouble(&ok);
        if (!ok) {
            return QStringLiteral("%1 must be a number.").arg(field.label);
        }
        if (field.kind == FieldKind::Money && (amount < 0 || amount >= 1e12)) {
            return QStringLiteral("%1 must be zero or more, below a trillion.").arg(field.label);
        }
        if (field.kind == FieldKind::Hours && (amount <= 0 || amount > 24)) {
            return QStringLiteral("%1 must be more than 0 and at most 24.").arg(field.label);
        }
        if (field.kind == FieldKind::Hours && std::abs(amount * 4 - std::round(amount * 4)) > 1e-9) {
            return QStringLiteral("%1 are counted in quarter hours: 0.25, 0.5, 0.75, 1…").arg(field.label);
        }
        return {};
    }
    case FieldKind::Choice: {
        if (!m_choiceAllowed) {
            return {};
        }
        const QString parent = field.parentKey.isEmpty() ? QString() : values.value(field.parentKey).toString();
        if (!field.parentKey.isEmpty() && parent.isEmpty()) {
            return QStringLiteral("Choose the field this depends on first.");
        }
        if (!m_choiceAllowed(field.listCode, value.toString(), parent)) {
            return QStringLiteral("Choose %1 from the list.").arg(field.label.toLower());
        }
        return {};
    }
    case FieldKind::Bool:
        return {};
    default:
        return checkText(field, value.toString().trimmed());
    }
}

QHash<QString, QString> FormValidator::validate(const FormSpec& form, const QVariantMap& values) const
{
    QHash<QString, QString> problems;
    for (const FieldSpec& field : form) {
        if (const QString problem = validateField(field, values.value(field.key), values); !problem.isEmpty()) {
            problems.insert(field.key, problem);
        }
    }
    return problems;
}

QVariant FormValidator::normalisedValue(const FieldSpec& field, const QVariant& value)
{
    if (field.kind == FieldKind::Bool) {
        return value.toBool();
    }
    if (isEmpty(value)) {
        return QVariant();
    }
    switch (field.kind) {
    case FieldKind::ANumber: {
        auto parsed = ANumber::parse(value.toString());
        return parsed ? QVariant(parsed->digits()) : QVariant();
    }
    case FieldKind::Ssn: {
        auto parsed = Ssn::parse(value.toString());
        return parsed ? QVariant(parsed->digits()) : QVariant();
    }
    case FieldKind::Score:
        return value.toString().trimmed();
    case FieldKind::Date:
        return value.typeId() == QMetaType::QDate ? value : QVariant(QDate::fromString(value.toString().trimmed(), Qt::ISODate));
    case FieldKind::DateTime:
        return value.typeId() == QMetaType::QDateTime ? value : QVariant(QDateTime::fromString(value.toString(), Qt::ISODate));
    case FieldKind::Money:
    case FieldKind::Hours:
        return value.toString().trimmed().remove(u',').remove(u'$');
    case FieldKind::State:
    case FieldKind::Country:
        return value.toString().trimmed().toUpper();
    case FieldKind::Text:
        // A coded identifier (FBI number, SID…) is stored the way its pattern checked it: upper case.
        return field.pattern.isEmpty() ? QVariant(value.toString().trimmed()) : QVariant(value.toString().trimmed().toUpper());
    default:
        return value.typeId() == QMetaType::QString ? QVariant(value.toString().trimmed()) : value;
    }
}

QVariantMap FormValidator::normalised(const FormSpec& form, const QVariantMap& values)
{
    QVariantMap stored;
    for (const FieldSpec& field : form) {
        if (values.contains(field.key)) {
            stored.insert(field.key, normalisedValue(field, values.value(field.key)));
        }
    }
    return stored;
}

} // namespace ocms
