#include "db/syntheticdataseeder.h"
#include "testdatabase.h"

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

SeedOptions smallSet()
{
    SeedOptions options;
    options.cases = 400;
    options.leads = 150;
    options.documents = 6;
    options.seed = 11;
    options.asOf = QDate(2026, 11, 21);
    return options;
}

// A digest of what the seed decides (ids, names, numbers, dates), leaving out what the server stamps
// (transaction ids, row versions, update times).
QString digest(TestDatabase& database)
{
    return database
        .scalar(QStringLiteral(
            "SELECT md5(string_agg(part, '|' ORDER BY part)) FROM ("
            " SELECT md5(string_agg(concat_ws(',', id, case_number, category, case_type, a_number, title, status, "
            "        office_id, opened_on, closed_on, last_action_at, custody_status), ';' ORDER BY id)) AS part FROM legal.cases"
            " UNION ALL SELECT md5(string_agg(concat_ws(',', id, family_name, given_name, date_of_birth, nationality, "
            "        a_number, ssn), ';' ORDER BY id)) FROM core.people"
            " UNION ALL SELECT md5(string_agg(concat_ws(',', id, person_id, family_name, given_name), ';' ORDER BY id)) FROM core.person_aliases"
            " UNION ALL SELECT md5(string_agg(concat_ws(',', id, case_id, scheduled_at, judge_name), ';' ORDER BY id)) FROM legal.hearings"
            " UNION ALL SELECT md5(string_agg(concat_ws(',', id, lead_number, fugitive_id, address_zip, team_id, status, "
            "        relevance_score), ';' ORDER BY id)) FROM field.leads"
            " UNION ALL SELECT md5(string_agg(concat_ws(',', id, fugitive_number, status, criminal), ';' ORDER BY id)) FROM field.fugitives"
            " UNION ALL SELECT md5(string_agg(concat_ws(',', id, document_number, title, case_id), ';' ORDER BY id)) FROM docs.documents"
            " UNION ALL SELECT md5(string_agg(encode(sha256, 'hex'), ';' ORDER BY id)) FROM docs.contents"
            ") parts"))
        .toString();
}

} // namespace

TEST_CASE("The same seed gives the same data, byte for byte", "[integration][seed]")
{
    TestDatabase first;
    TestDatabase second;
    const auto a = SyntheticDataSeeder(first.connection()).run(smallSet());
    const auto b = SyntheticDataSeeder(second.connection()).run(smallSet());
    REQUIRE_OK(a);
    REQUIRE_OK(b);
    CHECK(a->rows == b->rows);
    CHECK(digest(first) == digest(second));

    TestDatabase other;
    SeedOptions different = smallSet();
    different.seed = 12;
    REQUIRE(SyntheticDataSeeder(other.connection()).run(different).has_value());
    CHECK(digest(other) != digest(first));
}

