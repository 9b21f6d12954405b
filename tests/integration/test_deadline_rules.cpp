// Deadlines computed by rules that show their working (migration 0016): exact dates, the working text,
// closures, idempotent apply, hearing-set deadlines, and who may do what, each as the role's own login.
#include "loginsession.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("deadline-password-1");

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct DeadlineWorld
{
    QString prefix;
    QString office = uuid(), ilp = uuid(), cald = uuid();
    QString immigrationCase = uuid(), federalCase = uuid(), appealsCase = uuid();
    QString login(const char* key) const { return prefix + QString::fromLatin1(key); }
};

DeadlineWorld makeWorld(TestDatabase& database)
{
    DeadlineWorld world;
    world.prefix = QStringLiteral("d%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'OCC-D', 'D', 'chief_counsel')")
                      .arg(world.office));
    database.exec(QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES ('%1', 'ILP', 'I'), ('%2', 'CALD', 'C')")
                      .arg(world.ilp, world.cald));
    const QList<std::pair<const char*, QString>> logins = {
        {"attorney", QStringLiteral("'{ocms_attorney}', 'OCC-D', '{ILP}'")},
        {"cald", QStringLiteral("'{ocms_attorney}', 'OCC-D', '{CALD}'")},
        {"external", QStringLiteral("'{ocms_readonly_external}', 'OCC-D', '{}'")},
        {"admin", QStringLiteral("'{ocms_admin}', 'OCC-D', '{}'")},
        {"helpdesk", QStringLiteral("'{ocms_helpdesk}', 'OCC-D', '{}'")},
        {"import", QStringLiteral("'{ocms_import}', 'OCC-D', '{}'")},
    };
    for (const auto& [key, rest] : logins) {
        database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'Deadline %3', %4)")
                          .arg(world.login(key), kPassword, QString::fromLatin1(key), rest));
    }
    database.exec(QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, office_id, division_id) "
                                 "VALUES ('%1', 'immigration', 'removal', 'immigration_court', '246813579', 'Matter of D', '%2', '%3')")
                      .arg(world.immigrationCase, world.office, world.ilp));
    // Non-immigration cases of the CALD division: the ILP attorney may not see them.
    database.exec(QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, title, office_id, division_id, created_by) "
                                 "VALUES ('%1', 'non_immigration', 'tort', 'federal_district', 'Doe v. ICE', '%3', '%4', "
                                 "(SELECT id FROM core.users WHERE login = '%5')), "
                                 "('%2', 'non_immigration', 'tort', 'federal_appeals', 'Roe v. ICE', '%3', '%4', "
                                 "(SELECT id FROM core.users WHERE login = '%5'))")
                      .arg(world.federalCase, world.appealsCase, world.office, world.cald, world.login("cald")));
    return world;
}

struct Outcome
{
    bool ok = false;
    QString message;    // what a user would be told
    QString serverText; // the server's own words
    QVariant value;     // first column of the last statement's first row
};

Outcome as(TestDatabase& database, const QString& login, const QStringList& statements)
{
    const test::LoginOutcome outcome = test::runAs(database.settingsFor(login, kPassword), statements);
    REQUIRE(outcome.connected);
    return {outcome.ok, outcome.error.userMessage, outcome.serverText, outcome.value};
}

struct Computed
{
    QString dueOn;
    QString computation;
};

// One rule's result of the preview for a case, read as the database owner; the rule must be there.
Computed preview(TestDatabase& database, const QString& caseId, const QString& event, const QString& eventOn,
                 const QString& method, const QString& code)
{
    QSqlQuery query(database.connection());
    REQUIRE(query.prepare(QStringLiteral("SELECT due_on::text, computation FROM rules.preview_deadlines(?::uuid, ?, ?::date, ?) "
                                         "WHERE code = ?")));
    for (const QString& value : {caseId, event, eventOn, method, code}) {
        query.addBindValue(value);
    }
    const bool ok = query.exec();
    INFO(query.lastError().text().toStdString());
    REQUIRE(ok);
    REQUIRE(query.next());
    Computed computed{query.value(0).toString(), query.value(1).toString()};
    REQUIRE_FALSE(query.next());
    return computed;
}

