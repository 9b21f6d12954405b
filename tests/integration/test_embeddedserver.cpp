#include "db/connectionresolver.h"
#include "db/database.h"
#include "db/embeddedserver.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>

#include "catchqt.h"

using namespace ocms;

TEST_CASE("The embedded server initialises, starts, reports and stops in its own folder", "[integration][embedded]")
{
    QTemporaryDir directory(QDir::tempPath() + QStringLiteral("/ocms-embedded-XXXXXX"));
    REQUIRE(directory.isValid());
    EmbeddedServer server(directory.path());
    CHECK(server.state() == EmbeddedServer::State::NotInitialized);

    REQUIRE(server.initialize(EmbeddedServer::Tuning::Throwaway).has_value());
    CHECK(server.state() == EmbeddedServer::State::Stopped);
    CHECK(server.port() > 0);
    // The owner password is private to the user running OCMS.
    CHECK((QFileInfo(directory.filePath(QStringLiteral("owner.password"))).permissions() &
           (QFileDevice::ReadOther | QFileDevice::ReadGroup)) == 0);

    const auto started = server.start();
    INFO((started ? QString() : started.error().describe()).toStdString());
    REQUIRE(started.has_value());
    CHECK(server.state() == EmbeddedServer::State::Running);
    CHECK(server.start().has_value()); // starting a running server is fine

    {
        // --db given: the resolver uses it without touching any embedded folder.
        auto chosen = ConnectionResolver::forAdministration(server.ownerSettings().toConnInfo(true), {}, QString());
        REQUIRE(chosen.has_value());
        auto database = Database::open(*chosen, QStringLiteral("embedded-test"));
        REQUIRE(database.has_value());
        QSqlQuery query(*database);
        REQUIRE(query.exec(QStringLiteral("SELECT current_setting('listen_addresses'), current_user, "
                                          "  pg_size_bytes(current_setting('shared_buffers')) / (1024 * 1024)")));
        REQUIRE(query.next());
        CHECK(query.value(0).toString().isEmpty()); // no TCP
        CHECK(query.value(1).toString() == QString::fromLatin1(EmbeddedServer::kOwnerRole));
        // A quarter of the machine's memory, within 128 MB and 2 GB.
        CHECK(query.value(2).toLongLong() == EmbeddedServer::sharedBuffersMegabytes());
        CHECK(EmbeddedServer::sharedBuffersMegabytes() >= 128);
        CHECK(EmbeddedServer::sharedBuffersMegabytes() <= 2048);
    }
    Database::close(QStringLiteral("embedded-test"));

    ConnectionSettings wrong = server.ownerSettings();
    wrong.setPassword(QStringLiteral("not-the-password"));
    const auto refused = Database::open(wrong, QStringLiteral("embedded-wrong"));
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == ErrorCode::PermissionDenied);
    CHECK(refused.error().userMessage == QStringLiteral("The user name or password is not correct."));

    REQUIRE(server.stop().has_value());
    CHECK(server.state() == EmbeddedServer::State::Stopped);
    REQUIRE(server.start().has_value());
    REQUIRE(server.stop().has_value());
}

TEST_CASE("A data folder the server cannot use is a clear error", "[integration][embedded]")
{
    const QString tooLong = QDir::tempPath() + u'/' + QString(120, u'x');
    EmbeddedServer server(tooLong);
    const auto started = server.start();
    REQUIRE_FALSE(started.has_value());
    CHECK(started.error().userMessage.contains(QStringLiteral("too long")));
    QDir(tooLong).removeRecursively();
}
