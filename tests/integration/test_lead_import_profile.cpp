// Profile of the lead import's INSERT (issue 7, `ocmsctl bench leads`): 20,000 new leads over a world of
// 20,000 fugitives, with EXPLAIN (ANALYZE, BUFFERS) once the old way (no batch id: per-row audit and a
// routing-history row per lead) and once as the import does since 0026 (the batch id on each lead).
// Hidden: run it by name, `ocms_integration_tests "[profile]"`; it prints the plans and trigger times.
#include "testdatabase.h"

#include <QSqlError>
#include <QSqlQuery>

#include <iostream>

#include "catchqt.h"

using ocms::test::TestDatabase;

namespace {

const char* const kWorld =
        "INSERT INTO core.offices (id, code, name, kind) VALUES ('00000000-0000-0000-0000-0000000000f1', 'FO-BEN', 'Bench', 'field_office'); "
        "INSERT INTO field.teams (id, code, name, office_id) "
        "SELECT ('00000000-0000-0000-0001-' || lpad(i::text, 12, '0'))::uuid, 'T' || i, 'Team ' || i, '00000000-0000-0000-0000-0000000000f1' "
        "FROM generate_series(1, 20) i; "
        "INSERT INTO field.zip_codes (zip, city, state) SELECT lpad(i::text, 5, '0'), 'CITY ' || i, 'ME' FROM generate_series(10000, 10999) i; "
        "INSERT INTO field.jurisdictions (zip, team_id) "
        "SELECT lpad(i::text, 5, '0'), ('00000000-0000-0000-0001-' || lpad((1 + i % 20)::text, 12, '0'))::uuid FROM generate_series(10000, 10899) i; "
        "INSERT INTO field.lead_sources (id, code, name, kind) VALUES ('00000000-0000-0000-0000-0000000000a1', 'ACME', 'Acme', 'commercial'); "
        "INSERT INTO core.people (id, family_name, given_name, a_number) "
        "SELECT ('00000000-0000-0000-0002-' || lpad(i::text, 12, '0'))::uuid, 'Example', 'P' || i, lpad((100000000 + i)::text, 9, '0') "
        "FROM generate_series(1, 20000) i; "
        "INSERT INTO field.fugitives (id, person_id) "
        "SELECT ('00000000-0000-0000-0003-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-0000-0002-' || lpad(i::text, 12, '0'))::uuid "
        "FROM generate_series(1, 20000) i; "
        "INSERT INTO field.leads (id, fugitive_id, source_id, address_line1, address_zip) "
        "SELECT gen_random_uuid(), ('00000000-0000-0000-0003-' || lpad(i::text, 12, '0'))::uuid, '00000000-0000-0000-0000-0000000000a1', "
        "       i || ' Old Rd', lpad((10000 + i % 1000)::text, 5, '0') "
        "FROM generate_series(1, 20000) i; "
        "CREATE TABLE public.sample AS "
        "SELECT i, ('00000000-0000-0000-0003-' || lpad((1 + (i * 7919) % 20000)::text, 12, '0'))::uuid AS fugitive_id, "
        "       (i % 9000)::numeric / 100 AS relevance, lpad((10000 + (i * 31) % 1000)::text, 5, '0') AS zip "
        "FROM generate_series(1, 20000) i; "
        "ANALYZE; ";

const char* const kInsert =
        "INSERT INTO field.leads (id, fugitive_id, source_id, source_detail, relevance_score, address_line1, address_city, address_state, "
        "                         address_zip, team_id, assigned_by, assigned_at, status, priority_score, notes, import_batch_id) "
        "SELECT gen_random_uuid(), s.fugitive_id, '00000000-0000-0000-0000-0000000000a1', 'File sample.csv', s.relevance, "
        "       s.i || ' New St, Apt ' || s.i, z.city, z.state, s.zip, j.team_id, 'routing', now(), "
        "       CASE WHEN j.team_id IS NULL THEN 'new' ELSE 'assigned' END, "
        "       round(coalesce(f.threat_score, 0) + coalesce(s.relevance, 0) / 100.0 * w.weight, 2), 'Provider match', "
        "       %1 "
        "FROM public.sample s JOIN field.fugitives f ON f.id = s.fugitive_id "
        "LEFT JOIN field.zip_codes z ON z.zip = s.zip LEFT JOIN field.jurisdictions j ON j.zip = s.zip "
        "CROSS JOIN (SELECT coalesce((SELECT weight FROM rules.lead_priority_weights WHERE factor = 'relevance'), 0) AS weight) w "
        "ORDER BY s.i; ";

} // namespace

TEST_CASE("Profile: the lead import's insert of 20,000 leads, per-row against per-batch audit", "[.][profile]")
{
    TestDatabase database;
    QSqlQuery query(database.connection());
    REQUIRE(query.exec(QString::fromLatin1(kWorld)));
    for (const bool batched : {false, true}) {
        REQUIRE(database.connection().transaction());
        REQUIRE(query.exec(QStringLiteral("SELECT set_config('ocms.source', 'system:lead-import', true), "
                                          "set_config('ocms.batch_id', 'b0000000-0000-0000-0000-000000000001', true)")));
        const QString insert = QString::fromLatin1(kInsert).arg(
            batched ? QStringLiteral("'b0000000-0000-0000-0000-000000000001'::uuid") : QStringLiteral("NULL::uuid"));
        INFO(query.lastError().text().toStdString());
        REQUIRE(query.exec(QStringLiteral("EXPLAIN (ANALYZE, BUFFERS) ") + insert));
        std::cout << "---- " << (batched ? "batch id on each lead (0026)" : "no batch id (per-row audit and history)") << "\n";
        while (query.next()) {
            std::cout << query.value(0).toString().toStdString() << "\n";
        }
        REQUIRE(query.exec(QStringLiteral("SELECT count(*) FROM audit.events WHERE table_name = 'field.leads' AND action = 'insert' "
                                          "AND batch_id IS NOT NULL")));
        REQUIRE(query.next());
        CHECK(query.value(0).toInt() == (batched ? 1 : 20000));
        database.connection().rollback();
    }
}
