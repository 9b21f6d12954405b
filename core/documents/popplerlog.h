#pragma once

namespace ocms {

// Poppler reports every oddity of a damaged PDF through qDebug by default — hundreds of lines for one bad
// upload in a background job. install() routes them to the logging category "ocms.documents.poppler",
// silent unless enabled (QT_LOGGING_RULES="ocms.documents.poppler.debug=true"). Idempotent, thread-safe.
class PopplerLog
{
public:
    static void install();
};

} // namespace ocms
