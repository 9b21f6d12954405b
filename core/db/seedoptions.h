#pragma once

#include <QDate>

#include <cstdint>
#include <functional>

class QString;

namespace ocms {

struct SeedOptions
{
    qint64 cases = 0;
    qint64 leads = 0;
    qint64 documents = 0;
    std::uint64_t seed = 1;
    QDate asOf = QDate::currentDate(); // "today" of the synthetic world: hearings ahead of it, history behind
    qint64 bulkLoadThreshold = 50000;  // from this many cases + leads on, indexes are rebuilt once at the end
    std::function<void(const QString&)> progress;
};

// Where this run's records start in the global numbering, so later runs never collide with earlier ones.
struct SeedOffsets
{
    qint64 caseIndex = 0;
    qint64 fugitiveIndex = 0;
    qint64 documentIndex = 0;
    qint64 firstCaseNumber = 1;
    qint64 firstLeadNumber = 1;
    qint64 firstFugitiveNumber = 1;
    qint64 firstDocumentNumber = 1;
};

} // namespace ocms
