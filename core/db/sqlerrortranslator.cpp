#include "sqlerrortranslator.h"

#include <QRegularExpression>

#include <array>
#include <utility>

namespace ocms {

namespace {

// Constraint names end in a suffix that says which rule they hold; the message says it to the user.
constexpr std::array kConstraintMessages = {
    std::pair{"_a_number_format", "An A-Number must be exactly nine digits (e.g. 012345678)."},
    std::pair{"_ssn_format", "A Social Security number must be nine digits and not a never-issued number "
                             "(area 000 or 666, group 00, serial 0000)."},
    std::pair{"_birth_date_range", "A date of birth must lie between 1900-01-01 and today."},
    std::pair{"_date_range", "A date is outside the accepted range (1900-01-01 to 2199-12-31)."},
    std::pair{"_date_order", "An end date cannot come before its start date."},
    std::pair{"_immigration_needs_a_number", "An immigration case cannot be created without an A-Number; "
                                             "track the matter as a project until one is assigned."},
    std::pair{"_open_a_number_unique", "An open immigration case already exists for this A-Number."},
    std::pair{"_hours_range", "Hours must be more than 0 and at most 24 per entry."},
    std::pair{"_quarter_hours", "Hours are counted in quarter hours: 0.25, 0.5, 0.75, 1…"},
    std::pair{"_score_range", "A relevance score lies between 0 and 100."},
    std::pair{"_zip_format", "A ZIP code has five digits."},
    std::pair{"_state_format", "A state is a two-letter postal code."},
    std::pair{"_one_parent", "The record must belong to exactly one case or project."},
    std::pair{"_not_blank", "A required field is empty."},
};

QString stateOf(const QSqlError& error)
{
    return error.nativeErrorCode();
}

// The server's primary message: first line, without the "ERROR:" severity prefix.
QString primaryMessage(const QString& databaseText)
{
    QString message = databaseText.section(u'\n', 0, 0).trimmed();
    for (const QString& prefix : {QStringLiteral("ERROR:"), QStringLiteral("FATAL:")}) {
        if (message.startsWith(prefix)) {
            message = message.mid(prefix.size()).trimmed();
        }
    }
    return message;
}

} // namespace

QString SqlErrorTranslator::constraintName(const QString& databaseText)
{
    static const QRegularExpression pattern(QStringLiteral("constraint \"([^\"]+)\""));
    const QRegularExpressionMatch match = pattern.match(databaseText);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString SqlErrorTranslator::messageForConstraint(const QString& constraint)
{
    for (const auto& [suffix, message] : kConstraintMessages) {
        if (constraint.endsWith(QLatin1StringView(suffix))) {
            return QString::fromUtf8(message);
        }
    }
    return {};
}

Error SqlErrorTranslator::translate(const QSqlError& error)
{
    const QString state = stateOf(error);
    const QString text = error.databaseText().trimmed();
    const QString detail = state.isEmpty() ? error.text() : state + QStringLiteral(": ") + text;

    if (state == u"23514" || state == u"23505" || state == u"23502" || state == u"23503") {
        const QString message = messageForConstraint(constraintName(text));
        if (!message.isEmpty()) {
            return {state == u"23505" ? ErrorCode::Conflict : ErrorCode::Validation, message, detail};
        }
        if (state == u"23505") {
            return {ErrorCode::Conflict, QStringLiteral("A record with the same identifying values already exists."),
                    detail};
        }
        if (state == u"23502") {
            return {ErrorCode::Validation, QStringLiteral("A required field is empty."), detail};
        }
        if (state == u"23503") {
            return {ErrorCode::Validation,
                    QStringLiteral("The record refers to something that does not exist or is still referred to."),
                    detail};
        }
        return {ErrorCode::Validation, QStringLiteral("The values break a rule of the record."), detail};
    }
    if (state == u"22007" || state == u"22008") {
        return {ErrorCode::Validation, QStringLiteral("A date or time is not valid."), detail};
    }
    if (state == u"22001") {
        return {ErrorCode::Validation, QStringLiteral("A value is longer than the field allows."), detail};
    }
    if (state == u"42501") {
        return {ErrorCode::PermissionDenied, QStringLiteral("You do not have permission for this action."), detail};
    }
    if (state == u"P0001" || state.startsWith(QStringLiteral("OC"))) {
        // Our own triggers and functions raise messages written for users (SQLSTATE P0001 or OC***).
        const QString message = primaryMessage(text);
        const ErrorCode code = state == u"OC403"   ? ErrorCode::PermissionDenied
                               : state == u"OC409" ? ErrorCode::Conflict
                                                   : ErrorCode::Validation;
        return {code, message, detail};
    }
    if (state == u"40001" || state == u"40P01") {
        return {ErrorCode::Conflict, QStringLiteral("Someone changed the same records at the same time; try again."),
                detail};
    }
    if (state == u"57014") {
        return {ErrorCode::Cancelled, QStringLiteral("The request was cancelled."), detail};
    }
    if (state.startsWith(QStringLiteral("08")) || error.type() == QSqlError::ConnectionError) {
        return {ErrorCode::Connection, QStringLiteral("The connection to the server was lost."), detail};
    }
    return {ErrorCode::Database, QStringLiteral("The server could not complete the request."), detail};
}

Error SqlErrorTranslator::translateConnect(const QSqlError& error, const ConnectionSettings& settings)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    const QString where = settings.host().isEmpty() ? QStringLiteral("the default server") : settings.host();
    if (text.contains(QStringLiteral("password authentication failed")) ||
        text.contains(QStringLiteral("authentication failed"))) {
        return {ErrorCode::PermissionDenied, QStringLiteral("The user name or password is not correct."), text};
    }
    if (text.contains(QStringLiteral("is not permitted to log in"))) {
        return {ErrorCode::PermissionDenied,
                QStringLiteral("This account is disabled. Ask the help desk to unlock it."), text};
    }
    if (text.contains(QStringLiteral("does not exist")) && text.contains(QStringLiteral("database"))) {
        return {ErrorCode::Connection, QStringLiteral("The database %1 does not exist on %2.")
                                           .arg(settings.database(), where), text};
    }
    return {ErrorCode::Connection, QStringLiteral("Cannot reach the OCMS server at %1.").arg(where), text};
}

} // namespace ocms
