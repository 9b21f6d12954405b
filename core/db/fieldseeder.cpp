#include "fieldseeder.h"

#include "caseseeder.h"
#include "database.h"
#include "domain/humannumber.h"
#include "deterministicrandom.h"
#include "pgcopy.h"
#include "sqlerrortranslator.h"
#include "syntheticperson.h"
#include "syntheticvocabulary.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace ocms {

namespace {

constexpr qint64 kLeadsPerChunk = 20000;
constexpr std::uint64_t kFieldStream = 0xF1E1D;

QDateTime at(const QDate& date, int hour, int minute = 0)
{
    return QDateTime(date, QTime(hour, minute), QTimeZone::utc());
}

const char* kActivityTypes[] = {"address_check", "surveillance", "systems_check", "interview"};

} // namespace

FieldSeeder::FieldSeeder(QSqlDatabase database, const SeedOrganisation& organisation, const SeedOptions& options,
                         const SeedOffsets& offsets)
    : m_database(std::move(database)), m_organisation(organisation), m_options(options), m_offsets(offsets)
{
}

FieldSeeder::Chunk FieldSeeder::generate(qint64 firstFugitive, qint64 firstLead, qint64 leadsWanted) const
{
    Chunk chunk;
    const DeterministicRandom base(m_options.seed ^ kFieldStream);
    const QDate asOf = m_options.asOf;
    qint64 fugitiveIndex = firstFugitive;
    while (chunk.leadCount < leadsWanted) {
        const qint64 global = m_offsets.fugitiveIndex + fugitiveIndex;
        DeterministicRandom random = base.fork(std::uint64_t(global));
        const QUuid fugitiveId = random.uuid();
        SyntheticPerson person = SyntheticPerson::generate(random, asOf, 19, 75);
        // Fugitive A-Numbers live above the case range's stride so they do not collide with open cases.
        person.aNumber = CaseSeeder::aNumberFor(500000000 + global);
        person.ssn = random.chance(0.3) ? SyntheticPerson::randomSsn(random) : QString();
        const QDate finalOrder = asOf.addDays(-random.between(200, 6000));
        const QDateTime created = at(finalOrder.addDays(random.between(1, 120)), 10);
        person.writePerson(chunk.people, created);
        const int aliasCount = random.chance(0.45) ? random.between(1, 3) : 0;
        for (int a = 0; a < aliasCount; ++a) {
            person.writeAlias(chunk.aliases, random, QStringLiteral("system:eid"), created);
        }

        const double statusRoll = random.unit();
        const char* status = statusRoll < 0.68   ? "at_large"
                             : statusRoll < 0.80 ? "in_custody"
                             : statusRoll < 0.88 ? "removed"
                             : statusRoll < 0.91 ? "departed_voluntarily"
                             : statusRoll < 0.94 ? "adjusted_status"
                             : statusRoll < 0.98 ? "incarcerated"
                                                 : "closed";
        const bool arrested = qstrcmp(status, "in_custody") == 0 || qstrcmp(status, "removed") == 0;
        const bool criminal = random.chance(0.45);
        const int teamIndex = int(random.below(std::uint64_t(m_organisation.teams.size())));
        const auto& homeTeam = m_organisation.teams[teamIndex];
        const QDate arrestDate = arrested ? asOf.addDays(-random.between(1, 400)) : QDate();
        const QDate removedOn = qstrcmp(status, "removed") == 0 ? std::min(asOf, arrestDate.addDays(random.between(10, 90)))
                                                                 : QDate();

        chunk.fugitives.uuid(fugitiveId).timestamp(created)
            .text(HumanNumber::format(u"FUG", created, m_offsets.firstFugitiveNumber + fugitiveIndex))
            .uuid(person.id).text(status).text(arrested ? QStringLiteral("Arrested by fugitive operations team")
                                                        : QStringLiteral("Final order of removal; failed to depart"))
            .timestamp(arrested ? at(arrestDate, 7) : created)
            .number(criminal ? random.between(1, 3) : random.between(3, 5)).boolean(criminal)
            .optionalText(criminal && random.chance(0.1) ? random.pick(SyntheticVocabulary::gangs()) : QString())
            .date(std::min(asOf.addDays(-400), person.dateOfBirth.addYears(random.between(16, 30))))
            .text(random.chance(0.6) ? QStringLiteral("Without inspection") : QStringLiteral("Port of entry"))
            .text(QStringLiteral("INA 212(a)(6)(A)(i)")).text(random.chance(0.6) ? "EWI" : "B2")
            .text(random.chance(0.7) ? "final_order" : "failure_to_report")
            .uuid(homeTeam.officeId)
            .optionalText(random.chance(0.3) ? QStringLiteral("T%1").arg(random.below(100000000), 8, 10, QChar(u'0')) : QString())
            .date(arrestDate).date(finalOrder).date(removedOn)
            .optionalText(criminal ? QString::number(random.between(100000, 999999999)) : QString())
            .optionalText(criminal ? QString::number(random.between(1000000, 99999999)) : QString())
            .optionalText(criminal ? QStringLiteral("CA%1").arg(random.between(100000, 9999999)) : QString())
            .uuid(homeTeam.officeId);
        chunk.fugitives.endRow();
        if (criminal) {
            const int convictions = random.between(1, 3);
            for (int c = 0; c < convictions; ++c) {
                chunk.convictions.uuid(random.uuid()).uuid(fugitiveId)
                    .date(std::min(asOf.addDays(-30), person.dateOfBirth.addYears(18).addDays(random.between(0, 5000))))
                    .text(random.pick(SyntheticVocabulary::offenses())).text(QStringLiteral("State court"))
                    .timestamp(created);
                chunk.convictions.endRow();
            }
        }

        // Leads: each a possible address, routed to the team whose jurisdiction covers its ZIP.
        const int leads = int(std::min<qint64>(random.between(1, 4), leadsWanted - chunk.leadCount));
        for (int l = 0; l < leads; ++l) {
            const qint64 leadIndex = firstLead + chunk.leadCount;
            const QString zip = random.chance(0.8) && !homeTeam.zips.isEmpty() ? random.pick(homeTeam.zips)
                                                                              : random.pick(m_organisation.allZips);
            const auto& team = m_organisation.teams[m_organisation.teamOfZip.value(zip)];
            const auto& place = [&]() -> const SeedOrganisation::Office& {
                for (const auto& office : m_organisation.fieldOffices) {
                    if (office.id == team.officeId) {
                        return office;
                    }
                }
                return m_organisation.fieldOffices.first();
            }();
            const qsizetype sourceIndex = qsizetype(random.below(std::uint64_t(m_organisation.leadSources.size())));
            const bool commercial = m_organisation.leadSourceKinds[sourceIndex] == u"commercial";
            const QDateTime leadCreated = at(asOf.addDays(-random.between(0, 500)), 8 + int(random.below(9)));
            const bool closedLead = arrested ? l == 0 : random.chance(0.35);
            const QString leadStatus = closedLead ? QStringLiteral("closed")
                                       : random.chance(0.3) ? QStringLiteral("in_progress")
                                                            : QStringLiteral("assigned");
            const QUuid leadId = random.uuid();
            const bool officerAvailable = !team.officers.isEmpty();
            person.writeAddress(chunk.addresses, random, QStringLiteral("possible"), zip, place.city, place.state,
                                commercial ? QStringLiteral("system:commercial") : QStringLiteral("manual"), leadCreated);
            chunk.leads.uuid(leadId).timestamp(leadCreated)
                .text(HumanNumber::format(u"LEAD", leadCreated, m_offsets.firstLeadNumber + leadIndex))
                .uuid(fugitiveId).uuid(m_organisation.leadSources[sourceIndex])
                .optionalText(commercial ? QStringLiteral("Batch %1").arg(leadCreated.date().toString(Qt::ISODate)) : QString());
            if (commercial) {
                chunk.leads.decimal(double(random.between(2000, 9900)) / 100.0, 2);
            } else {
                chunk.leads.null();
            }
            chunk.leads.optionalUuid(officerAvailable ? team.officers.first() : QUuid())
                .text(QStringLiteral("%1 %2").arg(random.between(10, 9899)).arg(random.pick(SyntheticVocabulary::streetNames())))
                .text(place.city).text(place.state).text(zip).uuid(team.id).text("routing").timestamp(leadCreated)
                .text(leadStatus).number(criminal ? 1 + int(random.below(2)) : 3 + int(random.below(3)))
                .text(QStringLiteral("Possible address from %1.").arg(commercial ? QStringLiteral("commercial data")
                                                                                 : QStringLiteral("agency records")))
                .timestamp(closedLead ? leadCreated.addDays(random.between(1, 60)) : QDateTime())
                .optionalText(closedLead ? (arrested && l == 0 ? QStringLiteral("Subject arrested")
                                                               : QStringLiteral("Subject not at address"))
                                         : QString());
            chunk.leads.endRow();
            chunk.assignments.uuid(random.uuid()).uuid(leadId).null().uuid(team.id).timestamp(leadCreated)
                .text("routing").text(QStringLiteral("ZIP %1 jurisdiction").arg(zip));
            chunk.assignments.endRow();

            const int activities = random.between(0, 3);
            QDateTime when = leadCreated;
            for (int a = 0; a < activities && officerAvailable; ++a) {
                when = when.addSecs(3600 * random.between(4, 200));
                const qsizetype officer = qsizetype(random.below(std::uint64_t(team.officers.size())));
                chunk.activities.uuid(random.uuid()).uuid(leadId).uuid(fugitiveId)
                    .text(kActivityTypes[random.below(4)]).uuid(team.officers[officer]).text(team.officerNames[officer])
                    .text("Deportation Officer").uuid(team.officeId)
                    .text(place.city + QStringLiteral(", ") + place.state).null().timestamp(when)
                    .text(QStringLiteral("Checked address; no contact.")).timestamp(when);
                chunk.activities.endRow();
            }
            if (arrested && l == 0 && officerAvailable) {
                const QUuid activityId = random.uuid();
                const QDateTime arrestAt = at(arrestDate, 6, 15);
                chunk.activities.uuid(activityId).uuid(leadId).uuid(fugitiveId).text("arrest").uuid(team.officers.first())
                    .text(team.officerNames.first()).text("Deportation Officer").uuid(team.officeId)
                    .text(place.city + QStringLiteral(", ") + place.state).null().timestamp(arrestAt)
                    .text(QStringLiteral("Subject arrested without incident.")).timestamp(arrestAt);
                chunk.activities.endRow();
                chunk.arrests.uuid(random.uuid()).uuid(fugitiveId).uuid(leadId).uuid(activityId).timestamp(arrestAt)
                    .text(place.city + QStringLiteral(", ") + place.state).uuid(team.officeId).boolean(criminal)
                    .uuid(team.officers.first()).timestamp(arrestAt);
                chunk.arrests.endRow();
                if (removedOn.isValid()) {
                    chunk.removals.uuid(random.uuid()).uuid(fugitiveId).null().date(removedOn).uuid(team.officeId)
                        .boolean(criminal).text("system:seed").timestamp(at(removedOn, 12));
                    chunk.removals.endRow();
                }
            }
            // Encounters during operations: non-fugitives arrested, recorded for statistics only.
            if (random.chance(0.08)) {
                const QUuid nonFugitive = random.uuid();
                const QDate day = asOf.addDays(-random.between(1, 500));
                chunk.nonfugitiveArrests.uuid(nonFugitive)
                    .text(CaseSeeder::aNumberFor(700000000 + leadIndex))
                    .date(day).text(place.city + QStringLiteral(", ") + place.state).uuid(team.officeId)
                    .boolean(random.chance(0.3)).timestamp(at(day, 9));
                chunk.nonfugitiveArrests.endRow();
                if (random.chance(0.5)) {
                    chunk.removals.uuid(random.uuid()).null().uuid(nonFugitive)
                        .date(std::min(asOf, day.addDays(random.between(5, 60)))).uuid(team.officeId)
                        .boolean(random.chance(0.3)).text("system:seed").timestamp(at(day, 12));
                    chunk.removals.endRow();
                }
            }
            ++chunk.leadCount;
        }
        ++fugitiveIndex;
        ++chunk.fugitiveCount;
    }
    return chunk;
}

