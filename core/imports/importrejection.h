#pragma once

#include <QString>

namespace ocms {

// A line of an import file that was not loaded, and why, in words the sender can act on.
struct ImportRejection
{
    qint64 line = 0;
    QString reason;

    friend bool operator<(const ImportRejection& a, const ImportRejection& b) { return a.line < b.line; }
};

} // namespace ocms
