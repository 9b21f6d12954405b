// Issue 7 item 6, address-search extracts: headquarters sends a commercial provider the minimum fields of
// the chosen fugitives, OpenPGP-encrypted to the provider's key (a throwaway key pair made here with GPGME),
// recorded as a disclosure with its subjects; the provider decrypts exactly those fields; anyone but
// headquarters is refused by the server; a wrong key records nothing; the results come back through the
// lead import under the provider's source with their relevance scores, and the extract is marked answered.
#include "db/threadconnection.h"
#include "field/addresssearchextract.h"
#include "field/addresssearchresults.h"
#include "imports/csvrecordreader.h"
#include "loginsession.h"
#include "openpgptestkeys.h"
#include "testdatabase.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("extract-password-1");

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct World
{
    QString prefix;
    QString porOffice = newId(), bosOffice = newId();
    QString person1 = newId(), person2 = newId(), person3 = newId(), person4 = newId();
    QString fugitive1 = newId(), fugitive2 = newId(), fugitive3 = newId(), fugitive4 = newId();
    QString login(const char* key) const { return prefix + QString::fromLatin1(key); }
};

// Portland: fugitive 1 (Ana Example: aliases, four addresses one of which a business, criminal history) and
// fugitive 2 (Ben Sample, gang) at large, fugitive 3 in custody. Boston: fugitive 4 at large.
World makeWorld(TestDatabase& database)
{
    World world;
    world.prefix = QStringLiteral("x%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'FO-POR', 'Portland', 'field_office'), "
                                 "('%2', 'FO-BOS', 'Boston', 'field_office')").arg(world.porOffice, world.bosOffice));
    for (const auto& [key, roles] : {std::pair{"read", "field_read"}, std::pair{"write", "field_write"},
                                     std::pair{"full", "field_full"}}) {
        database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Officer %3', '{%4}', 'FO-POR', '{}')")
                          .arg(world.login(key), kPassword, QString::fromLatin1(key), QString::fromLatin1(roles)));
    }
    database.exec(QStringLiteral("INSERT INTO field.lead_sources (id, code, name, kind) VALUES (gen_random_uuid(), 'ACME', 'Acme Data', "
                                 "'commercial'), (gen_random_uuid(), 'TIP', 'Tip line', 'tip')"));
    database.exec(QStringLiteral("INSERT INTO field.zip_codes (zip, city, state) VALUES ('04101', 'PORTLAND', 'ME')"));
    database.exec(QStringLiteral(
        "INSERT INTO core.people (id, family_name, given_name, middle_name, date_of_birth, a_number, ssn, place_of_birth) VALUES "
        "('%1', 'Example', 'Ana', 'Maria', '1980-03-15', '123456789', '123456789', 'Springfield'), "
        "('%2', 'Sample', 'Ben', NULL, '1975-07-01', '234567891', NULL, NULL), "
        "('%3', 'Custody', 'Carl', NULL, '1970-01-01', '345678912', NULL, NULL), "
        "('%4', 'Boston', 'Dora', NULL, '1990-12-31', '456789123', NULL, NULL)")
                      .arg(world.person1, world.person2, world.person3, world.person4));
    database.exec(QStringLiteral("INSERT INTO core.person_aliases (id, person_id, family_name, given_name) VALUES "
                                 "(gen_random_uuid(), '%1', 'Ejemplo', 'Ana'), (gen_random_uuid(), '%1', 'Example', 'Ana'), "
                                 "(gen_random_uuid(), '%1', 'Smith, Jr', NULL)").arg(world.person1));
    database.exec(QStringLiteral(
        "INSERT INTO core.addresses (id, person_id, kind, line1, line2, city, state, zip, valid_from) VALUES "
        "(gen_random_uuid(), '%1', 'residence', '1 Oldest St', NULL, 'PORTLAND', 'ME', '04101', '2010-01-01'), "
        "(gen_random_uuid(), '%1', 'last_known', '2 Middle Ave', 'Apt 3', 'PORTLAND', 'ME', '04101', '2015-01-01'), "
        "(gen_random_uuid(), '%1', 'possible', '3 Newer Rd', NULL, 'PORTLAND', 'ME', '04101', '2020-01-01'), "
        "(gen_random_uuid(), '%1', 'last_known', '4 Newest Ln', NULL, 'PORTLAND', 'ME', '04101', '2024-01-01'), "
        "(gen_random_uuid(), '%1', 'business', '99 Employer Plaza', NULL, 'PORTLAND', 'ME', '04101', '2025-01-01'), "
        "(gen_random_uuid(), '%2', 'last_known', '7 Harbor Rd', NULL, 'PORTLAND', 'ME', '04101', NULL)")
                      .arg(world.person1, world.person2));
    database.exec(QStringLiteral(
        "INSERT INTO field.fugitives (id, person_id, office_id, criminal, fbi_number, sid, tecs_number, removal_charges) VALUES "
        "('%1', '%2', '%3', true, 'FBI77X', 'ME98765', 'TECS-5511', 'Overstay')").arg(world.fugitive1, world.person1, world.porOffice));
    database.exec(QStringLiteral("INSERT INTO field.fugitives (id, person_id, office_id, gang_affiliation) VALUES ('%1', '%2', '%3', "
                                 "'Synthetic Set 14')").arg(world.fugitive2, world.person2, world.porOffice));
    database.exec(QStringLiteral("INSERT INTO field.fugitives (id, person_id, office_id, status) VALUES ('%1', '%2', '%3', 'in_custody')")
                      .arg(world.fugitive3, world.person3, world.porOffice));
    database.exec(QStringLiteral("INSERT INTO field.fugitives (id, person_id, office_id) VALUES ('%1', '%2', '%3')")
                      .arg(world.fugitive4, world.person4, world.bosOffice));
    database.exec(QStringLiteral("INSERT INTO field.convictions (id, fugitive_id, offense, convicted_on) VALUES "
                                 "(gen_random_uuid(), '%1', 'Aggravated assault', '2012-05-05')").arg(world.fugitive1));
    return world;
}

