#include "projectseeder.h"

#include "database.h"
#include "deterministicrandom.h"
#include "domain/humannumber.h"
#include "pgcopy.h"
#include "sqlerrortranslator.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace ocms {

namespace {

constexpr std::uint64_t kProjectStream = 0x9A07;
constexpr std::uint64_t kTimeStream = 0x71AE;
constexpr qint64 kChunkSize = 100000;
constexpr int kMaxQuartersPerDay = 40; // ten hours

struct ProjectKind
{
    const char* type;
    double weight;
    const char* titles[4];
};

constexpr ProjectKind kKinds[] = {
    {"legal_advice", 0.30, {"Advice on detention standards", "Advice on parole authority", "Advice on information sharing",
                            "Advice on use-of-force policy"}},
    {"policy_review", 0.15, {"Review of field guidance", "Review of records policy", "Review of training curriculum",
                             "Review of interagency agreement"}},
    {"budget", 0.08, {"Budget justification", "Appropriations question", "Reprogramming request", "Spend plan review"}},
    {"tasking", 0.20, {"Headquarters tasking", "Data call", "Briefing paper", "Inspection response"}},
    {"congressional_inquiry", 0.10, {"Congressional letter", "Hearing preparation", "Question for the record",
                                     "Constituent inquiry"}},
    {"ethics", 0.07, {"Ethics opinion", "Financial disclosure review", "Outside activity request", "Gift question"}},
    {"regulatory", 0.05, {"Proposed rule comments", "Regulatory impact review", "Federal Register notice", "Rule drafting"}},
    {"legislation", 0.05, {"Draft testimony", "Technical assistance on a bill", "Legislative proposal", "Bill analysis"}},
};

const char* const kClientOffices[] = {"ERO Field Operations", "HSI Investigations", "Office of Congressional Relations",
                                      "Budget Office", "Office of Professional Responsibility", "Policy Office",
                                      "Detention Management", "Office of Public Affairs", "Human Capital", "Procurement"};
const char* const kTaskTitles[] = {"Gather facts",       "Research the law",  "Draft memorandum",   "Coordinate with client",
                                   "Supervisor review",  "Revise draft",      "Prepare briefing",   "Send final response"};
const char* const kEventTitles[] = {"Kick-off meeting", "Client briefing", "Due to headquarters", "Congressional deadline"};

struct StaffMember
{
    QUuid id;
    int index; // for the per-day hour budget
    bool attorney;
};

// Staff of one office in one division: a project's people all come from one group.
struct StaffGroup
{
    QUuid officeId;
    QUuid divisionId;
    QList<StaffMember> attorneys;
    QList<StaffMember> support;
};

struct SeededProject
{
    QUuid id;
    QList<StaffMember> staff;
    QDate opened;
    QDate closed; // invalid while open
};

const ProjectKind& pickKind(DeterministicRandom& random)
{
    double roll = random.unit();
    for (const ProjectKind& kind : kKinds) {
        roll -= kind.weight;
        if (roll <= 0) {
            return kind;
        }
    }
    return kKinds[0];
}

QDateTime at(const QDate& date, int hour)
{
    return QDateTime(date, QTime(hour, 0), QTimeZone::utc());
}

// Hours per person per day, in quarter hours: an entry that would pass the day's cap moves to another day.
class HourBudget
{
public:
    bool take(int person, const QDate& day, int quarters)
    {
        int& used = m_used[(quint64(quint32(person)) << 32) | quint32(day.toJulianDay())];
        if (used + quarters > kMaxQuartersPerDay) {
            return false;
        }
        used += quarters;
        return true;
    }

private:
    QHash<quint64, int> m_used;
};

} // namespace

