// The calendar (migration 0019): hearings and open deadlines per attorney, office or court, read as the
// user's own login so row security decides, with double bookings flagged on both sides.
#include "calendar/calendarrepository.h"
#include "db/database.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QUuid>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("calendar-password-1");

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct CalendarWorld
{
    QString prefix;
    QString atlanta = uuid(), miami = uuid(), ilp = uuid(), cald = uuid();
    QString first = uuid(), second = uuid(), tort = uuid();
    QString morning = uuid(), overlapping = uuid(), trial = uuid(), brief = uuid();
    QString login(const char* key) const { return prefix + QString::fromLatin1(key); }
};

CalendarWorld makeWorld(TestDatabase& database)
{
    CalendarWorld w;
    w.prefix = QStringLiteral("cal%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'OCC-ATL', 'Atlanta', 'chief_counsel'), "
                                 "('%2', 'OCC-MIA', 'Miami', 'chief_counsel')").arg(w.atlanta, w.miami));
    database.exec(QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES ('%1', 'ILP', 'I'), ('%2', 'CALD', 'C')").arg(w.ilp, w.cald));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Alma Attorney', '{ocms_attorney}', 'OCC-ATL', '{ILP}')")
                      .arg(w.login("attorney"), kPassword));
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Cora Cald', '{ocms_attorney}', 'OCC-MIA', '{CALD}')")
                      .arg(w.login("cald"), kPassword));
    database.exec(QStringLiteral(
        "INSERT INTO legal.cases (id, category, case_type, forum, court_name, a_number, title, office_id, division_id) VALUES "
        "('%1', 'immigration', 'removal', 'immigration_court', 'Atlanta Immigration Court', '208431775', 'Matter of One', '%4', '%6'), "
        "('%2', 'immigration', 'bond', 'immigration_court', 'Atlanta Immigration Court', '208431776', 'Matter of Two', '%4', '%6'); "
        "INSERT INTO legal.cases (id, category, case_type, forum, court_name, title, office_id, division_id) VALUES "
        "('%3', 'non_immigration', 'tort', 'federal_district', 'S.D. Florida', 'Claim of Three', '%5', '%7')")
                      .arg(w.first, w.second, w.tort, w.atlanta, w.miami, w.ilp, w.cald));
    database.exec(QStringLiteral(
        "INSERT INTO legal.case_staff (case_id, user_id, role) SELECT c, u.id, 'attorney' FROM unnest(ARRAY['%1', '%2']::uuid[]) c, "
        "core.users u WHERE u.login = '%4'; "
        "INSERT INTO legal.case_staff (case_id, user_id, role) SELECT '%3', id, 'attorney' FROM core.users WHERE login = '%5'")
                      .arg(w.first, w.second, w.tort, w.login("attorney"), w.login("cald")));
    // Tuesday 2027-01-05: an individual hearing 09:00–12:00 and a master calendar at 10:00, both Alma's.
    database.exec(QStringLiteral(
        "SET TIME ZONE 'America/New_York'; "
        "INSERT INTO legal.hearings (id, case_id, hearing_type, scheduled_at, location, courtroom, judge_name) VALUES "
        "('%1', '%4', 'individual', '2027-01-05 09:00', 'Atlanta Immigration Court', '4B', 'Park'), "
        "('%2', '%5', 'master_calendar', '2027-01-05 10:00', 'Atlanta Immigration Court', '2A', 'Lowe'), "
        "('%3', '%6', 'trial', '2027-01-06 09:00', 'Miami federal courthouse', NULL, 'Ruiz'); "
        "INSERT INTO legal.deadlines (id, case_id, kind, title, due_on, assigned_to) "
        "SELECT '%7', '%5', 'brief', 'Bond brief due', '2027-01-05', id FROM core.users WHERE login = '%8'")
                      .arg(w.morning, w.overlapping, w.trial, w.first, w.second, w.tort, w.brief, w.login("attorney")));
    return w;
}

