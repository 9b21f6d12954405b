#pragma once

#include <QDate>
#include <QImage>
#include <QString>
#include <QUuid>

namespace ocms {

// A fugitive record's photograph as the offline copy keeps it, decoded and scaled for the lead screen
// (off the GUI thread); the original bytes stay in the encrypted copy.
struct CachedPhotograph
{
    QUuid id;
    QDate takenOn;
    QString caption;
    QImage image; // null when the stored bytes are no image Qt can read
};

} // namespace ocms
