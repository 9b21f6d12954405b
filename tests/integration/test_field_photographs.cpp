// Issue 7, the rest of the fugitive record and the lead: photographs (mug shots) stored as content and
// checked by the server (the adder's own upload, a JPEG or PNG, at most 10 MiB), and a lead's field
// office point of contact (an active field officer only), each as the demo user of the right role.
#include "demoworld.h"
#include "documents/contentstore.h"
#include "field/fugitiverepository.h"
#include "field/leadrepository.h"
#include "loginsession.h"
#include "security/demoaccounts.h"
#include "signedin.h"

#include <QBuffer>
#include <QImage>
#include <QSqlQuery>

#include "catchqt.h"

using namespace ocms;
using ocms::test::SignedIn;
using ocms::test::AsDemo;
using ocms::test::ownerCount;
using ocms::test::ownerText;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QString::fromLatin1(DemoAccounts::kPassword);

// A small synthetic picture: a grey head-and-shoulders silhouette on a light background.
QByteArray picture(const char* format, QColor background)
{
    QImage image(120, 150, QImage::Format_RGB32);
    image.fill(background);
    for (int y = 20; y < 150; ++y) {
        for (int x = 0; x < 120; ++x) {
            const bool head = (x - 60) * (x - 60) + (y - 55) * (y - 55) < 28 * 28;
            const bool shoulders = y > 95 && (x - 60) * (x - 60) / 4 + (y - 150) * (y - 150) < 55 * 55 / 2;
            if (head || shoulders) {
                image.setPixelColor(x, y, QColor(90, 90, 96));
            }
        }
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    REQUIRE(image.save(&buffer, format));
    return bytes;
}

} // namespace

TEST_CASE("Photographs: an officer adds a JPEG or PNG to a fugitive record, other content, pictures and readers are refused",
          "[integration][field]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 75, 60);
    const QUuid fugitive(ownerText(database, QStringLiteral("SELECT id::text FROM field.fugitives ORDER BY fugitive_number LIMIT 1")));
    SignedIn<FugitiveRepository> officer(database, QStringLiteral("officer.demo"), kPassword);
    SignedIn<FugitiveRepository> reader(database, QStringLiteral("fieldread.demo"), kPassword);

    const QByteArray png = picture("PNG", QColor(230, 232, 236));
    const QByteArray jpeg = picture("JPEG", QColor(236, 230, 220));
    REQUIRE_OK(officer->addPhotograph(fugitive, png, {{QStringLiteral("taken_on"), QDate(2024, 5, 2)},
                                                      {QStringLiteral("caption"), QStringLiteral("  Booking photograph (synthetic)  ")}}));
    REQUIRE_OK(officer->addPhotograph(fugitive, jpeg, {}));

    auto record = officer->load(fugitive);
    REQUIRE_OK(record);
    REQUIRE(record->photographs.size() == 2);
    // Newest first: the undated one was added today.
    CHECK(record->photographs.value(1, QStringLiteral("Caption")).toString() == u"Booking photograph (synthetic)");
    CHECK(record->photographs.value(1, QStringLiteral("Taken")).toDate() == QDate(2024, 5, 2));
    auto stored = reader->photograph(QUuid(record->photographs.value(1, QStringLiteral("Content")).toString()));
    REQUIRE_OK(stored);
    CHECK(*stored == png);

    // Not a picture, and a picture too large: refused, nothing added.
    auto text = officer->addPhotograph(fugitive, QByteArrayLiteral("%PDF-1.7 not a picture"), {});
    REQUIRE_FALSE(text);
    CHECK(text.error().userMessage.contains(QStringLiteral("JPEG or PNG")));
    auto huge = officer->addPhotograph(fugitive, QByteArray(FugitiveRepository::kMaxPhotographBytes + 1, 'x'), {});
    REQUIRE_FALSE(huge);
    CHECK(huge.error().code == ErrorCode::Validation);
    auto future = officer->addPhotograph(fugitive, jpeg, {{QStringLiteral("taken_on"), QDate::currentDate().addDays(3)}});
    REQUIRE_FALSE(future);
    CHECK(future.error().userMessage.contains(QStringLiteral("future")));

    // Read-only analysts cannot add one.
    auto readOnly = reader->addPhotograph(fugitive, png, {});
    REQUIRE_FALSE(readOnly);
    CHECK(readOnly.error().code == ErrorCode::PermissionDenied);

    // Content someone else uploaded cannot be exposed as a photograph by naming its id.
    SignedIn<FugitiveRepository> supervisor(database, QStringLiteral("supervisor.demo"), kPassword);
    auto theirs = ContentStore(supervisor.database()).upload(picture("PNG", QColor(200, 220, 200)));
    REQUIRE_OK(theirs);
    const auto borrowed = ocms::test::runAs(database.settingsFor(QStringLiteral("officer.demo"), kPassword),
                                            {QStringLiteral("INSERT INTO field.photographs (id, fugitive_id, content_id) VALUES "
                                                            "(gen_random_uuid(), '%1', '%2')")
                                                 .arg(fugitive.toString(QUuid::WithoutBraces), theirs->id.toString(QUuid::WithoutBraces))});
    REQUIRE(borrowed.connected);
    CHECK_FALSE(borrowed.ok);
    CHECK(borrowed.error.userMessage.contains(QStringLiteral("you have just uploaded")));

    // A photograph keeps its picture; its caption may be corrected.
    const QString photo = record->photographs.ids.value(0).toString(QUuid::WithoutBraces);
    const auto moved = ocms::test::runAs(database.settingsFor(QStringLiteral("supervisor.demo"), kPassword),
                                         {QStringLiteral("UPDATE field.photographs SET content_id = '%1' WHERE id = '%2'")
                                              .arg(theirs->id.toString(QUuid::WithoutBraces), photo)});
    CHECK_FALSE(moved.ok);
    const auto captioned = ocms::test::runAs(database.settingsFor(QStringLiteral("supervisor.demo"), kPassword),
                                             {QStringLiteral("UPDATE field.photographs SET caption = 'Surveillance still' WHERE id = '%1'").arg(photo)});
    CHECK(captioned.ok);
    record = officer->load(fugitive);
    REQUIRE_OK(record);
    CHECK(record->photographs.size() == 2);
    CHECK(record->photographs.value(0, QStringLiteral("Caption")).toString() == u"Surveillance still");
}