// Due dates of a case's generated deadlines as "CODE due_on trigger_on", in code order.
QString generated(TestDatabase& database, const QString& caseId)
{
    return database
        .scalar(QStringLiteral("SELECT coalesce(string_agg(r.code || ' ' || d.due_on || ' ' || d.trigger_on, ', ' ORDER BY r.code, d.trigger_on), '') "
                               "FROM legal.deadlines d JOIN rules.deadline_rules r ON r.id = d.rule_id WHERE d.case_id = '%1'")
                    .arg(caseId))
        .toString();
}

} // namespace

TEST_CASE("Federal holidays for deadlines are computed with their observed days", "[integration][deadlines]")
{
    TestDatabase database;
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(holiday::text || ' ' || name, '; ' ORDER BY holiday) "
                                         "FROM rules.federal_holidays(2026)")).toString() ==
          QStringLiteral("2026-01-01 New Year's Day; 2026-01-19 Birthday of Martin Luther King, Jr.; "
                         "2026-02-16 Washington's Birthday; 2026-05-25 Memorial Day; "
                         "2026-06-19 Juneteenth National Independence Day; 2026-07-03 Independence Day (observed); "
                         "2026-09-07 Labor Day; 2026-10-12 Columbus Day; 2026-11-11 Veterans Day; "
                         "2026-11-26 Thanksgiving Day; 2026-12-25 Christmas Day"));
    // New Year's Day 2028 is a Saturday: observed on Friday, December 31, 2027, and listed with 2028.
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(holiday::text || ' ' || name, '; ' ORDER BY holiday) "
                                         "FROM rules.federal_holidays(2028) WHERE holiday < '2028-02-01' OR holiday > '2028-11-01'"))
              .toString() ==
          QStringLiteral("2027-12-31 New Year's Day (observed); 2028-01-17 Birthday of Martin Luther King, Jr.; "
                         "2028-11-10 Veterans Day (observed); 2028-11-23 Thanksgiving Day; 2028-12-25 Christmas Day"));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM rules.federal_holidays(2027) WHERE holiday = '2027-12-31'")).toInt() == 0);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM rules.federal_holidays(2020)")).toInt() == 10); // before Juneteenth
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(d::text || '=' || rules.is_court_closed(d::date)::text, ' ' ORDER BY d) "
                                         "FROM unnest('{2026-07-03,2026-07-06,2026-11-26,2026-11-27,2026-11-28,2026-11-29,"
                                         "2027-12-31,2027-12-30,2022-12-26}'::date[]) d"))
              .toString() ==
          QStringLiteral("2022-12-26=true 2026-07-03=true 2026-07-06=false 2026-11-26=true 2026-11-27=false 2026-11-28=true "
                         "2026-11-29=true 2027-12-30=false 2027-12-31=true"));
}

TEST_CASE("A deadline counted in calendar days shows the rule, its citation and the count", "[integration][deadlines]")
{
    TestDatabase database;
    const DeadlineWorld world = makeWorld(database);
    const Computed personal = preview(database, world.immigrationCase, QStringLiteral("motion_served"), QStringLiteral("2026-11-02"),
                                      QStringLiteral("personal"), QStringLiteral("RESP-MOTION"));
    CHECK(personal.dueOn == QStringLiteral("2026-11-12"));
    CHECK(personal.computation ==
          QStringLiteral("Motion served 2026-11-02 (Mon) by personal service. Rule RESP-MOTION (Immigration Court Practice "
                         "Manual ch. 3.1(b)): 10 calendar days → 2026-11-12 (Thu); no days added for personal service. "
                         "Due 2026-11-12."));
    CHECK(preview(database, world.immigrationCase, QStringLiteral("motion_served"), QStringLiteral("2026-11-02"),
                  QStringLiteral("electronic"), QStringLiteral("RESP-MOTION")).dueOn == QStringLiteral("2026-11-12"));
    // A rule of another forum does not apply; the case's forum decides.
    CHECK(database.scalar(QStringLiteral("SELECT string_agg(code, ',' ORDER BY code) FROM rules.preview_deadlines('%1', "
                                         "'motion_served', '2026-11-02')").arg(world.federalCase)).toString() ==
          QStringLiteral("FRCP-RESP-MOTION"));
}

