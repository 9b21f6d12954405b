#include "db/database.h"
#include "db/syntheticdataseeder.h"
#include "eventwait.h"
#include "loginsession.h"
#include "models/caselistmodel.h"
#include "models/savedsearchstore.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;
using ocms::test::waitUntil;

namespace {

const QString kPassword = QStringLiteral("list-password-1");

QString loginPrefix(TestDatabase& database)
{
    return QStringLiteral("cl%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
}

// A login of the seeded organisation's kind: roles, office code, division codes.
QString makeLogin(TestDatabase& database, const QString& key, const QString& roles, const QString& divisions)
{
    const QString login = loginPrefix(database) + key;
    database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', 'List %3', '{%4}', (SELECT code FROM core.offices ORDER BY code LIMIT 1), '{%5}')")
                      .arg(login, kPassword, key, roles, divisions));
    return login;
}

void seed(TestDatabase& database, qint64 cases)
{
    SeedOptions options;
    options.cases = cases;
    options.seed = 29;
    options.asOf = QDate(2026, 11, 21);
    auto seeded = SyntheticDataSeeder(database.connection()).run(options);
    REQUIRE(seeded.has_value());
}

// The case at a position of an order, read the plainest way (OFFSET) as the same login.
QString caseAt(TestDatabase& database, const QString& login, const QString& orderBy, int position)
{
    const auto outcome = test::runAs(database.settingsFor(login, kPassword),
                                     {QStringLiteral("SELECT case_id FROM legal.case_list cl ORDER BY %1 OFFSET %2 LIMIT 1").arg(orderBy).arg(position)});
    REQUIRE(outcome.ok);
    return outcome.value.toString();
}

bool loaded(const CaseListModel& model, int row)
{
    return model.isRowLoaded(row);
}

} // namespace

TEST_CASE("The case list model pages through a seeded list by key, in SQL's order", "[models][caselist]")
{
    TestDatabase database;
    seed(database, 3000);
    const QString attorney = makeLogin(database, QStringLiteral("attorney"), QStringLiteral("ocms_attorney"), QStringLiteral("ILP"));

    // The list holds exactly the cases the attorney may see.
    const auto visible = test::runAs(database.settingsFor(attorney, kPassword),
                                     {QStringLiteral("SELECT count(*) FROM legal.cases WHERE deleted_at IS NULL")});
    REQUIRE(visible.ok);
    const qint64 expected = visible.value.toLongLong();
    REQUIRE(expected > 2000);
    REQUIRE(expected < 3000); // other divisions' non-immigration cases are hidden

    // Labels and filter choices come from the rules lists and the organisation, read as the attorney.
    CaseListLabels labels;
    {
        auto connection = Database::open(database.settingsFor(attorney, kPassword), QStringLiteral("labels"));
        REQUIRE(connection.has_value());
        auto loadedLabels = CaseListLabels::load(*connection);
        REQUIRE(loadedLabels.has_value());
        labels = *loadedLabels;
    }
    Database::close(QStringLiteral("labels"));
    CHECK(labels.caseTypeLabel(QStringLiteral("removal")) == QStringLiteral("Removal proceedings"));
    CHECK(labels.offices.size() > 3);
    CHECK(labels.attorneys.size() > 3);
    CHECK(labels.courts.contains(QStringLiteral("Atlanta Immigration Court")));

    CaseListModel model(database.settingsFor(attorney, kPassword));
    model.setLabels(labels);
    QList<Error> errors;
    QObject::connect(&model, &CaseListModel::errorOccurred, [&](const Error& error) { errors.append(error); });
    model.refresh();
    REQUIRE(waitUntil([&] { return model.isCountKnown() && model.hasPivots() && loaded(model, 0); }));
    CHECK(errors.isEmpty());
    CHECK(model.rowCount() == expected);
    CHECK(model.caseIdAt(0).toString(QUuid::WithoutBraces) == caseAt(database, attorney, QStringLiteral("case_number COLLATE \"C\", case_id"), 0));

    // A far row comes from the nearest pivot; the page after it from the last key of that page.
    for (int row : {1234, 1299, 1300, int(expected) - 1}) {
        model.requestRow(row);
        REQUIRE(waitUntil([&] { return loaded(model, row); }));
        INFO("row " << row);
        CHECK(model.caseIdAt(row).toString(QUuid::WithoutBraces) ==
              caseAt(database, attorney, QStringLiteral("case_number COLLATE \"C\", case_id"), row));
    }

    // Sorting is SQL's: the party name, descending.
    model.sort(int(CaseListColumn::Party), Qt::DescendingOrder);
    REQUIRE(waitUntil([&] { return model.hasPivots() && loaded(model, 0); }));
    const QString partyOrder = QStringLiteral("party_key COLLATE \"C\" DESC, case_id DESC");
    for (int row : {0, 777, 1500}) {
        model.requestRow(row);
        REQUIRE(waitUntil([&] { return loaded(model, row); }));
        INFO("row " << row);
        CHECK(model.caseIdAt(row).toString(QUuid::WithoutBraces) == caseAt(database, attorney, partyOrder, row));
    }
    // Consecutive rows come out in order, with labels instead of codes.
    for (int row = 1; row < CaseListModel::kPageSize; ++row) {
        CHECK(model.data(model.index(row - 1, int(CaseListColumn::Party)), CaseListModel::SortKeyRole).toString() >=
              model.data(model.index(row, int(CaseListColumn::Party)), CaseListModel::SortKeyRole).toString());
    }
    const QString status = model.data(model.index(0, int(CaseListColumn::Status))).toString();
    CHECK(QStringList{QStringLiteral("Open"), QStringLiteral("Closed"), QStringLiteral("Pending appeal"), QStringLiteral("Reopened")}.contains(status));
    CHECK(errors.isEmpty());
}

