#include "addresssearchextract.h"

#include "db/sqlerrortranslator.h"
#include "db/sqlsession.h"
#include "openpgpencryptor.h"

#include <QCryptographicHash>
#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSet>
#include <QTemporaryDir>

namespace ocms {

namespace {

const QStringList kStatuses = {QStringLiteral("at_large"), QStringLiteral("in_custody"), QStringLiteral("removed"),
                               QStringLiteral("departed_voluntarily"), QStringLiteral("adjusted_status"),
                               QStringLiteral("incarcerated"), QStringLiteral("closed")};

QByteArray csvField(const QString& text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        return '"' + bytes + '"';
    }
    return bytes;
}

// A reference the provider answers with: random, per extract, meaningless outside it.
QString newReference()
{
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: read aloud safely
    QString reference;
    for (int i = 0; i < 12; ++i) {
        reference.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(32)]));
    }
    return reference;
}

QString uuidArray(const QList<QUuid>& ids)
{
    QStringList items;
    items.reserve(ids.size());
    for (const QUuid& id : ids) {
        items.append(id.toString(QUuid::WithoutBraces));
    }
    return u'{' + items.join(u',') + u'}';
}

QString textArray(const QStringList& items)
{
    // Only fixed identifiers and generated references go in here (no quotes or commas in them).
    return u'{' + items.join(u',') + u'}';
}

Error cancelled()
{
    return Error{ErrorCode::Cancelled, QStringLiteral("The extract was cancelled; nothing was written or recorded."), {}};
}

} // namespace

QString AddressSearchExtract::Selection::describe() const
{
    if (!fugitiveIds.isEmpty()) {
        return fugitiveIds.size() == 1 ? QStringLiteral("1 fugitive chosen by hand")
                                       : QStringLiteral("%1 fugitives chosen by hand").arg(fugitiveIds.size());
    }
    const QString what = QStringLiteral("status %1").arg(status);
    return officeCode.trimmed().isEmpty() ? what : what + QStringLiteral(", office %1").arg(officeCode.trimmed().toUpper());
}

QStringList AddressSearchExtract::fields()
{
    QStringList columns = {QStringLiteral("subject_ref"), QStringLiteral("family_name"), QStringLiteral("given_name"),
                           QStringLiteral("middle_name"), QStringLiteral("date_of_birth"), QStringLiteral("aliases")};
    for (int n = 1; n <= kMaxAddresses; ++n) {
        for (const char* part : {"line1", "line2", "city", "state", "zip"}) {
            columns.append(QStringLiteral("address%1_%2").arg(n).arg(QLatin1StringView(part)));
        }
    }
    return columns;
}

QByteArray AddressSearchExtract::toCsv(const QList<Subject>& subjects)
{
    QByteArray csv;
    csv.reserve(64 + subjects.size() * 200);
    QByteArrayList header;
    for (const QString& column : fields()) {
        header.append(column.toLatin1());
    }
    csv.append(header.join(',')).append("\r\n");
    for (const Subject& subject : subjects) {
        QByteArrayList row = {csvField(subject.reference), csvField(subject.familyName), csvField(subject.givenName),
                              csvField(subject.middleName),
                              subject.dateOfBirth.isValid() ? subject.dateOfBirth.toString(Qt::ISODate).toLatin1() : QByteArray(),
                              csvField(subject.aliases.join(QStringLiteral("; ")))};
        for (int n = 0; n < kMaxAddresses; ++n) {
            const Subject::Address address = subject.addresses.value(n);
            row << csvField(address.line1) << csvField(address.line2) << csvField(address.city) << csvField(address.state)
                << csvField(address.zip);
        }
        csv.append(row.join(',')).append("\r\n");
    }
    return csv;
}

Result<QString> AddressSearchExtract::providerName(const QString& provider)
{
    SqlSession session(m_database);
    auto row = session.firstRow(QStringLiteral("SELECT name FROM field.lead_sources WHERE code = ? AND kind = 'commercial'"),
                                {provider.trimmed()});
    if (!row) {
        return fail(row.error());
    }
    return row->value(QStringLiteral("name")).toString();
}

