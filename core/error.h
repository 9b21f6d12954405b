#pragma once

#include <QString>

namespace ocms {

// What went wrong, in words a user can act on (userMessage) and for the log (detail).
enum class ErrorCode {
    Validation,
    NotFound,
    Conflict,
    PermissionDenied,
    Connection,
    Database,
    Migration,
    Server,
    Io,
    Cancelled,
    Internal,
};

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString userMessage;
    QString detail;

    static Error validation(const QString& message) { return {ErrorCode::Validation, message, {}}; }
    static Error io(const QString& message, const QString& detail = {}) { return {ErrorCode::Io, message, detail}; }
    static Error server(const QString& message, const QString& detail = {})
    {
        return {ErrorCode::Server, message, detail};
    }

    // One line for logs and the command line: the message, then the detail when there is one.
    QString describe() const { return detail.isEmpty() ? userMessage : userMessage + QStringLiteral(" (") + detail + u')'; }
};

} // namespace ocms