TEST_CASE("Service by mail adds its days to a deadline: five in immigration court and three in federal court",
          "[integration][deadlines]")
{
    TestDatabase database;
    const DeadlineWorld world = makeWorld(database);
    const Computed immigration = preview(database, world.immigrationCase, QStringLiteral("motion_served"),
                                         QStringLiteral("2026-11-02"), QStringLiteral("mail"), QStringLiteral("RESP-MOTION"));
    CHECK(immigration.dueOn == QStringLiteral("2026-11-17"));
    CHECK(immigration.computation ==
          QStringLiteral("Motion served 2026-11-02 (Mon) by mail. Rule RESP-MOTION (Immigration Court Practice Manual "
                         "ch. 3.1(b)): 10 calendar days → 2026-11-12 (Thu); +5 days for service by mail (Immigration Court "
                         "Practice Manual ch. 3.1(c)(2)) → 2026-11-17 (Tue). Due 2026-11-17."));
    const Computed federal = preview(database, world.federalCase, QStringLiteral("motion_served"), QStringLiteral("2026-11-02"),
                                     QStringLiteral("mail"), QStringLiteral("FRCP-RESP-MOTION"));
    CHECK(federal.dueOn == QStringLiteral("2026-11-19"));
    CHECK(federal.computation ==
          QStringLiteral("Motion served 2026-11-02 (Mon) by mail. Rule FRCP-RESP-MOTION (Local Civil Rule 7(b)): "
                         "14 calendar days → 2026-11-16 (Mon); +3 days for service by mail (Fed. R. Civ. P. 6(d)) → "
                         "2026-11-19 (Thu). Due 2026-11-19."));
    CHECK(preview(database, world.federalCase, QStringLiteral("motion_served"), QStringLiteral("2026-11-02"),
                  QStringLiteral("personal"), QStringLiteral("FRCP-RESP-MOTION")).dueOn == QStringLiteral("2026-11-16"));
}

TEST_CASE("A deadline on a weekend rolls forward and a filing due before a hearing rolls backward", "[integration][deadlines]")
{
    TestDatabase database;
    const DeadlineWorld world = makeWorld(database);
    const Computed saturday = preview(database, world.immigrationCase, QStringLiteral("motion_served"),
                                      QStringLiteral("2026-11-04"), QStringLiteral("personal"), QStringLiteral("RESP-MOTION"));
    CHECK(saturday.dueOn == QStringLiteral("2026-11-16"));
    CHECK(saturday.computation.contains(
        QStringLiteral("10 calendar days → 2026-11-14 (Sat); no days added for personal service; lands on 2026-11-14 "
                       "(Sat, weekend): rolled forward to 2026-11-16 (Mon). Due 2026-11-16.")));
    CHECK(preview(database, world.immigrationCase, QStringLiteral("motion_served"), QStringLiteral("2026-11-05"),
                  QStringLiteral("personal"), QStringLiteral("RESP-MOTION")).dueOn == QStringLiteral("2026-11-16"));

    // Pre-hearing filings: 15 days before Monday, December 14 is Sunday, November 29; backward past the
    // weekend to Friday, November 27 (open: the day after Thanksgiving is no federal holiday).
    const Computed before = preview(database, world.immigrationCase, QStringLiteral("hearing_set"), QStringLiteral("2026-12-14"),
                                    QStringLiteral("personal"), QStringLiteral("IC-FILINGS"));
    CHECK(before.dueOn == QStringLiteral("2026-11-27"));
    CHECK(before.computation ==
          QStringLiteral("Hearing set for 2026-12-14 (Mon). Rule IC-FILINGS (Immigration Court Practice Manual ch. 3.1(b)(1)(A)): "
                         "15 calendar days before → 2026-11-29 (Sun); lands on 2026-11-29 (Sun, weekend): rolled backward "
                         "to 2026-11-27 (Fri). Due 2026-11-27."));
}

TEST_CASE("A deadline on Thanksgiving 2026 rolls to Friday November 27", "[integration][deadlines]")
{
    TestDatabase database;
    const DeadlineWorld world = makeWorld(database);
    const Computed computed = preview(database, world.immigrationCase, QStringLiteral("motion_served"),
                                      QStringLiteral("2026-11-16"), QStringLiteral("personal"), QStringLiteral("RESP-MOTION"));
    CHECK(computed.dueOn == QStringLiteral("2026-11-27"));
    CHECK(computed.computation ==
          QStringLiteral("Motion served 2026-11-16 (Mon) by personal service. Rule RESP-MOTION (Immigration Court Practice "
                         "Manual ch. 3.1(b)): 10 calendar days → 2026-11-26 (Thu); no days added for personal service; "
                         "lands on 2026-11-26 (Thu, Thanksgiving Day): rolled forward to 2026-11-27 (Fri). Due 2026-11-27."));
}

