#include "db/connectionresolver.h"
#include "db/connectionsettings.h"

#include "catchqt.h"

using ocms::ConnectionResolver;
using ocms::ConnectionSettings;

TEST_CASE("Connection strings and URIs are parsed by libpq's rules", "[db][settings]")
{
    const auto keywords = ConnectionSettings::fromConnInfo(
        QStringLiteral("host=/run/ocms port=5433 dbname=ocms user=alma password='p w' sslmode=verify-full"));
    REQUIRE(keywords.has_value());
    CHECK(keywords->host() == QStringLiteral("/run/ocms"));
    CHECK(keywords->value(QStringLiteral("port")) == QStringLiteral("5433"));
    CHECK(keywords->database() == QStringLiteral("ocms"));
    CHECK(keywords->user() == QStringLiteral("alma"));
    CHECK(keywords->value(QStringLiteral("password")) == QStringLiteral("p w"));
    CHECK(keywords->value(QStringLiteral("sslmode")) == QStringLiteral("verify-full"));

    const auto uri = ConnectionSettings::fromConnInfo(
        QStringLiteral("postgresql://alma@db.example.org:6432/ocms?sslmode=require&connect_timeout=5"));
    REQUIRE(uri.has_value());
    CHECK(uri->host() == QStringLiteral("db.example.org"));
    CHECK(uri->value(QStringLiteral("port")) == QStringLiteral("6432"));
    CHECK(uri->value(QStringLiteral("connect_timeout")) == QStringLiteral("5"));
}

TEST_CASE("A malformed connection string is a clear error", "[db][settings]")
{
    const auto bad = ConnectionSettings::fromConnInfo(QStringLiteral("host=x nonsense_keyword=1"));
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().code == ocms::ErrorCode::Validation);
    CHECK(bad.error().userMessage.contains(QStringLiteral("not a valid")));
    CHECK(bad.error().detail.contains(QStringLiteral("nonsense_keyword")));
}

TEST_CASE("The connection string written back never contains the password unless asked", "[db][settings]")
{
    auto settings = ConnectionSettings::fromConnInfo(QStringLiteral("host=h user=u password=secret dbname='d b'"));
    REQUIRE(settings.has_value());
    CHECK_FALSE(settings->toConnInfo().contains(QStringLiteral("secret")));
    CHECK(settings->toConnInfo(true).contains(QStringLiteral("password='secret'")));
    // What we write, libpq reads back the same.
    const auto again = ConnectionSettings::fromConnInfo(settings->toConnInfo(true));
    REQUIRE(again.has_value());
    CHECK(again->values() == settings->values());
}

TEST_CASE("A connection given with --db wins over the PG environment, which wins over the embedded default", "[db][settings]")
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("PGHOST"), QStringLiteral("/env/socket"));

    const auto explicitChoice = ConnectionResolver::configured(QStringLiteral("host=/cli dbname=x"), environment);
    REQUIRE(explicitChoice.has_value());
    REQUIRE(explicitChoice->has_value());
    CHECK((*explicitChoice)->host() == QStringLiteral("/cli"));
    CHECK((*explicitChoice)->origin() == ConnectionSettings::Origin::CommandLine);

    const auto fromEnvironment = ConnectionResolver::configured({}, environment);
    REQUIRE(fromEnvironment.has_value());
    REQUIRE(fromEnvironment->has_value());
    CHECK((*fromEnvironment)->origin() == ConnectionSettings::Origin::Environment);

    QProcessEnvironment onlyUser;
    onlyUser.insert(QStringLiteral("PGUSER"), QStringLiteral("alma")); // names no server
    const auto embedded = ConnectionResolver::configured({}, onlyUser);
    REQUIRE(embedded.has_value());
    CHECK_FALSE(embedded->has_value());

    const auto invalid = ConnectionResolver::configured(QStringLiteral("=broken"), environment);
    CHECK_FALSE(invalid.has_value());
}
