// Issue 8, the encrypted offline copy's keys: a random data key wrapped under the password with Argon2id,
// SQLCipher given the raw key, the file useless without the password (no plaintext in its bytes), password
// change re-wraps without re-encrypting, ten wrong passwords in a row wipe the key.
#include "sync/cachekeyfile.h"
#include "sync/encryptedcache.h"
#include "sync/outbox.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "catchqt.h"

using namespace ocms;

namespace {

const QString kName = QStringLiteral("Quillfeather-Odalys-Synthetic");

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

} // namespace

TEST_CASE("The offline copy opens with the password's key only and holds no plaintext on disk", "[unit][sync]")
{
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    const QString cachePath = folder.filePath(QStringLiteral("officer.demo.cache"));
    CacheKeyFile keys(folder.filePath(QStringLiteral("officer.demo.key")));
    auto created = keys.create(QStringLiteral("officer.demo"), QStringLiteral("correct horse battery"), KdfLimits::interactive());
    REQUIRE_OK(created);
    {
        auto cache = EncryptedCache::open(cachePath, *created);
        REQUIRE_OK(cache);
        REQUIRE_OK(cache->exec(QStringLiteral("CREATE TABLE people (id TEXT PRIMARY KEY, family_name TEXT)")));
        for (int i = 0; i < 200; ++i) {
            REQUIRE_OK(cache->run(QStringLiteral("INSERT INTO people VALUES (?, ?)"), {QString::number(i), kName}));
        }
        REQUIRE_OK(cache->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        CHECK(cache->scalar(QStringLiteral("SELECT count(*) FROM people WHERE family_name = ?"), {kName})->toInt() == 200);
    }
    // The bytes on disk: neither the name nor SQLite's own header in clear.
    const QByteArray bytes = fileBytes(cachePath);
    CHECK(bytes.size() > 4096);
    CHECK_FALSE(bytes.contains(kName.toUtf8()));
    CHECK_FALSE(bytes.startsWith("SQLite format 3"));
    CHECK_FALSE(fileBytes(keys.path()).contains("correct horse"));

    // Unlocked again with the password: the same data.
    auto key = keys.unlock(QStringLiteral("correct horse battery"));
    REQUIRE_OK(key);
    auto reopened = EncryptedCache::open(cachePath, *key);
    REQUIRE_OK(reopened);
    CHECK(reopened->scalar(QStringLiteral("SELECT family_name FROM people WHERE id = '7'"))->toString() == kName);

    // Another key opens nothing.
    auto wrongKey = EncryptedCache::open(cachePath, SecretKey::random());
    REQUIRE_FALSE(wrongKey);
    CHECK(wrongKey.error().code == ErrorCode::PermissionDenied);
}

TEST_CASE("A password change re-wraps the same data key, a tampered key file opens nothing", "[unit][sync]")
{
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    const QString cachePath = folder.filePath(QStringLiteral("c.cache"));
    CacheKeyFile keys(folder.filePath(QStringLiteral("c.key")));
    auto created = keys.create(QStringLiteral("officer.demo"), QStringLiteral("first password"), KdfLimits::interactive());
    REQUIRE_OK(created);
    {
        auto cache = EncryptedCache::open(cachePath, *created);
        REQUIRE_OK(cache);
        REQUIRE_OK(cache->exec(QStringLiteral("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('kept')")));
    }
    const QByteArray before = fileBytes(cachePath);
    REQUIRE_OK(keys.rewrap(QStringLiteral("first password"), QStringLiteral("second password"), KdfLimits::interactive()));
    CHECK(fileBytes(cachePath) == before); // not re-encrypted
    auto old = keys.unlock(QStringLiteral("first password"));
    REQUIRE_FALSE(old);
    CHECK(old.error().code == ErrorCode::PermissionDenied);
    auto key = keys.unlock(QStringLiteral("second password"));
    REQUIRE_OK(key);
    CHECK(keys.failedUnlocks() == 0);
    auto cache = EncryptedCache::open(cachePath, *key);
    REQUIRE_OK(cache);
    CHECK(cache->scalar(QStringLiteral("SELECT v FROM t"))->toString() == u"kept");

    // Changing the user recorded in the key file breaks the wrap: the file is authenticated as a whole.
    QFile file(keys.path());
    REQUIRE(file.open(QIODevice::ReadOnly));
    QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    object.insert(QStringLiteral("user"), QStringLiteral("someone.else"));
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(object).toJson());
    file.close();
    auto tampered = keys.unlock(QStringLiteral("second password"));
    REQUIRE_FALSE(tampered);
    CHECK(tampered.error().code == ErrorCode::PermissionDenied);
}