Result<QList<AddressSearchExtract::Subject>> AddressSearchExtract::load(const Selection& selection)
{
    SqlSession session(m_database);
    QString chosen;
    QVariantList binds;
    if (!selection.fugitiveIds.isEmpty()) {
        chosen = QStringLiteral("SELECT f.id, f.person_id FROM field.fugitives f WHERE f.deleted_at IS NULL AND f.id = ANY (?::uuid[])");
        binds = {uuidArray(selection.fugitiveIds)};
    } else {
        if (!kStatuses.contains(selection.status)) {
            return fail(Error::validation(QStringLiteral("Unknown fugitive status %1; use one of %2.")
                                              .arg(selection.status, kStatuses.join(QStringLiteral(", ")))));
        }
        chosen = QStringLiteral("SELECT f.id, f.person_id FROM field.fugitives f WHERE f.deleted_at IS NULL AND f.status = ?");
        binds = {selection.status};
        if (!selection.officeCode.trimmed().isEmpty()) {
            auto office = session.firstRow(QStringLiteral("SELECT id FROM core.offices WHERE code = ?"),
                                           {selection.officeCode.trimmed().toUpper()});
            if (!office) {
                return fail(office.error());
            }
            if (office->isEmpty()) {
                return fail(Error::validation(QStringLiteral("No office has the code %1.").arg(selection.officeCode.trimmed())));
            }
            chosen += QStringLiteral(" AND f.office_id = ?::uuid");
            binds.append(office->value(QStringLiteral("id")));
        }
    }
    const QString with = QStringLiteral("WITH chosen AS (") + chosen + QStringLiteral(") ");

    // Only the columns that go out are ever read.
    auto people = session.rows(with + QStringLiteral(
                                   "SELECT c.id, c.person_id, p.family_name, p.given_name, p.middle_name, p.date_of_birth "
                                   "FROM chosen c JOIN core.people p ON p.id = c.person_id AND p.deleted_at IS NULL"),
                               binds);
    if (!people) {
        return fail(people.error());
    }
    if (!selection.fugitiveIds.isEmpty() && people->size() != QSet<QUuid>(selection.fugitiveIds.cbegin(), selection.fugitiveIds.cend()).size()) {
        const qsizetype missing = selection.fugitiveIds.size() - people->size();
        return fail(Error::validation(
            QStringLiteral("%1 of the %2 chosen fugitive records %3 not found (deleted, or not visible to you); nothing was sent.")
                .arg(missing).arg(selection.fugitiveIds.size()).arg(missing == 1 ? QStringLiteral("was") : QStringLiteral("were"))));
    }
    auto aliases = session.rows(with + QStringLiteral(
                                    "SELECT DISTINCT ON (a.person_id, a.name_key) a.person_id, a.family_name, a.given_name "
                                    "FROM chosen c JOIN core.person_aliases a ON a.person_id = c.person_id AND a.deleted_at IS NULL "
                                    "JOIN core.people p ON p.id = a.person_id AND a.name_key <> p.name_key "
                                    "ORDER BY a.person_id, a.name_key, a.created_at"),
                                binds);
    if (!aliases) {
        return fail(aliases.error());
    }
    auto addresses = session.rows(with + QStringLiteral(
                                      "SELECT person_id, line1, line2, city, state, zip FROM ("
                                      "  SELECT d.*, row_number() OVER (PARTITION BY d.person_id ORDER BY d.since DESC, d.created_at DESC) AS n "
                                      "  FROM (SELECT DISTINCT ON (a.person_id, field.address_key(a.line1, a.zip)) a.person_id, a.line1, "
                                      "               a.line2, a.city, a.state, a.zip, a.created_at, "
                                      "               coalesce(a.valid_from, a.created_at::date) AS since "
                                      "        FROM (SELECT DISTINCT person_id FROM chosen) c "
                                      "        JOIN core.addresses a ON a.person_id = c.person_id AND a.deleted_at IS NULL "
                                      "             AND a.kind <> 'business' AND a.country = 'US' "
                                      "        ORDER BY a.person_id, field.address_key(a.line1, a.zip), "
                                      "                 coalesce(a.valid_from, a.created_at::date) DESC, a.created_at DESC) d) x "
                                      "WHERE n <= %1 ORDER BY person_id, n").arg(kMaxAddresses),
                                  binds);
    if (!addresses) {
        return fail(addresses.error());
    }
    QHash<QString, QStringList> aliasesOf;
    for (const QVariantMap& alias : *aliases) {
        const QString given = alias.value(QStringLiteral("given_name")).toString();
        aliasesOf[alias.value(QStringLiteral("person_id")).toString()].append(
            alias.value(QStringLiteral("family_name")).toString() + (given.isEmpty() ? QString() : QStringLiteral(", ") + given));
    }
    QHash<QString, QList<Subject::Address>> addressesOf;
    for (const QVariantMap& address : *addresses) {
        addressesOf[address.value(QStringLiteral("person_id")).toString()].append(
            {address.value(QStringLiteral("line1")).toString(), address.value(QStringLiteral("line2")).toString(),
             address.value(QStringLiteral("city")).toString(), address.value(QStringLiteral("state")).toString(),
             address.value(QStringLiteral("zip")).toString()});
    }
    QList<Subject> subjects;
    subjects.reserve(people->size());
    QSet<QString> references;
    for (const QVariantMap& person : *people) {
        Subject subject;
        subject.fugitiveId = QUuid(person.value(QStringLiteral("id")).toString());
        do {
            subject.reference = newReference();
        } while (references.contains(subject.reference));
        references.insert(subject.reference);
        subject.familyName = person.value(QStringLiteral("family_name")).toString();
        subject.givenName = person.value(QStringLiteral("given_name")).toString();
        subject.middleName = person.value(QStringLiteral("middle_name")).toString();
        subject.dateOfBirth = person.value(QStringLiteral("date_of_birth")).toDate();
        const QString personId = person.value(QStringLiteral("person_id")).toString();
        subject.aliases = aliasesOf.value(personId);
        subject.addresses = addressesOf.value(personId);
        subjects.append(subject);
    }
    // File order is the random references' order: it tells the provider nothing about the records.
    std::sort(subjects.begin(), subjects.end(), [](const Subject& a, const Subject& b) { return a.reference < b.reference; });
    return subjects;
}

