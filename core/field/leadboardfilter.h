#pragma once

#include <QString>
#include <QUuid>
#include <Qt>

namespace ocms {

// Whose leads a board shows.
enum class LeadBoardScope {
    MyTeams,           // the teams the signed-in officer belongs to
    Team,              // one team (teamId)
    HeadquartersQueue, // leads no team's jurisdiction covers, waiting for headquarters
    AllTeams,          // every lead (headquarters)
};

// The orders a board can be sorted in; each has an index behind it (migration 0029).
enum class LeadBoardSort { Priority, Age, LeadNumber, Zip, Status };

// What a lead board shows: the scope, the filters a user picks, the order, and how many rows at most.
struct LeadBoardFilter
{
    LeadBoardScope scope = LeadBoardScope::MyTeams;
    QUuid teamId;              // LeadBoardScope::Team
    QString status;            // "": open (new, assigned, in progress); "all"; or one status code
    double minimumPriority = 0; // only leads scoring at least this
    int minimumAgeDays = -1;   // -1: no bound; age counts from when the lead was recorded
    int maximumAgeDays = -1;
    QString zipPrefix;         // 1 to 5 digits
    QString sourceCode;        // field.lead_sources.code
    LeadBoardSort sort = LeadBoardSort::Priority;
    Qt::SortOrder order = Qt::DescendingOrder;
    int limit = 200;

    // What is wrong with the filter in words the user can act on; empty when it can be run.
    QString problem() const;
};

} // namespace ocms