TEST_CASE("The case list filters by A-Number, name and alias, office, status and dates", "[models][caselist]")
{
    TestDatabase database;
    seed(database, 1500);
    const QString attorney = makeLogin(database, QStringLiteral("attorney"), QStringLiteral("ocms_attorney"), QStringLiteral("ILP"));
    // One respondent with an accented name and an alias, on a case with a hearing ahead.
    const QString caseId = database.scalar(QStringLiteral(
        "SELECT id FROM legal.cases WHERE category = 'immigration' AND status = 'open' ORDER BY case_number LIMIT 1")).toString();
    const QString person = database.scalar(QStringLiteral("SELECT person_id FROM legal.case_people WHERE case_id = '%1' AND role = 'respondent'").arg(caseId)).toString();
    database.exec(QStringLiteral("UPDATE core.people SET family_name = 'Núñez-Zwölf', given_name = 'Ánxela' WHERE id = '%1'").arg(person));
    database.exec(QStringLiteral("INSERT INTO core.person_aliases (id, person_id, family_name, given_name) VALUES (gen_random_uuid(), '%1', 'Quillfeather', 'Anne')").arg(person));
    const QString aNumber = database.scalar(QStringLiteral("SELECT a_number FROM legal.cases WHERE id = '%1'").arg(caseId)).toString();

    CaseListModel model(database.settingsFor(attorney, kPassword));
    const auto listed = [&](const CaseListFilter& filter) {
        model.setFilter(filter);
        REQUIRE(waitUntil([&] { return model.isCountKnown() && !model.isLoading(); }));
        QStringList ids;
        for (int row = 0; row < std::min(model.rowCount(), CaseListModel::kPageSize); ++row) {
            ids << model.caseIdAt(row).toString(QUuid::WithoutBraces);
        }
        return ids;
    };

    CaseListFilter byName;
    byName.name = QStringLiteral("nunez-zwolf");
    CHECK(listed(byName) == QStringList{caseId});
    byName.name = QStringLiteral("NÚÑEZ");
    CHECK(listed(byName).contains(caseId));
    byName.name = QStringLiteral("quillfeather anne");
    CHECK(listed(byName) == QStringList{caseId});
    // Similar, not the same: a trigram match.
    byName.name = QStringLiteral("Quilfeather");
    CHECK(listed(byName).isEmpty());
    byName.similarNames = true;
    CHECK(listed(byName).contains(caseId));

    CaseListFilter byNumber;
    byNumber.aNumber = QStringLiteral("A-") + aNumber;
    CHECK(listed(byNumber) == QStringList{caseId});
    byNumber.aNumber = aNumber.left(4);
    const QStringList prefixed = listed(byNumber);
    CHECK(prefixed.contains(caseId));
    const auto prefixCount = test::runAs(database.settingsFor(attorney, kPassword),
                                         {QStringLiteral("SELECT count(*) FROM legal.cases WHERE a_number LIKE '%1%'").arg(aNumber.left(4))});
    CHECK(model.rowCount() == prefixCount.value.toLongLong());

    CaseListFilter combined;
    combined.officeId = QUuid::fromString(database.scalar(QStringLiteral("SELECT office_id FROM legal.cases WHERE id = '%1'").arg(caseId)).toString());
    combined.status = QStringLiteral("open");
    combined.hearingFrom = QDate(2026, 11, 21);
    combined.hearingTo = QDate(2027, 6, 30);
    const QStringList matching = listed(combined);
    const auto expected = test::runAs(database.settingsFor(attorney, kPassword),
        {QStringLiteral("SELECT count(*) FROM legal.cases c WHERE c.office_id = '%1' AND c.status = 'open' AND "
                        "(SELECT min(scheduled_at) FROM legal.hearings h WHERE h.case_id = c.id AND h.outcome IS NULL) "
                        "BETWEEN '2026-11-21' AND '2027-07-01'").arg(combined.officeId.toString(QUuid::WithoutBraces))});
    REQUIRE(expected.ok);
    CHECK(model.rowCount() == expected.value.toLongLong());
    CHECK(model.rowCount() > 0);
    for (int row = 0; row < std::min(model.rowCount(), 20); ++row) {
        CHECK(model.data(model.index(row, int(CaseListColumn::Status))).toString() == QStringLiteral("Open"));
        const QDate next = QDate::fromString(model.data(model.index(row, int(CaseListColumn::NextHearing))).toString().left(10), Qt::ISODate);
        CHECK(next >= combined.hearingFrom);
        CHECK(next <= combined.hearingTo);
    }

    // A newer filter replaces an older one at once: only its rows arrive.
    CaseListFilter older;
    older.name = QStringLiteral("a");
    model.setFilter(older);
    CHECK(listed(byNumber).contains(caseId));
    CHECK(model.rowCount() == prefixCount.value.toLongLong());
}