Result<AddressSearchExtract::Report> extractAs(TestDatabase& database, const QString& login, AddressSearchExtract::Request request)
{
    return withThreadConnection<AddressSearchExtract::Report>(database.settingsFor(login, kPassword), QStringLiteral("extract-test"),
                                                              [&](QSqlDatabase& connection) { return AddressSearchExtract(connection).run(request); });
}

QList<QStringList> readCsv(const QByteArray& csv)
{
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    CsvRecordReader reader(&buffer);
    CsvRecordReader::Record record;
    QList<QStringList> rows;
    while (reader.next(&record)) {
        REQUIRE(record.error.isEmpty());
        rows.append(record.fields);
    }
    return rows;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

} // namespace

TEST_CASE("Headquarters sends a provider the minimum fields, encrypted to its key, and the disclosure is recorded",
          "[integration][field][extract]")
{
    TestDatabase database;
    const World world = makeWorld(database);
    test::OpenPgpTestKeys provider;
    const QString fingerprint = provider.create(QStringLiteral("Acme Data Batch <batch@acme.example>"));
    QTemporaryDir folder;
    const QString keyPath = folder.filePath(QStringLiteral("acme.asc"));
    const QByteArray publicKey = provider.exportPublic(fingerprint);
    REQUIRE(publicKey.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"));

    AddressSearchExtract::Request request;
    request.provider = QStringLiteral("ACME");
    request.providerKey = publicKey;
    request.selection.officeCode = QStringLiteral("fo-por");
    request.outputPath = folder.filePath(QStringLiteral("acme-extract.pgp"));
    const auto report = extractAs(database, world.login("full"), request);
    REQUIRE_OK(report);
    CHECK(report->records == 2); // fugitives 1 and 2: at large in Portland (3 is in custody, 4 in Boston)
    CHECK(report->keyFingerprint == fingerprint.toUpper());
    CHECK(report->keyUserId.contains(QStringLiteral("batch@acme.example")));

    // Only ciphertext on disk; the provider's secret key opens it.
    const QByteArray cipher = readFile(request.outputPath);
    CHECK(report->bytes == cipher.size());
    CHECK(report->sha256 == QCryptographicHash::hash(cipher, QCryptographicHash::Sha256));
    CHECK_FALSE(cipher.contains("Example"));
    CHECK_FALSE(cipher.contains("subject_ref"));
    const QByteArray plain = provider.decrypt(cipher);
    INFO(provider.lastError().toStdString());
    REQUIRE_FALSE(plain.isEmpty());
    QStringList leftovers = QDir(folder.path()).entryList(QDir::Files);
    leftovers.sort();
    CHECK(leftovers == QStringList{QStringLiteral("acme-extract.pgp")}); // nothing else written next to it

    // Exactly the minimum fields: no SSN, no A-Number, no criminal history, no internal numbers or ids.
    const auto rows = readCsv(plain);
    REQUIRE(rows.size() == 3);
    CHECK(rows.at(0) == AddressSearchExtract::fields());
    CHECK(rows.at(0).size() == 6 + 3 * 5);
    for (const char* secret : {"123456789", "234567891", "345678912", "456789123", "Aggravated", "assault", "FBI77X", "ME98765",
                               "TECS", "Overstay", "Synthetic Set", "Springfield", "FUG-", "Employer Plaza", "Custody", "Boston",
                               "2012-05-05"}) {
        INFO(secret);
        CHECK_FALSE(plain.contains(secret));
    }
    for (const QString& id : {world.fugitive1, world.fugitive2, world.person1, world.person2}) {
        CHECK_FALSE(plain.contains(id.toLatin1()));
    }
    const QStringList ana = rows.at(1).at(1) == u"Example" ? rows.at(1) : rows.at(2);
    const QStringList ben = rows.at(1).at(1) == u"Example" ? rows.at(2) : rows.at(1);
    CHECK(ana.mid(1, 5) == QStringList{QStringLiteral("Example"), QStringLiteral("Ana"), QStringLiteral("Maria"),
                                       QStringLiteral("1980-03-15"), QStringLiteral("Ejemplo, Ana; Smith, Jr")});
    // The three most recent personal addresses, newest first (the business address and the oldest stay home).
    CHECK(ana.mid(6, 5) == QStringList{QStringLiteral("4 Newest Ln"), QString(), QStringLiteral("PORTLAND"), QStringLiteral("ME"),
                                       QStringLiteral("04101")});
    CHECK(ana.at(11) == u"3 Newer Rd");
    CHECK(ana.mid(16, 2) == QStringList{QStringLiteral("2 Middle Ave"), QStringLiteral("Apt 3")});
    CHECK(ben.mid(1, 5) == QStringList{QStringLiteral("Sample"), QStringLiteral("Ben"), QString(), QStringLiteral("1975-07-01"), QString()});
    CHECK(ben.at(6) == u"7 Harbor Rd");
    CHECK(ben.at(11).isEmpty());
    CHECK(ana.at(0) != ben.at(0));
    CHECK(QRegularExpression(QStringLiteral("^[A-Z2-9]{12}$")).match(ana.at(0)).hasMatch());

    // The disclosure: what, to whom, when, by whom, and which fugitives under which reference.
    const QString id = report->extractId.toString(QUuid::WithoutBraces);
    CHECK(database.scalar(QStringLiteral("SELECT format('%s|%s|%s|%s|%s|%s', e.provider, u.login, e.record_count, "
                                         "encode(e.sha256, 'hex'), e.key_fingerprint, array_to_string(e.fields, ',')) "
                                         "FROM field.provider_extracts e JOIN core.users u ON u.id = e.created_by WHERE e.id = '%1'").arg(id))
              .toString()
          == QStringLiteral("ACME|%1|2|%2|%3|%4").arg(world.login("full"), QString::fromLatin1(report->sha256.toHex()),
                                                       fingerprint.toUpper(), AddressSearchExtract::fields().join(u',')));
    CHECK(database.scalar(QStringLiteral("SELECT abs(extract(epoch FROM now() - created_at)) < 120 FROM field.provider_extracts "
                                         "WHERE id = '%1'").arg(id)).toBool());
    CHECK(database.scalar(QStringLiteral("SELECT encode(content_sha256, 'hex') FROM field.provider_extracts WHERE id = '%1'").arg(id))
              .toString() == QString::fromLatin1(QCryptographicHash::hash(plain, QCryptographicHash::Sha256).toHex()));
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(fugitive_id || '=' || subject_ref, ',' ORDER BY fugitive_id = '%2' DESC) "
                                         "FROM field.provider_extract_subjects WHERE extract_id = '%1'").arg(id, world.fugitive1))
              .toString() == QStringLiteral("%1=%2,%3=%4").arg(world.fugitive1, ana.at(0), world.fugitive2, ben.at(0)));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'field.provider_extracts' "
                                         "AND record_id = '%1' AND action = 'insert'").arg(id)).toInt() == 1);
    // A person's accounting of disclosures, as a read-only field officer sees it.
    const auto accounting = test::runAs(database.settingsFor(world.login("read"), kPassword),
                                        {QStringLiteral("SELECT format('%s|%s|%s', provider_name, disclosed_by_login, array_length(fields, 1)) "
                                                        "FROM field.extract_disclosures WHERE person_id = '%1'").arg(world.person1)});
    CHECK(accounting.ok);
    CHECK(accounting.value.toString() == QStringLiteral("Acme Data|%1|21").arg(world.login("full")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.extract_disclosures WHERE person_id = '%1'").arg(world.person4)).toInt() == 0);

    // The record is append-only, even for headquarters, and nobody writes it directly.
    const auto change = test::runAs(database.settingsFor(world.login("full"), kPassword),
                                    {QStringLiteral("UPDATE field.provider_extracts SET provider = 'TIP' WHERE id = '%1'").arg(id)});
    CHECK_FALSE(change.ok);
    const auto removal = test::runAs(database.settingsFor(world.login("full"), kPassword),
                                     {QStringLiteral("DELETE FROM field.provider_extract_subjects WHERE extract_id = '%1'").arg(id)});
    CHECK_FALSE(removal.ok);
    const auto forged = test::runAs(database.settingsFor(world.login("full"), kPassword),
                                    {QStringLiteral("INSERT INTO field.provider_extracts (id, provider, record_count, sha256) VALUES "
                                                    "(gen_random_uuid(), 'ACME', 0, sha256('x'))")});
    CHECK_FALSE(forged.ok);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.provider_extracts")).toInt() == 1);

    SECTION("the provider's results come back as leads under its source, with their scores, and answer the extract")
    {
        const QByteArray results = QStringLiteral(
            "subject_ref,address_line1,city,state,zip,relevance_score,reported_on\n"
            "%1,12 Lighthouse Way,,,04101,87.5,2026-11-01\n"
            "NOSUCHREF234,1 Nowhere St,,,04101,50,\n"
            "%2,\"5 Quoted St\nUnit 2\",,,04101,40.25,\n"
            "%1,9 Other Rd,,,04101,101,\n").arg(ana.at(0), ben.at(0)).toUtf8();
        QBuffer input;
        input.setData(results);
        input.open(QIODevice::ReadOnly);
        LeadImportOptions options;
        options.fileName = QStringLiteral("acme-results.csv");
        options.today = QDate(2026, 11, 30);
        const auto imported = withThreadConnection<LeadImportReport>(
            database.settingsFor(world.login("full"), kPassword), QStringLiteral("results"), [&](QSqlDatabase& connection) {
                return AddressSearchResults(connection, report->extractId, options).run(&input);
            });
        REQUIRE_OK(imported);
        CHECK(imported->committed);
        CHECK(imported->linesRead == 4);
        CHECK(imported->loaded == 2);
        REQUIRE(imported->rejected.size() == 2);
        CHECK(imported->rejected.at(0).line == 3);
        CHECK(imported->rejected.at(0).reason.contains(QStringLiteral("NOSUCHREF234")));
        CHECK(imported->rejected.at(1).line == 6); // the provider file's own line (the quoted value spans 4 and 5)
        CHECK(imported->rejected.at(1).reason.contains(QStringLiteral("relevance")));
        CHECK(database.scalar(QStringLiteral("SELECT string_agg(format('%s|%s|%s', s.code, l.relevance_score, "
                                             "l.source_detail LIKE '%%address-search extract %2%%'), ';' ORDER BY l.relevance_score DESC) "
                                             "FROM field.leads l JOIN field.lead_sources s ON s.id = l.source_id "
                                             "WHERE l.fugitive_id IN ('%1', '%3')").arg(world.fugitive1, id, world.fugitive2))
                  .toString() == QStringLiteral("ACME|87.50|t;ACME|40.25|t"));
        CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads WHERE fugitive_id = '%1' AND address_line1 = '12 Lighthouse Way'")
                                  .arg(world.fugitive1)).toInt() == 1);
        CHECK(database.scalar(QStringLiteral("SELECT results_imported_at IS NOT NULL AND results_imported_by IS NOT NULL "
                                             "FROM field.provider_extracts WHERE id = '%1'").arg(id)).toBool());
        // Marking answered is the one change the record allows, and only once.
        CHECK_FALSE(test::runAs(database.settingsFor(world.login("full"), kPassword),
                                {QStringLiteral("UPDATE field.provider_extracts SET results_imported_at = now() WHERE id = '%1'").arg(id)})
                        .ok);

        // A line claiming another source than the extract's provider is not its result.
        QBuffer other;
        other.setData(QStringLiteral("subject_ref,address_line1,zip,source\n%1,8 Pier St,04101,TIP\n").arg(ana.at(0)).toUtf8());
        other.open(QIODevice::ReadOnly);
        const auto refused = withThreadConnection<LeadImportReport>(
            database.settingsFor(world.login("full"), kPassword), QStringLiteral("results"), [&](QSqlDatabase& connection) {
                return AddressSearchResults(connection, report->extractId, options).run(&other);
            });
        REQUIRE_OK(refused);
        REQUIRE(refused->rejected.size() == 1);
        CHECK(refused->rejected.at(0).reason.contains(QStringLiteral("not the extract's provider ACME")));
        CHECK(refused->loaded == 0);
    }
}