TEST_CASE("A lead's point of contact is an active field officer, saved with a version check", "[integration][field]")
{
    TestDatabase database;
    ocms::test::seedDemoWorld(database, 20, 0, 76, 60);
    const QUuid lead(ownerText(database, QStringLiteral("SELECT id::text FROM field.leads ORDER BY lead_number LIMIT 1")));
    const QString supervisor = ownerText(database, QStringLiteral("SELECT id::text FROM core.users WHERE login = 'supervisor.demo'"));
    const QString attorney = ownerText(database, QStringLiteral("SELECT id::text FROM core.users WHERE login = 'attorney.demo'"));
    SignedIn<LeadRepository> officer(database, QStringLiteral("officer.demo"), kPassword);
    SignedIn<LeadRepository> reader(database, QStringLiteral("fieldread.demo"), kPassword);

    auto before = officer->load(lead);
    REQUIRE_OK(before);
    auto saved = officer->setPointOfContact(lead, before->rowVersion, {{QStringLiteral("poc_user_id"), supervisor}});
    REQUIRE_OK(saved);
    auto after = officer->load(lead);
    REQUIRE_OK(after);
    CHECK(after->values.value(QStringLiteral("poc_name")).toString() == u"Grace Okonkwo-Hale");
    CHECK(after->values.value(QStringLiteral("poc_user_id")).toString() == supervisor);

    // A stale version is a conflict; a lawyer is no field officer; a read-only analyst cannot write.
    auto stale = officer->setPointOfContact(lead, before->rowVersion, {{QStringLiteral("poc_user_id"), QVariant()}});
    REQUIRE_FALSE(stale);
    CHECK(stale.error().code == ErrorCode::Conflict);
    auto lawyer = officer->setPointOfContact(lead, after->rowVersion, {{QStringLiteral("poc_user_id"), attorney}});
    REQUIRE_FALSE(lawyer);
    CHECK(lawyer.error().userMessage.contains(QStringLiteral("active field officer")));
    auto readOnly = reader->setPointOfContact(lead, after->rowVersion, {{QStringLiteral("poc_user_id"), QVariant()}});
    REQUIRE_FALSE(readOnly);
    CHECK(readOnly.error().code == ErrorCode::PermissionDenied);

    // Cleared: no point of contact.
    REQUIRE_OK(officer->setPointOfContact(lead, after->rowVersion, {{QStringLiteral("poc_user_id"), QVariant()}}));
    after = officer->load(lead);
    REQUIRE_OK(after);
    CHECK(after->values.value(QStringLiteral("poc_name")).toString().isEmpty());
}
