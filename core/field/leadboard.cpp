#include "leadboard.h"

#include "leadboardquery.h"

namespace ocms {

bool LeadBoard::countsCapped(const QString& status) const
{
    if (status.isEmpty() || status == u"all") {
        const QStringList statuses = status.isEmpty() ? LeadBoardQuery::openStatuses() : statusCounts.keys();
        return std::any_of(statuses.begin(), statuses.end(), [this](const QString& each) { return countsCapped(each); });
    }
    return statusCounts.value(status) > LeadBoardQuery::kCountCap;
}

qint64 LeadBoard::matching(const QString& statusFilter) const
{
    if (!statusFilter.isEmpty() && statusFilter != u"all") {
        return statusCounts.value(statusFilter);
    }
    const QStringList statuses = statusFilter.isEmpty() ? LeadBoardQuery::openStatuses() : statusCounts.keys();
    qint64 total = 0;
    for (const QString& status : statuses) {
        total += statusCounts.value(status);
    }
    return total;
}

} // namespace ocms
