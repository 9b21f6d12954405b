#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace ocms {

// Turns the main XML part of an office document into plain text, one paragraph per line: ODF content.xml
// (text:p / text:h, text:s, text:tab, text:line-break) and WordprocessingML word/document.xml (w:p, w:t,
// w:tab, w:br). Deleted tracked changes are left out: they are not part of the document a reader sees.
class OfficeTextParser
{
public:
    struct Text
    {
        QString text;
        bool truncated = false;
    };

    static Result<Text> parseOdt(const QByteArray& contentXml, qsizetype maxChars);
    static Result<Text> parseDocx(const QByteArray& documentXml, qsizetype maxChars);
};

} // namespace ocms
