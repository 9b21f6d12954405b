#include "documentrecord.h"

namespace ocms {

QString DocumentRecord::parentLabel() const
{
    if (!caseNumber.isEmpty()) {
        return QStringLiteral("case %1").arg(caseNumber);
    }
    if (!projectNumber.isEmpty()) {
        return QStringLiteral("project %1").arg(projectNumber);
    }
    if (!aNumber.isEmpty()) {
        return QStringLiteral("A-Number %1").arg(aNumber);
    }
    return QString();
}

} // namespace ocms
