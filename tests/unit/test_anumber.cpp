#include "domain/anumber.h"

#include "catchqt.h"

using ocms::ANumber;

TEST_CASE("A-Numbers written in the usual ways normalise to nine digits", "[domain][anumber]")
{
    for (const char* input : {"A-012-345-678", "A012345678", "a 012 345 678", "012345678", "12345678", "A12345678",
                              "012-345-678"}) {
        INFO(input);
        const auto parsed = ANumber::parse(QString::fromLatin1(input));
        REQUIRE(parsed.has_value());
        CHECK(parsed->digits() == QStringLiteral("012345678"));
        CHECK(parsed->formatted() == QStringLiteral("A-012-345-678"));
    }
    const auto scenario = ANumber::parse(u"A 208-431-775");
    REQUIRE(scenario.has_value());
    CHECK(scenario->digits() == QStringLiteral("208431775"));
}

TEST_CASE("Bad A-Numbers are refused with a message that says why", "[domain][anumber]")
{
    const auto empty = ANumber::parse(u"");
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().userMessage == QStringLiteral("Enter an A-Number."));

    const auto letters = ANumber::parse(u"A-01B-345-678");
    REQUIRE_FALSE(letters.has_value());
    CHECK(letters.error().code == ocms::ErrorCode::Validation);
    CHECK(letters.error().userMessage.contains(QStringLiteral("only digits")));

    const auto tooLong = ANumber::parse(u"1234567890");
    REQUIRE_FALSE(tooLong.has_value());
    CHECK(tooLong.error().userMessage.contains(QStringLiteral("eight or nine digits")));

    const auto tooShort = ANumber::parse(u"1234567");
    REQUIRE_FALSE(tooShort.has_value());

    CHECK_FALSE(ANumber::parse(u"000000000").has_value());
    CHECK_FALSE(ANumber::parse(u"AA12345678").has_value());
    CHECK_FALSE(ANumber::parse(u"１２３４５６７８９").has_value()); // full-width digits are not ASCII digits
}

TEST_CASE("isValidDigits accepts exactly nine ASCII digits, not all zero", "[domain][anumber]")
{
    CHECK(ANumber::isValidDigits(u"208431775"));
    CHECK_FALSE(ANumber::isValidDigits(u"20843177"));
    CHECK_FALSE(ANumber::isValidDigits(u"20843177x"));
    CHECK_FALSE(ANumber::isValidDigits(u"000000000"));
}

#include "domain/humannumber.h"

#include <QTimeZone>

TEST_CASE("Human numbers are PREFIX-YEAR-NNNNNN with at least six digits", "[domain][numbers]")
{
    const QDateTime created(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc());
    CHECK(ocms::HumanNumber::format(u"CASE", created, 123) == QStringLiteral("CASE-2026-000123"));
    CHECK(ocms::HumanNumber::format(u"LEAD", created, 1234567) == QStringLiteral("LEAD-2026-1234567"));
}
