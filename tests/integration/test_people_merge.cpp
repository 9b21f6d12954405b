// People without duplicates (migration 0018): likely duplicates found as records are written and shown only
// to those who may see both; a merge moves every link, keeps the merged name as an alias, fills empty fields,
// and is undone exactly from what it recorded. Each step as the role's own login.
#include "db/database.h"
#include "db/personrepository.h"
#include "loginsession.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QUuid>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("people-password-1");

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct PeopleWorld
{
    QString prefix;
    QString office = uuid(), ilp = uuid(), cald = uuid();
    QString caseA = uuid(), caseB = uuid(), tort = uuid();
    QString lucia = uuid(), luciaAgain = uuid(), hiddenLucia = uuid(), marco = uuid(), marcoAgain = uuid();
    QString login(const char* key) const { return prefix + QString::fromLatin1(key); }
};

PeopleWorld makeWorld(TestDatabase& database)
{
    PeopleWorld w;
    w.prefix = QStringLiteral("pm%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'OCC-P', 'P', 'chief_counsel')").arg(w.office));
    database.exec(QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES ('%1', 'ILP', 'I'), ('%2', 'CALD', 'C')").arg(w.ilp, w.cald));
    for (const auto& [key, rest] : QList<std::pair<const char*, const char*>>{{"attorney", "'{ocms_attorney}', 'OCC-P', '{ILP}'"},
                                                                           {"cald", "'{ocms_attorney}', 'OCC-P', '{CALD}'"},
                                                                           {"external", "'{ocms_readonly_external}', 'OCC-P', '{}'"}}) {
        database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'People %3', %4)").arg(w.login(key), kPassword, QString::fromLatin1(key), QString::fromLatin1(rest)));
    }
    database.exec(QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, office_id, division_id) VALUES "
                                 "('%1', 'immigration', 'removal', 'immigration_court', '208431775', 'Matter of A', '%4', '%5'), "
                                 "('%2', 'immigration', 'bond', 'immigration_court', '208431776', 'Matter of B', '%4', '%5'); "
                                 "INSERT INTO legal.cases (id, category, case_type, forum, title, office_id, division_id) VALUES "
                                 "('%3', 'non_immigration', 'tort', 'federal_district', 'Claim of C', '%4', '%6')")
                      .arg(w.caseA, w.caseB, w.tort, w.office, w.ilp, w.cald));
    // Lucía on case A; the same woman typed again without the accent on case B, and once more on a CALD tort.
    database.exec(QStringLiteral(
        "INSERT INTO core.people (id, family_name, given_name, date_of_birth, a_number) VALUES "
        "('%1', 'Ibáñez', 'Lucía', '1991-04-12', '208431775'); "
        "INSERT INTO core.people (id, family_name, given_name, date_of_birth, nationality, language) VALUES "
        "('%2', 'Ibanez', 'Lucia', '1991-04-12', 'HN', 'Spanish'); "
        "INSERT INTO core.people (id, family_name, given_name, date_of_birth) VALUES ('%3', 'Ybanez', 'Lucia', '1991-04-12'); "
        "INSERT INTO core.people (id, family_name, given_name, a_number) VALUES ('%4', 'Rossi', 'Marco', '301202303'), "
        "('%5', 'Rossi-Bianchi', 'M.', '301202303'); "
        "INSERT INTO legal.case_people (case_id, person_id, role) VALUES ('%6', '%1', 'respondent'), ('%6', '%1', 'witness'), "
        "('%7', '%2', 'family_member'), ('%6', '%2', 'witness'), ('%8', '%3', 'claimant'), ('%6', '%4', 'sponsor'), ('%7', '%5', 'sponsor'); "
        "INSERT INTO core.person_aliases (id, person_id, family_name, given_name) VALUES (gen_random_uuid(), '%2', 'Ibañes', 'Lucy'); "
        "INSERT INTO core.addresses (id, person_id, kind, line1, city, state, zip) VALUES (gen_random_uuid(), '%2', 'residence', '12 Elm St', 'Atlanta', 'GA', '30303'); "
        "INSERT INTO core.phones (id, person_id, kind, number) VALUES (gen_random_uuid(), '%2', 'mobile', '404-555-0142'); "
        "INSERT INTO legal.applications (id, case_id, person_id, application_type) VALUES (gen_random_uuid(), '%7', '%2', 'i589')")
                      .arg(w.lucia, w.luciaAgain, w.hiddenLucia, w.marco, w.marcoAgain, w.caseA, w.caseB, w.tort));
    return w;
}

