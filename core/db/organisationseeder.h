#pragma once

#include "result.h"
#include "seedorganisation.h"

#include <QSqlDatabase>

namespace ocms {

// Offices, divisions, teams, ZIP jurisdictions, lead sources and staff records. Idempotent: the same
// rows (fixed ids) every time, more staff when more cases ask for it; then reads everything back.
class OrganisationSeeder
{
public:
    explicit OrganisationSeeder(QSqlDatabase database) : m_database(std::move(database)) {}

    Result<SeedOrganisation> ensure(qint64 totalCases);

private:
    Result<void> exec(const QString& sql, const QVariantList& values);
    Result<SeedOrganisation> load();

    QSqlDatabase m_database;
};

} // namespace ocms
