#pragma once

#include "connectionsettings.h"
#include "result.h"

#include <functional>

namespace ocms {

// The synthetic world every `ocmsctl bench` measures: one seed, so one seeded database serves them all,
// and an attorney of Immigration Law and Practice (like most users) to run queries as.
class BenchmarkWorld
{
public:
    static Result<void> prepare(const ConnectionSettings& owner, qint64 cases, const std::function<void(const QString&)>& progress,
                                const QString& attorneyLogin, const QString& attorneyPassword);
    // Tops the world up to at least this many documents (a seed run of documents only, attached to the
    // world's cases); returns how many there are.
    static Result<qint64> ensureDocuments(const ConnectionSettings& owner, qint64 documents,
                                          const std::function<void(const QString&)>& progress);
    // The database benchmarks run in: the one conninfo names, or else a database of its own (ocms_bench) in
    // the embedded cluster under dataDirectory (default folder when empty), migrated to the latest schema.
    static Result<ConnectionSettings> database(const QString& connInfo, const QString& dataDirectory);
    // Four-letter name prefixes drawn from the seeded names (repeatably, by seed), as users type them.
    static Result<QStringList> namePrefixes(const ConnectionSettings& owner, int count, int seed);
    // A password for a benchmark login, new each run.
    static QString newPassword();
};

} // namespace ocms