TEST_CASE("The case list follows edits to cases, people, aliases, staff, hearings and deadlines", "[models][caselist]")
{
    TestDatabase database;
    const QString office = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString other = QUuid::createUuid().toString(QUuid::WithoutBraces);
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'OCC-A', 'Office A', 'chief_counsel'), "
                                 "('%2', 'OCC-B', 'Office B', 'chief_counsel')").arg(office, other));
    database.exec(QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES (gen_random_uuid(), 'ILP', 'I')"));
    const QString caseId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString person = QUuid::createUuid().toString(QUuid::WithoutBraces);
    database.exec(QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, office_id, division_id) "
                                 "VALUES ('%1', 'immigration', 'removal', 'immigration_court', '135792468', 'Matter of F', '%2', "
                                 "(SELECT id FROM core.divisions WHERE code = 'ILP'))").arg(caseId, office));
    const auto field = [&](const char* column) {
        return database.scalar(QStringLiteral("SELECT %1::text FROM legal.case_list WHERE case_id = '%2'").arg(QLatin1StringView(column), caseId));
    };
    CHECK(field("title").toString() == QStringLiteral("Matter of F"));
    CHECK(field("party_name").isNull());
    CHECK(field("party_key").toString().isEmpty());
    CHECK(field("next_hearing_at").toString() == QStringLiteral("infinity"));

    database.exec(QStringLiteral("INSERT INTO core.people (id, family_name, given_name) VALUES ('%1', 'Fairweather', 'Jo')").arg(person));
    database.exec(QStringLiteral("INSERT INTO legal.case_people (case_id, person_id, role) VALUES ('%1', '%2', 'respondent')").arg(caseId, person));
    CHECK(field("party_name").toString() == QStringLiteral("FAIRWEATHER, Jo"));
    database.exec(QStringLiteral("UPDATE core.people SET family_name = 'Fairwind' WHERE id = '%1'").arg(person));
    CHECK(field("party_name").toString() == QStringLiteral("FAIRWIND, Jo"));
    database.exec(QStringLiteral("INSERT INTO core.person_aliases (id, person_id, family_name) VALUES (gen_random_uuid(), '%1', 'Stormcloud')").arg(person));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.case_names WHERE case_id = '%1' AND is_alias AND name_key = 'stormcloud '").arg(caseId)).toInt() == 1);

    database.exec(QStringLiteral("INSERT INTO legal.hearings (id, case_id, hearing_type, scheduled_at) VALUES "
                                 "(gen_random_uuid(), '%1', 'master_calendar', '2027-01-12 09:00+00'), "
                                 "(gen_random_uuid(), '%1', 'individual', '2027-03-02 13:30+00')").arg(caseId));
    CHECK(field("next_hearing_at").toString().startsWith(QStringLiteral("2027-01-12")));
    database.exec(QStringLiteral("UPDATE legal.hearings SET outcome = 'Held' WHERE case_id = '%1' AND hearing_type = 'master_calendar'").arg(caseId));
    CHECK(field("next_hearing_at").toString().startsWith(QStringLiteral("2027-03-02")));

    database.exec(QStringLiteral("INSERT INTO legal.deadlines (id, case_id, kind, title, due_on) VALUES (gen_random_uuid(), '%1', 'brief', 'Brief due', '2026-12-01')").arg(caseId));
    // Setting the hearings added rule deadlines too (migration 0016); the earliest open one is listed.
    CHECK(field("next_deadline_on").toString() == QStringLiteral("2026-12-01"));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.deadlines WHERE case_id = '%1'").arg(caseId)).toInt() > 1);
    database.exec(QStringLiteral("UPDATE legal.deadlines SET completed_at = now() WHERE case_id = '%1'").arg(caseId));
    CHECK(field("next_deadline_on").toString() == QStringLiteral("infinity"));

    database.exec(QStringLiteral("UPDATE legal.cases SET office_id = '%1', status = 'pending_appeal' WHERE id = '%2'").arg(other, caseId));
    CHECK(field("office_id").toString() == other);
    CHECK(field("status").toString() == QStringLiteral("pending_appeal"));

    database.exec(QStringLiteral("UPDATE legal.cases SET deleted_at = now() WHERE id = '%1'").arg(caseId));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.case_list WHERE case_id = '%1'").arg(caseId)).toInt() == 0);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.case_names WHERE case_id = '%1'").arg(caseId)).toInt() == 0);
    // A rebuild from scratch gives the same list as the triggers kept.
    database.exec(QStringLiteral("UPDATE legal.cases SET deleted_at = NULL WHERE id = '%1'").arg(caseId));
    const QString kept = database.scalar(QStringLiteral("SELECT md5(string_agg(cl::text, '|' ORDER BY case_id)) FROM legal.case_list cl")).toString();
    database.exec(QStringLiteral("SELECT legal.rebuild_case_list()"));
    CHECK(database.scalar(QStringLiteral("SELECT md5(string_agg(cl::text, '|' ORDER BY case_id)) FROM legal.case_list cl")).toString() == kept);
}

