#pragma once

#include "db/database.h"
#include "security/demoaccounts.h"
#include "testdatabase.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

#include <optional>

#include "catchqt.h"

namespace ocms::test {

// A repository of type R signed in as a login, on a connection of its own (the way the server sees that user).
template <class R>
class SignedIn
{
public:
    SignedIn(TestDatabase& database, const QString& login, const QString& password)
        : m_name(QStringLiteral("as-") + login + QUuid::createUuid().toString())
    {
        auto opened = Database::open(database.settingsFor(login, password), m_name);
        REQUIRE_OK(opened);
        m_database = *opened;
        m_repository.emplace(m_database);
    }
    ~SignedIn()
    {
        m_repository.reset();
        m_database = QSqlDatabase();
        Database::close(m_name);
    }
    SignedIn(const SignedIn&) = delete;
    SignedIn& operator=(const SignedIn&) = delete;

    R* operator->() { return &*m_repository; }
    R& operator*() { return *m_repository; }
    QSqlDatabase& database() { return m_database; }

private:
    QString m_name;
    QSqlDatabase m_database;
    std::optional<R> m_repository;
};

// Signed in as one of the demo accounts (DemoAccounts::kPassword), e.g. AsDemo<LeadRepository> officer(db, "officer.demo").
template <class R>
class AsDemo : public SignedIn<R>
{
public:
    AsDemo(TestDatabase& database, const char* login)
        : SignedIn<R>(database, QString::fromLatin1(login), QString::fromLatin1(DemoAccounts::kPassword))
    {
    }
};

// The first column of the first row of a query run as the database owner (the test fails if it does not run).
inline qint64 ownerCount(TestDatabase& database, const QString& sql)
{
    QSqlQuery query(database.connection());
    INFO(sql.toStdString());
    REQUIRE(query.exec(sql));
    REQUIRE(query.next());
    return query.value(0).toLongLong();
}

inline QString ownerText(TestDatabase& database, const QString& sql)
{
    QSqlQuery query(database.connection());
    INFO(sql.toStdString());
    REQUIRE(query.exec(sql));
    REQUIRE(query.next());
    return query.value(0).toString();
}

} // namespace ocms::test
