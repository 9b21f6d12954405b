#include "leadboardfilter.h"

#include <QRegularExpression>

namespace ocms {

QString LeadBoardFilter::problem() const
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,5}$"));
    if (!zipPrefix.isEmpty() && !digits.match(zipPrefix).hasMatch()) {
        return QStringLiteral("A ZIP code filter is 1 to 5 digits, e.g. 303 or 30310.");
    }
    if (scope == LeadBoardScope::Team && teamId.isNull()) {
        return QStringLiteral("Choose the team whose leads to show.");
    }
    if (minimumAgeDays >= 0 && maximumAgeDays >= 0 && minimumAgeDays > maximumAgeDays) {
        return QStringLiteral("The age range is the wrong way round.");
    }
    if (minimumPriority < 0) {
        return QStringLiteral("The lowest priority is zero.");
    }
    return {};
}

} // namespace ocms