class Calendar
{
public:
    Calendar(TestDatabase& database, const QString& login) : m_name(QStringLiteral("calendar-") + login)
    {
        auto opened = Database::open(database.settingsFor(login, kPassword), m_name);
        REQUIRE(opened.has_value());
        m_database = *opened;
        QSqlQuery zone(m_database);
        REQUIRE(zone.exec(QStringLiteral("SET TIME ZONE 'America/New_York'")));
    }
    ~Calendar()
    {
        m_database = QSqlDatabase();
        Database::close(m_name);
    }
    Result<QList<CalendarEntry>> entries(const QDate& from, const QDate& to, CalendarScope scope)
    {
        return CalendarRepository(m_database).entries(from, to, scope);
    }

private:
    QString m_name;
    QSqlDatabase m_database;
};

const CalendarEntry* find(const QList<CalendarEntry>& entries, const QString& id)
{
    for (const CalendarEntry& entry : entries) {
        if (entry.id == QUuid(id)) {
            return &entry;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("An attorney's week shows their hearings and deadlines, with double bookings flagged on both sides", "[calendar]")
{
    TestDatabase database;
    const CalendarWorld w = makeWorld(database);
    Calendar alma(database, w.login("attorney"));
    auto week = alma.entries(QDate(2027, 1, 4), QDate(2027, 1, 10), {CalendarScope::Kind::Mine, {}});
    REQUIRE(week.has_value());
    const CalendarEntry* morning = find(*week, w.morning);
    const CalendarEntry* overlapping = find(*week, w.overlapping);
    const CalendarEntry* brief = find(*week, w.brief);
    REQUIRE(morning != nullptr);
    REQUIRE(overlapping != nullptr);
    REQUIRE(brief != nullptr);
    CHECK(find(*week, w.trial) == nullptr); // not her case, not her division
    CHECK(morning->end == morning->start.addSecs(3 * 3600)); // an individual hearing is assumed to take three hours
    CHECK(morning->location == QStringLiteral("Atlanta Immigration Court, courtroom 4B"));
    CHECK(morning->conflict.contains(QStringLiteral("Alma Attorney also has a hearing at 10:00")));
    CHECK(overlapping->conflict.contains(QStringLiteral("at 09:00")));
    CHECK(brief->allDay);
    CHECK(brief->day() == QDate(2027, 1, 5));
    CHECK(brief->conflict.contains(QStringLiteral("Alma Attorney is in a hearing that day")));
    // Hearing-set deadlines computed by the rules come with their working.
    const bool working = std::any_of(week->begin(), week->end(), [](const CalendarEntry& entry) {
        return entry.kind == CalendarEntry::Kind::Deadline && entry.computation.contains(QStringLiteral("Rule"));
    });
    const int ruleDeadlines = database.scalar(QStringLiteral("SELECT count(*) FROM legal.deadlines WHERE rule_id IS NOT NULL "
                                                             "AND due_on BETWEEN '2027-01-04' AND '2027-01-10' AND case_id IN ('%1', '%2')")
                                                  .arg(w.first, w.second)).toInt();
    CHECK(working == (ruleDeadlines > 0));

    // A completed deadline leaves the calendar.
    database.exec(QStringLiteral("UPDATE legal.deadlines SET completed_at = now() WHERE id = '%1'").arg(w.brief));
    auto after = alma.entries(QDate(2027, 1, 4), QDate(2027, 1, 10), {CalendarScope::Kind::Mine, {}});
    REQUIRE(after.has_value());
    CHECK(find(*after, w.brief) == nullptr);
}

TEST_CASE("Office and court calendars show only what row security lets the user see", "[calendar]")
{
    TestDatabase database;
    const CalendarWorld w = makeWorld(database);
    Calendar alma(database, w.login("attorney"));
    Calendar cora(database, w.login("cald"));
    auto miamiForAlma = alma.entries(QDate(2027, 1, 1), QDate(2027, 1, 31), {CalendarScope::Kind::Office, w.miami});
    REQUIRE(miamiForAlma.has_value());
    CHECK(find(*miamiForAlma, w.trial) == nullptr);
    auto miamiForCora = cora.entries(QDate(2027, 1, 1), QDate(2027, 1, 31), {CalendarScope::Kind::Office, w.miami});
    REQUIRE(miamiForCora.has_value());
    REQUIRE(find(*miamiForCora, w.trial) != nullptr);
    CHECK(find(*miamiForCora, w.trial)->conflict.isEmpty());

    auto court = cora.entries(QDate(2027, 1, 1), QDate(2027, 1, 31), {CalendarScope::Kind::Court, QStringLiteral("Atlanta Immigration Court")});
    REQUIRE(court.has_value());
    CHECK(find(*court, w.morning) != nullptr); // immigration cases are open to all legal staff
    CHECK(find(*court, w.trial) == nullptr);

    auto attorney = cora.entries(QDate(2027, 1, 1), QDate(2027, 1, 31),
                                 {CalendarScope::Kind::Attorney,
                                  database.scalar(QStringLiteral("SELECT id FROM core.users WHERE login = '%1'").arg(w.login("attorney"))).toString()});
    REQUIRE(attorney.has_value());
    CHECK(find(*attorney, w.overlapping) != nullptr);

    auto tooLong = cora.entries(QDate(2027, 1, 1), QDate(2027, 6, 30), {CalendarScope::Kind::Mine, {}});
    REQUIRE_FALSE(tooLong.has_value());
    CHECK(tooLong.error().userMessage == QStringLiteral("A calendar shows at most two months at a time."));
    auto noChoice = cora.entries(QDate(2027, 1, 1), QDate(2027, 1, 31), {CalendarScope::Kind::Office, {}});
    REQUIRE_FALSE(noChoice.has_value());
    CHECK(noChoice.error().userMessage == QStringLiteral("Choose whose calendar to show."));
}

TEST_CASE("Moving a hearing moves its rule deadlines, cancelling it retires them, completed ones stay", "[calendar][deadlines]")
{
    TestDatabase database;
    const CalendarWorld w = makeWorld(database);
    const QString hearing = uuid();
    const auto open = [&](const QString& day) {
        return database.scalar(QStringLiteral("SELECT count(*) FROM legal.deadlines WHERE case_id = '%1' AND trigger_event = 'hearing_set' "
                                              "AND trigger_on = '%2' AND deleted_at IS NULL").arg(w.first, day)).toInt();
    };
    const auto asAttorney = [&](const QString& statement) {
        auto connection = Database::open(database.settingsFor(w.login("attorney"), kPassword), QStringLiteral("mover"));
        REQUIRE(connection.has_value());
        QSqlQuery query(*connection);
        REQUIRE(query.exec(statement));
        query = QSqlQuery();
        *connection = QSqlDatabase();
        Database::close(QStringLiteral("mover"));
    };
    asAttorney(QStringLiteral("INSERT INTO legal.hearings (id, case_id, hearing_type, scheduled_at) VALUES ('%1', '%2', 'individual', '2027-03-10 09:00')")
                   .arg(hearing, w.first));
    const int computed = open(QStringLiteral("2027-03-10"));
    REQUIRE(computed > 0);
    // One of them is already done: it stays, whatever happens to the hearing.
    database.exec(QStringLiteral("UPDATE legal.deadlines SET completed_at = now() WHERE id = (SELECT id FROM legal.deadlines "
                                 "WHERE case_id = '%1' AND trigger_on = '2027-03-10' ORDER BY due_on LIMIT 1)").arg(w.first));

    asAttorney(QStringLiteral("UPDATE legal.hearings SET scheduled_at = '2027-03-24 09:00' WHERE id = '%1'").arg(hearing));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.deadlines WHERE case_id = '%1' AND trigger_on = '2027-03-10' "
                                         "AND deleted_at IS NULL AND completed_at IS NULL").arg(w.first)).toInt() == 0);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.deadlines WHERE case_id = '%1' AND trigger_on = '2027-03-10' "
                                         "AND completed_at IS NOT NULL AND deleted_at IS NULL").arg(w.first)).toInt() == 1);
    CHECK(open(QStringLiteral("2027-03-24")) == computed);
    CHECK(database.scalar(QStringLiteral("SELECT summary FROM legal.case_events WHERE case_id = '%1' AND event_type = 'deadlines_recomputed' "
                                         "ORDER BY occurred_at DESC LIMIT 1").arg(w.first)).toString()
              .startsWith(QStringLiteral("Hearing moved: %1 deadline(s) from 2027-03-10 retired, %2 computed for 2027-03-24").arg(computed - 1).arg(computed)));

    asAttorney(QStringLiteral("UPDATE legal.hearings SET deleted_at = now() WHERE id = '%1'").arg(hearing));
    CHECK(open(QStringLiteral("2027-03-24")) == 0);
}