TEST_CASE("Only headquarters sends an extract: a read/add/update officer is refused by the server and nothing is recorded",
          "[integration][field][extract]")
{
    TestDatabase database;
    const World world = makeWorld(database);
    test::OpenPgpTestKeys provider;
    const QString fingerprint = provider.create(QStringLiteral("Acme Data <batch@acme.example>"));
    QTemporaryDir folder;
    AddressSearchExtract::Request request;
    request.provider = QStringLiteral("ACME");
    request.providerKey = provider.exportPublic(fingerprint);
    request.selection.fugitiveIds = {QUuid(world.fugitive1)};
    request.outputPath = folder.filePath(QStringLiteral("out.pgp"));

    const auto refused = extractAs(database, world.login("write"), request);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ErrorCode::PermissionDenied);
    CHECK(refused.error().userMessage.contains(QStringLiteral("Only headquarters")));
    CHECK_FALSE(QFile::exists(request.outputPath));

    // The server itself refuses, whatever a client does.
    const auto direct = test::runAs(database.settingsFor(world.login("write"), kPassword),
                                    {QStringLiteral("SELECT field.record_provider_extract(gen_random_uuid(), 'ACME', ARRAY['%1']::uuid[], "
                                                    "ARRAY['ABCDEFGH2345'], sha256('x'), sha256('y'), '%2', ARRAY['family_name'], 'test')")
                                         .arg(world.fugitive1, fingerprint.toUpper())});
    CHECK_FALSE(direct.ok);
    CHECK(direct.error.userMessage.contains(QStringLiteral("Only headquarters")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.provider_extracts")).toInt() == 0);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.provider_extract_subjects")).toInt() == 0);

    // Headquarters, chosen by hand: one record.
    const auto sent = extractAs(database, world.login("full"), request);
    REQUIRE_OK(sent);
    CHECK(sent->records == 1);
    const auto rows = readCsv(provider.decrypt(readFile(request.outputPath)));
    REQUIRE(rows.size() == 2);
    CHECK(rows.at(1).at(1) == u"Example");
    // A results import by a non-headquarters officer is refused before anything is read.
    QBuffer input;
    input.setData("subject_ref,address_line1,zip\n" + rows.at(1).at(0).toUtf8() + ",1 Pier,04101\n");
    input.open(QIODevice::ReadOnly);
    const auto results = withThreadConnection<LeadImportReport>(
        database.settingsFor(world.login("write"), kPassword), QStringLiteral("results"), [&](QSqlDatabase& connection) {
            return AddressSearchResults(connection, sent->extractId, {}).run(&input);
        });
    REQUIRE_FALSE(results.has_value());
    CHECK(results.error().code == ErrorCode::PermissionDenied);
}

