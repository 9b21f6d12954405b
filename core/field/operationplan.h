#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUuid>

namespace ocms {

// A point of contact of an operations plan: a team's own, local police, emergency services, a hospital.
struct PlanContact
{
    QUuid id;      // null: not stored yet
    QString kind;  // team, local_police, emergency_services, hospital, other
    QString name;
    QString agency;
    QString phone;
    QString notes;
};

// A fugitive (and the lead on where to find them) an operation sets out to arrest.
struct PlanTarget
{
    QUuid fugitiveId;
    QUuid leadId; // may be null: the fugitive without a particular lead
    QString fugitiveNumber;
    QString name;
    QString leadNumber;
    QString address;
};

// An operations plan (field.operations and its parts), as read for the form and for printing.
struct OperationPlan
{
    QUuid id; // null: a new plan
    QString number;
    QString name;
    QUuid officeId;
    QString officeName;
    QDate startsOn;
    QDate endsOn;
    QString scope;
    QString briefing; // field.operations.plan_summary
    QList<QUuid> teamIds;
    QStringList teamNames; // "CODE — Name", for printing
    QList<PlanTarget> targets;
    QList<PlanContact> contacts;
    QString createdBy;
    QString approvedBy; // empty: not approved
    QDateTime approvedAt;

    bool isApproved() const { return !approvedBy.isEmpty(); }
};

// What the signed-in user may do with plans (the server enforces it; the screens only follow).
struct PlanPermissions
{
    bool write = false;   // read/add/update field access
    bool approve = false; // a supervisor: full field access
};

} // namespace ocms