TEST_CASE("Observed holidays move deadlines: Friday July 3 2026 and Friday December 31 2027", "[integration][deadlines]")
{
    TestDatabase database;
    const DeadlineWorld world = makeWorld(database);
    const Computed july = preview(database, world.immigrationCase, QStringLiteral("decision_issued"),
                                  QStringLiteral("2026-06-03"), QStringLiteral("personal"), QStringLiteral("IC-APPEAL"));
    CHECK(july.dueOn == QStringLiteral("2026-07-06"));
    CHECK(july.computation ==
          QStringLiteral("Decision issued 2026-06-03 (Wed). Rule IC-APPEAL (8 C.F.R. § 1003.38(b)): 30 calendar days → "
                         "2026-07-03 (Fri); lands on 2026-07-03 (Fri, Independence Day observed): rolled forward to "
                         "2026-07-06 (Mon). Due 2026-07-06."));
    const Computed newYear = preview(database, world.immigrationCase, QStringLiteral("decision_issued"),
                                     QStringLiteral("2027-12-01"), QStringLiteral("personal"), QStringLiteral("IC-APPEAL"));
    CHECK(newYear.dueOn == QStringLiteral("2028-01-03"));
    CHECK(newYear.computation.contains(QStringLiteral("30 calendar days → 2027-12-31 (Fri); lands on 2027-12-31 (Fri, New Year's "
                                                      "Day observed): rolled forward to 2028-01-03 (Mon). Due 2028-01-03.")));
    // Friday, January 1, 2027 is the holiday itself: an answer due then is due the next Monday.
    const Computed answer = preview(database, world.federalCase, QStringLiteral("complaint_served"), QStringLiteral("2026-11-02"),
                                    QStringLiteral("personal"), QStringLiteral("FRCP-ANSWER"));
    CHECK(answer.dueOn == QStringLiteral("2027-01-04"));
    CHECK(answer.computation.contains(QStringLiteral("Rule FRCP-ANSWER (Fed. R. Civ. P. 12(a)(2)): 60 calendar days → 2027-01-01 "
                                                     "(Fri); lands on 2027-01-01 (Fri, New Year's Day): rolled forward to "
                                                     "2027-01-04 (Mon).")));
}

TEST_CASE("Court-day counting skips weekends and holidays while counting a deadline", "[integration][deadlines]")
{
    TestDatabase database;
    const DeadlineWorld world = makeWorld(database);
    // Seven court days before Monday, December 7, 2026: back over two weekends and Thanksgiving.
    const Computed exhibits = preview(database, world.federalCase, QStringLiteral("hearing_set"), QStringLiteral("2026-12-07"),
                                      QStringLiteral("personal"), QStringLiteral("DIST-EXHIBITS"));
    CHECK(exhibits.dueOn == QStringLiteral("2026-11-25"));
    CHECK(exhibits.computation ==
          QStringLiteral("Hearing set for 2026-12-07 (Mon). Rule DIST-EXHIBITS (Local Civil Rule 16.1(d)): 7 court days before, "
                         "skipping weekends and 2026-11-26 (Thu, Thanksgiving Day) → 2026-11-25 (Wed). Due 2026-11-25."));
    // The calendar-day rule of the same hearing, for contrast.
    CHECK(preview(database, world.federalCase, QStringLiteral("hearing_set"), QStringLiteral("2026-12-07"), QStringLiteral("personal"),
                  QStringLiteral("FRCP-PRETRIAL")).dueOn == QStringLiteral("2026-11-06"));

    // Forward: ten court days after Friday, November 20, 2026.
    database.exec(QStringLiteral("INSERT INTO rules.deadline_rules (code, trigger_event, forum, deadline_kind, title, days, counting, "
                                 "citation) VALUES ('CD-FORWARD', 'decision_issued', 'federal_appeals', 'other', 'Court-day test', "
                                 "10, 'court_days', 'Local Rule 1')"));
    const Computed forward = preview(database, world.appealsCase, QStringLiteral("decision_issued"), QStringLiteral("2026-11-20"),
                                     QStringLiteral("personal"), QStringLiteral("CD-FORWARD"));
    CHECK(forward.dueOn == QStringLiteral("2026-12-07"));
    CHECK(forward.computation.contains(QStringLiteral("10 court days, skipping weekends and 2026-11-26 (Thu, Thanksgiving Day) → "
                                                      "2026-12-07 (Mon). Due 2026-12-07.")));
}

