#include "connectionsettings.h"

#include <libpq-fe.h>

namespace ocms {

Result<ConnectionSettings> ConnectionSettings::fromConnInfo(const QString& conninfo)
{
    char* errorMessage = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.toUtf8().constData(), &errorMessage);
    if (!options) {
        QString detail = errorMessage ? QString::fromUtf8(errorMessage).trimmed() : QString();
        PQfreemem(errorMessage);
        return fail(Error{ErrorCode::Validation,
                          QStringLiteral("The connection setting is not a valid libpq connection string or URI."),
                          detail});
    }
    ConnectionSettings settings;
    for (PQconninfoOption* option = options; option->keyword; ++option) {
        if (option->val && *option->val) {
            settings.m_values.insert(QString::fromUtf8(option->keyword), QString::fromUtf8(option->val));
        }
    }
    PQconninfoFree(options);
    return settings;
}

bool ConnectionSettings::environmentNamesServer(const QProcessEnvironment& environment)
{
    for (const char* name : {"PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGSERVICE"}) {
        if (!environment.value(QString::fromLatin1(name)).isEmpty()) {
            return true;
        }
    }
    return false;
}

void ConnectionSettings::setValue(const QString& keyword, const QString& value)
{
    if (value.isEmpty()) {
        m_values.remove(keyword);
    } else {
        m_values.insert(keyword, value);
    }
}

QString ConnectionSettings::toConnInfo(bool withPassword) const
{
    QStringList parts;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        if (!withPassword && it.key() == u"password") {
            continue;
        }
        QString escaped = it.value();
        escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
        parts.append(it.key() + QStringLiteral("='") + escaped + u'\'');
    }
    return parts.join(u' ');
}

} // namespace ocms
