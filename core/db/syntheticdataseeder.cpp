#include "syntheticdataseeder.h"

#include "caseseeder.h"
#include "database.h"
#include "deferredindexes.h"
#include "documentseeder.h"
#include "fieldseeder.h"
#include "organisationseeder.h"
#include "projectseeder.h"
#include "sqlerrortranslator.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ocms {

Result<void> SyntheticDataSeeder::exec(const QString& sql)
{
    QSqlQuery query(m_database);
    if (!query.exec(sql)) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return {};
}

Result<qint64> SyntheticDataSeeder::scalar(const QString& sql)
{
    QSqlQuery query(m_database);
    if (!query.exec(sql) || !query.next()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return query.value(0).toLongLong();
}

SeedOptions SyntheticDataSeeder::demoOptions()
{
    SeedOptions options;
    options.cases = 3000;
    options.leads = 600;
    options.documents = 60;
    options.seed = 2026;
    return options;
}

Result<SeedReport> SyntheticDataSeeder::run(const SeedOptions& options)
{
    if (options.cases < 0 || options.leads < 0 || options.documents < 0) {
        return fail(Error::validation(QStringLiteral("Counts to seed cannot be negative.")));
    }
    QSqlQuery previous(m_database);
    previous.prepare(QStringLiteral("SELECT cases, fugitives, leads, documents FROM public.ocms_seed_runs WHERE seed = ?"));
    previous.addBindValue(QString::number(options.seed));
    if (!previous.exec()) {
        return fail(SqlErrorTranslator::translate(previous.lastError()));
    }
    if (previous.next()) {
        SeedReport report;
        report.skipped = true;
        report.cases = previous.value(0).toLongLong();
        report.fugitives = previous.value(1).toLongLong();
        report.leads = previous.value(2).toLongLong();
        report.documents = previous.value(3).toLongLong();
        return report;
    }
    if (auto begun = exec(QStringLiteral("BEGIN")); !begun) {
        return fail(begun.error());
    }
    auto report = load(options);
    if (!report) {
        exec(QStringLiteral("ROLLBACK"));
        return report;
    }
    if (auto committed = exec(QStringLiteral("COMMIT")); !committed) {
        return fail(committed.error());
    }
    // Fresh statistics so the planner uses the new indexes from the first query on.
    exec(QStringLiteral("ANALYZE"));
    return report;
}

Result<SeedReport> SyntheticDataSeeder::load(const SeedOptions& options)
{
    QElapsedTimer timer;
    timer.start();
    if (auto source = Database::setSource(m_database, QStringLiteral("system:seed")); !source) {
        return fail(source.error());
    }
    OrganisationSeeder organisationSeeder(m_database);
    auto organisation = organisationSeeder.ensure(options.cases);
    if (!organisation) {
        return fail(organisation.error());
    }
    SeedOffsets offsets;
    for (auto [target, sql] : {std::pair{&offsets.caseIndex, "SELECT coalesce(sum(cases), 0) FROM public.ocms_seed_runs"},
                               std::pair{&offsets.fugitiveIndex, "SELECT coalesce(sum(fugitives), 0) FROM public.ocms_seed_runs"},
                               std::pair{&offsets.documentIndex, "SELECT coalesce(sum(documents), 0) FROM public.ocms_seed_runs"},
                               std::pair{&offsets.projectIndex, "SELECT coalesce(sum(projects), 0) FROM public.ocms_seed_runs"}}) {
        auto value = scalar(QString::fromLatin1(sql));
        if (!value) {
            return fail(value.error());
        }
        *target = *value;
    }
    // Reserve human numbers: take the next value now, move the sequence past what was used at the end.
    const struct
    {
        qint64* first;
        const char* sequence;
        bool wanted;
    } reservations[] = {{&offsets.firstCaseNumber, "legal.case_number_seq", options.cases > 0},
                        {&offsets.firstLeadNumber, "field.lead_number_seq", options.leads > 0},
                        {&offsets.firstFugitiveNumber, "field.fugitive_number_seq", options.leads > 0},
                        {&offsets.firstDocumentNumber, "docs.document_number_seq", options.documents > 0},
                        {&offsets.firstProjectNumber, "legal.project_number_seq", options.projectCount() > 0}};
    for (const auto& reservation : reservations) {
        if (!reservation.wanted) {
            continue;
        }
        auto value = scalar(QStringLiteral("SELECT nextval('%1')").arg(QLatin1StringView(reservation.sequence)));
        if (!value) {
            return fail(value.error());
        }
        *reservation.first = *value;
    }

    // A large load into a small database goes faster with indexes built once at the end, and without
    // per-row foreign-key checks when we may skip them (superuser): the generator only writes rows that
    // point at rows it wrote or read back.
    const qint64 existingCases = offsets.caseIndex;
    const bool bulk = options.cases + options.leads >= options.bulkLoadThreshold && options.cases >= existingCases;
    std::optional<DeferredIndexes> deferred;
    // Many documents alone (a benchmark's knowledge base) also load without per-row triggers: the generator
    // writes the hashes, numbering and flags the triggers would (and bulk loads are not audited row by row).
    const bool documentBulk = options.documents >= options.bulkLoadThreshold;
    bool replica = false;
    if (bulk || documentBulk) {
        auto superuser = scalar(QStringLiteral("SELECT rolsuper::int FROM pg_roles WHERE rolname = current_user"));
        if (superuser && *superuser == 1) {
            if (auto done = exec(QStringLiteral("SET LOCAL session_replication_role = replica")); !done) {
                return fail(done.error());
            }
            replica = true;
        }
    }
    if (bulk) {
        auto dropped = DeferredIndexes::drop(
            m_database, {QStringLiteral("core.people"), QStringLiteral("core.person_aliases"),
                         QStringLiteral("core.addresses"), QStringLiteral("core.phones"), QStringLiteral("legal.cases"),
                         QStringLiteral("legal.case_people"), QStringLiteral("legal.case_staff"),
                         QStringLiteral("legal.hearings"), QStringLiteral("legal.deadlines"), QStringLiteral("legal.notes"),
                         QStringLiteral("legal.case_events"), QStringLiteral("field.fugitives"),
                         QStringLiteral("field.leads"), QStringLiteral("field.lead_assignments"),
                         QStringLiteral("field.activities"), QStringLiteral("field.arrests"),
                         QStringLiteral("field.convictions"), QStringLiteral("field.removals"),
                         QStringLiteral("field.nonfugitive_arrests"), QStringLiteral("legal.case_list"),
                         QStringLiteral("legal.case_names"), QStringLiteral("legal.projects"),
                         QStringLiteral("legal.project_assignments"), QStringLiteral("legal.tasks"),
                         QStringLiteral("legal.project_history"), QStringLiteral("legal.time_entries")});
        if (!dropped) {
            return fail(dropped.error());
        }
        deferred = std::move(*dropped);
    }

    SeedReport report;
    CaseSeeder cases(m_database, *organisation, options, offsets);
    auto caseRows = cases.run();
    if (!caseRows) {
        return fail(caseRows.error());
    }
    FieldSeeder field(m_database, *organisation, options, offsets);
    auto fieldRows = field.run();
    if (!fieldRows) {
        return fail(fieldRows.error());
    }
    ProjectSeeder projects(m_database, options, offsets);
    auto projectRows = projects.run();
    if (!projectRows) {
        return fail(projectRows.error());
    }
    DocumentSeeder documents(m_database, *organisation, options, offsets);
    auto documentRows = documents.run();
    if (!documentRows) {
        return fail(documentRows.error());
    }
    if (deferred) {
        // The list tables follow the cases by triggers, which a bulk load switches off: rebuild them in one pass.
        if (options.progress) {
            options.progress(QStringLiteral("building the case list"));
        }
        if (auto listed = exec(QStringLiteral("SELECT legal.rebuild_case_list()")); !listed) {
            return fail(listed.error());
        }
        if (options.progress) {
            options.progress(QStringLiteral("building %1 indexes").arg(deferred->count()));
        }
        if (auto rebuilt = deferred->recreate(); !rebuilt) {
            return fail(rebuilt.error());
        }
    }
    if (replica) {
        // Lead priority scores follow fugitives, convictions and leads by triggers, which the load ran
        // without: computed in one pass, still without triggers (derived data, not audited row by row).
        if (options.progress) {
            options.progress(QStringLiteral("scoring lead priorities"));
        }
        if (auto scored = exec(QStringLiteral("SELECT field.refresh_priority_scores(NULL)")); !scored) {
            return fail(scored.error());
        }
        exec(QStringLiteral("SET LOCAL session_replication_role = origin"));
        // The search's narrow table follows the versions by triggers, which the load ran without.
        if (options.progress) {
            options.progress(QStringLiteral("indexing document text for search"));
        }
        if (auto indexed = exec(QStringLiteral("SELECT docs.rebuild_search_vectors()")); !indexed) {
            return fail(indexed.error());
        }
    }
    // Workload tallies: recounted in one pass (a bulk load ran without the triggers that keep them).
    if (options.progress) {
        options.progress(QStringLiteral("counting workload tallies"));
    }
    if (auto tallied = exec(QStringLiteral("SELECT legal.rebuild_workload()")); !tallied) {
        return fail(tallied.error());
    }
    report.cases = options.cases;
    report.leads = options.leads;
    report.fugitives = field.fugitivesCreated();
    report.documents = options.documents;
    report.projects = projects.projectsLoaded();
    report.timeEntries = projects.timeEntriesLoaded();
    report.rows = *caseRows + *fieldRows + *projectRows + *documentRows;

    const std::pair<const char*, qint64> used[] = {{"legal.case_number_seq", offsets.firstCaseNumber + report.cases - 1},
                                                   {"field.lead_number_seq", offsets.firstLeadNumber + report.leads - 1},
                                                   {"field.fugitive_number_seq", offsets.firstFugitiveNumber + report.fugitives - 1},
                                                   {"docs.document_number_seq", offsets.firstDocumentNumber + report.documents - 1},
                                                   {"legal.project_number_seq", offsets.firstProjectNumber + report.projects - 1}};
    for (std::size_t i = 0; i < std::size(used); ++i) {
        if (!reservations[i].wanted) {
            continue;
        }
        if (auto done = exec(QStringLiteral("SELECT setval('%1', %2)").arg(QLatin1StringView(used[i].first)).arg(used[i].second));
            !done) {
            return fail(done.error());
        }
    }
    report.seconds = double(timer.elapsed()) / 1000.0;
    QSqlQuery record(m_database);
    record.prepare(QStringLiteral("INSERT INTO public.ocms_seed_runs (seed, cases, fugitives, leads, documents, as_of, "
                                  "seconds, projects, time_entries) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& value : {QVariant(QString::number(options.seed)), QVariant(report.cases),
                                  QVariant(report.fugitives), QVariant(report.leads), QVariant(report.documents),
                                  QVariant(options.asOf), QVariant(report.seconds),
                                  QVariant(report.projects), QVariant(report.timeEntries)}) {
        record.addBindValue(value);
    }
    if (!record.exec()) {
        return fail(SqlErrorTranslator::translate(record.lastError()));
    }
    return report;
}

} // namespace ocms
