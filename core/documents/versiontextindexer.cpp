#include "versiontextindexer.h"

#include "contentstore.h"
#include "db/documentrepository.h"
#include "db/threadconnection.h"
#include "textextractor.h"

namespace ocms {

Result<int> VersionTextIndexer::runOnce(const ConnectionSettings& settings, int limit, const std::atomic<bool>* cancel)
{
    return withThreadConnection<int>(settings, QStringLiteral("text-index"), [&](QSqlDatabase& database) {
        DocumentRepository repository(database);
        return runOnce(repository, limit, cancel);
    });
}

Result<int> VersionTextIndexer::runOnce(DocumentRepository& repository, int limit, const std::atomic<bool>* cancel)
{
    auto pending = repository.pendingText(limit);
    if (!pending) {
        return fail(pending.error());
    }
    int filed = 0;
    ContentStore store(repository.database());
    for (const DocumentRepository::PendingText& version : *pending) {
        if (cancel && cancel->load()) {
            break;
        }
        // What cannot hold text is settled from its name and type, without reading a byte of it.
        const TextExtractor::Kind kind = TextExtractor::detectKind({}, version.fileName, version.mimeType);
        if (kind == TextExtractor::Kind::Unsupported && !version.mimeType.startsWith(QStringLiteral("application/octet-stream"))) {
            if (auto done = repository.setText(version.versionId, QStringLiteral("none"), QStringLiteral("none"), {}, 0, {}); !done) {
                return fail(done.error());
            }
            ++filed;
            continue;
        }
        auto bytes = store.read(version.contentId, kMaxBytes);
        if (!bytes) {
            if (bytes.error().code == ErrorCode::Validation) { // too large to read for text
                if (auto done = repository.setText(version.versionId, QStringLiteral("failed"), {}, {}, 0, bytes.error().userMessage); !done) {
                    return fail(done.error());
                }
                ++filed;
                continue;
            }
            return fail(bytes.error());
        }
        auto text = m_job.run(*bytes, version.fileName, version.mimeType, cancel);
        if (!text) {
            if (text.error().code == ErrorCode::Cancelled) {
                break;
            }
            // A damaged file is the file's problem, not the job's: say so on the version and go on.
            if (auto done = repository.setText(version.versionId, QStringLiteral("failed"), {}, {}, 0, text.error().userMessage); !done) {
                return fail(done.error());
            }
            ++filed;
            continue;
        }
        const QString body = text->text();
        const bool empty = body.trimmed().isEmpty();
        QString note = text->warning;
        if (text->truncated) {
            note = (note.isEmpty() ? QString() : note + u' ') + QStringLiteral("Only the beginning of a very long text is searchable.");
        }
        if (auto done = repository.setText(version.versionId, empty ? QStringLiteral("none") : QStringLiteral("done"),
                                           ExtractedText::methodName(text->method), body, int(text->pages.size()), note);
            !done) {
            return fail(done.error());
        }
        ++filed;
    }
    return filed;
}

} // namespace ocms
