#include "fugitiverepository.h"

#include "db/versionedsave.h"
#include "documents/contentstore.h"
#include "domain/fieldforms.h"

#include <QDateTime>

namespace ocms {

namespace {

QString key(const QUuid& id)
{
    return id.toString(QUuid::WithoutBraces);
}

QVariant orNull(const QVariantMap& values, const QString& column)
{
    const QVariant value = values.value(column);
    return value.isNull() || value.toString().isEmpty() ? QVariant(QMetaType::fromType<QString>()) : value;
}

// "2019-04-02, 2021-11-30" as a date[] literal the server parses.
QString dateArrayLiteral(const QString& text)
{
    QStringList dates;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        dates.append(part.trimmed());
    }
    return u'{' + dates.join(u',') + u'}';
}

Error gone()
{
    return Error{ErrorCode::NotFound, QStringLiteral("The fugitive record no longer exists or you may not see it."), {}};
}

VersionedSave fugitiveSave(QStringList editable)
{
    editable.append(QStringLiteral("updated_at"));
    return VersionedSave{QStringLiteral("field.fugitives"), QStringLiteral("field.fugitive_version"), QStringLiteral("fugitive record"),
                         editable, {}};
}

} // namespace

Result<FugitiveRecord> FugitiveRepository::load(const QUuid& fugitiveId)
{
    return m_sql.readInSnapshot<FugitiveRecord>([&] { return readRecord(fugitiveId); });
}