TEST_CASE("The case list shows each user only the cases their role and division allow", "[models][caselist][security]")
{
    TestDatabase database;
    seed(database, 600);
    const QString ilp = makeLogin(database, QStringLiteral("ilp"), QStringLiteral("ocms_attorney"), QStringLiteral("ILP"));
    const QString external = makeLogin(database, QStringLiteral("ext"), QStringLiteral("ocms_readonly_external"), QString());
    const QString field = makeLogin(database, QStringLiteral("field"), QStringLiteral("field_full"), QString());
    const auto count = [&](const QString& login, const QString& where) {
        const auto outcome = test::runAs(database.settingsFor(login, kPassword),
                                         {QStringLiteral("SELECT count(*) FROM legal.case_list WHERE %1").arg(where)});
        return outcome.ok ? outcome.value.toLongLong() : -1;
    };
    const qint64 immigration = database.scalar(QStringLiteral("SELECT count(*) FROM legal.cases WHERE category = 'immigration'")).toLongLong();
    CHECK(count(external, QStringLiteral("true")) == immigration);
    CHECK(count(external, QStringLiteral("category = 'non_immigration'")) == 0);
    CHECK(count(ilp, QStringLiteral("category = 'non_immigration'")) ==
          database.scalar(QStringLiteral("SELECT count(*) FROM legal.cases c JOIN core.divisions d ON d.id = c.division_id "
                                         "WHERE category = 'non_immigration' AND d.code = 'ILP'")).toLongLong());
    CHECK(count(field, QStringLiteral("true")) == -1); // no privilege at all

    // A grant by the creator opens one more case to the ILP attorney, in the list and in the name index.
    const QString foreign = database.scalar(QStringLiteral("SELECT c.id FROM legal.cases c JOIN core.divisions d ON d.id = c.division_id "
                                                           "WHERE category = 'non_immigration' AND d.code <> 'ILP' LIMIT 1")).toString();
    REQUIRE_FALSE(foreign.isEmpty());
    CHECK(count(ilp, QStringLiteral("case_id = '%1'").arg(foreign)) == 0);
    database.exec(QStringLiteral("INSERT INTO legal.case_grants (case_id, user_id) VALUES ('%1', (SELECT id FROM core.users WHERE login = '%2'))")
                      .arg(foreign, ilp));
    CHECK(count(ilp, QStringLiteral("case_id = '%1'").arg(foreign)) == 1);
    const auto names = test::runAs(database.settingsFor(ilp, kPassword),
                                   {QStringLiteral("SELECT count(*) FROM legal.case_names WHERE case_id = '%1'").arg(foreign)});
    CHECK(names.value.toLongLong() >= 1);
    // Nobody writes the derived tables directly.
    const auto write = test::runAs(database.settingsFor(ilp, kPassword),
                                   {QStringLiteral("UPDATE legal.case_list SET title = 'x' WHERE case_id = '%1'").arg(foreign)});
    CHECK_FALSE(write.ok);
    CHECK(write.error.code == ErrorCode::PermissionDenied);
}

