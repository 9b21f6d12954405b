#include "passwordchange.h"

#include "db/database.h"
#include "db/sqlerrortranslator.h"
#include "sync/offlinestore.h"

#include <QSqlError>
#include <QSqlQuery>

#include <libpq-fe.h>

namespace ocms {

Result<void> PasswordChange::run(const ConnectionSettings& user, const QString& currentPassword, const QString& newPassword,
                                 const QString& offlineDirectory)
{
    if (newPassword.size() < kMinimumLength) {
        return fail(Error::validation(QStringLiteral("The new password needs at least %1 characters.").arg(kMinimumLength)));
    }
    if (newPassword == currentPassword) {
        return fail(Error::validation(QStringLiteral("The new password must differ from the current one.")));
    }
    ConnectionSettings check = user;
    check.setPassword(currentPassword);
    const QString name = Database::threadConnectionName(QStringLiteral("password"));
    Result<void> changed = [&]() -> Result<void> {
        auto database = Database::open(check, name); // proves the current password
        if (!database) {
            return fail(database.error().code == ErrorCode::Connection ? database.error()
                                                                        : Error{ErrorCode::PermissionDenied,
                                                                                QStringLiteral("The current password is not right."), {}});
        }
        pg_conn* connection = Database::pgHandle(*database);
        const QByteArray login = user.user().toUtf8();
        const QByteArray password = newPassword.toUtf8();
        char* verifier = PQencryptPasswordConn(connection, password.constData(), login.constData(), "scram-sha-256");
        if (!verifier) {
            return fail(Error::server(QStringLiteral("The new password could not be prepared."), QString::fromUtf8(PQerrorMessage(connection))));
        }
        char* role = PQescapeIdentifier(connection, login.constData(), std::size_t(login.size()));
        // A verifier holds only [A-Za-z0-9+/=$:-]: safe inside a literal; the role name is quoted by libpq.
        const QString statement = QStringLiteral("ALTER ROLE %1 PASSWORD '%2'").arg(QString::fromUtf8(role), QString::fromLatin1(verifier));
        PQfreemem(role);
        PQfreemem(verifier);
        QSqlQuery query(*database);
        if (!query.exec(statement)) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        return {};
    }();
    Database::close(name);
    if (!changed) {
        return changed;
    }
    if (offlineDirectory.isEmpty() || !OfflineStore::exists(offlineDirectory, user.user())) {
        return {};
    }
    auto relocked = OfflineStore::relock(offlineDirectory, user.user(), currentPassword, newPassword);
    if (!relocked) {
        return fail(Error{relocked.error().code,
                          QStringLiteral("Your password was changed on the server, but the offline copy on this computer could not be "
                                         "re-locked: %1")
                              .arg(relocked.error().userMessage),
                          relocked.error().detail});
    }
    return {};
}

} // namespace ocms
