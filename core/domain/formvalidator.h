#pragma once

#include "fieldspec.h"

#include <QHash>
#include <QString>
#include <QVariantMap>

#include <functional>

namespace ocms {

// Checks typed values against a form's specs before anything reaches the server: one message per field,
// in words the user can act on. Also turns accepted input into stored form (A-Number to nine digits,
// trimmed text, empty text to null). The server checks again; this only spares a round trip.
class FormValidator
{
public:
    // Whether a choice code is allowed for a list given the parent field's value (from the dropdown catalog).
    using ChoiceCheck = std::function<bool(const QString& listCode, const QString& code, const QString& parentCode)>;

    explicit FormValidator(ChoiceCheck choiceAllowed = {}) : m_choiceAllowed(std::move(choiceAllowed)) {}

    // Messages by field key; empty when every field is acceptable.
    QHash<QString, QString> validate(const FormSpec& form, const QVariantMap& values) const;
    QString validateField(const FieldSpec& field, const QVariant& value, const QVariantMap& values) const;
    // Values in the form the database stores them (call after validate() found nothing).
    static QVariantMap normalised(const FormSpec& form, const QVariantMap& values);
    static QVariant normalisedValue(const FieldSpec& field, const QVariant& value);
    static bool isEmpty(const QVariant& value);

private:
    ChoiceCheck m_choiceAllowed;
};

} // namespace ocms