TEST_CASE("Saved searches belong to the user who saved them", "[models][caselist][security]")
{
    TestDatabase database;
    seed(database, 50);
    const QString first = makeLogin(database, QStringLiteral("first"), QStringLiteral("ocms_attorney"), QStringLiteral("ILP"));
    const QString second = makeLogin(database, QStringLiteral("second"), QStringLiteral("ocms_support"), QStringLiteral("ILP"));
    const auto store = [&](const QString& login, const QString& connection) {
        auto opened = Database::open(database.settingsFor(login, kPassword), connection);
        REQUIRE(opened.has_value());
        return SavedSearchStore(*opened, QStringLiteral("case_list"));
    };
    {
        SavedSearchStore mine = store(first, QStringLiteral("saved-first"));
        CaseListFilter filter;
        filter.status = QStringLiteral("open");
        filter.name = QStringLiteral("garcia");
        REQUIRE(mine.save(QStringLiteral("Open Garcia cases"), filter.toJson()).has_value());
        filter.status = QStringLiteral("closed");
        REQUIRE(mine.save(QStringLiteral("Open Garcia cases"), filter.toJson()).has_value()); // replaced, not doubled
        auto blank = mine.save(QStringLiteral("   "), filter.toJson());
        REQUIRE_FALSE(blank.has_value());
        CHECK(blank.error().userMessage == QStringLiteral("Give the search a name."));
        auto listed = mine.list();
        REQUIRE(listed.has_value());
        REQUIRE(listed->size() == 1);
        CHECK(CaseListFilter::fromJson(listed->first().definition) == filter);
    }
    Database::close(QStringLiteral("saved-first"));
    {
        SavedSearchStore theirs = store(second, QStringLiteral("saved-second"));
        auto listed = theirs.list();
        REQUIRE(listed.has_value());
        CHECK(listed->isEmpty());
        auto removed = theirs.remove(QStringLiteral("Open Garcia cases"));
        REQUIRE_FALSE(removed.has_value());
        CHECK(removed.error().code == ErrorCode::NotFound);
    }
    Database::close(QStringLiteral("saved-second"));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM core.saved_searches")).toInt() == 1);
}

TEST_CASE("Sorting by A-Number or type keeps immigration cases first in both directions, paging in SQL's order", "[models][caselist]")
{
    TestDatabase database;
    seed(database, 2500);
    const QString cald = makeLogin(database, QStringLiteral("cald"), QStringLiteral("ocms_attorney"), QStringLiteral("CALD"));
    CaseListModel model(database.settingsFor(cald, kPassword));
    model.refresh();
    REQUIRE(waitUntil([&] { return model.isCountKnown() && model.hasPivots() && loaded(model, 0); }));
    const int total = model.rowCount();
    const int immigration = test::runAs(database.settingsFor(cald, kPassword),
                                        {QStringLiteral("SELECT count(*) FROM legal.case_list WHERE category = 'immigration'")})
                                .value.toInt();
    REQUIRE(immigration > 0);
    REQUIRE(immigration < total); // this CALD attorney sees some of the division's other litigation too

    const auto categoryAt = [&](int row) {
        return database.scalar(QStringLiteral("SELECT category FROM legal.case_list WHERE case_id = '%1'")
                                   .arg(model.caseIdAt(row).toString(QUuid::WithoutBraces))).toString();
    };
    for (const auto& [column, key] : {std::pair{CaseListColumn::ANumber, QStringLiteral("a_number_key")},
                                      std::pair{CaseListColumn::CaseType, QStringLiteral("type_key")}}) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            model.sort(int(column), order);
            REQUIRE(waitUntil([&] { return model.hasPivots() && loaded(model, 0); }));
            const QString direction = order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
            const QString sql = QStringLiteral("%1_%2 COLLATE \"C\" %3, case_id %3").arg(key, direction.toLower(), direction);
            for (int row : {0, immigration - 1, immigration, total - 1}) {
                model.requestRow(row);
                REQUIRE(waitUntil([&] { return loaded(model, row); }));
                INFO(key.toStdString() << " " << direction.toStdString() << " row " << row);
                CHECK(model.caseIdAt(row).toString(QUuid::WithoutBraces) == caseAt(database, cald, sql, row));
                CHECK(categoryAt(row) == (row < immigration ? QStringLiteral("immigration") : QStringLiteral("non_immigration")));
            }
        }
    }
}