Result<FugitiveRecord> FugitiveRepository::readRecord(const QUuid& fugitiveId)
{
    auto found = m_sql.firstRow(
        QStringLiteral("SELECT f.id, f.fugitive_number, f.person_id, p.family_name, p.given_name, p.middle_name, p.date_of_birth, "
                       "  p.place_of_birth, p.sex, p.nationality, p.a_number, p.ssn, f.gang_affiliation, f.status, f.status_reason, "
                       "  f.status_changed_at, f.criminal, f.threat_score::float8 AS threat_score, f.last_entry_on, f.last_entry_place, "
                       "  f.removal_charges, f.entry_class, array_to_string(f.prior_apprehensions, ', ') AS prior_apprehensions, "
                       "  f.removal_case_category, f.docket_office_id::text AS docket_office_id, f.tecs_number, f.custody_on, "
                       "  f.final_order_on, f.removed_on, f.fbi_number, f.fin, f.sid, f.office_id::text AS office_id, o.name AS office_name, "
                       "  f.created_at, f.row_version "
                       "FROM field.fugitives f JOIN core.people p ON p.id = f.person_id LEFT JOIN core.offices o ON o.id = f.office_id "
                       "WHERE f.id = ? AND f.deleted_at IS NULL"),
        {key(fugitiveId)});
    if (!found) {
        return fail(found.error());
    }
    if (found->isEmpty()) {
        return fail(gone());
    }
    FugitiveRecord record;
    record.id = fugitiveId;
    record.personId = QUuid::fromString(found->value(QStringLiteral("person_id")).toString());
    record.rowVersion = found->value(QStringLiteral("row_version")).toLongLong();
    record.values = *found;
    const QString person = key(record.personId);
    const QString fugitive = key(fugitiveId);
    struct List
    {
        RecordTable* table;
        const char* sql;
        QStringList headers;
        QString bound;
    };
    const QList<List> lists = {
        {&record.aliases,
         "SELECT id, family_name, given_name, source FROM core.person_aliases WHERE person_id = ? AND deleted_at IS NULL "
         "ORDER BY family_name, given_name",
         {QStringLiteral("Family name"), QStringLiteral("Given name"), QStringLiteral("Source")}, person},
        {&record.addresses,
         "SELECT id, initcap(replace(kind, '_', ' ')), concat_ws(', ', line1, line2), city, state, zip, source FROM core.addresses "
         "WHERE person_id = ? AND deleted_at IS NULL ORDER BY created_at DESC",
         {QStringLiteral("Kind"), QStringLiteral("Address"), QStringLiteral("City"), QStringLiteral("State"), QStringLiteral("ZIP"),
          QStringLiteral("Source")},
         person},
        {&record.convictions,
         "SELECT id, convicted_on, offense, jurisdiction FROM field.convictions WHERE fugitive_id = ? ORDER BY convicted_on DESC NULLS LAST",
         {QStringLiteral("Date"), QStringLiteral("Offence"), QStringLiteral("Jurisdiction")}, fugitive},
        {&record.leads,
         "SELECT l.id, l.lead_number, l.status, l.priority_score::float8, l.address_zip, coalesce(t.code, 'Headquarters queue'), "
         "  l.created_at FROM field.leads l LEFT JOIN field.teams t ON t.id = l.team_id "
         "WHERE l.fugitive_id = ? AND l.deleted_at IS NULL ORDER BY l.created_at DESC",
         {QStringLiteral("Lead"), QStringLiteral("Status"), QStringLiteral("Priority"), QStringLiteral("ZIP"), QStringLiteral("Team"),
          QStringLiteral("Recorded")},
         fugitive},
        {&record.arrests,
         "SELECT a.id, a.arrested_at, a.place, o.name, CASE WHEN a.criminal THEN 'Criminal' ELSE 'Non-criminal' END "
         "FROM field.arrests a JOIN core.offices o ON o.id = a.office_id WHERE a.fugitive_id = ? AND a.deleted_at IS NULL "
         "ORDER BY a.arrested_at DESC",
         {QStringLiteral("Arrested"), QStringLiteral("Place"), QStringLiteral("Office"), QStringLiteral("Criminal")}, fugitive},
        {&record.photographs,
         "SELECT id, taken_on, caption, created_at, content_id::text FROM field.photographs WHERE fugitive_id = ? "
         "ORDER BY coalesce(taken_on, created_at::date) DESC, created_at DESC",
         {QStringLiteral("Taken"), QStringLiteral("Caption"), QStringLiteral("Added"), QStringLiteral("Content")}, fugitive},
    };
    for (const List& list : lists) {
        auto table = m_sql.table(QString::fromUtf8(list.sql), list.headers, {list.bound}, true);
        if (!table) {
            return fail(table.error());
        }
        *list.table = *table;
    }
    if (auto viewed = m_sql.exec(QStringLiteral("SELECT audit.log_view('field.fugitives', ?)"), {fugitive}); !viewed) {
        return fail(viewed.error());
    }
    return record;
}

Result<CreatedRecord> FugitiveRepository::create(const QVariantMap& values)
{
    CreatedRecord created{QUuid::createUuid(), {}};
    const QUuid personId = QUuid::createUuid();
    auto done = m_sql.inTransaction([&]() -> Result<void> {
        QVariantMap person = {{QStringLiteral("id"), key(personId)}};
        for (const QString& column : FieldForms::personColumns()) {
            if (values.contains(column)) {
                person.insert(column, orNull(values, column));
            }
        }
        if (auto inserted = m_sql.insert(QStringLiteral("core.people"), person); !inserted) {
            return fail(inserted.error());
        }
        QVariantMap fugitive = {{QStringLiteral("id"), key(created.id)}, {QStringLiteral("person_id"), key(personId)}};
        for (const char* column : {"gang_affiliation", "office_id", "final_order_on"}) {
            const QString name = QString::fromLatin1(column);
            if (values.contains(name)) {
                fugitive.insert(name, orNull(values, name));
            }
        }
        return m_sql.insert(QStringLiteral("field.fugitives"), fugitive);
    });
    if (!done) {
        return fail(done.error());
    }
    auto number = m_sql.firstRow(QStringLiteral("SELECT fugitive_number FROM field.fugitives WHERE id = ?"), {key(created.id)});
    if (!number) {
        return fail(number.error());
    }
    created.number = number->value(QStringLiteral("fugitive_number")).toString();
    return created;
}

