#pragma once

#include "fieldspec.h"

namespace ocms::FormFields {

// The building blocks of the form lists: a field with the house length limits, and a dropdown field.
inline FieldSpec field(const char* key, const char* label, FieldKind kind = FieldKind::Text)
{
    FieldSpec spec = FieldSpec::make(QString::fromUtf8(key), QString::fromUtf8(label), kind);
    spec.maxLength = kind == FieldKind::LongText ? 20000 : (kind == FieldKind::Text ? 300 : 0);
    return spec;
}

inline FieldSpec choice(const char* key, const char* label, const char* list, const char* parent = "")
{
    FieldSpec spec = field(key, label, FieldKind::Choice);
    spec.listCode = QString::fromUtf8(list);
    spec.parentKey = QString::fromUtf8(parent);
    return spec;
}

} // namespace ocms::FormFields
