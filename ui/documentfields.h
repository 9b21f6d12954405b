#pragma once

#include "db/dropdowncatalog.h"

#include <QComboBox>
#include <QStringList>

namespace ocms {

// The document types the rules allow, after a first "Choose a type…" entry with no code.
inline void fillDocumentTypes(QComboBox* box, const DropdownCatalog& catalog)
{
    box->addItem(QComboBox::tr("Choose a type…"), QString());
    for (const DropdownChoice& choice : catalog.choices(QStringLiteral("document_type"))) {
        box->addItem(choice.label, choice.code);
    }
}

// Tags as typed ("Asylum, PSG ,honduras") as the server keeps them: trimmed, lower case, no empties.
inline QStringList tagsFromText(const QString& text)
{
    QStringList tags;
    for (const QString& tag : text.split(u',', Qt::SkipEmptyParts)) {
        if (!tag.trimmed().isEmpty()) {
            tags.append(tag.trimmed().toLower());
        }
    }
    return tags;
}

} // namespace ocms