Result<QUuid> FugitiveRepository::personOf(const QUuid& fugitiveId)
{
    auto found = m_sql.firstRow(QStringLiteral("SELECT person_id FROM field.fugitives WHERE id = ? AND deleted_at IS NULL"), {key(fugitiveId)});
    if (!found) {
        return fail(found.error());
    }
    if (found->isEmpty()) {
        return fail(gone());
    }
    return QUuid::fromString(found->value(QStringLiteral("person_id")).toString());
}

Result<qint64> FugitiveRepository::save(const QUuid& fugitiveId, qint64 rowVersion, const QVariantMap& changes)
{
    const QStringList personColumns = FieldForms::personColumns();
    QVariantMap personChanges;
    QVariantMap fugitiveChanges;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        QVariant value = it.value().toString().isEmpty() && it.value().typeId() == QMetaType::QString
                             ? QVariant(QMetaType::fromType<QString>())
                             : it.value();
        if (it.key() == u"prior_apprehensions") {
            value = dateArrayLiteral(it.value().toString());
        }
        (personColumns.contains(it.key()) ? personChanges : fugitiveChanges).insert(it.key(), value);
    }
    qint64 saved = rowVersion;
    auto done = m_sql.inTransaction([&]() -> Result<void> {
        // The fugitive row carries the version of the whole record: it is bumped even when only the
        // biography changes, so two officers editing the same record never overwrite each other.
        fugitiveChanges.insert(QStringLiteral("updated_at"), QDateTime::currentDateTimeUtc());
        auto version = fugitiveSave(FieldForms::fugitiveColumns()).save(m_database, fugitiveId, rowVersion, fugitiveChanges);
        if (!version) {
            return fail(version.error());
        }
        saved = *version;
        if (personChanges.isEmpty()) {
            return {};
        }
        auto person = personOf(fugitiveId);
        if (!person) {
            return fail(person.error());
        }
        QStringList assignments;
        QVariantList binds;
        for (auto it = personChanges.cbegin(); it != personChanges.cend(); ++it) {
            assignments.append(it.key() + QStringLiteral(" = ?")); // names from FieldForms, never typed by users
            binds.append(it.value());
        }
        binds.append(key(*person));
        return m_sql.exec(QStringLiteral("UPDATE core.people SET %1 WHERE id = ?").arg(assignments.join(u", ")), binds);
    });
    if (!done) {
        return fail(done.error());
    }
    return saved;
}

Result<qint64> FugitiveRepository::setStatus(const QUuid& fugitiveId, qint64 rowVersion, const QVariantMap& values)
{
    const QVariantMap changes = {{QStringLiteral("status"), values.value(QStringLiteral("status"))},
                                 {QStringLiteral("status_reason"), orNull(values, QStringLiteral("status_reason"))},
                                 {QStringLiteral("status_changed_at"), QDateTime::currentDateTimeUtc()}};
    return fugitiveSave({QStringLiteral("status"), QStringLiteral("status_reason"), QStringLiteral("status_changed_at")})
        .save(m_database, fugitiveId, rowVersion, changes);
}

Result<void> FugitiveRepository::addConviction(const QUuid& fugitiveId, const QVariantMap& values)
{
    return m_sql.insert(QStringLiteral("field.convictions"),
                        {{QStringLiteral("id"), key(QUuid::createUuid())},
                         {QStringLiteral("fugitive_id"), key(fugitiveId)},
                         {QStringLiteral("offense"), values.value(QStringLiteral("offense"))},
                         {QStringLiteral("convicted_on"), orNull(values, QStringLiteral("convicted_on"))},
                         {QStringLiteral("jurisdiction"), orNull(values, QStringLiteral("jurisdiction"))}});
}