TEST_CASE("A wrong, signing-only or expired key file, or an unknown provider, gives a clear error and records nothing",
          "[integration][field][extract]")
{
    TestDatabase database;
    const World world = makeWorld(database);
    test::OpenPgpTestKeys provider;
    const QString signOnly = provider.create(QStringLiteral("Acme Signing <sign@acme.example>"), true);
    const QString shortLived = provider.create(QStringLiteral("Acme Old <old@acme.example>"), false, 1);
    const QString good = provider.create(QStringLiteral("Acme Data <batch@acme.example>"));
    QTemporaryDir folder;
    AddressSearchExtract::Request request;
    request.provider = QStringLiteral("ACME");
    request.selection.officeCode = QStringLiteral("FO-POR");
    request.outputPath = folder.filePath(QStringLiteral("out.pgp"));

    const auto expect = [&](const QByteArray& key, const QString& providerCode, const QString& words) {
        request.providerKey = key;
        request.provider = providerCode;
        const auto result = extractAs(database, world.login("full"), request);
        INFO(words.toStdString());
        REQUIRE_FALSE(result.has_value());
        INFO(result.error().describe().toStdString());
        CHECK(result.error().userMessage.contains(words));
        CHECK_FALSE(QFile::exists(request.outputPath));
        CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.provider_extracts")).toInt() == 0);
    };
    expect(QByteArray("this is not a key\n"), QStringLiteral("ACME"), QStringLiteral("holds no OpenPGP public key"));
    expect(QByteArray("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n"), QStringLiteral("ACME"),
           QStringLiteral("holds no OpenPGP public key"));
    expect(QByteArray(), QStringLiteral("ACME"), QStringLiteral("Give the provider's OpenPGP public key"));
    expect(provider.exportPublic(signOnly), QStringLiteral("ACME"), QStringLiteral("cannot be used to encrypt"));
    expect(provider.exportPublic(signOnly) + provider.exportPublic(good), QStringLiteral("ACME"), QStringLiteral("holds 2 keys"));
    QThread::sleep(2);
    expect(provider.exportPublic(shortLived), QStringLiteral("ACME"), QStringLiteral("expired on"));
    expect(provider.exportPublic(good), QStringLiteral("TIP"), QStringLiteral("not a commercial address provider"));
    expect(provider.exportPublic(good), QStringLiteral("ACME2"), QStringLiteral("Known providers: ACME."));

    // An office with nobody at large, and an unknown office: said, nothing recorded.
    request.selection.officeCode = QStringLiteral("FO-NONE");
    expect(provider.exportPublic(good), QStringLiteral("ACME"), QStringLiteral("No office has the code FO-NONE"));
    request.selection.officeCode = QStringLiteral("FO-BOS");
    request.selection.status = QStringLiteral("removed");
    expect(provider.exportPublic(good), QStringLiteral("ACME"), QStringLiteral("nothing to send"));
    request.selection.status = QStringLiteral("at_large");

    // The right key then works.
    request.providerKey = provider.exportPublic(good);
    request.provider = QStringLiteral("ACME");
    REQUIRE_OK(extractAs(database, world.login("full"), request));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.provider_extracts")).toInt() == 1);
}