TEST_CASE("A court closure an administrator adds moves a deadline", "[integration][deadlines]")
{
    TestDatabase database;
    const DeadlineWorld world = makeWorld(database);
    const auto due = [&] {
        return preview(database, world.immigrationCase, QStringLiteral("motion_served"), QStringLiteral("2026-11-02"),
                       QStringLiteral("personal"), QStringLiteral("RESP-MOTION"));
    };
    CHECK(due().dueOn == QStringLiteral("2026-11-12"));
    const QString closure = QStringLiteral("INSERT INTO rules.court_closures (closed_on, reason) VALUES ('2026-11-12', 'Day of mourning')");
    const Outcome attorney = as(database, world.login("attorney"), {closure});
    CHECK_FALSE(attorney.ok);
    CHECK(attorney.message == QStringLiteral("You do not have permission for this action."));
    CHECK(due().dueOn == QStringLiteral("2026-11-12"));

    const Outcome admin = as(database, world.login("admin"), {closure});
    INFO(admin.serverText.toStdString());
    REQUIRE(admin.ok);
    const Computed moved = due();
    CHECK(moved.dueOn == QStringLiteral("2026-11-13"));
    CHECK(moved.computation.contains(QStringLiteral("lands on 2026-11-12 (Thu, court closed: Day of mourning): rolled forward to "
                                                    "2026-11-13 (Fri). Due 2026-11-13.")));
    CHECK(database.scalar(QStringLiteral("SELECT rules.is_court_closed('2026-11-12')")).toBool());
    // Rolling past several closed days names each one that is not a weekend.
    REQUIRE(as(database, world.login("admin"), {QStringLiteral("INSERT INTO rules.court_closures VALUES ('2026-07-06', 'Flooding')")}).ok);
    CHECK(preview(database, world.immigrationCase, QStringLiteral("decision_issued"), QStringLiteral("2026-06-03"),
                  QStringLiteral("personal"), QStringLiteral("IC-APPEAL"))
              .computation.contains(QStringLiteral("lands on 2026-07-03 (Fri, Independence Day observed): rolled forward past "
                                                   "2026-07-06 (Mon, court closed: Flooding) to 2026-07-07 (Tue). Due 2026-07-07.")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'rules.court_closures' "
                                         "AND action = 'insert' AND db_user = '%1'").arg(world.login("admin"))).toInt() == 2);
}

TEST_CASE("Applying deadline rules twice adds each deadline once", "[integration][deadlines]")
{
    TestDatabase database;
    const DeadlineWorld world = makeWorld(database);
    const QString apply = QStringLiteral("SELECT count(*) FROM legal.apply_deadline_rules('%1', 'motion_served', '2026-11-02', 'mail')")
                              .arg(world.immigrationCase);
    const Outcome first = as(database, world.login("attorney"), {apply});
    INFO(first.serverText.toStdString());
    REQUIRE(first.ok);
    CHECK(first.value.toInt() == 1);
    CHECK(database.scalar(QStringLiteral("SELECT concat_ws(' | ', d.kind, d.title, d.due_on, d.trigger_event, d.trigger_on, d.service_method, "
                                         "r.code, d.computation) FROM legal.deadlines d JOIN rules.deadline_rules r ON r.id = d.rule_id "
                                         "WHERE d.case_id = '%1'").arg(world.immigrationCase)).toString() ==
          QStringLiteral("response | Response to motion due | 2026-11-17 | motion_served | 2026-11-02 | mail | RESP-MOTION | "
                         "Motion served 2026-11-02 (Mon) by mail. Rule RESP-MOTION (Immigration Court Practice Manual ch. 3.1(b)): "
                         "10 calendar days → 2026-11-12 (Thu); +5 days for service by mail (Immigration Court Practice Manual "
                         "ch. 3.1(c)(2)) → 2026-11-17 (Tue). Due 2026-11-17."));

    const Outcome again = as(database, world.login("attorney"), {apply});
    REQUIRE(again.ok);
    CHECK(again.value.toInt() == 0);
    // The same event served another way is still the same deadline: nothing added.
    CHECK(as(database, world.login("attorney"), {QString(apply).replace(QStringLiteral("'mail'"), QStringLiteral("'personal'"))})
              .value.toInt() == 0);
    CHECK(generated(database, world.immigrationCase) == QStringLiteral("RESP-MOTION 2026-11-17 2026-11-02"));
    // Another motion served on another day is another deadline.
    CHECK(as(database, world.login("attorney"), {QString(apply).replace(QStringLiteral("2026-11-02"), QStringLiteral("2026-11-16"))})
              .value.toInt() == 1);
    CHECK(generated(database, world.immigrationCase) ==
          QStringLiteral("RESP-MOTION 2026-11-17 2026-11-02, RESP-MOTION 2026-12-01 2026-11-16"));
    // The insert is audited as the attorney's own.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'legal.deadlines' AND action = 'insert' "
                                         "AND db_user = '%1'").arg(world.login("attorney"))).toInt() == 2);
}