class Repository
{
public:
    Repository(TestDatabase& database, const QString& login) : m_name(QStringLiteral("people-") + login)
    {
        auto opened = Database::open(database.settingsFor(login, kPassword), m_name);
        REQUIRE(opened.has_value());
        m_database = *opened;
        m_repository.emplace(m_database);
    }
    ~Repository()
    {
        m_repository.reset();
        m_database = QSqlDatabase();
        Database::close(m_name);
    }
    PersonRepository* operator->() { return &*m_repository; }

private:
    QString m_name;
    QSqlDatabase m_database;
    std::optional<PersonRepository> m_repository;
};

bool hasPair(const QList<DuplicatePair>& pairs, const QString& a, const QString& b)
{
    return std::any_of(pairs.begin(), pairs.end(), [&](const DuplicatePair& pair) {
        const QString first = pair.first.id.toString(QUuid::WithoutBraces), second = pair.second.id.toString(QUuid::WithoutBraces);
        return (first == a && second == b) || (first == b && second == a);
    });
}

// Every row a merge touches, in business columns only, as one text to compare before and after.
QString snapshot(TestDatabase& database)
{
    return database.scalar(QStringLiteral(
        "SELECT string_agg(line, E'\\n' ORDER BY line) FROM ("
        " SELECT 'person ' || id || ' ' || concat_ws('|', family_name, given_name, date_of_birth, nationality, language, a_number, "
        "        deleted_at IS NULL, merged_into) AS line FROM core.people"
        " UNION ALL SELECT 'alias ' || person_id || ' ' || family_name || ' ' || coalesce(given_name, '') FROM core.person_aliases"
        " UNION ALL SELECT 'address ' || person_id || ' ' || line1 FROM core.addresses"
        " UNION ALL SELECT 'phone ' || person_id || ' ' || number FROM core.phones"
        " UNION ALL SELECT 'application ' || person_id || ' ' || application_type FROM legal.applications"
        " UNION ALL SELECT 'case ' || case_id || ' ' || person_id || ' ' || role FROM legal.case_people) lines")).toString();
}

} // namespace

TEST_CASE("Likely duplicates are found by A-Number and by similar name with the same birth date, within what the user sees", "[people]")
{
    TestDatabase database;
    const PeopleWorld w = makeWorld(database);
    Repository attorney(database, w.login("attorney"));
    auto pairs = attorney->duplicateCandidates();
    REQUIRE(pairs.has_value());
    CHECK(hasPair(*pairs, w.lucia, w.luciaAgain));   // accents and case differ, same birth date
    CHECK(hasPair(*pairs, w.marco, w.marcoAgain));   // same A-Number
    CHECK_FALSE(hasPair(*pairs, w.lucia, w.hiddenLucia)); // on a CALD tort: this attorney may not see it
    for (const DuplicatePair& pair : *pairs) {
        if (hasPair({pair}, w.marco, w.marcoAgain)) {
            CHECK(pair.reason == QStringLiteral("same A-Number"));
            CHECK(pair.score == Approx(1.0));
        }
    }
    Repository cald(database, w.login("cald"));
    auto caldPairs = cald->duplicateCandidates();
    REQUIRE(caldPairs.has_value());
    CHECK(hasPair(*caldPairs, w.lucia, w.hiddenLucia)); // the CALD attorney sees the tort and the immigration case

    // "Not the same person" removes the pair for good.
    REQUIRE(attorney->dismiss(QUuid(w.marco), QUuid(w.marcoAgain)).has_value());
    auto after = attorney->duplicateCandidates();
    REQUIRE(after.has_value());
    CHECK_FALSE(hasPair(*after, w.marco, w.marcoAgain));

    // External users may not review people at all.
    const auto external = test::runAs(database.settingsFor(w.login("external"), kPassword),
                                      {QStringLiteral("SELECT count(*) FROM core.duplicate_candidates(10)")});
    CHECK_FALSE(external.ok);
}

