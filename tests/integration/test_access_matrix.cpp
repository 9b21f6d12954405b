// Every role × every record kind × select/insert/update/delete, each run as that role's own login, each
// cell asserted allowed or denied. The server decides; no client code is involved.
#include "db/database.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include "catchqt.h"

#include <map>

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("matrix-password-1");

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct Actor
{
    QString key;
    QStringList groups;
    QStringList divisions;
};

const QList<Actor>& actors()
{
    static const QList<Actor> list = {
        {QStringLiteral("attorney"), {QStringLiteral("ocms_attorney")}, {QStringLiteral("ILP")}},
        {QStringLiteral("cald"), {QStringLiteral("ocms_attorney")}, {QStringLiteral("CALD")}},
        {QStringLiteral("grantee"), {QStringLiteral("ocms_attorney")}, {QStringLiteral("ILP")}},
        {QStringLiteral("support"), {QStringLiteral("ocms_support")}, {QStringLiteral("ILP")}},
        {QStringLiteral("external"), {QStringLiteral("ocms_readonly_external")}, {}},
        {QStringLiteral("admin"), {QStringLiteral("ocms_admin")}, {}},
        {QStringLiteral("helpdesk"), {QStringLiteral("ocms_helpdesk")}, {}},
        {QStringLiteral("fieldread"), {QStringLiteral("field_read")}, {}},
        {QStringLiteral("fieldwrite"), {QStringLiteral("field_write")}, {}},
        {QStringLiteral("fieldfull"), {QStringLiteral("field_full")}, {}},
        {QStringLiteral("fieldadmin"), {QStringLiteral("field_admin")}, {}},
        {QStringLiteral("import"), {QStringLiteral("ocms_import")}, {}},
    };
    return list;
}

// The records every actor tries, made by the owner (or by the CALD attorney where the creator matters).
struct World
{
    QString prefix;
    QString office = uuid(), ilp = uuid(), cald = uuid();
    QString immigrationCase = uuid(), restrictedCase = uuid(), grantedCase = uuid(), project = uuid();
    QString person = uuid(), fugitive = uuid(), source = uuid(), lead = uuid(), nonFugitive = uuid();
    qint64 auditRow = 0;

    QString login(const QString& key) const { return prefix + key; }
};

void ownerExec(TestDatabase& database, const QString& sql, const QVariantList& values = {})
{
    QSqlQuery query(database.connection());
    REQUIRE(query.prepare(sql));
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    const bool ok = query.exec();
    INFO(sql.toStdString() << " → " << query.lastError().text().toStdString());
    REQUIRE(ok);
}

// Runs one statement as a login; true when it succeeded and touched (or returned) at least one row.
bool attempt(const ConnectionSettings& settings, const QString& sql, const QVariantList& values, QString* error)
{
    static int counter = 0;
    const QString name = QStringLiteral("matrix-%1").arg(++counter);
    bool allowed = false;
    {
        auto database = Database::open(settings, name);
        REQUIRE(database.has_value());
        QSqlQuery query(*database);
        // The server checks privileges when the statement is prepared already.
        const bool prepared = query.prepare(sql);
        for (const QVariant& value : values) {
            query.addBindValue(value);
        }
        if (prepared && query.exec()) {
            allowed = query.isSelect() ? (query.next() && query.value(0).toInt() > 0) : query.numRowsAffected() > 0;
        } else {
            *error = query.lastError().databaseText();
        }
    }
    Database::close(name);
    return allowed;
}

