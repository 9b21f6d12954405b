#include "nonfugitivearrestrepository.h"

#include <QUuid>

namespace ocms {

Result<void> NonFugitiveArrestRepository::record(const QVariantMap& values)
{
    return m_sql.insert(QStringLiteral("field.nonfugitive_arrests"),
                        {{QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                         {QStringLiteral("a_number"), values.value(QStringLiteral("a_number"))},
                         {QStringLiteral("arrested_on"), values.value(QStringLiteral("arrested_on"))},
                         {QStringLiteral("place"), values.value(QStringLiteral("place"))},
                         {QStringLiteral("office_id"), values.value(QStringLiteral("office_id"))},
                         {QStringLiteral("criminal"), values.value(QStringLiteral("criminal")).toBool()}});
}

} // namespace ocms
