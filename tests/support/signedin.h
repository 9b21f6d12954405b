#pragma once

#include "db/database.h"
#include "testdatabase.h"

#include <QSqlDatabase>
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

} // namespace ocms::test