World buildWorld(TestDatabase& database)
{
    World world;
    world.prefix = QStringLiteral("m%1_").arg(QCoreApplication::applicationPid());
    ownerExec(database, QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES (?, 'OCC-M', 'Matrix', 'chief_counsel')"),
              {world.office});
    ownerExec(database, QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES (?, 'ILP', 'I'), (?, 'CALD', 'C')"),
              {world.ilp, world.cald});
    for (const Actor& actor : actors()) {
        ownerExec(database, QStringLiteral("SELECT core.create_login(?, ?, ?, ?::text[], 'OCC-M', ?::text[])"),
                  {world.login(actor.key), kPassword, actor.key, QString(u'{' + actor.groups.join(u',') + u'}'),
                   QString(u'{' + actor.divisions.join(u',') + u'}')});
    }
    const QString insertCase = QStringLiteral(
        "INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, office_id, division_id, created_by) "
        "VALUES (?, ?, ?, 'federal_district', ?, 'Case', ?, ?, (SELECT id FROM core.users WHERE login = ?))");
    ownerExec(database, insertCase, {world.immigrationCase, QStringLiteral("immigration"), QStringLiteral("removal"),
                                     QStringLiteral("100200300"), world.office, world.ilp, world.login(QStringLiteral("attorney"))});
    for (const QString& id : {world.restrictedCase, world.grantedCase}) {
        ownerExec(database, insertCase, {id, QStringLiteral("non_immigration"), QStringLiteral("tort"),
                                         QVariant(QMetaType::fromType<QString>()), world.office, world.cald,
                                         world.login(QStringLiteral("cald"))});
    }
    ownerExec(database, QStringLiteral("INSERT INTO legal.case_grants (case_id, user_id) "
                                       "SELECT ?, id FROM core.users WHERE login = ?"),
              {world.grantedCase, world.login(QStringLiteral("grantee"))});
    ownerExec(database, QStringLiteral("INSERT INTO legal.projects (id, project_type, title, office_id, division_id, created_by) "
                                       "VALUES (?, 'legal_advice', 'Advice', ?, ?, (SELECT id FROM core.users WHERE login = ?))"),
              {world.project, world.office, world.cald, world.login(QStringLiteral("cald"))});
    ownerExec(database, QStringLiteral("INSERT INTO core.people (id, family_name, a_number) VALUES (?, 'Fugitive', '300400500')"),
              {world.person});
    ownerExec(database, QStringLiteral("INSERT INTO field.fugitives (id, person_id) VALUES (?, ?)"), {world.fugitive, world.person});
    ownerExec(database, QStringLiteral("INSERT INTO field.lead_sources (id, code, name, kind) VALUES (?, 'M', 'M', 'agency')"),
              {world.source});
    ownerExec(database, QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id) VALUES (?, ?, ?)"),
              {world.lead, world.fugitive, world.source});
    ownerExec(database, QStringLiteral("INSERT INTO field.nonfugitive_arrests (id, a_number, arrested_on, place, office_id, criminal) "
                                       "VALUES (?, '500600700', current_date, 'Atlanta, GA', ?, false)"),
              {world.nonFugitive, world.office});
    world.auditRow = database.scalar(QStringLiteral(
        "INSERT INTO audit.events (action, table_name) VALUES ('view', 'legal.cases') RETURNING id")).toLongLong();
    return world;
}

enum Operation { Select, Insert, Update, Delete };

struct Statement
{
    QString sql;
    QVariantList values;
};

Statement statementFor(const World& world, const QString& kind, Operation operation, int serial)
{
    const QString fresh = uuid();
    const QString aNumber = QStringLiteral("7%1").arg(serial, 8, 10, QChar(u'0'));
    if (kind == u"immigration_case" || kind == u"restricted_case" || kind == u"granted_case") {
        const QString id = kind == u"immigration_case" ? world.immigrationCase
                           : kind == u"restricted_case" ? world.restrictedCase : world.grantedCase;
        switch (operation) {
        case Select: return {QStringLiteral("SELECT count(*) FROM legal.cases WHERE id = ?"), {id}};
        case Insert:
            return kind == u"immigration_case"
                       ? Statement{QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, "
                                                  "office_id, division_id) VALUES (?, 'immigration', 'removal', "
                                                  "'immigration_court', ?, 'New', ?, ?)"),
                                   {fresh, aNumber, world.office, world.ilp}}
                       : Statement{QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, title, office_id, "
                                                  "division_id) VALUES (?, 'non_immigration', 'tort', 'federal_district', "
                                                  "'New', ?, ?)"),
                                   {fresh, world.office, world.cald}};
        case Update: return {QStringLiteral("UPDATE legal.cases SET title = 'Changed' WHERE id = ?"), {id}};
        case Delete: return {QStringLiteral("DELETE FROM legal.cases WHERE id = ?"), {id}};
        }
    }
    if (kind == u"project") {
        switch (operation) {
        case Select: return {QStringLiteral("SELECT count(*) FROM legal.projects WHERE id = ?"), {world.project}};
        case Insert:
            return {QStringLiteral("INSERT INTO legal.projects (id, project_type, title, office_id, division_id) "
                                   "VALUES (?, 'legal_advice', 'New', ?, ?)"),
                    {fresh, world.office, world.cald}};
        case Update: return {QStringLiteral("UPDATE legal.projects SET title = 'Changed' WHERE id = ?"), {world.project}};
        case Delete: return {QStringLiteral("DELETE FROM legal.projects WHERE id = ?"), {world.project}};
        }
    }
    if (kind == u"lead") {
        switch (operation) {
        case Select: return {QStringLiteral("SELECT count(*) FROM field.leads WHERE id = ?"), {world.lead}};
        case Insert:
            return {QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id) VALUES (?, ?, ?)"),
                    {fresh, world.fugitive, world.source}};
        case Update: return {QStringLiteral("UPDATE field.leads SET notes = 'Checked' WHERE id = ?"), {world.lead}};
        case Delete: return {QStringLiteral("DELETE FROM field.leads WHERE id = ?"), {world.lead}};
        }
    }
    if (kind == u"nonfugitive_arrest") {
        switch (operation) {
        case Select:
            return {QStringLiteral("SELECT count(*) FROM field.nonfugitive_arrests WHERE id = ? AND a_number IS NOT NULL "
                                   "AND arrested_on IS NOT NULL AND place IS NOT NULL"),
                    {world.nonFugitive}};
        case Insert:
            return {QStringLiteral("INSERT INTO field.nonfugitive_arrests (id, a_number, arrested_on, place, office_id, criminal) "
                                   "VALUES (?, ?, current_date, 'Decatur, GA', ?, true)"),
                    {fresh, aNumber, world.office}};
        case Update:
            return {QStringLiteral("UPDATE field.nonfugitive_arrests SET place = 'Elsewhere' WHERE id = ?"), {world.nonFugitive}};
        case Delete: return {QStringLiteral("DELETE FROM field.nonfugitive_arrests WHERE id = ?"), {world.nonFugitive}};
        }
    }
    // audit_row
    switch (operation) {
    case Select: return {QStringLiteral("SELECT count(*) FROM audit.events WHERE id = ?"), {world.auditRow}};
    case Insert: return {QStringLiteral("INSERT INTO audit.events (action, table_name) VALUES ('view', 'forged')"), {}};
    case Update: return {QStringLiteral("UPDATE audit.events SET db_user = 'someone' WHERE id = ?"), {world.auditRow}};
    case Delete: return {QStringLiteral("DELETE FROM audit.events WHERE id = ?"), {world.auditRow}};
    }
    return {};
}

} // namespace

