#pragma once

#include "db/connectionsettings.h"
#include "documenttextjob.h"
#include "result.h"

#include <atomic>

namespace ocms {

class DocumentRepository;

// The background job that makes new versions searchable: for the signed-in user's versions still waiting
// for text, reads the content (checked against its hash), extracts the text (OCR for scans) and files it
// with the server. Formats without text (audio, video, unknown) are marked so without reading them. One
// indexer per worker thread (it keeps Tesseract loaded).
class VersionTextIndexer
{
public:
    // Content larger than this is not read for its text (a note on the version says so).
    static constexpr qint64 kMaxBytes = 512LL * 1024 * 1024;

    // Handles up to limit waiting versions; returns how many were filed (done, none or failed).
    Result<int> runOnce(DocumentRepository& repository, int limit, const std::atomic<bool>* cancel = nullptr);
    // The same on a connection of the calling (worker) thread, signed in with these settings.
    Result<int> runOnce(const ConnectionSettings& settings, int limit, const std::atomic<bool>* cancel = nullptr);

private:
    DocumentTextJob m_job;
};

} // namespace ocms
