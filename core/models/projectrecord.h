#pragma once

#include "db/dropdowncatalog.h"
#include "recordtable.h"

#include <QMetaType>
#include <QUuid>
#include <QVariantMap>

namespace ocms {

// Everything a project's tabs show, read in one visit as the signed-in user (row security decides what
// exists for them): its fields, staff, people involved, tasks, events, time, linked cases, history, grants.
struct ProjectRecord
{
    QUuid id;
    QString projectNumber;
    QString officeName;
    QString divisionName;
    QString createdByName;
    QString linkedCaseNumber; // a tracking project taken over by its case
    bool createdByMe = false;
    bool immigrationMatter = false;
    qint64 rowVersion = 0;
    QVariantMap summary; // legal.projects column -> value

    RecordTable staff;
    RecordTable people;
    RecordTable tasks;
    RecordTable events;
    RecordTable time;
    RecordTable cases;
    RecordTable history;
    RecordTable grants;
    RecordTable documents; // filed under the project (the document workspace adds and opens them)
    QList<DropdownChoice> staffChoices; // who could be given work on it (they could see it)

    QString title() const { return summary.value(QStringLiteral("title")).toString(); }
    QString status() const { return summary.value(QStringLiteral("status")).toString(); }
    double totalHours() const
    {
        double total = 0;
        for (qsizetype row = 0; row < time.size(); ++row) {
            total += time.value(row, QStringLiteral("Hours")).toDouble();
        }
        return total;
    }
};

// Which projects the list shows: words of the title or a project number, status, type, only mine.
struct ProjectListFilter
{
    QString text;
    QString status;    // empty: open and on hold
    QString type;      // empty: all
    bool onlyMine = false;
    int limit = 500;
};

} // namespace ocms

Q_DECLARE_METATYPE(ocms::ProjectRecord)