TEST_CASE("Access matrix: every role, every record kind, every operation, as the role's own login",
          "[integration][security][matrix]")
{
    TestDatabase database;
    const World world = buildWorld(database);

    // Allowed operations per actor and kind: S(elect) I(nsert) U(pdate) D(elete); everything else is denied.
    const QStringList kinds = {QStringLiteral("immigration_case"), QStringLiteral("restricted_case"),
                               QStringLiteral("granted_case"), QStringLiteral("project"), QStringLiteral("lead"),
                               QStringLiteral("nonfugitive_arrest"), QStringLiteral("audit_row")};
    const std::map<QString, QStringList> expected = {
        //                         imm     restr   granted project lead    nonfug  audit
        {QStringLiteral("attorney"), {"SIU", "", "", "", "", "", ""}},
        {QStringLiteral("cald"), {"SIU", "SIU", "SIU", "SIU", "", "", ""}},
        {QStringLiteral("grantee"), {"SIU", "", "SU", "", "", "", ""}},
        {QStringLiteral("support"), {"SIU", "", "", "", "", "", ""}},
        {QStringLiteral("external"), {"S", "", "", "", "", "", ""}},
        {QStringLiteral("admin"), {"", "", "", "", "", "", "S"}},
        {QStringLiteral("helpdesk"), {"", "", "", "", "", "", ""}},
        {QStringLiteral("fieldread"), {"", "", "", "", "S", "S", ""}},
        {QStringLiteral("fieldwrite"), {"", "", "", "", "SIU", "SI", ""}},
        {QStringLiteral("fieldfull"), {"", "", "", "", "SIUD", "SI", ""}},
        {QStringLiteral("fieldadmin"), {"", "", "", "", "SIUD", "SI", ""}},
        {QStringLiteral("import"), {"SIU", "", "", "", "SIU", "", ""}},
    };
    const char* letters = "SIUD";
    int serial = 0;
    for (const Actor& actor : actors()) {
        const ConnectionSettings settings = database.settingsFor(world.login(actor.key), kPassword);
        const QStringList& allowedByKind = expected.at(actor.key);
        REQUIRE(allowedByKind.size() == kinds.size());
        // Deletes go last so the rows stay for the other operations.
        for (Operation operation : {Select, Insert, Update, Delete}) {
            for (qsizetype k = 0; k < kinds.size(); ++k) {
                const Statement statement = statementFor(world, kinds[k], operation, ++serial);
                QString error;
                const bool allowed = attempt(settings, statement.sql, statement.values, &error);
                const bool shouldBeAllowed = allowedByKind[k].contains(QLatin1Char(letters[operation]));
                INFO(actor.key.toStdString() << " " << letters[operation] << " " << kinds[k].toStdString() << ": "
                                             << error.toStdString());
                CHECK(allowed == shouldBeAllowed);
                if (allowed && operation == Delete && kinds[k] == u"lead") {
                    // Put the lead back for the next actor.
                    ownerExec(database, QStringLiteral("INSERT INTO field.leads (id, fugitive_id, source_id) VALUES (?, ?, ?)"),
                              {world.lead, world.fugitive, world.source});
                }
            }
        }
    }
}