TEST_CASE("A new hearing brings its hearing_set deadlines once and a past hearing brings none", "[integration][deadlines]")
{
    TestDatabase database;
    const DeadlineWorld world = makeWorld(database);
    // 15:00 UTC is the same calendar day in every US time zone.
    const QString hearing = QStringLiteral("INSERT INTO legal.hearings (id, case_id, hearing_type, scheduled_at) VALUES "
                                           "(gen_random_uuid(), '%1', 'individual', '%2 15:00+00')");
    const Outcome attorney = as(database, world.login("attorney"), {hearing.arg(world.immigrationCase, QStringLiteral("2036-03-04"))});
    INFO(attorney.serverText.toStdString());
    REQUIRE(attorney.ok);
    // 15 days before Tuesday, March 4, 2036 is Washington's Birthday (Monday, February 18): back to Friday the 15th.
    CHECK(generated(database, world.immigrationCase) == QStringLiteral("IC-FILINGS 2036-02-15 2036-03-04"));
    CHECK(database.scalar(QStringLiteral("SELECT concat_ws(' | ', trigger_event, coalesce(service_method, '-'), computation) "
                                         "FROM legal.deadlines WHERE case_id = '%1'").arg(world.immigrationCase)).toString() ==
          QStringLiteral("hearing_set | - | Hearing set for 2036-03-04 (Tue). Rule IC-FILINGS (Immigration Court Practice Manual "
                         "ch. 3.1(b)(1)(A)): 15 calendar days before → 2036-02-18 (Mon); lands on 2036-02-18 (Mon, Washington's "
                         "Birthday): rolled backward to 2036-02-15 (Fri). Due 2036-02-15."));

    // A hearing already past adds nothing; a connector's hearing brings its deadline like anyone's.
    REQUIRE(as(database, world.login("attorney"), {hearing.arg(world.immigrationCase, QStringLiteral("2020-03-03"))}).ok);
    CHECK(generated(database, world.immigrationCase) == QStringLiteral("IC-FILINGS 2036-02-15 2036-03-04"));
    const Outcome connector = as(database, world.login("import"), {hearing.arg(world.immigrationCase, QStringLiteral("2036-06-02"))});
    INFO(connector.serverText.toStdString());
    REQUIRE(connector.ok);
    CHECK(generated(database, world.immigrationCase) ==
          QStringLiteral("IC-FILINGS 2036-02-15 2036-03-04, IC-FILINGS 2036-05-16 2036-06-02"));

    // Several hearings in one statement, two forums: each case gets its forum's rules, and a second
    // hearing on a day that already has its deadlines adds none.
    REQUIRE(as(database, world.login("cald"),
               {QStringLiteral("INSERT INTO legal.hearings (id, case_id, hearing_type, scheduled_at) VALUES "
                               "(gen_random_uuid(), '%1', 'trial', '2036-03-04 15:00+00'), "
                               "(gen_random_uuid(), '%1', 'status', '2036-06-02 15:00+00'), "
                               "(gen_random_uuid(), '%2', 'individual', '2036-06-02 18:00+00')")
                    .arg(world.federalCase, world.immigrationCase)})
                .ok);
    // Pretrial: 30 days before March 4 is Sunday, February 3 → Friday, February 1. Exhibits: 7 court days
    // back from March 4 is Friday, February 22 (leap year: February 29 counts); back from June 2 it skips
    // Memorial Day (May 26) and lands on Wednesday, May 21.
    CHECK(generated(database, world.federalCase) ==
          QStringLiteral("DIST-EXHIBITS 2036-02-22 2036-03-04, DIST-EXHIBITS 2036-05-21 2036-06-02, "
                         "FRCP-PRETRIAL 2036-02-01 2036-03-04, FRCP-PRETRIAL 2036-05-02 2036-06-02"));
    CHECK(generated(database, world.immigrationCase) ==
          QStringLiteral("IC-FILINGS 2036-02-15 2036-03-04, IC-FILINGS 2036-05-16 2036-06-02"));
}

