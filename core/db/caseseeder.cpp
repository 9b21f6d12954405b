#include "caseseeder.h"

#include "database.h"
#include "domain/humannumber.h"
#include "deterministicrandom.h"
#include "pgcopy.h"
#include "syntheticperson.h"
#include "syntheticvocabulary.h"

#include <QFuture>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>

namespace ocms {

namespace {

constexpr qint64 kChunkSize = 25000;
constexpr std::uint64_t kCaseStream = 0xCA5E;

QDateTime at(const QDate& date, int hour, int minute = 0)
{
    return QDateTime(date, QTime(hour, minute), QTimeZone::utc());
}

QDate weekday(QDate date)
{
    while (date.dayOfWeek() > 5) {
        date = date.addDays(1);
    }
    return date;
}

struct CaseKind
{
    const char* type;
    const char* forum;
    const char* division;
    double weight;
};

constexpr CaseKind kImmigrationKinds[] = {
    {"removal", "immigration_court", "ILP", 0.70},        {"bond", "immigration_court", "ILP", 0.10},
    {"appeal", "bia", "ILP", 0.10},                        {"motion_to_reopen", "immigration_court", "ILP", 0.07},
    {"credible_fear_review", "immigration_court", "ILP", 0.03},
};
constexpr CaseKind kOtherKinds[] = {
    {"tort", "federal_district", "CALD", 0.30},     {"foia", "federal_district", "CALD", 0.15},
    {"privacy_act", "federal_district", "CALD", 0.05}, {"contract", "administrative", "CALD", 0.10},
    {"employment", "federal_district", "LEL", 0.10}, {"eeo", "administrative", "LEL", 0.15},
    {"mspb", "administrative", "LEL", 0.10},         {"other_litigation", "federal_appeals", "DCLD", 0.05},
};

template <std::size_t N>
const CaseKind& pickKind(DeterministicRandom& random, const CaseKind (&kinds)[N])
{
    double roll = random.unit();
    for (const CaseKind& kind : kinds) {
        roll -= kind.weight;
        if (roll <= 0) {
            return kind;
        }
    }
    return kinds[0];
}

const QStringList& immigrationDispositions()
{
    static const QStringList list = {QStringLiteral("Removal ordered"), QStringLiteral("Relief granted"),
                                     QStringLiteral("Proceedings terminated"), QStringLiteral("Voluntary departure granted"),
                                     QStringLiteral("Administratively closed")};
    return list;
}

const QStringList& otherDispositions()
{
    static const QStringList list = {QStringLiteral("Settled"), QStringLiteral("Dismissed"),
                                     QStringLiteral("Judgment for the government"), QStringLiteral("Judgment for the plaintiff"),
                                     QStringLiteral("Withdrawn")};
    return list;
}

} // namespace

qint64 CaseSeeder::Chunk::rowCount() const
{
    return people.rowCount() + aliases.rowCount() + addresses.rowCount() + phones.rowCount() + cases.rowCount() +
           casePeople.rowCount() + caseStaff.rowCount() + hearings.rowCount() + deadlines.rowCount() +
           notes.rowCount() + events.rowCount();
}

CaseSeeder::CaseSeeder(QSqlDatabase database, const SeedOrganisation& organisation, const SeedOptions& options,
                       const SeedOffsets& offsets)
    : m_database(std::move(database)), m_organisation(organisation), m_options(options), m_offsets(offsets)
{
}

QUuid CaseSeeder::caseId(std::uint64_t seed, qint64 globalIndex)
{
    return DeterministicRandom(seed ^ kCaseStream).fork(std::uint64_t(globalIndex)).uuid();
}

QString CaseSeeder::aNumberFor(qint64 globalIndex)
{
    // A bijection of the index onto 100000000..899999999 (3^18 is coprime to 8·10^8): unique, scattered.
    const qint64 value = 100000000 + (globalIndex * 387420489LL + 12345) % 800000000LL;
    return QString::number(value);
}

CaseSeeder::Chunk CaseSeeder::generate(qint64 first, qint64 count) const
{
    Chunk chunk;
    const DeterministicRandom base(m_options.seed ^ kCaseStream);
    const QDate asOf = m_options.asOf;
    const auto& offices = m_organisation.counselOffices;
    const auto& courts = SyntheticVocabulary::immigrationCourts();

    for (qint64 i = first; i < first + count; ++i) {
        const qint64 global = m_offsets.caseIndex + i;
        DeterministicRandom random = base.fork(std::uint64_t(global));
        const QUuid id = random.uuid(); // first draw: caseId() recomputes it
        const bool immigration = random.chance(0.88);
        const CaseKind& kind = immigration ? pickKind(random, kImmigrationKinds) : pickKind(random, kOtherKinds);
        const qsizetype officeIndex = qsizetype(random.below(std::uint64_t(offices.size())));
        const auto& office = offices[officeIndex];

        // Recent years dominate: squaring a uniform draw skews ages toward today.
        const double age = random.unit();
        const QDate opened = asOf.addDays(-qint64(age * age * 15 * 365) - 1);
        const QDateTime created = at(opened, 9 + int(random.below(8)), int(random.below(60)));
        const double statusRoll = random.unit();
        QString status = statusRoll < 0.55 ? QStringLiteral("open")
                         : statusRoll < 0.63 ? QStringLiteral("pending_appeal")
                         : statusRoll < 0.98 ? QStringLiteral("closed")
                                             : QStringLiteral("reopened");
        QDate closed;
        if (status == u"closed") {
            closed = std::min(asOf, opened.addDays(random.between(30, 1500)));
        }

        SyntheticPerson subject = SyntheticPerson::generate(random, asOf, 18, 80);
        if (immigration) {
            subject.aNumber = aNumberFor(global);
            subject.ssn = random.chance(0.08) ? SyntheticPerson::randomSsn(random) : QString();
        } else {
            subject.ssn = random.chance(0.5) ? SyntheticPerson::randomSsn(random) : QString();
        }
        subject.writePerson(chunk.people, created);
        if (random.chance(immigration ? 0.32 : 0.05)) {
            subject.writeAlias(chunk.aliases, random, immigration ? QStringLiteral("system:eoir") : QStringLiteral("manual"),
                               created);
        }
        const QString zip = office.zipPrefix + QStringLiteral("%1").arg(random.between(1, 99), 2, 10, QChar(u'0'));
        subject.writeAddress(chunk.addresses, random, QStringLiteral("residence"), zip, office.city, office.state,
                             QStringLiteral("manual"), created);
        if (random.chance(0.5)) {
            subject.writePhone(chunk.phones, random, created);
        }

        QString division = QString::fromLatin1(kind.division);
        const bool nationalSecurity = immigration && random.chance(0.02);
        if (nationalSecurity) {
            division = QStringLiteral("NSLS");
        }
        QString disposition;
        QDate dispositionOn;
        QString appealDisposition;
        if (status == u"closed" || status == u"pending_appeal" || status == u"reopened") {
            disposition = random.pick(immigration ? immigrationDispositions() : otherDispositions());
            dispositionOn = closed.isValid() ? closed : std::min(asOf, opened.addDays(random.between(60, 900)));
        }
        if (status == u"pending_appeal" && random.chance(0.2)) {
            appealDisposition = QStringLiteral("Remanded");
        }
        QString title;
        QString court;
        if (immigration) {
            title = QStringLiteral("Matter of %1").arg(subject.displayName());
            court = kind.forum == std::string_view("bia") ? QStringLiteral("Board of Immigration Appeals")
                                                          : courts[officeIndex % courts.size()];
        } else {
            title = QStringLiteral("%1 %2 v. ICE").arg(subject.givenName, subject.familyName);
            court = kind.forum == std::string_view("administrative") ? QStringLiteral("Administrative forum")
                                                                     : QStringLiteral("U.S. District Court, %1").arg(office.city);
        }
        const bool tort = kind.type == std::string_view("tort");
        const QDate incident = tort ? opened.addDays(-random.between(30, 700)) : QDate();
        QDateTime lastAction = created;

        // Hearings: past ones between opening and today, and one ahead for cases still open.
        const int pastHearings = immigration ? random.between(0, 3) : random.between(0, 1);
        for (int h = 0; h < pastHearings; ++h) {
            const QDate day = weekday(random.dateBetween(opened, std::max(opened, asOf.addDays(-1))));
            const QDateTime when = at(day, 8 + int(random.below(8)), random.chance(0.5) ? 0 : 30);
            chunk.hearings.uuid(random.uuid()).uuid(id)
                .text(immigration ? (h == 0 ? "master_calendar" : "individual") : "trial")
                .timestamp(when).text(court)
                .text(QStringLiteral("Courtroom %1").arg(random.between(1, 12)))
                .text(immigration ? random.pick(SyntheticVocabulary::judgeNames()) : QStringLiteral("Hon. District Judge"))
                .text(QStringLiteral("Held")).timestamp(created);
            chunk.hearings.endRow();
            lastAction = std::max(lastAction, when);
        }
        if (status != u"closed" && (immigration || random.chance(0.4))) {
            const QDate day = weekday(asOf.addDays(random.between(0, 120)));
            chunk.hearings.uuid(random.uuid()).uuid(id)
                .text(immigration ? (random.chance(0.6) ? "master_calendar" : "individual") : "status")
                .timestamp(at(day, 8 + int(random.below(8)), random.chance(0.5) ? 0 : 30)).text(court)
                .text(QStringLiteral("Courtroom %1").arg(random.between(1, 12)))
                .text(immigration ? random.pick(SyntheticVocabulary::judgeNames()) : QStringLiteral("Hon. District Judge"))
                .null().timestamp(created);
            chunk.hearings.endRow();
        }
        if (closed.isValid()) {
            lastAction = std::max(lastAction, at(closed, 17));
        }

        chunk.cases.uuid(id).timestamp(created)
            .text(HumanNumber::format(u"CASE", created, m_offsets.firstCaseNumber + i))
            .text(immigration ? "immigration" : "non_immigration").text(kind.type).text(kind.forum).text(court)
            .optionalText(subject.aNumber).text(title).text(status)
            .uuid(office.id).uuid(m_organisation.divisions.value(division))
            .date(opened).date(closed).timestamp(lastAction);
        if (immigration) {
            chunk.cases.text(status == u"closed" && disposition == u"Removal ordered" ? QStringLiteral("removed")
                             : random.chance(0.25) ? QStringLiteral("detained") : QStringLiteral("not_detained"));
        } else {
            chunk.cases.null();
        }
        chunk.cases.boolean(nationalSecurity)
            .optionalText(disposition).date(dispositionOn).optionalText(appealDisposition);
        if (tort) {
            chunk.cases.decimal(double(random.between(2000, 900000)), 2).date(incident)
                .text(QStringLiteral("Collision with a government vehicle; claimant reports injuries."));
        } else {
            chunk.cases.null().null().null();
        }
        chunk.cases.date(!immigration && closed.isValid() ? closed : QDate()).timestamp(lastAction);
        chunk.cases.endRow();

        chunk.casePeople.uuid(id).uuid(subject.id)
            .text(immigration ? "respondent" : (tort ? "claimant" : "litigant")).timestamp(created);
        chunk.casePeople.endRow();
        if (immigration && random.chance(0.4) && !m_organisation.defenseAttorneys.isEmpty()) {
            chunk.casePeople.uuid(id).uuid(random.pick(m_organisation.defenseAttorneys))
                .text("defense_attorney").timestamp(created);
            chunk.casePeople.endRow();
        }
        if (!office.attorneys.isEmpty()) {
            chunk.caseStaff.uuid(id).uuid(random.pick(office.attorneys)).text("attorney").timestamp(created);
            chunk.caseStaff.endRow();
        }
        if (!office.support.isEmpty() && random.chance(0.3)) {
            chunk.caseStaff.uuid(id).uuid(random.pick(office.support)).text("support").timestamp(created);
            chunk.caseStaff.endRow();
        }
        if (status != u"closed") {
            const int deadlines = random.between(0, 2);
            for (int d = 0; d < deadlines; ++d) {
                const QDate due = asOf.addDays(random.between(-10, 60));
                const bool done = due < asOf && random.chance(0.8);
                chunk.deadlines.uuid(random.uuid()).uuid(id)
                    .text(random.chance(0.5) ? "pleading" : "motion")
                    .text(random.chance(0.5) ? QStringLiteral("Written pleadings due") : QStringLiteral("Response to motion due"))
                    .date(due).timestamp(done ? at(due, 12) : QDateTime()).timestamp(created);
                chunk.deadlines.endRow();
            }
        }
        if (random.chance(0.2)) {
            chunk.notes.uuid(random.uuid()).uuid(id).text("pre_trial")
                .text(random.pick(SyntheticVocabulary::legalSentences())).timestamp(created);
            chunk.notes.endRow();
        }
        chunk.events.uuid(random.uuid()).uuid(id).text("opened").null().timestamp(created)
            .text(QStringLiteral("Case opened")).text("system:seed").timestamp(created);
        chunk.events.endRow();
        if (!disposition.isEmpty()) {
            chunk.events.uuid(random.uuid()).uuid(id).text("disposition").text("initial").timestamp(at(dispositionOn, 16))
                .text(disposition).text("system:seed").timestamp(created);
            chunk.events.endRow();
        }
    }
    return chunk;
}

Result<qint64> CaseSeeder::load(const Chunk& chunk)
{
    PgCopy copy(Database::pgHandle(m_database));
    const std::pair<const char*, const CopyBuffer*> tables[] = {
        {SyntheticPerson::kPeopleColumns, &chunk.people},
        {SyntheticPerson::kAliasColumns, &chunk.aliases},
        {SyntheticPerson::kAddressColumns, &chunk.addresses},
        {SyntheticPerson::kPhoneColumns, &chunk.phones},
        {"COPY legal.cases (id, created_at, case_number, category, case_type, forum, court_name, a_number, title, "
         "status, office_id, division_id, opened_on, closed_on, last_action_at, custody_status, national_security_flag, "
         "initial_disposition, initial_disposition_on, appeal_disposition, claim_amount, incident_on, incident_summary, "
         "judgment_on, updated_at) FROM STDIN",
         &chunk.cases},
        {"COPY legal.case_people (case_id, person_id, role, created_at) FROM STDIN", &chunk.casePeople},
        {"COPY legal.case_staff (case_id, user_id, role, assigned_at) FROM STDIN", &chunk.caseStaff},
        {"COPY legal.hearings (id, case_id, hearing_type, scheduled_at, location, courtroom, judge_name, outcome, "
         "created_at) FROM STDIN",
         &chunk.hearings},
        {"COPY legal.deadlines (id, case_id, kind, title, due_on, completed_at, created_at) FROM STDIN", &chunk.deadlines},
        {"COPY legal.notes (id, case_id, phase, body, created_at) FROM STDIN", &chunk.notes},
        {"COPY legal.case_events (id, case_id, event_type, level, occurred_at, summary, source, created_at) FROM STDIN",
         &chunk.events},
    };
    qint64 rows = 0;
    for (const auto& [statement, buffer] : tables) {
        if (buffer->isEmpty()) {
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

Result<qint64> CaseSeeder::run()
{
    const qint64 total = m_options.cases;
    qint64 rows = 0;
    if (total <= 0) {
        return rows;
    }
    // Generate chunk n+1 on a worker while the server ingests chunk n: both cores stay busy.
    QFuture<Chunk> next = QtConcurrent::run([this, total] { return generate(0, std::min(kChunkSize, total)); });
    for (qint64 first = 0; first < total; first += kChunkSize) {
        Chunk chunk = next.result();
        const qint64 following = first + kChunkSize;
        if (following < total) {
            next = QtConcurrent::run([this, following, total] {
                return generate(following, std::min(kChunkSize, total - following));
            });
        }
        auto loaded = load(chunk);
        if (!loaded) {
            if (following < total) {
                next.waitForFinished();
            }
            return fail(loaded.error());
        }
        rows += *loaded;
        if (m_options.progress) {
            m_options.progress(QStringLiteral("cases: %1 of %2").arg(std::min(following, total)).arg(total));
        }
    }
    return rows;
}

} // namespace ocms
