#pragma once

#include "copybuffer.h"
#include "result.h"
#include "seedoptions.h"
#include "seedorganisation.h"

#include <QSqlDatabase>

namespace ocms {

// Generates fugitive records (with people, aliases, possible addresses, convictions), leads routed to the
// team whose jurisdiction covers the ZIP, activities, arrests, non-fugitive arrests and removals.
class FieldSeeder
{
public:
    struct Chunk
    {
        CopyBuffer people, aliases, addresses, fugitives, convictions, leads, assignments, activities, arrests,
            nonfugitiveArrests, removals;
        qint64 fugitiveCount = 0;
        qint64 leadCount = 0;
    };

    FieldSeeder(QSqlDatabase database, const SeedOrganisation& organisation, const SeedOptions& options,
                const SeedOffsets& offsets);

    Result<qint64> run(); // rows loaded
    qint64 fugitivesCreated() const { return m_fugitives; }

private:
    Chunk generate(qint64 firstFugitive, qint64 firstLead, qint64 leadsWanted) const;
    Result<qint64> load(const Chunk& chunk);

    QSqlDatabase m_database;
    const SeedOrganisation& m_organisation;
    SeedOptions m_options;
    SeedOffsets m_offsets;
    qint64 m_fugitives = 0;
    bool m_serverWritesHistory = false; // triggers on: the server writes routing history itself
};

} // namespace ocms