TEST_CASE("Only administrators edit deadline rules and everyone reads them", "[integration][deadlines]")
{
    TestDatabase database;
    const DeadlineWorld world = makeWorld(database);
    const QString update = QStringLiteral("UPDATE rules.deadline_rules SET days = 12 WHERE code = 'RESP-MOTION'");
    for (const char* key : {"attorney", "external", "helpdesk"}) {
        INFO(key);
        const Outcome refused = as(database, world.login(key), {update});
        CHECK_FALSE(refused.ok);
        CHECK(refused.message == QStringLiteral("You do not have permission for this action."));
        CHECK(refused.serverText.contains(QStringLiteral("permission denied for table deadline_rules")));
        CHECK(as(database, world.login(key), {QStringLiteral("SELECT count(*) FROM rules.deadline_rules WHERE active")}).value.toInt() == 11);
    }
    CHECK_FALSE(as(database, world.login("attorney"),
                   {QStringLiteral("UPDATE rules.service_methods SET extra_days = 0 WHERE method = 'mail'")}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT days FROM rules.deadline_rules WHERE code = 'RESP-MOTION'")).toInt() == 10);

    const Outcome admin = as(database, world.login("admin"), {update});
    INFO(admin.serverText.toStdString());
    REQUIRE(admin.ok);
    CHECK(database.scalar(QStringLiteral("SELECT days FROM rules.deadline_rules WHERE code = 'RESP-MOTION'")).toInt() == 12);
    // 12 days after Monday, November 2 is Saturday, November 14: due Monday, November 16.
    CHECK(preview(database, world.immigrationCase, QStringLiteral("motion_served"), QStringLiteral("2026-11-02"),
                  QStringLiteral("personal"), QStringLiteral("RESP-MOTION")).dueOn == QStringLiteral("2026-11-16"));
    CHECK(database.scalar(QStringLiteral("SELECT changes::jsonb -> 'days' FROM audit.events WHERE table_name = 'rules.deadline_rules' "
                                         "AND action = 'update' AND db_user = '%1'").arg(world.login("admin"))).toString() ==
          QStringLiteral("[\"10\", \"12\"]"));
    // Admins add rules and service methods, within the rules of the tables.
    CHECK(as(database, world.login("admin"),
             {QStringLiteral("INSERT INTO rules.service_methods (method, forum, extra_days, label) "
                             "VALUES ('commercial_carrier', NULL, 1, 'Service by commercial carrier')"),
              QStringLiteral("UPDATE rules.deadline_rules SET active = false WHERE code = 'IC-APPEAL'")}).ok);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM rules.preview_deadlines('%1', 'decision_issued', '2026-06-03')")
                              .arg(world.immigrationCase)).toInt() == 0);
    const Outcome backwardService = as(database, world.login("admin"),
                                       {QStringLiteral("INSERT INTO rules.deadline_rules (code, trigger_event, deadline_kind, title, days, "
                                                       "adds_service_days, citation) VALUES ('BAD-RULE', 'hearing_set', 'filing', "
                                                       "'Bad', -5, true, 'None')")});
    CHECK_FALSE(backwardService.ok);
    CHECK(backwardService.serverText.contains(QStringLiteral("deadline_rules_service_days_forward")));
    // Applying rules is legal work: an administrator may not.
    const Outcome apply = as(database, world.login("admin"),
                             {QStringLiteral("SELECT count(*) FROM legal.apply_deadline_rules('%1', 'motion_served', '2026-11-02')")
                                  .arg(world.immigrationCase)});
    CHECK_FALSE(apply.ok);
    CHECK(apply.serverText.contains(QStringLiteral("permission denied for function apply_deadline_rules")));
}

