#pragma once

#include "db/connectionsettings.h"
#include "db/embeddedserver.h"

#include <QSqlDatabase>
#include <QVariant>
#include <QString>

#include <optional>

namespace ocms::test {

// A database of its own for one test case, copied from the migrated template of the run's cluster
// (or empty, for migration tests), dropped when the test case ends.
class TestDatabase
{
public:
    static constexpr auto kTemplate = "ocms_template";
    enum class Content { Migrated, Empty };

    explicit TestDatabase(Content content = Content::Migrated);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    QSqlDatabase& connection() { return m_connection; } // as the cluster owner
    const QString& name() const { return m_name; }
    ConnectionSettings ownerSettings() const;
    // Settings to log in as another role (password given) to this database.
    ConnectionSettings settingsFor(const QString& login, const QString& password) const;
    QString ownerConnInfo() const { return ownerSettings().toConnInfo(true); }

    // Runs one statement as the owner and returns the first column of the first row (test convenience).
    QVariant scalar(const QString& sql);
    void exec(const QString& sql);

private:
    EmbeddedServer m_server;
    QString m_name;
    QString m_connectionName;
    QSqlDatabase m_connection;
};

} // namespace ocms::test