Result<void> FugitiveRepository::addPhotograph(const QUuid& fugitiveId, const QByteArray& picture, const QVariantMap& values)
{
    if (picture.size() > kMaxPhotographBytes) {
        return fail(Error::validation(QStringLiteral("A photograph may be at most 10 MiB; this picture is %1 MiB.")
                                          .arg(double(picture.size()) / 1048576.0, 0, 'f', 1)));
    }
    // Stored first (its own transactions, chunk by chunk); the server then checks the picture is the
    // adder's own upload and a JPEG or PNG (0032). A stored picture never filed is purged by housekeeping.
    auto stored = ContentStore(m_database).upload(picture);
    if (!stored) {
        return fail(stored.error());
    }
    return m_sql.insert(QStringLiteral("field.photographs"),
                        {{QStringLiteral("id"), key(QUuid::createUuid())},
                         {QStringLiteral("fugitive_id"), key(fugitiveId)},
                         {QStringLiteral("content_id"), key(stored->id)},
                         {QStringLiteral("taken_on"), orNull(values, QStringLiteral("taken_on"))},
                         {QStringLiteral("caption"), orNull(values, QStringLiteral("caption"))}});
}

Result<QByteArray> FugitiveRepository::photograph(const QUuid& contentId)
{
    return ContentStore(m_database).read(contentId, kMaxPhotographBytes);
}

Result<void> FugitiveRepository::addAlias(const QUuid& fugitiveId, const QVariantMap& values)
{
    auto person = personOf(fugitiveId);
    if (!person) {
        return fail(person.error());
    }
    return m_sql.insert(QStringLiteral("core.person_aliases"),
                        {{QStringLiteral("id"), key(QUuid::createUuid())},
                         {QStringLiteral("person_id"), key(*person)},
                         {QStringLiteral("family_name"), values.value(QStringLiteral("family_name"))},
                         {QStringLiteral("given_name"), orNull(values, QStringLiteral("given_name"))}});
}

Result<void> FugitiveRepository::addPossibleAddress(const QUuid& fugitiveId, const QVariantMap& values)
{
    auto person = personOf(fugitiveId);
    if (!person) {
        return fail(person.error());
    }
    QVariantMap row = {{QStringLiteral("id"), key(QUuid::createUuid())},
                       {QStringLiteral("person_id"), key(*person)},
                       {QStringLiteral("kind"), QStringLiteral("possible")}};
    for (const char* column : {"line1", "line2", "city", "state", "zip"}) {
        row.insert(QString::fromLatin1(column), orNull(values, QString::fromLatin1(column)));
    }
    return m_sql.insert(QStringLiteral("core.addresses"), row);
}

Result<RecordTable> FugitiveRepository::find(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return RecordTable{};
    }
    QString digits = trimmed;
    digits.remove(u'-').remove(u' ');
    if (digits.startsWith(u'A', Qt::CaseInsensitive)) {
        digits.remove(0, 1);
    }
    QString prefix = trimmed;
    prefix.replace(u'\\', QStringLiteral("\\\\")).replace(u'%', QStringLiteral("\\%")).replace(u'_', QStringLiteral("\\_"));
    return m_sql.table(
        QStringLiteral("SELECT f.id, f.fugitive_number, p.family_name || coalesce(', ' || p.given_name, ''), p.date_of_birth, p.a_number, "
                       "  initcap(replace(f.status, '_', ' ')) "
                       "FROM field.fugitives f JOIN core.people p ON p.id = f.person_id "
                       "WHERE f.deleted_at IS NULL AND (f.fugitive_number = upper(?) OR p.a_number = ? "
                       "  OR p.name_key COLLATE \"C\" LIKE core.name_key(?) || '%') "
                       "ORDER BY p.family_name, p.given_name LIMIT 50"),
        {QStringLiteral("Number"), QStringLiteral("Name"), QStringLiteral("Born"), QStringLiteral("A-Number"), QStringLiteral("Status")},
        {trimmed, digits.left(9).rightJustified(9, u'0'), prefix}, true);
}

} // namespace ocms