Result<QList<AddressSearchExtract::Provider>> AddressSearchExtract::providers()
{
    auto rows = SqlSession(m_database).rows(
        QStringLiteral("SELECT code, name FROM field.lead_sources WHERE kind = 'commercial' ORDER BY name, code"), {});
    if (!rows) {
        return fail(rows.error());
    }
    QList<Provider> result;
    for (const QVariantMap& row : *rows) {
        result.append({row.value(QStringLiteral("code")).toString(), row.value(QStringLiteral("name")).toString()});
    }
    return result;
}

Result<AddressSearchExtract::Preview> AddressSearchExtract::preview(const Selection& selection, const QString& provider)
{
    Preview preview;
    preview.fields = fields();
    SqlSession session(m_database);
    auto allowed = session.firstRow(QStringLiteral("SELECT field.may_disclose_to_provider() AS allowed"), {});
    if (!allowed) {
        return fail(allowed.error());
    }
    preview.mayDisclose = allowed->value(QStringLiteral("allowed")).toBool();
    if (!provider.trimmed().isEmpty()) {
        auto name = providerName(provider);
        if (!name) {
            return fail(name.error());
        }
        preview.providerName = *name;
    }
    auto subjects = load(selection);
    if (!subjects) {
        return fail(subjects.error());
    }
    preview.records = int(subjects->size());
    return preview;
}

