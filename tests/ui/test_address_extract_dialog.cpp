// The address-search extract dialog offscreen, against the real server: it shows how many records and which
// fields go out, lists the commercial providers, says clearly what is wrong with a bad key file (nothing
// written or recorded), then sends an extract the provider can decrypt; a non-headquarters officer is told
// at once that only headquarters sends extracts.
#include "addresssearchextractdialog.h"
#include "eventwait.h"
#include "loginsession.h"
#include "messagebanner.h"
#include "openpgptestkeys.h"
#include "testdatabase.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;
using ocms::test::waitUntil;

namespace {

const QString kPassword = QStringLiteral("extract-dialog-password-1");

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

TEST_CASE("The address-search extract dialog shows what goes out and sends an encrypted, recorded extract", "[ui][field][extract]")
{
    TestDatabase database;
    const QString prefix = QStringLiteral("xd%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    const QString office = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString fugitive1 = QUuid::createUuid().toString(QUuid::WithoutBraces);
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'FO-POR', 'Portland', 'field_office')").arg(office));
    database.exec(QStringLiteral("SELECT core.create_login('%1full', '%2', 'HQ Officer', '{field_full}', 'FO-POR', '{}')").arg(prefix, kPassword));
    database.exec(QStringLiteral("SELECT core.create_login('%1write', '%2', 'Field Officer', '{field_write}', 'FO-POR', '{}')").arg(prefix, kPassword));
    database.exec(QStringLiteral("INSERT INTO field.lead_sources (id, code, name, kind) VALUES (gen_random_uuid(), 'ACME', 'Acme Data', "
                                 "'commercial'), (gen_random_uuid(), 'TIP', 'Tip line', 'tip')"));
    database.exec(QStringLiteral("INSERT INTO core.people (id, family_name, given_name, date_of_birth, a_number, ssn) VALUES "
                                 "('a1000000-0000-4000-8000-000000000001', 'Example', 'Ana', '1980-03-15', '123456789', '123456789'), "
                                 "('a1000000-0000-4000-8000-000000000002', 'Sample', 'Ben', '1975-07-01', '234567891', NULL)"));
    database.exec(QStringLiteral("INSERT INTO field.fugitives (id, person_id, office_id) VALUES "
                                 "('%1', 'a1000000-0000-4000-8000-000000000001', '%2'), "
                                 "(gen_random_uuid(), 'a1000000-0000-4000-8000-000000000002', '%2')").arg(fugitive1, office));

    test::OpenPgpTestKeys provider;
    const QString fingerprint = provider.create(QStringLiteral("Acme Data <batch@acme.example>"));
    QTemporaryDir folder;
    const QString goodKey = folder.filePath(QStringLiteral("acme.asc"));
    const QString badKey = folder.filePath(QStringLiteral("not-a-key.asc"));
    writeFile(goodKey, provider.exportPublic(fingerprint));
    writeFile(badKey, "Dear provider,\nplease find our key attached.\n");
    const QString output = folder.filePath(QStringLiteral("extract.pgp"));

    AddressSearchExtractDialog dialog(database.settingsFor(prefix + QStringLiteral("full"), kPassword), {QUuid(fugitive1)});
    dialog.show();
    REQUIRE(waitUntil([&] { return !dialog.isBusy(); }));
    CHECK(dialog.recordsLabel()->text() == QStringLiteral("1 record goes out"));
    CHECK(dialog.fieldsLabel()->text().startsWith(QStringLiteral("subject_ref, family_name, given_name, middle_name, date_of_birth, aliases")));
    CHECK_FALSE(dialog.fieldsLabel()->text().contains(QStringLiteral("ssn")));
    CHECK_FALSE(dialog.fieldsLabel()->text().contains(QStringLiteral("a_number")));
    REQUIRE(dialog.providerBox()->count() == 1); // commercial sources only
    CHECK(dialog.providerBox()->currentText() == QStringLiteral("Acme Data (ACME)"));
    CHECK(dialog.officeEdit()->isHidden()); // chosen by hand: no office to type
    CHECK(dialog.sendButton()->isEnabled());

    // Nothing chosen yet for the key: said in the dialog, nothing started.
    dialog.keyPathEdit()->clear();
    dialog.outputPathEdit()->setText(QDir::toNativeSeparators(output));
    dialog.run();
    CHECK_FALSE(dialog.isBusy());
    CHECK(dialog.message()->message().contains(QStringLiteral("public key file")));

    // A file that is not a key: a clear message, nothing written, nothing recorded.
    dialog.keyPathEdit()->setText(QDir::toNativeSeparators(badKey));
    dialog.run();
    REQUIRE(waitUntil([&] { return !dialog.isBusy(); }));
    CHECK(dialog.message()->message().contains(QStringLiteral("holds no OpenPGP public key")));
    CHECK_FALSE(QFile::exists(output));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.provider_extracts")).toInt() == 0);

    // The provider's key: sent, reported, recorded; the provider decrypts it.
    QSignalSpy extracted(&dialog, &AddressSearchExtractDialog::extracted);
    dialog.keyPathEdit()->setText(QDir::toNativeSeparators(goodKey));
    dialog.run();
    CHECK_FALSE(dialog.sendButton()->isEnabled()); // one at a time
    REQUIRE(waitUntil([&] { return !dialog.isBusy(); }));
    INFO(dialog.message()->message().toStdString());
    CHECK(dialog.message()->message().contains(QStringLiteral("1 record for ACME saved to")));
    CHECK(dialog.message()->message().contains(QStringLiteral("Recorded as a disclosure")));
    CHECK(dialog.message()->message().contains(fingerprint.toUpper()));
    CHECK(extracted.count() == 1);
    CHECK(dialog.lastReport().records == 1);
    CHECK(dialog.sendButton()->isEnabled());
    QFile file(output);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray plain = provider.decrypt(file.readAll());
    CHECK(plain.contains("Example,Ana,,1980-03-15"));
    CHECK_FALSE(plain.contains("Sample"));
    CHECK_FALSE(plain.contains("123456789"));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.provider_extract_subjects WHERE fugitive_id = '%1' AND extract_id = '%2'")
                              .arg(fugitive1, dialog.lastReport().extractId.toString(QUuid::WithoutBraces))).toInt() == 1);
    QDir shots(QDir::temp().filePath(QStringLiteral("ocms-shots")));
    shots.mkpath(QStringLiteral("."));
    CHECK(dialog.grab().save(shots.filePath(QStringLiteral("address-search-extract-dialog.png"))));

    // All at large of an office, as a read/add/update officer: counted, but sending is refused at once.
    AddressSearchExtractDialog officer(database.settingsFor(prefix + QStringLiteral("write"), kPassword), {});
    officer.show();
    REQUIRE(waitUntil([&] { return !officer.isBusy(); }));
    CHECK_FALSE(officer.officeEdit()->isHidden());
    officer.officeEdit()->setText(QStringLiteral("FO-POR"));
    officer.refreshPreview();
    REQUIRE(waitUntil([&] { return !officer.isBusy(); }));
    CHECK(officer.recordsLabel()->text() == QStringLiteral("2 records go out"));
    CHECK_FALSE(officer.sendButton()->isEnabled());
    CHECK(officer.message()->message().contains(QStringLiteral("Only headquarters")));
}