TEST_CASE("A bulk load (indexes rebuilt at the end) gives the same data and the same indexes", "[integration][seed]")
{
    TestDatabase plain;
    TestDatabase bulk;
    const QString countIndexes = QStringLiteral(
        "SELECT count(*) FROM pg_indexes WHERE schemaname IN ('core', 'legal', 'field', 'docs')");
    const int indexesBefore = bulk.scalar(countIndexes).toInt();
    SeedOptions options = smallSet();
    REQUIRE(SyntheticDataSeeder(plain.connection()).run(options).has_value());
    options.bulkLoadThreshold = 0;
    const auto report = SyntheticDataSeeder(bulk.connection()).run(options);
    REQUIRE(report.has_value());
    CHECK(digest(bulk) == digest(plain));
    CHECK(bulk.scalar(countIndexes).toInt() == indexesBefore);
    CHECK(bulk.scalar(QStringLiteral("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).toInt() == 0);
    CHECK(bulk.scalar(QStringLiteral("SELECT current_setting('session_replication_role')")).toString() == QStringLiteral("origin"));
    // Foreign keys hold although they were not checked row by row.
    CHECK(bulk.scalar(QStringLiteral("SELECT count(*) FROM legal.hearings h LEFT JOIN legal.cases c ON c.id = h.case_id "
                                     "WHERE c.id IS NULL")).toInt() == 0);
    CHECK(bulk.scalar(QStringLiteral("SELECT count(*) FROM field.leads l LEFT JOIN field.fugitives f ON f.id = l.fugitive_id "
                                     "WHERE f.id IS NULL")).toInt() == 0);
}

TEST_CASE("A seed loads what was asked, consistently, and only once", "[integration][seed]")
{
    TestDatabase database;
    const SeedOptions options = smallSet();
    const auto report = SyntheticDataSeeder(database.connection()).run(options);
    REQUIRE(report.has_value());
    CHECK_FALSE(report->skipped);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.cases")).toLongLong() == options.cases);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads")).toLongLong() == options.leads);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM docs.documents")).toLongLong() == options.documents);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.fugitives")).toLongLong() == report->fugitives);

    // Realistic shape: mostly immigration cases, hearings ahead for open ones, aliases for some people.
    const double immigration = database.scalar(QStringLiteral(
        "SELECT avg((category = 'immigration')::int) FROM legal.cases")).toDouble();
    CHECK(immigration > 0.8);
    CHECK(immigration < 0.95);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.hearings WHERE scheduled_at > '2026-11-21'")).toInt() > 100);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM core.person_aliases")).toInt() > 50);

    // Every lead went to the team whose jurisdiction covers its ZIP code.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads l JOIN field.jurisdictions j "
                                         "ON j.zip = l.address_zip WHERE j.team_id <> l.team_id")).toInt() == 0);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.leads WHERE team_id IS NULL")).toInt() == 0);
    // Fugitives in custody have their arrest on record.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM field.fugitives f WHERE status = 'in_custody' "
                                         "AND NOT EXISTS (SELECT 1 FROM field.arrests a WHERE a.fugitive_id = f.id)")).toInt() == 0);
    // Stored document bytes match the server's chunk and content hashes and are PDFs; one current version each.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM docs.contents c JOIN docs.content_chunks k ON k.content_id = c.id "
                                         "WHERE sha256(k.data) <> k.sha256 OR docs.tree_hash(c.id) <> c.sha256 "
                                         "OR substr(k.data, 1, 5) <> '%PDF-'::bytea")).toInt() == 0);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM docs.documents d WHERE (SELECT count(*) FROM docs.versions v "
                                         "WHERE v.document_id = d.id AND v.is_current) <> 1")).toInt() == 0);
    // The search's narrow table holds every current version, though the load ran without its triggers.
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM docs.versions v LEFT JOIN docs.search_vectors s ON s.version_id = v.id "
                                         "WHERE v.is_current AND s.version_id IS NULL")).toInt() == 0);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM docs.search_vectors")).toInt()
          == database.scalar(QStringLiteral("SELECT count(*) FROM docs.documents")).toInt());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM docs.versions WHERE search_vector @@ "
                                         "plainto_tsquery('english', 'particular social group')")).toInt() > 0);
    // Human numbers continue after the seed.
    CHECK(database.scalar(QStringLiteral("SELECT last_value FROM legal.case_number_seq")).toLongLong() == options.cases);

    const auto again = SyntheticDataSeeder(database.connection()).run(options);
    REQUIRE(again.has_value());
    CHECK(again->skipped);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.cases")).toLongLong() == options.cases);

    SeedOptions more = options;
    more.seed = 12;
    more.cases = 50;
    more.leads = 0;
    more.documents = 0;
    REQUIRE(SyntheticDataSeeder(database.connection()).run(more).has_value());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.cases")).toLongLong() == options.cases + 50);
}

TEST_CASE("Negative counts are refused before anything is written", "[integration][seed]")
{
    TestDatabase database;
    SeedOptions options = smallSet();
    options.cases = -1;
    const auto report = SyntheticDataSeeder(database.connection()).run(options);
    REQUIRE_FALSE(report.has_value());
    CHECK(report.error().code == ErrorCode::Validation);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM core.offices")).toInt() == 0);
}
