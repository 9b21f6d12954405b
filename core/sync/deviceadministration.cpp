#include "deviceadministration.h"

#include "db/sqlsession.h"

namespace ocms {

Result<RecordTable> DeviceAdministration::devices()
{
    return SqlSession(m_database).table(
        QStringLiteral("SELECT d.id, d.id::text, d.login, d.name, d.registered_at, d.last_contact_at, d.wipe_ordered_at, d.wiped_at "
                       "FROM sync.devices d ORDER BY d.last_contact_at DESC NULLS LAST, d.registered_at DESC"),
        {QStringLiteral("Device"), QStringLiteral("Login"), QStringLiteral("Name"), QStringLiteral("Registered"), QStringLiteral("Last contact"),
         QStringLiteral("Wipe ordered"), QStringLiteral("Wiped")},
        {}, true);
}

Result<void> DeviceAdministration::orderWipe(const QUuid& deviceId)
{
    return SqlSession(m_database).exec(QStringLiteral("SELECT sync.order_wipe(?::uuid)"), {deviceId.toString(QUuid::WithoutBraces)});
}

Result<RecordTable> DeviceAdministration::keptChanges(int limit)
{
    return SqlSession(m_database).table(
        QStringLiteral("SELECT a.change_id, a.applied_at, a.login, replace(a.kind, '_', ' '), "
                       "  CASE a.table_name WHEN 'field.leads' THEN 'Lead ' WHEN 'legal.cases' THEN 'Case ' ELSE a.table_name || ' ' END "
                       "  || a.record_id::text, a.outcome, "
                       "  coalesce(a.detail->>'message', (SELECT string_agg(c->>'field', ', ') FROM jsonb_array_elements(a.detail->'conflicts') c)) "
                       "FROM sync.applied_changes a WHERE a.outcome IN ('conflict', 'rejected') ORDER BY a.applied_at DESC LIMIT ?"),
        {QStringLiteral("When"), QStringLiteral("Login"), QStringLiteral("Kind"), QStringLiteral("Record"), QStringLiteral("Outcome"),
         QStringLiteral("Why")},
        {limit}, true);
}

} // namespace ocms
