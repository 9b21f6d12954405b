#pragma once

#include "signedin.h"
#include "testdatabase.h"

#include <QCoreApplication>

namespace ocms::test {

// The team with the most open leads in the seeded world.
inline QString busiestTeam(TestDatabase& database)
{
    return ownerText(database, QStringLiteral("SELECT t.code FROM field.leads l JOIN field.teams t ON t.id = l.team_id "
                                              "WHERE l.status NOT IN ('closed', 'invalid') GROUP BY t.code ORDER BY count(*) DESC, t.code LIMIT 1"));
}

// An officer with read/add/update field access on the busiest team, with a login unique to this test database
// (roles are cluster-wide, so tests running side by side never share one). The full name is "Officer <tag>".
inline QString makeFieldOfficer(TestDatabase& database, const QString& tag, const QString& password)
{
    const QString team = busiestTeam(database);
    const QString login =
        QStringLiteral("sf%1_%2_%3").arg(QCoreApplication::applicationPid()).arg(tag).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Officer %3', '{field_write}', 'FO-ATL', '{}')").arg(login, password, tag));
    database.exec(QStringLiteral("INSERT INTO field.team_members (team_id, user_id) SELECT t.id, u.id FROM field.teams t, core.users u "
                                 "WHERE t.code = '%1' AND u.login = '%2'")
                      .arg(team, login));
    return login;
}

// An attorney, with a login unique to this test database; tag keeps two in one database apart.
inline QString makeAttorney(TestDatabase& database, const QString& tag, const QString& password)
{
    const QString login =
        QStringLiteral("sa%1_%2_%3").arg(QCoreApplication::applicationPid()).arg(tag).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Attorney %3', '{ocms_attorney}', 'OCC-ATL', '{}')").arg(login, password, tag));
    return login;
}

// The immigration case with the most documents in the seeded world (every attorney may see it).
inline QString caseWithMostDocuments(TestDatabase& database)
{
    return ownerText(database, QStringLiteral("SELECT c.id::text FROM legal.cases c JOIN docs.documents d ON d.case_id = c.id "
                                              "WHERE c.category = 'immigration' AND d.deleted_at IS NULL "
                                              "GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1"));
}

} // namespace ocms::test
