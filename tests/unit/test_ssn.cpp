#include "domain/ssn.h"

#include "catchqt.h"

using ocms::Ssn;

TEST_CASE("Social Security numbers are nine digits, formatted and masked", "[domain][ssn]")
{
    for (const char* input : {"123-45-6789", "123456789", "123 45 6789"}) {
        INFO(input);
        const auto parsed = Ssn::parse(QString::fromLatin1(input));
        REQUIRE(parsed.has_value());
        CHECK(parsed->digits() == QStringLiteral("123456789"));
        CHECK(parsed->formatted() == QStringLiteral("123-45-6789"));
        CHECK(parsed->masked() == QStringLiteral("***-**-6789"));
    }
}

TEST_CASE("Never-issued and malformed Social Security numbers are refused", "[domain][ssn]")
{
    for (const char* input : {"000-12-3456", "666-12-3456", "123-00-4567", "123-45-0000", "12345678", "1234567890",
                              "12A-45-6789", ""}) {
        INFO(input);
        const auto parsed = Ssn::parse(QString::fromLatin1(input));
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().code == ocms::ErrorCode::Validation);
        CHECK_FALSE(parsed.error().userMessage.isEmpty());
    }
    CHECK(Ssn::parse(u"12345678").error().userMessage.contains(QStringLiteral("has 8")));
}
