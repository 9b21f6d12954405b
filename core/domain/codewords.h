#pragma once

#include <QString>

namespace ocms {

// A stored code as words for people: "master_calendar" → "Master calendar".
inline QString codeToWords(const QString& code)
{
    QString text = code;
    text.replace(u'_', u' ');
    if (!text.isEmpty()) {
        text[0] = text[0].toUpper();
    }
    return text;
}

} // namespace ocms