TEST_CASE("A merge moves every link, keeps the merged name as an alias, and is undone exactly", "[people]")
{
    TestDatabase database;
    const PeopleWorld w = makeWorld(database);
    Repository attorney(database, w.login("attorney"));
    const QString before = snapshot(database);

    auto noReason = attorney->merge(QUuid(w.lucia), QUuid(w.luciaAgain), QStringLiteral(" "));
    REQUIRE_FALSE(noReason.has_value());
    CHECK(noReason.error().userMessage == QStringLiteral("Say why the two records are the same person."));
    auto hidden = attorney->merge(QUuid(w.lucia), QUuid(w.hiddenLucia), QStringLiteral("same"));
    REQUIRE_FALSE(hidden.has_value());
    CHECK(hidden.error().code == ErrorCode::PermissionDenied);

    auto merged = attorney->merge(QUuid(w.lucia), QUuid(w.luciaAgain), QStringLiteral("Same woman: birth date and photo match"));
    REQUIRE(merged.has_value());
    const auto count = [&](QString sql) {
        return database.scalar(sql.replace(QStringLiteral("%1"), w.lucia).replace(QStringLiteral("%2"), w.luciaAgain)).toInt();
    };
    CHECK(count(QStringLiteral("SELECT count(*) FROM legal.case_people WHERE person_id = '%2'")) == 0);
    CHECK(count(QStringLiteral("SELECT count(*) FROM legal.case_people WHERE person_id = '%1'")) == 3); // A respondent, A witness, B family
    CHECK(count(QStringLiteral("SELECT count(*) FROM core.addresses WHERE person_id = '%1'")) == 1);
    CHECK(count(QStringLiteral("SELECT count(*) FROM core.phones WHERE person_id = '%1'")) == 1);
    CHECK(count(QStringLiteral("SELECT count(*) FROM legal.applications WHERE person_id = '%1'")) == 1);
    CHECK(count(QStringLiteral("SELECT count(*) FROM core.person_aliases WHERE person_id = '%1'")) == 2); // Ibañes + Ibanez
    CHECK(count(QStringLiteral("SELECT count(*) FROM core.person_aliases WHERE person_id = '%1' AND family_name = 'Ibanez' "
                               "AND source = 'merge'")) == 1);
    CHECK(database.scalar(QStringLiteral("SELECT nationality || ' ' || language FROM core.people WHERE id = '%1'").arg(w.lucia)).toString() ==
          QStringLiteral("HN Spanish")); // filled, never overwritten
    CHECK(database.scalar(QStringLiteral("SELECT family_name FROM core.people WHERE id = '%1'").arg(w.lucia)).toString() == QStringLiteral("Ibáñez"));
    CHECK(database.scalar(QStringLiteral("SELECT merged_into FROM core.people WHERE id = '%1'").arg(w.luciaAgain)).toString() == w.lucia);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE source = 'merge' AND table_name = 'legal.case_people'")).toInt() >= 1);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'core.person_merges'")).toInt() == 1);

    auto merges = attorney->recentMerges();
    REQUIRE(merges.has_value());
    REQUIRE(merges->size() == 1);
    CHECK(merges->value(0, QStringLiteral("Merged into it")).toString() == QStringLiteral("Ibanez, Lucia"));

    // Undo: every row as it was (bookkeeping columns aside), the undo audited in its own right.
    REQUIRE(attorney->unmerge(*merged).has_value());
    CHECK(snapshot(database) == before);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE source = 'merge_undone'")).toInt() >= 1);
    auto twice = attorney->unmerge(*merged);
    REQUIRE_FALSE(twice.has_value());
    CHECK(twice.error().userMessage == QStringLiteral("This merge was undone already."));

    // Two different A-Numbers are never merged.
    auto conflicting = attorney->merge(QUuid(w.lucia), QUuid(w.marco), QStringLiteral("typo"));
    REQUIRE_FALSE(conflicting.has_value());
    CHECK(conflicting.error().userMessage.contains(QStringLiteral("different A-Numbers")));
    const auto external = test::runAs(database.settingsFor(w.login("external"), kPassword),
                                      {QStringLiteral("SELECT core.merge_people('%1', '%2', 'x')").arg(w.lucia, w.luciaAgain)});
    CHECK_FALSE(external.ok);
}
