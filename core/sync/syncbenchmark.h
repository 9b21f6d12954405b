#pragma once

#include "db/benchmarkline.h"
#include "db/connectionsettings.h"
#include "result.h"

#include <functional>

namespace ocms {

// `ocmsctl bench sync` (issue 8): the offline copy's sync against a real server, as field officers of two
// benchmark teams seeded in the benchmark database (SYNC-BENCH: `leads` open leads, each with its own
// fugitive record and `activitiesPerLead` activities; SYNC-PUSH: 1,000 open leads to push changes to).
// Each figure is the median of `runs` runs:
//   push-10000-changes        SyncEngine::push of 9,000 offline activities and 1,000 address edits (server
//                             checks, row security, audit, answers settled in the copy); baseline: the same
//                             rows written bare by the owner in two set-based statements. Goal ≤ 3 s.
//   first-pull-records        SyncEngine::pull into an empty copy: leads + fugitive records + activities
//                             written (100,000 by default). Goal ≤ 5 s.
//   incremental-pull-10000    5,000 leads and 5,000 activities changed on the server, pulled into the full
//                             copy. Goal ≤ 2 s.
//   read-wait-during-pull     FieldCache::lead() of a random lead on a second connection, every 5 ms while
//                             the first pull writes: max and p99; baseline: the same reads on an idle copy.
//                             Goal ≤ 100 ms.
//   unlock-moderate           OfflineStore::unlock with KdfLimits::moderate() (Argon2id 256 MiB). Goal ≤ 1 s.
//   sqlcipher-overhead        the first pull into the encrypted copy over the same pull into a plain SQLite
//                             file (same library, no key), in the same runs. Goal ratio ≤ 1.3.
class SyncBenchmark
{
public:
    struct Options
    {
        qint64 leads = 20'000;
        int activitiesPerLead = 3;
        int runs = 3;
        std::function<void(const QString&)> progress;
    };

    SyncBenchmark(ConnectionSettings owner, Options options) : m_owner(std::move(owner)), m_options(std::move(options)) {}

    Result<QList<BenchmarkLine>> run(const std::function<void(const BenchmarkLine&)>& emitLine);

private:
    ConnectionSettings m_owner;
    Options m_options;
};

} // namespace ocms
