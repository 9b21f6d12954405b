#include "accountadministration.h"

#include "db/sqlerrortranslator.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ocms {

namespace {

QString arrayLiteral(const QStringList& values)
{
    QStringList quoted;
    for (QString value : values) {
        value.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
        quoted.append(u'"' + value + u'"');
    }
    return u'{' + quoted.join(u',') + u'}';
}

} // namespace

Result<void> AccountAdministration::call(const QString& sql, const QVariantList& values)
{
    QSqlQuery query(m_database);
    if (!query.prepare(sql)) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return {};
}

Result<void> AccountAdministration::create(const NewAccount& account)
{
    return call(QStringLiteral("SELECT core.create_user(?, ?, ?, ?::text[], ?, ?::text[], ?)"),
                {account.login, account.password, account.fullName, arrayLiteral(account.roles),
                 account.officeCode.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(account.officeCode),
                 arrayLiteral(account.divisionCodes),
                 account.title.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(account.title)});
}

Result<void> AccountAdministration::setActive(const QString& login, bool active)
{
    return call(QStringLiteral("SELECT core.set_user_active(?, ?)"), {login, active});
}

Result<void> AccountAdministration::unlock(const QString& login)
{
    return call(QStringLiteral("SELECT core.unlock_user(?)"), {login});
}

Result<void> AccountAdministration::resetPassword(const QString& login, const QString& password)
{
    return call(QStringLiteral("SELECT core.reset_password(?, ?)"), {login, password});
}

Result<void> AccountAdministration::setRole(const QString& login, const QString& role, bool granted)
{
    return call(QStringLiteral("SELECT core.set_user_role(?, ?, ?)"), {login, role, granted});
}

Result<void> AccountAdministration::setDivisions(const QString& login, const QStringList& divisionCodes)
{
    return call(QStringLiteral("SELECT core.set_user_divisions(?, ?::text[])"), {login, arrayLiteral(divisionCodes)});
}

QString AccountAdministration::generatePassword()
{
    // No look-alike characters (0/O, 1/l/I): the help desk reads it out.
    static const QString alphabet = QStringLiteral("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789");
    QString password;
    for (int i = 0; i < 16; ++i) {
        password.append(alphabet[int(QRandomGenerator::system()->bounded(quint32(alphabet.size())))]);
        if (i % 4 == 3 && i < 15) {
            password.append(u'-');
        }
    }
    return password;
}

} // namespace ocms
