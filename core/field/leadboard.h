#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QUuid>

namespace ocms {

// One lead as a board shows it.
struct LeadBoardRow
{
    QUuid id;
    QString leadNumber;
    double priority = 0;
    QString status;
    QUuid fugitiveId;
    QString fugitiveNumber;
    QString fugitiveName;
    QString fugitiveStatus;
    QString address;
    QString zip;
    QString source;
    double relevance = -1; // -1: the source gives no score
    QString team;          // empty: the headquarters queue
    QDateTime recordedAt;
    QDateTime lastActivityAt; // null: nothing done yet
};

// A board: the first rows in the chosen order and how many leads of each status the filter matches
// (counts above LeadBoardQuery::kCountCap are reported as cap + 1: "more than").
struct LeadBoard
{
    QList<LeadBoardRow> rows;
    QHash<QString, qint64> statusCounts;
    bool countsCapped(const QString& status) const;
    qint64 matching(const QString& statusFilter) const; // the count the filter's own status stands for
};

} // namespace ocms
