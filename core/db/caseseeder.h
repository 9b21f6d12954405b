#pragma once

#include "copybuffer.h"
#include "result.h"
#include "seedoptions.h"
#include "seedorganisation.h"

#include <QSqlDatabase>

namespace ocms {

// Generates immigration and non-immigration cases with their people, aliases, addresses, staff,
// hearings, deadlines, notes and history, and loads them with COPY in chunks. The next chunk is
// generated on a second thread while the server ingests the current one.
class CaseSeeder
{
public:
    struct Chunk
    {
        CopyBuffer people, aliases, addresses, phones, cases, casePeople, caseStaff, hearings, deadlines, notes, events;
        qint64 rowCount() const;
    };

    CaseSeeder(QSqlDatabase database, const SeedOrganisation& organisation, const SeedOptions& options,
               const SeedOffsets& offsets);

    Result<qint64> run(); // rows loaded

    // Case k's id and A-Number can be recomputed without generating the case (documents attach to them).
    static QUuid caseId(std::uint64_t seed, qint64 globalIndex);
    static QString aNumberFor(qint64 globalIndex);

private:
    Chunk generate(qint64 first, qint64 count) const;
    Result<qint64> load(const Chunk& chunk);

    QSqlDatabase m_database;
    const SeedOrganisation& m_organisation;
    SeedOptions m_options;
    SeedOffsets m_offsets;
};

} // namespace ocms
