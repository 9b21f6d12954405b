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
    qint64 projects = -1;    // negative: one for every ten cases
    qint64 timeEntries = -1; // negative: two for every case
    std::uint64_t seed = 1;
    QDate asOf = QDate::currentDate(); // "today" of the synthetic world: hearings ahead of it, history behind
    qint64 bulkLoadThreshold = 50000;  // from this many cases + leads on, indexes are rebuilt once at the end
    std::function<void(const QString&)> progress;

    qint64 projectCount() const { return projects >= 0 ? projects : cases / 10; }
    qint64 timeEntryCount() const { return timeEntries >= 0 ? timeEntries : cases * 2; }
};

// Where this run's records start in the global numbering, so later runs never collide with earlier ones.
struct SeedOffsets
{
    qint64 caseIndex = 0;
    qint64 fugitiveIndex = 0;
    qint64 documentIndex = 0;
    qint64 projectIndex = 0;
    qint64 firstCaseNumber = 1;
    qint64 firstLeadNumber = 1;
    qint64 firstFugitiveNumber = 1;
    qint64 firstDocumentNumber = 1;
    qint64 firstProjectNumber = 1;
};

} // namespace ocms