TEST_CASE("ocmsctl export address-search writes the encrypted extract, import leads --extract brings the results back",
          "[integration][field][extract]")
{
    TestDatabase database;
    const World world = makeWorld(database);
    test::OpenPgpTestKeys provider;
    const QString fingerprint = provider.create(QStringLiteral("Acme Data <batch@acme.example>"));
    QTemporaryDir folder;
    const QString keyPath = folder.filePath(QStringLiteral("acme.asc"));
    {
        QFile key(keyPath);
        REQUIRE(key.open(QIODevice::WriteOnly));
        key.write(provider.exportPublic(fingerprint));
    }
    const QString conninfo = database.settingsFor(world.login("full"), kPassword).toConnInfo(true);
    const auto ocmsctl = [](const QStringList& arguments) {
        QProcess process;
        process.start(QStringLiteral(OCMSCTL_PATH), arguments);
        REQUIRE(process.waitForFinished(120000));
        return std::tuple{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                          QString::fromUtf8(process.readAllStandardError())};
    };
    const QString output = folder.filePath(QStringLiteral("out.pgp"));
    const auto [code, out, err] = ocmsctl({QStringLiteral("--db"), conninfo, QStringLiteral("export"), QStringLiteral("address-search"),
                                           QStringLiteral("--provider"), QStringLiteral("ACME"), QStringLiteral("--key"), keyPath,
                                           QStringLiteral("--office"), QStringLiteral("FO-BOS"), QStringLiteral("-o"), output});
    INFO(err.toStdString());
    REQUIRE(code == 0);
    CHECK(out.contains(QStringLiteral(": 1 record for ACME, encrypted to %1").arg(fingerprint.toUpper())));
    CHECK(out.contains(QStringLiteral("recorded as a disclosure")));
    const auto rows = readCsv(provider.decrypt(readFile(output)));
    REQUIRE(rows.size() == 2);
    CHECK(rows.at(1).at(1) == u"Boston");
    const QString id = database.scalar(QStringLiteral("SELECT id FROM field.provider_extracts")).toString();
    CHECK(out.contains(id));

    // A key file that is not a key: exit 1, the reason on standard error, nothing recorded.
    const QString notKey = folder.filePath(QStringLiteral("letter.txt"));
    {
        QFile letter(notKey);
        REQUIRE(letter.open(QIODevice::WriteOnly));
        letter.write("not a key");
    }
    const auto [badCode, badOut, badErr] = ocmsctl({QStringLiteral("--db"), conninfo, QStringLiteral("export"), QStringLiteral("address-search"),
                                                    QStringLiteral("--provider"), QStringLiteral("ACME"), QStringLiteral("--key"), notKey,
                                                    QStringLiteral("-o"), folder.filePath(QStringLiteral("other.pgp"))});
    CHECK(badCode == 1);
    CHECK(badErr.contains(QStringLiteral("holds no OpenPGP public key")));
    CHECK_FALSE(QFile::exists(folder.filePath(QStringLiteral("other.pgp"))));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.provider_extracts")).toInt() == 1);

    const QString results = folder.filePath(QStringLiteral("results.csv"));
    {
        QFile file(results);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("subject_ref,address_line1,zip,relevance_score\n%1,21 Beacon St,04101,66\n").arg(rows.at(1).at(0)).toUtf8());
    }
    const auto [importCode, importOut, importErr] = ocmsctl({QStringLiteral("--db"), conninfo, QStringLiteral("import"), QStringLiteral("leads"),
                                                             results, QStringLiteral("--extract"), id});
    INFO(importErr.toStdString());
    CHECK(importCode == 0);
    CHECK(importOut.contains(QStringLiteral("1 new leads")));
    CHECK(database.scalar(QStringLiteral("SELECT format('%s|%s', s.code, l.relevance_score) FROM field.leads l "
                                         "JOIN field.lead_sources s ON s.id = l.source_id WHERE l.fugitive_id = '%1'").arg(world.fugitive4))
              .toString() == QStringLiteral("ACME|66.00"));
    CHECK(database.scalar(QStringLiteral("SELECT results_imported_at IS NOT NULL FROM field.provider_extracts WHERE id = '%1'").arg(id)).toBool());
}