Result<AddressSearchExtract::Report> AddressSearchExtract::run(const Request& request, const std::atomic<bool>* cancel)
{
    const auto isCancelled = [cancel] { return cancel && cancel->load(); };
    const QString provider = request.provider.trimmed();
    if (provider.isEmpty()) {
        return fail(Error::validation(QStringLiteral("Name the provider (a commercial lead source code): disclosures are accounted for.")));
    }
    if (request.outputPath.trimmed().isEmpty()) {
        return fail(Error::validation(QStringLiteral("Choose the file to write the encrypted extract to.")));
    }
    if (request.providerKey.trimmed().isEmpty()) {
        return fail(Error::validation(QStringLiteral("Give the provider's OpenPGP public key: the extract is only ever written encrypted.")));
    }
    SqlSession session(m_database);
    // Refused before anything is read: only headquarters sends fugitive data out (the server checks again).
    auto allowed = session.firstRow(QStringLiteral("SELECT field.may_disclose_to_provider() AS allowed"), {});
    if (!allowed) {
        return fail(allowed.error());
    }
    if (!allowed->value(QStringLiteral("allowed")).toBool()) {
        return fail(Error{ErrorCode::PermissionDenied,
                          QStringLiteral("Only headquarters (full field access) sends fugitive data to an address provider."), {}});
    }
    auto name = providerName(provider);
    if (!name) {
        return fail(name.error());
    }
    if (name->isEmpty()) {
        auto known = session.rows(QStringLiteral("SELECT code FROM field.lead_sources WHERE kind = 'commercial' ORDER BY code"), {});
        QStringList codes;
        for (const QVariantMap& row : known.value_or(QList<QVariantMap>{})) {
            codes.append(row.value(QStringLiteral("code")).toString());
        }
        return fail(Error::validation(
            QStringLiteral("%1 is not a commercial address provider (lead source). %2").arg(provider,
                codes.isEmpty() ? QStringLiteral("No commercial lead source is set up yet (field administration).")
                                : QStringLiteral("Known providers: %1.").arg(codes.join(QStringLiteral(", "))))));
    }

    // The key: checked and imported into OCMS's own keyring (a throwaway one unless configured).
    std::optional<QTemporaryDir> throwaway;
    QString keyring = request.keyringDirectory;
    if (keyring.isEmpty()) {
        throwaway.emplace(QDir::tempPath() + QStringLiteral("/ocms-keyring-XXXXXX"));
        if (!throwaway->isValid()) {
            return fail(Error::io(QStringLiteral("A private keyring folder could not be created."), throwaway->errorString()));
        }
        keyring = throwaway->path();
    }
    OpenPgpEncryptor encryptor(keyring);
    auto key = encryptor.importPublicKey(request.providerKey);
    if (!key) {
        return fail(key.error());
    }
    if (isCancelled()) {
        return fail(cancelled());
    }

    Report report;
    report.extractId = QUuid::createUuid();
    report.provider = provider;
    report.keyFingerprint = key->fingerprint;
    report.keyUserId = key->userId;
    report.outputPath = request.outputPath;
    bool fileWritten = false;
    auto done = session.inTransaction([&]() -> Result<void> {
        // One consistent view of the records for the whole extract.
        // (A utility statement: run as it is, and first in the transaction.)
        if (QSqlQuery snapshot(m_database); !snapshot.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))) {
            return fail(SqlErrorTranslator::translate(snapshot.lastError()));
        }
        auto subjects = load(request.selection);
        if (!subjects) {
            return fail(subjects.error());
        }
        if (subjects->isEmpty()) {
            return fail(Error::validation(QStringLiteral("No fugitive record matches (%1): there is nothing to send.")
                                              .arg(request.selection.describe())));
        }
        if (isCancelled()) {
            return fail(cancelled());
        }
        QByteArray plaintext = toCsv(*subjects);
        const QByteArray contentSha = QCryptographicHash::hash(plaintext, QCryptographicHash::Sha256);
        auto cipher = encryptor.encrypt(plaintext, key->fingerprint, request.armor);
        plaintext.fill('\0'); // the only plaintext copy, gone before anything is written
        if (!cipher) {
            return fail(cipher.error());
        }
        report.sha256 = QCryptographicHash::hash(*cipher, QCryptographicHash::Sha256);
        report.bytes = cipher->size();
        report.records = int(subjects->size());
        QStringList fugitives;
        QStringList references;
        for (const Subject& subject : *subjects) {
            fugitives.append(subject.fugitiveId.toString(QUuid::WithoutBraces));
            references.append(subject.reference);
        }
        auto recorded = session.firstRow(
            QStringLiteral("SELECT field.record_provider_extract(?::uuid, ?, ?::uuid[], ?::text[], ?, ?, ?, ?::text[], ?) AS at"),
            {report.extractId.toString(QUuid::WithoutBraces), provider, QString(u'{' + fugitives.join(u',') + u'}'),
             textArray(references), report.sha256, contentSha, key->fingerprint, textArray(fields()),
             request.selection.describe()});
        if (!recorded) {
            return fail(recorded.error());
        }
        report.recordedAt = recorded->value(QStringLiteral("at")).toDateTime();
        if (isCancelled()) {
            return fail(cancelled());
        }
        QSaveFile file(request.outputPath);
        if (!file.open(QIODevice::WriteOnly)) {
            return fail(Error::io(QStringLiteral("%1 cannot be written; nothing was recorded.").arg(request.outputPath), file.errorString()));
        }
        file.write(*cipher);
        if (!file.commit()) {
            return fail(Error::io(QStringLiteral("%1 could not be written whole; nothing was recorded.").arg(request.outputPath),
                                  file.errorString()));
        }
        fileWritten = true;
        return {};
    });
    if (!done) {
        if (fileWritten) {
            QFile::remove(request.outputPath); // written, but the disclosure could not be recorded: not sent
        }
        return fail(done.error());
    }
    return report;
}

} // namespace ocms
