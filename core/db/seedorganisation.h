#pragma once

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QUuid>

namespace ocms {

// The organisation the synthetic records hang off, as read back from the database.
struct SeedOrganisation
{
    struct Office
    {
        QUuid id;
        QString code;
        QString city;
        QString state;
        QString zipPrefix;
        QList<QUuid> attorneys; // core.users
        QList<QUuid> support;
    };
    struct Team
    {
        QUuid id;
        QUuid officeId;
        QList<QUuid> officers;
        QList<QString> officerNames;
        QList<QString> zips;
    };

    QUuid headquarters;
    QList<Office> counselOffices; // Offices of Chief Counsel
    QList<Office> fieldOffices;   // ERO field offices
    QList<Team> teams;
    QHash<QString, QUuid> divisions; // code → id
    QList<QUuid> leadSources;
    QList<QString> leadSourceKinds;  // parallel to leadSources
    QList<QUuid> defenseAttorneys;   // core.people with business contact
    QHash<QString, int> teamOfZip;   // zip → index in teams
    QList<QString> allZips;
};

} // namespace ocms
