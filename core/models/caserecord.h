#pragma once

#include "recordtable.h"

#include <QDateTime>
#include <QMetaType>
#include <QUuid>
#include <QVariantMap>

namespace ocms {

// Everything the case record's tabs show, read in one visit as the signed-in user: row security decides
// which children exist for them, the secure view masks the columns their field policy hides.
struct CaseRecord
{
    QUuid id;
    QString caseNumber;
    QString category;      // immigration | non_immigration
    QString aNumber;
    QString partyName;
    QString officeId;
    QString officeName;
    QString divisionName;
    QString createdByName;
    bool createdByMe = false;
    qint64 rowVersion = 0;
    QVariantMap summary;   // legal.cases column -> value (NULL where the field policy hides it)

    RecordTable staff;
    RecordTable people;
    RecordTable hearings;
    RecordTable deadlines;
    RecordTable notes;
    RecordTable history;
    RecordTable transfers;
    RecordTable afileLocations;
    RecordTable applications;
    RecordTable visas;
    RecordTable disclosures;
    RecordTable grants;
    RecordTable linkedProjects;
    RecordTable timeEntries;
    RecordTable documents; // id and title, for choosing a disclosure's request letter
    RecordTable trackingProjects; // open tracking projects the user may see, for an immigration case to take over

    bool isImmigration() const { return category == QLatin1StringView("immigration"); }
};

// An existing case found for an A-Number before a new one is created.
struct CaseMatch
{
    QUuid id;
    QString caseNumber;
    QString status;
    QString caseType;
    QString court;
    QString officeName;
    QString partyName;
    QDate openedOn;
};

// A person already on record with an A-Number, offered when a case is created for it.
struct PersonMatch
{
    QUuid id;
    QString name;
    QDate dateOfBirth;
    QString nationality;
    QString language;
};

struct ProjectMatch
{
    QUuid id;
    QString projectNumber;
    QString title;
};

// What the A-Number step found: open or closed cases, people, and tracking projects that could be linked.
struct ANumberLookup
{
    QString aNumber; // nine digits
    QList<CaseMatch> cases;
    QList<PersonMatch> people;
    QList<ProjectMatch> trackingProjects;

    bool hasOpenCase() const
    {
        return std::any_of(cases.begin(), cases.end(), [](const CaseMatch& match) { return match.status != QLatin1StringView("closed"); });
    }
};

struct CreatedRecord
{
    QUuid id;
    QString number; // CASE-… or PRJ-…
};

} // namespace ocms

Q_DECLARE_METATYPE(ocms::CaseRecord)