TEST_CASE("Rules add no deadline to a case the user may not see", "[integration][deadlines]")
{
    TestDatabase database;
    const DeadlineWorld world = makeWorld(database);
    const QString apply = QStringLiteral("SELECT count(*) FROM legal.apply_deadline_rules('%1', 'complaint_served', '2026-11-02')")
                              .arg(world.federalCase);
    const Outcome other = as(database, world.login("attorney"), {apply});
    CHECK_FALSE(other.ok);
    CHECK(other.message == QStringLiteral("The case was not found, or you may not see it."));
    const Outcome peek = as(database, world.login("attorney"),
                            {QStringLiteral("SELECT count(*) FROM rules.preview_deadlines('%1', 'complaint_served', '2026-11-02')")
                                 .arg(world.federalCase)});
    CHECK_FALSE(peek.ok);
    CHECK(peek.message == QStringLiteral("The case was not found, or you may not see it."));
    CHECK(generated(database, world.federalCase).isEmpty());

    // The owning division's attorney may.
    const Outcome owner = as(database, world.login("cald"), {apply});
    INFO(owner.serverText.toStdString());
    REQUIRE(owner.ok);
    CHECK(owner.value.toInt() == 1);
    CHECK(generated(database, world.federalCase) == QStringLiteral("FRCP-ANSWER 2027-01-04 2026-11-02"));

    // External users preview immigration cases only and never apply; roles without cases see none.
    CHECK(as(database, world.login("external"),
             {QStringLiteral("SELECT due_on::text FROM rules.preview_deadlines('%1', 'motion_served', '2026-11-02', 'mail')")
                  .arg(world.immigrationCase)}).value.toString() == QStringLiteral("2026-11-17"));
    CHECK(as(database, world.login("external"),
             {QStringLiteral("SELECT count(*) FROM rules.preview_deadlines('%1', 'complaint_served', '2026-11-02')").arg(world.federalCase)})
              .message == QStringLiteral("The case was not found, or you may not see it."));
    const Outcome external = as(database, world.login("external"),
                                {QStringLiteral("SELECT count(*) FROM legal.apply_deadline_rules('%1', 'motion_served', '2026-11-02')")
                                     .arg(world.immigrationCase)});
    CHECK_FALSE(external.ok);
    CHECK(external.serverText.contains(QStringLiteral("permission denied for function apply_deadline_rules")));
    CHECK(as(database, world.login("helpdesk"),
             {QStringLiteral("SELECT count(*) FROM rules.preview_deadlines('%1', 'motion_served', '2026-11-02')").arg(world.immigrationCase)})
              .message == QStringLiteral("The case was not found, or you may not see it."));
    CHECK(generated(database, world.immigrationCase).isEmpty());
}

TEST_CASE("Unknown events or service methods or cases give readable deadline errors", "[integration][deadlines]")
{
    TestDatabase database;
    const DeadlineWorld world = makeWorld(database);
    const auto message = [&](const QString& arguments) {
        const Outcome outcome = as(database, world.login("attorney"),
                                   {QStringLiteral("SELECT count(*) FROM legal.apply_deadline_rules(%1)").arg(arguments)});
        CHECK_FALSE(outcome.ok);
        return outcome.message;
    };
    CHECK(message(QStringLiteral("'%1', 'hearing_held', '2026-11-02'").arg(world.immigrationCase)) ==
          QStringLiteral("There is no trigger event \"hearing_held\"; the events are hearing_set, motion_served, decision_issued, "
                         "complaint_served and judgment_entered."));
    CHECK(message(QStringLiteral("'%1', 'motion_served', '2026-11-02', 'fax'").arg(world.immigrationCase)) ==
          QStringLiteral("There is no service method \"fax\"; the methods are electronic, mail, personal."));
    CHECK(message(QStringLiteral("'%1', 'motion_served', NULL").arg(world.immigrationCase)) ==
          QStringLiteral("Give the date of the event."));
    CHECK(message(QStringLiteral("'%1', 'motion_served', '2026-11-02'").arg(uuid())) ==
          QStringLiteral("The case was not found, or you may not see it."));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.deadlines")).toInt() == 0);
}