Result<qint64> FieldSeeder::load(const Chunk& chunk)
{
    PgCopy copy(Database::pgHandle(m_database));
    const std::pair<const char*, const CopyBuffer*> tables[] = {
        {SyntheticPerson::kPeopleColumns, &chunk.people},
        {SyntheticPerson::kAliasColumns, &chunk.aliases},
        {SyntheticPerson::kAddressColumns, &chunk.addresses},
        {"COPY field.fugitives (id, created_at, fugitive_number, person_id, status, status_reason, status_changed_at, "
         "priority, criminal, gang_affiliation, last_entry_on, last_entry_place, removal_charges, entry_class, "
         "removal_case_category, docket_office_id, tecs_number, custody_on, final_order_on, removed_on, fbi_number, "
         "fin, sid, office_id) FROM STDIN",
         &chunk.fugitives},
        {"COPY field.convictions (id, fugitive_id, convicted_on, offense, jurisdiction, created_at) FROM STDIN",
         &chunk.convictions},
        {"COPY field.leads (id, created_at, lead_number, fugitive_id, source_id, source_detail, relevance_score, "
         "poc_user_id, address_line1, address_city, address_state, address_zip, team_id, assigned_by, assigned_at, "
         "status, priority, notes, closed_at, close_reason) FROM STDIN",
         &chunk.leads},
        {"COPY field.lead_assignments (id, lead_id, from_team_id, to_team_id, assigned_at, assigned_by, reason) FROM STDIN",
         &chunk.assignments},
        {"COPY field.activities (id, lead_id, fugitive_id, activity_type, officer_id, officer_name, officer_title, "
         "officer_office_id, location, operation_id, occurred_at, notes, created_at) FROM STDIN",
         &chunk.activities},
        {"COPY field.arrests (id, fugitive_id, lead_id, activity_id, arrested_at, place, office_id, criminal, officer_id, "
         "created_at) FROM STDIN",
         &chunk.arrests},
        {"COPY field.nonfugitive_arrests (id, a_number, arrested_on, place, office_id, criminal, created_at) FROM STDIN",
         &chunk.nonfugitiveArrests},
        {"COPY field.removals (id, fugitive_id, nonfugitive_arrest_id, removed_on, office_id, criminal, source, "
         "created_at) FROM STDIN",
         &chunk.removals},
    };
    qint64 rows = 0;
    for (const auto& [statement, buffer] : tables) {
        // With triggers on, the server writes the routing history of every lead it is given (migration
        // 0025); only a load without triggers (replica) writes its own.
        if (buffer->isEmpty() || (buffer == &chunk.assignments && m_serverWritesHistory)) {
            continue;
        }
        auto loaded = copy.load(QByteArray(statement), *buffer);
        if (!loaded) {
            return fail(loaded.error());
        }
        rows += *loaded;
    }
    return rows;
}

Result<qint64> FieldSeeder::run()
{
    QSqlQuery role(m_database);
    if (!role.exec(QStringLiteral("SELECT current_setting('session_replication_role') <> 'replica'")) || !role.next()) {
        return fail(SqlErrorTranslator::translate(role.lastError()));
    }
    m_serverWritesHistory = role.value(0).toBool();
    qint64 rows = 0;
    qint64 leadsDone = 0;
    while (leadsDone < m_options.leads) {
        const qint64 wanted = std::min(kLeadsPerChunk, m_options.leads - leadsDone);
        const Chunk chunk = generate(m_fugitives, leadsDone, wanted);
        auto loaded = load(chunk);
        if (!loaded) {
            return fail(loaded.error());
        }
        rows += *loaded;
        leadsDone += chunk.leadCount;
        m_fugitives += chunk.fugitiveCount;
        if (m_options.progress) {
            m_options.progress(QStringLiteral("leads: %1 of %2").arg(leadsDone).arg(m_options.leads));
        }
    }
    return rows;
}

} // namespace ocms
