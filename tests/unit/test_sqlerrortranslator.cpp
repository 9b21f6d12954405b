#include "db/sqlerrortranslator.h"

#include "catchqt.h"

using ocms::SqlErrorTranslator;

TEST_CASE("Constraint names are read from the server's message", "[db][errors]")
{
    CHECK(SqlErrorTranslator::constraintName(QStringLiteral(
              "ERROR:  new row for relation \"cases\" violates check constraint \"cases_a_number_format\"")) ==
          QStringLiteral("cases_a_number_format"));
    CHECK(SqlErrorTranslator::constraintName(QStringLiteral("syntax error")).isEmpty());
}

TEST_CASE("Check constraints map to messages a user can act on", "[db][errors]")
{
    CHECK(SqlErrorTranslator::messageForConstraint(QStringLiteral("people_ssn_format")).contains(QStringLiteral("nine digits")));
    CHECK(SqlErrorTranslator::messageForConstraint(QStringLiteral("cases_immigration_needs_a_number"))
              .contains(QStringLiteral("project")));
    CHECK(SqlErrorTranslator::messageForConstraint(QStringLiteral("people_birth_date_range"))
              .contains(QStringLiteral("date of birth")));
    CHECK(SqlErrorTranslator::messageForConstraint(QStringLiteral("something_unknown")).isEmpty());
}

TEST_CASE("A raw server error never reaches the user message", "[db][errors]")
{
    const QSqlError error(QStringLiteral("ERROR:  relation \"x\" does not exist"), QString(), QSqlError::StatementError,
                          QStringLiteral("42P01"));
    const ocms::Error translated = SqlErrorTranslator::translate(error);
    CHECK(translated.code == ocms::ErrorCode::Database);
    CHECK_FALSE(translated.userMessage.contains(QStringLiteral("relation")));
    CHECK(translated.detail.contains(QStringLiteral("42P01")));

    const QSqlError denied(QStringLiteral("ERROR:  permission denied for table cases"), QString(),
                           QSqlError::StatementError, QStringLiteral("42501"));
    CHECK(SqlErrorTranslator::translate(denied).code == ocms::ErrorCode::PermissionDenied);
}
