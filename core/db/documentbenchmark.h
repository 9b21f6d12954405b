#pragma once

#include "benchmarkline.h"
#include "connectionsettings.h"
#include "result.h"

#include <QList>

#include <functional>

namespace ocms {

struct DocumentBenchmarkOptions
{
    qint64 cases = 1000000;          // the shared benchmark world
    qint64 documents = 200000;       // searched documents (the world is topped up to this many)
    int samples = 25;                // per search query kind
    qint64 fileBytes = 1LL << 30;    // the file sent up and down
    QString viewerProgram;           // `ocms` for the viewer's part (its --bench pdf-viewer); empty: skipped
    std::function<void(const QString&)> progress;
};

// `ocmsctl bench documents`: full-text search as an attorney (top 50 ranked, with snippets) against the same
// search done plainly (text parsed on the fly, no stored tsvector, no index); a 1 GB file uploaded and
// downloaded through ContentStore against raw binary inserts and reads of the same chunks, with the peak
// memory growth of each; and the PDF viewer's own figures, from `ocms --bench pdf-viewer`.
class DocumentBenchmark
{
public:
    DocumentBenchmark(ConnectionSettings owner, DocumentBenchmarkOptions options);

    Result<QList<BenchmarkLine>> run(const std::function<void(const BenchmarkLine&)>& report);

private:
    Result<QList<BenchmarkLine>> search();
    Result<QList<BenchmarkLine>> transfer();
    Result<QList<BenchmarkLine>> viewer();

    ConnectionSettings m_owner;
    DocumentBenchmarkOptions m_options;
    QString m_login;
    QString m_password;
};

} // namespace ocms
