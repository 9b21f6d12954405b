#include "loginsession.h"

#include "db/database.h"
#include "db/sqlerrortranslator.h"

#include <QAtomicInt>
#include <QSqlError>
#include <QSqlQuery>

namespace ocms::test {

namespace {

QString uniqueName()
{
    static QAtomicInt counter;
    return QStringLiteral("run-as-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

LoginOutcome runAs(const ConnectionSettings& settings, const QStringList& statements)
{
    const QString name = uniqueName();
    LoginOutcome outcome;
    {
        auto connection = Database::open(settings, name);
        if (!connection) {
            outcome.error = connection.error();
        } else {
            outcome.connected = true;
            outcome.ok = true;
            for (const QString& sql : statements) {
                QSqlQuery query(*connection);
                if (!query.exec(sql)) {
                    outcome.ok = false;
                    outcome.error = SqlErrorTranslator::translate(query.lastError());
                    outcome.serverText = query.lastError().databaseText();
                    break;
                }
                outcome.value = query.next() ? query.value(0) : QVariant();
            }
        }
    }
    Database::close(name);
    return outcome;
}

bool canLogIn(const ConnectionSettings& settings)
{
    return runAs(settings, {}).connected;
}

} // namespace ocms::test