TEST_CASE("Ten wrong passwords in a row delete the key: the copy is gone for good", "[unit][sync]")
{
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    CacheKeyFile keys(folder.filePath(QStringLiteral("w.key")));
    KdfLimits quick{1, 8 * 1024 * 1024}; // the rule is what is tested here, not the stretching
    REQUIRE_OK(keys.create(QStringLiteral("officer.demo"), QStringLiteral("right"), quick));
    // A right password resets the count.
    REQUIRE_FALSE(keys.unlock(QStringLiteral("wrong")));
    CHECK(keys.failedUnlocks() == 1);
    REQUIRE_OK(keys.unlock(QStringLiteral("right")));
    CHECK(keys.failedUnlocks() == 0);
    for (int attempt = 1; attempt < CacheKeyFile::kMaxFailedUnlocks; ++attempt) {
        auto refused = keys.unlock(QStringLiteral("wrong"));
        REQUIRE_FALSE(refused);
        const int left = CacheKeyFile::kMaxFailedUnlocks - attempt;
        CHECK(refused.error().userMessage == (left == 1 ? QStringLiteral("Wrong password. One more wrong attempt wipes the offline copy.")
                                                        : QStringLiteral("Wrong password. %1 attempts are left before the offline copy is wiped.").arg(left)));
        CHECK(keys.exists());
    }
    auto wiped = keys.unlock(QStringLiteral("wrong"));
    REQUIRE_FALSE(wiped);
    CHECK(wiped.error().userMessage.contains(QStringLiteral("has been wiped")));
    CHECK_FALSE(keys.exists());
    auto after = keys.unlock(QStringLiteral("right"));
    REQUIRE_FALSE(after);
    CHECK(after.error().code == ErrorCode::NotFound);
}

TEST_CASE("Offline changes wait in the encrypted outbox in the order they were made until the server applied them", "[unit][sync]")
{
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    const QString cachePath = folder.filePath(QStringLiteral("o.cache"));
    const SecretKey key = SecretKey::random();
    const QUuid lead = QUuid::createUuid();
    QUuid first, second;
    {
        auto cache = EncryptedCache::open(cachePath, key);
        REQUIRE_OK(cache);
        Outbox outbox(*cache);
        REQUIRE_OK(outbox.ensureSchema());
        auto added = outbox.add(QStringLiteral("add_activity"), QStringLiteral("field.activities"), lead, 0,
                                {{QStringLiteral("activity_type"), QStringLiteral("surveillance")},
                                 {QStringLiteral("notes"), kName}});
        REQUIRE_OK(added);
        first = *added;
        added = outbox.add(QStringLiteral("set_lead_status"), QStringLiteral("field.leads"), lead, 41,
                           {{QStringLiteral("status"), QStringLiteral("in_progress")}});
        REQUIRE_OK(added);
        second = *added;
    }
    // Reopened (as after a crash): both changes are there, in order, with what they carry.
    auto cache = EncryptedCache::open(cachePath, key);
    REQUIRE_OK(cache);
    Outbox outbox(*cache);
    REQUIRE_OK(outbox.ensureSchema());
    auto pending = outbox.pending();
    REQUIRE_OK(pending);
    REQUIRE(pending->size() == 2);
    CHECK(pending->at(0).id == first);
    CHECK(pending->at(0).payload.value(QStringLiteral("notes")).toString() == kName);
    CHECK(pending->at(1).id == second);
    CHECK(pending->at(1).baseVersion == 41);
    CHECK(pending->at(0).sequence < pending->at(1).sequence);

    REQUIRE_OK(outbox.noteFailure(first, QStringLiteral("The server cannot be reached.")));
    REQUIRE_OK(outbox.remove(second));
    pending = outbox.pending();
    REQUIRE_OK(pending);
    REQUIRE(pending->size() == 1);
    CHECK(pending->at(0).attempts == 1);
    CHECK(pending->at(0).lastError == u"The server cannot be reached.");
    CHECK(*outbox.size() == 1);
    REQUIRE_OK(cache->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    CHECK_FALSE(fileBytes(cachePath).contains(kName.toUtf8()));
}
