#pragma once

#include "result.h"
#include "seedoptions.h"
#include "seedorganisation.h"

#include <QSqlDatabase>

namespace ocms {

// Generated PDF memoranda and briefs with real text, attached to seeded cases, one or two versions each.
class DocumentSeeder
{
public:
    DocumentSeeder(QSqlDatabase database, const SeedOrganisation& organisation, const SeedOptions& options,
                   const SeedOffsets& offsets);

    Result<qint64> run(); // rows loaded

private:
    QSqlDatabase m_database;
    const SeedOrganisation& m_organisation;
    SeedOptions m_options;
    SeedOffsets m_offsets;
};

} // namespace ocms