Result<qint64> ProjectSeeder::run()
{
    const qint64 projectTotal = m_options.projectCount();
    const qint64 entryTotal = m_options.timeEntryCount();
    if (projectTotal <= 0 && entryTotal <= 0) {
        return qint64(0);
    }
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT u.id, u.office_id, d.division_id, u.login LIKE 'atty.%' FROM core.users u "
                                   "JOIN core.user_divisions d ON d.user_id = u.id "
                                   "WHERE (u.login LIKE 'atty.%' OR u.login LIKE 'supp.%') AND u.office_id IS NOT NULL "
                                   "ORDER BY u.login, d.division_id"))) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    QList<StaffGroup> groups;
    QHash<QString, int> groupIndex;
    QHash<QUuid, int> personIndex;
    while (query.next()) {
        const QUuid user = query.value(0).toUuid();
        const QString key = query.value(1).toString() + query.value(2).toString();
        auto it = groupIndex.find(key);
        if (it == groupIndex.end()) {
            it = groupIndex.insert(key, int(groups.size()));
            groups.append({query.value(1).toUuid(), query.value(2).toUuid(), {}, {}});
        }
        const int index = personIndex.value(user, int(personIndex.size()));
        personIndex.insert(user, index);
        StaffMember member{user, index, query.value(3).toBool()};
        (member.attorney ? groups[*it].attorneys : groups[*it].support).append(member);
    }
    groups.removeIf([](const StaffGroup& group) { return group.attorneys.isEmpty(); });
    if (groups.isEmpty()) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("There are no legal staff to give projects to."), {}});
    }

    const QDate asOf = m_options.asOf;
    PgCopy copy(Database::pgHandle(m_database));
    qint64 rows = 0;
    const auto load = [&](const char* statement, CopyBuffer& buffer) -> Result<void> {
        if (buffer.isEmpty()) {
            return {};
        }
        auto loaded = copy.load(QByteArray(statement), buffer);
        if (!loaded) {
            return fail(loaded.error());
        }
        rows += *loaded;
        buffer.clear();
        return {};
    };

    QList<SeededProject> projects;
    projects.reserve(projectTotal);
    CopyBuffer projectRows, assignmentRows, taskRows, historyRows, eventRows;
    const DeterministicRandom projectStream(m_options.seed ^ kProjectStream);
    const auto flushProjects = [&]() -> Result<void> {
        for (auto [statement, buffer] :
             {std::pair{"COPY legal.projects (id, created_at, project_number, project_type, title, description, client_office, "
                        "office_id, division_id, status, retention_category, opened_on, closed_on, immigration_matter, "
                        "created_by, updated_at) FROM STDIN",
                        &projectRows},
              std::pair{"COPY legal.project_assignments (project_id, user_id, role, assigned_at) FROM STDIN", &assignmentRows},
              std::pair{"COPY legal.tasks (id, project_id, title, assignee_id, due_on, status, depends_on_id, completed_at, "
                        "created_at, updated_at) FROM STDIN",
                        &taskRows},
              std::pair{"COPY legal.project_events (id, project_id, title, occurs_at, notes, created_at) FROM STDIN", &eventRows},
              std::pair{"COPY legal.project_history (id, project_id, occurred_at, actor_id, action, detail) FROM STDIN",
                        &historyRows}}) {
            if (auto done = load(statement, *buffer); !done) {
                return done;
            }
        }
        return {};
    };
    for (qint64 n = 0; n < projectTotal; ++n) {
        const qint64 global = m_offsets.projectIndex + n;
        DeterministicRandom random = projectStream.fork(std::uint64_t(global));
        const QUuid id = random.uuid();
        const StaffGroup& group = groups[qsizetype(random.below(std::uint64_t(groups.size())))];
        const bool tracking = random.chance(0.03);
        const ProjectKind& kind = tracking ? kKinds[0] : pickKind(random);
        const double age = random.unit();
        const QDate opened = asOf.addDays(-qint64(age * age * 4 * 365) - 1);
        const double outcome = random.unit();
        const QString status = outcome < 0.45 ? QStringLiteral("open") : outcome < 0.5 ? QStringLiteral("on_hold") : QStringLiteral("closed");
        const bool closed = status == u"closed";
        const QDate closedOn = closed ? std::min(asOf, opened.addDays(random.between(7, 240))) : QDate();
        const StaffMember lead = random.pick(group.attorneys);
        SeededProject project{id, {lead}, opened, closedOn};
        for (int extra = random.between(0, 2); extra > 0 && group.attorneys.size() > 1; --extra) {
            const StaffMember& colleague = random.pick(group.attorneys);
            if (!std::any_of(project.staff.begin(), project.staff.end(), [&](const StaffMember& m) { return m.id == colleague.id; })) {
                project.staff.append(colleague);
            }
        }
        if (!group.support.isEmpty() && random.chance(0.6)) {
            project.staff.append(random.pick(group.support));
        }
        const QDateTime created = at(opened, 10);
        const QString title = tracking ? QStringLiteral("Tracking: respondent awaiting A-Number (%1)").arg(global + 1)
                                       : QStringLiteral("%1 %2").arg(QString::fromLatin1(kind.titles[random.below(4)])).arg(global + 1);
        projectRows.uuid(id).timestamp(created)
            .text(HumanNumber::format(u"PRJ", created, m_offsets.firstProjectNumber + n))
            .text(tracking ? "immigration_tracking" : kind.type).text(title)
            .text(QStringLiteral("Synthetic project for %1.").arg(QString::fromLatin1(kClientOffices[random.below(std::size(kClientOffices))])))
            .text(kClientOffices[random.below(std::size(kClientOffices))])
            .uuid(group.officeId).uuid(group.divisionId).text(status)
            .text("informal_advice").date(opened).date(closedOn).boolean(tracking)
            .uuid(lead.id).timestamp(closed ? at(closedOn, 16) : created);
        projectRows.endRow();
        for (const StaffMember& member : project.staff) {
            assignmentRows.uuid(id).uuid(member.id)
                .text(member.id == lead.id ? "lead" : member.attorney ? "attorney" : "support").timestamp(created);
            assignmentRows.endRow();
        }
        historyRows.uuid(random.uuid()).uuid(id).timestamp(created).uuid(lead.id).text("created")
            .text(QStringLiteral("Project opened: %1 (%2)").arg(title, QString::fromLatin1(kind.type)));
        historyRows.endRow();
        if (closed) {
            historyRows.uuid(random.uuid()).uuid(id).timestamp(at(closedOn, 16)).uuid(lead.id).text("status_changed")
                .text("Status: open → closed");
            historyRows.endRow();
        }
        // Tasks in order; some wait for the one before. A done task's predecessor is done too.
        QUuid previous;
        bool previousDone = true;
        const int taskCount = random.between(0, 4);
        for (int t = 0; t < taskCount; ++t) {
            const QUuid taskId = random.uuid();
            const QDate due = opened.addDays(random.between(5, 90));
            const bool waits = !previous.isNull() && random.chance(0.4);
            const bool done = closed || (due < asOf && random.chance(0.7) && (!waits || previousDone));
            const QString taskStatus = done ? QStringLiteral("done") : random.chance(0.3) ? QStringLiteral("in_progress") : QStringLiteral("open");
            const QDateTime completed = done ? at(std::min(asOf, closed ? closedOn : due), 15) : QDateTime();
            taskRows.uuid(taskId).uuid(id).text(kTaskTitles[random.below(std::size(kTaskTitles))])
                .uuid(random.pick(project.staff).id).date(due).text(taskStatus)
                .optionalUuid(waits ? previous : QUuid()).timestamp(completed).timestamp(created).timestamp(done ? completed : created);
            taskRows.endRow();
            previous = taskId;
            previousDone = done;
        }
        if (random.chance(0.2)) {
            eventRows.uuid(random.uuid()).uuid(id).text(kEventTitles[random.below(std::size(kEventTitles))])
                .timestamp(at(opened.addDays(random.between(3, 60)), random.between(9, 16))).null().timestamp(created);
            eventRows.endRow();
        }
        projects.append(std::move(project));
        ++m_projects;
        if (projectRows.rowCount() >= kChunkSize / 4) {
            if (auto done = flushProjects(); !done) {
                return fail(done.error());
            }
            if (m_options.progress) {
                m_options.progress(QStringLiteral("projects: %1 of %2").arg(n + 1).arg(projectTotal));
            }
        }
    }
    if (auto done = flushProjects(); !done) {
        return fail(done.error());
    }

    if (entryTotal <= 0) {
        return rows;
    }
    // Time on cases goes to the staff working them: a sample of the staffing, deterministic in its order.
    QList<std::pair<QUuid, StaffMember>> caseWork;
    if (!query.exec(QStringLiteral("SELECT case_id, user_id FROM legal.case_staff ORDER BY case_id, user_id LIMIT 200000"))) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    while (query.next()) {
        const QUuid user = query.value(1).toUuid();
        const auto it = personIndex.constFind(user);
        if (it != personIndex.cend()) {
            caseWork.append({query.value(0).toUuid(), StaffMember{user, *it, true}});
        }
    }
    HourBudget budget;
    CopyBuffer entryRows;
    const DeterministicRandom timeStream(m_options.seed ^ kTimeStream);
    const char* const kProjectNotes[] = {"Research", "Drafting", "Meeting with client", "Review", "Coordination"};
    const char* const kCaseNotes[] = {"Hearing preparation", "Brief writing", "Case review", "Court appearance", "Client contact"};
    for (qint64 n = 0; n < entryTotal; ++n) {
        DeterministicRandom random = timeStream.fork(std::uint64_t(m_offsets.projectIndex * 20 + n));
        const bool onProject = caseWork.isEmpty() || (!projects.isEmpty() && random.chance(0.4));
        if (onProject && projects.isEmpty()) {
            break;
        }
        QUuid caseId;
        QUuid projectId;
        StaffMember who;
        QDate first = asOf.addDays(-730);
        QDate last = asOf;
        if (onProject) {
            const SeededProject& project = projects[qsizetype(random.below(std::uint64_t(projects.size())))];
            projectId = project.id;
            who = random.pick(project.staff);
            first = std::max(first, project.opened);
            last = project.closed.isValid() ? project.closed : asOf;
        } else {
            const auto& work = caseWork[qsizetype(random.below(std::uint64_t(caseWork.size())))];
            caseId = work.first;
            who = work.second;
        }
        if (first > last) {
            first = last;
        }
        const int quarters = random.between(1, 12);
        QDate day = random.dateBetween(first, last);
        int tries = 0;
        while ((day.dayOfWeek() > 5 || !budget.take(who.index, day, quarters)) && tries < 14) {
            day = day.addDays(day > first ? -1 : 1);
            ++tries;
        }
        if (tries == 14) {
            continue; // this person is fully booked around that day
        }
        entryRows.uuid(random.uuid()).uuid(who.id).optionalUuid(caseId).optionalUuid(projectId).date(day)
            .decimal(quarters / 4.0, 2).text(onProject ? kProjectNotes[random.below(5)] : kCaseNotes[random.below(5)])
            .timestamp(at(day, 17)).timestamp(at(day, 17));
        entryRows.endRow();
        ++m_timeEntries;
        if (entryRows.rowCount() >= kChunkSize) {
            if (auto done = load("COPY legal.time_entries (id, user_id, case_id, project_id, work_date, hours, note, created_at, "
                                 "updated_at) FROM STDIN",
                                 entryRows);
                !done) {
                return fail(done.error());
            }
            if (m_options.progress) {
                m_options.progress(QStringLiteral("time entries: %1 of %2").arg(n + 1).arg(entryTotal));
            }
        }
    }
    if (auto done = load("COPY legal.time_entries (id, user_id, case_id, project_id, work_date, hours, note, created_at, "
                         "updated_at) FROM STDIN",
                         entryRows);
        !done) {
        return fail(done.error());
    }
    return rows;
}

} // namespace ocms