TEST_CASE("Children follow their case: hearings of a hidden case are hidden too", "[integration][security]")
{
    TestDatabase database;
    const World world = buildWorld(database);
    for (const QString& caseId : {world.immigrationCase, world.restrictedCase}) {
        ownerExec(database, QStringLiteral("INSERT INTO legal.hearings (id, case_id, hearing_type, scheduled_at) "
                                           "VALUES (?, ?, 'status', now() + interval '1 day')"),
                  {uuid(), caseId});
    }
    const QString count = QStringLiteral("SELECT count(*) FROM legal.hearings");
    QString error;
    auto visible = [&](const QString& key) {
        const QString name = QStringLiteral("children-") + key;
        int rows = -1;
        {
            auto connection = Database::open(database.settingsFor(world.login(key), kPassword), name);
            REQUIRE(connection.has_value());
            QSqlQuery query(*connection);
            REQUIRE(query.exec(count));
            REQUIRE(query.next());
            rows = query.value(0).toInt();
        }
        Database::close(name);
        return rows;
    };
    CHECK(visible(QStringLiteral("attorney")) == 1); // the immigration case only
    CHECK(visible(QStringLiteral("cald")) == 2);
    CHECK(visible(QStringLiteral("external")) == 1);
    CHECK_FALSE(attempt(database.settingsFor(world.login(QStringLiteral("helpdesk")), kPassword), count, {}, &error));
    CHECK(error.contains(QStringLiteral("permission denied")));
}

TEST_CASE("Only the creator grants access to a non-immigration case", "[integration][security]")
{
    TestDatabase database;
    const World world = buildWorld(database);
    QString error;
    const QString grant = QStringLiteral("SELECT 1 FROM legal.grant_case_access(?::uuid, ?)");
    // Someone else cannot grant themselves access, directly or through the function.
    CHECK_FALSE(attempt(database.settingsFor(world.login(QStringLiteral("attorney")), kPassword),
                        QStringLiteral("INSERT INTO legal.case_grants (case_id, user_id) SELECT ?, id FROM core.users WHERE login = ?"),
                        {world.restrictedCase, world.login(QStringLiteral("attorney"))}, &error));
    CHECK(error.contains(QStringLiteral("permission denied")));
    CHECK_FALSE(attempt(database.settingsFor(world.login(QStringLiteral("attorney")), kPassword), grant,
                        {world.restrictedCase, world.login(QStringLiteral("attorney"))}, &error));
    CHECK(error.contains(QStringLiteral("Only the creator")));
    // The creator can, and then the colleague sees the case.
    CHECK(attempt(database.settingsFor(world.login(QStringLiteral("cald")), kPassword), grant,
                  {world.restrictedCase, world.login(QStringLiteral("attorney"))}, &error));
    CHECK(attempt(database.settingsFor(world.login(QStringLiteral("attorney")), kPassword),
                  QStringLiteral("SELECT count(*) FROM legal.cases WHERE id = ?"), {world.restrictedCase}, &error));
}

TEST_CASE("Every role can query people and document contents: rows from other areas stay hidden", "[integration][security]")
{
    TestDatabase database;
    const World world = buildWorld(database);
    const QString caseId = world.immigrationCase;
    const QString respondent = uuid();
    ownerExec(database, QStringLiteral("INSERT INTO core.people (id, family_name) VALUES (?, 'Respondent')"), {respondent});
    ownerExec(database, QStringLiteral("INSERT INTO legal.case_people (case_id, person_id, role) VALUES (?, ?, 'respondent')"),
              {caseId, respondent});
    const QString people = QStringLiteral("SELECT count(*) FROM core.people WHERE family_name IN ('Respondent', 'Fugitive') "
                                          "HAVING count(*) = %1");
    QString error;
    // Legal staff see the respondent but not the fugitive; field staff the other way round.
    CHECK(attempt(database.settingsFor(world.login(QStringLiteral("attorney")), kPassword), people.arg(1), {}, &error));
    CHECK(attempt(database.settingsFor(world.login(QStringLiteral("fieldread")), kPassword), people.arg(1), {}, &error));
    CHECK(attempt(database.settingsFor(world.login(QStringLiteral("external")), kPassword), people.arg(1), {}, &error));
    CHECK(attempt(database.settingsFor(world.login(QStringLiteral("import")), kPassword), people.arg(2), {}, &error));
    CHECK(attempt(database.settingsFor(world.login(QStringLiteral("fieldwrite")), kPassword),
                  QStringLiteral("SELECT count(*) + 1 FROM docs.contents"), {}, &error));
    INFO(error.toStdString());
    CHECK(error.isEmpty());
}
