#include "organisationseeder.h"

#include "deterministicrandom.h"
#include "sqlerrortranslator.h"
#include "syntheticvocabulary.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace ocms {

namespace {

struct DivisionSpec
{
    const char* code;
    const char* name;
};

constexpr DivisionSpec kDivisions[] = {
    {"ILP", "Immigration Law and Practice"},
    {"NSLS", "National Security Law Section"},
    {"CALD", "Commercial and Administrative Law"},
    {"LEL", "Labor and Employment Law"},
    {"DCLD", "District Court Litigation"},
    {"ETHICS", "Ethics"},
    {"GLD", "Government Law"},
    {"FIELD", "Field Legal Operations"},
    {"ERO", "Enforcement and Removal Operations (external)"},
    {"HSI", "Homeland Security Investigations (external)"},
};

constexpr int kTeamsPerFieldOffice = 2;
constexpr int kZipsPerFieldOffice = 60;
constexpr int kOfficersPerTeam = 6;
constexpr int kDefenseAttorneys = 240;

// Fixed stream: the organisation is the same whatever seed the records use.
constexpr std::uint64_t kOrganisationSeed = 0x0C0FF1CE;

QUuid fixedId(std::uint64_t kind, std::uint64_t index)
{
    return DeterministicRandom(kOrganisationSeed).fork(kind * 1000003 + index).uuid();
}

// A staff member's name depends only on who they are, not on how many staff were seeded before them.
QString staffName(std::uint64_t kind, std::uint64_t index)
{
    DeterministicRandom random = DeterministicRandom(kOrganisationSeed ^ 0x57AFF).fork(kind * 1000003 + index);
    const bool female = random.chance(0.5);
    return random.pick(female ? SyntheticVocabulary::givenNamesFemale() : SyntheticVocabulary::givenNamesMale()) +
           u' ' + random.pick(SyntheticVocabulary::familyNames());
}

} // namespace

Result<void> OrganisationSeeder::exec(const QString& sql, const QVariantList& values)
{
    QSqlQuery query(m_database);
    query.prepare(sql);
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return {};
}

Result<SeedOrganisation> OrganisationSeeder::ensure(qint64 totalCases)
{
    const QString insertOffice = QStringLiteral(
        "INSERT INTO core.offices (id, code, name, kind, parent_id, city, state) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (code) DO NOTHING");
    const QUuid hq = fixedId(1, 0);
    if (auto done = exec(insertOffice, {hq.toString(QUuid::WithoutBraces), QStringLiteral("HQ"),
                                        QStringLiteral("OPLA Headquarters"), QStringLiteral("headquarters"),
                                        QVariant(), QStringLiteral("Washington"), QStringLiteral("DC")});
        !done) {
        return fail(done.error());
    }
    int divisionIndex = 0;
    for (const DivisionSpec& division : kDivisions) {
        if (auto done = exec(QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES (?, ?, ?) "
                                            "ON CONFLICT (code) DO NOTHING"),
                             {fixedId(2, divisionIndex++).toString(QUuid::WithoutBraces),
                              QString::fromLatin1(division.code), QString::fromLatin1(division.name)});
            !done) {
            return fail(done.error());
        }
    }

    const auto& places = SyntheticVocabulary::places();
    const qint64 attorneysPerOffice = std::clamp<qint64>(totalCases / 2500 / places.size() + 3, 3, 60);
    for (int p = 0; p < places.size(); ++p) {
        const auto& place = places[p];
        const QUuid occ = fixedId(3, p);
        const QUuid fieldOffice = fixedId(4, p);
        const QUuid subOffice = fixedId(5, p);
        for (const auto& row : {QVariantList{occ.toString(QUuid::WithoutBraces), QString(QStringLiteral("OCC-") + place.code),
                                             QString(QStringLiteral("Office of Chief Counsel ") + place.city),
                                             QStringLiteral("chief_counsel"), hq.toString(QUuid::WithoutBraces),
                                             place.city, place.state},
                                QVariantList{fieldOffice.toString(QUuid::WithoutBraces), QString(QStringLiteral("FO-") + place.code),
                                             QString(QStringLiteral("ERO Field Office ") + place.city),
                                             QStringLiteral("field_office"), QVariant(), place.city, place.state},
                                QVariantList{subOffice.toString(QUuid::WithoutBraces), QString(QStringLiteral("SO-") + place.code),
                                             QString(QStringLiteral("ERO Sub-Office ") + place.city + QStringLiteral(" North")),
                                             QStringLiteral("sub_office"), fieldOffice.toString(QUuid::WithoutBraces),
                                             place.city, place.state}}) {
            if (auto done = exec(insertOffice, row); !done) {
                return fail(done.error());
            }
        }
        // Staff: attorneys and support per Office of Chief Counsel (more when more cases are seeded).
        const qint64 supportPerOffice = attorneysPerOffice / 3 + 1;
        for (qint64 a = 0; a < attorneysPerOffice + supportPerOffice; ++a) {
            const bool attorney = a < attorneysPerOffice;
            const qint64 index = attorney ? a : a - attorneysPerOffice; // numbered within its kind: stable as staff grows
            const QString name = staffName(attorney ? 6 : 11, std::uint64_t(p) * 1000 + std::uint64_t(index));
            const QString login = QStringLiteral("%1.%2%3")
                                      .arg(attorney ? QStringLiteral("atty") : QStringLiteral("supp"),
                                           place.code.toLower())
                                      .arg(index, 3, 10, QChar(u'0'));
            const QUuid id = fixedId(attorney ? 6 : 11, std::uint64_t(p) * 1000 + std::uint64_t(index));
            if (auto done = exec(QStringLiteral("INSERT INTO core.users (id, login, full_name, title, office_id) "
                                                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (login) DO NOTHING"),
                                 {id.toString(QUuid::WithoutBraces), login, name,
                                  attorney ? QStringLiteral("Assistant Chief Counsel") : QStringLiteral("Paralegal"),
                                  occ.toString(QUuid::WithoutBraces)});
                !done) {
                return fail(done.error());
            }
        }
        // Teams, their officers and ZIP jurisdictions.
        for (int t = 0; t < kTeamsPerFieldOffice; ++t) {
            const QUuid team = fixedId(7, std::uint64_t(p) * 10 + std::uint64_t(t));
            if (auto done = exec(QStringLiteral("INSERT INTO field.teams (id, code, name, office_id) VALUES (?, ?, ?, ?) "
                                                "ON CONFLICT (code) DO NOTHING"),
                                 {team.toString(QUuid::WithoutBraces),
                                  QStringLiteral("FOT-%1-%2").arg(place.code).arg(t + 1),
                                  QStringLiteral("Fugitive Operations Team %1 %2").arg(place.city).arg(t + 1),
                                  (t == 0 ? fieldOffice : subOffice).toString(QUuid::WithoutBraces)});
                !done) {
                return fail(done.error());
            }
            for (int o = 0; o < kOfficersPerTeam; ++o) {
                const QUuid officer = fixedId(8, std::uint64_t(p) * 100 + std::uint64_t(t) * 10 + std::uint64_t(o));
                if (auto done = exec(QStringLiteral(
                                         "INSERT INTO core.users (id, login, full_name, title, office_id) VALUES (?, ?, ?, ?, ?) "
                                         "ON CONFLICT (login) DO NOTHING"),
                                     {officer.toString(QUuid::WithoutBraces),
                                      QStringLiteral("dro.%1%2%3").arg(place.code.toLower()).arg(t + 1).arg(o + 1),
                                      staffName(8, std::uint64_t(p) * 100 + std::uint64_t(t) * 10 + std::uint64_t(o)),
                                      QStringLiteral("Deportation Officer"),
                                      fieldOffice.toString(QUuid::WithoutBraces)});
                    !done) {
                    return fail(done.error());
                }
                if (auto done = exec(QStringLiteral("INSERT INTO field.team_members (team_id, user_id) "
                                                    "SELECT ?, id FROM core.users WHERE login = ? ON CONFLICT DO NOTHING"),
                                     {team.toString(QUuid::WithoutBraces),
                                      QStringLiteral("dro.%1%2%3").arg(place.code.toLower()).arg(t + 1).arg(o + 1)});
                    !done) {
                    return fail(done.error());
                }
            }
        }
        for (int z = 0; z < kZipsPerFieldOffice; ++z) {
            const QString zip = QString(place.zipPrefix + QStringLiteral("%1").arg(z + 1, 2, 10, QChar(u'0')));
            if (auto done = exec(QStringLiteral("INSERT INTO field.zip_codes (zip, city, state, county) VALUES (?, ?, ?, ?) "
                                                "ON CONFLICT (zip) DO NOTHING"),
                                 {zip, place.city, place.state, QString(place.city + QStringLiteral(" County"))});
                !done) {
                return fail(done.error());
            }
            if (auto done = exec(QStringLiteral("INSERT INTO field.jurisdictions (zip, team_id) "
                                                "SELECT ?, id FROM field.teams WHERE code = ? ON CONFLICT (zip) DO NOTHING"),
                                 {zip, QStringLiteral("FOT-%1-%2").arg(place.code).arg(z % kTeamsPerFieldOffice + 1)});
                !done) {
                return fail(done.error());
            }
        }
    }
    // Staff divisions: immigration attorneys in ILP (a few in NSLS), others spread over the litigation divisions.
    if (auto done = exec(QStringLiteral(
                             "INSERT INTO core.user_divisions (user_id, division_id) "
                             "SELECT u.id, d.id FROM core.users u JOIN core.divisions d ON d.code = CASE "
                             "  WHEN right(u.login, 1) IN ('0', '5') AND u.login LIKE 'atty.%' THEN 'NSLS' "
                             "  WHEN right(u.login, 1) IN ('1', '6') THEN 'CALD' "
                             "  WHEN right(u.login, 1) = '2' THEN 'LEL' "
                             "  WHEN right(u.login, 1) = '3' THEN 'DCLD' ELSE 'ILP' END "
                             "WHERE u.login LIKE 'atty.%' OR u.login LIKE 'supp.%' ON CONFLICT DO NOTHING"),
                         {});
        !done) {
        return fail(done.error());
    }
    const char* sources[][3] = {{"EID", "Enforcement Integrated Database extract", "government"},
                                {"FOSC", "Fugitive Operations Support Center", "agency"},
                                {"OFFICER", "Field officer", "officer"},
                                {"LESC", "Law Enforcement Support Center", "agency"},
                                {"DOC", "State correctional facility", "correctional"},
                                {"COMM-A", "Commercial provider A", "commercial"},
                                {"COMM-B", "Commercial provider B", "commercial"},
                                {"TIP", "Public tip line", "tip"}};
    int sourceIndex = 0;
    for (const auto& source : sources) {
        if (auto done = exec(QStringLiteral("INSERT INTO field.lead_sources (id, code, name, kind) VALUES (?, ?, ?, ?) "
                                            "ON CONFLICT (code) DO NOTHING"),
                             {fixedId(9, sourceIndex++).toString(QUuid::WithoutBraces), QString::fromLatin1(source[0]),
                              QString::fromLatin1(source[1]), QString::fromLatin1(source[2])});
            !done) {
            return fail(done.error());
        }
    }
    // Private attorneys who appear for respondents (business contact only).
    DeterministicRandom random = DeterministicRandom(kOrganisationSeed).fork(999);
    for (int a = 0; a < kDefenseAttorneys; ++a) {
        const QString family = random.pick(SyntheticVocabulary::familyNames());
        if (auto done = exec(QStringLiteral(
                                 "INSERT INTO core.people (id, family_name, given_name, title, employer, business_phone, "
                                 "business_email) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"),
                             {fixedId(10, a).toString(QUuid::WithoutBraces), family,
                              random.pick(random.chance(0.5) ? SyntheticVocabulary::givenNamesFemale()
                                                             : SyntheticVocabulary::givenNamesMale()),
                              QStringLiteral("Attorney at Law"), QString(QStringLiteral("Law Office of ") + family),
                              QStringLiteral("555-01%1").arg(a % 100, 2, 10, QChar(u'0')),
                              QStringLiteral("counsel%1@example.org").arg(a)});
            !done) {
            return fail(done.error());
        }
    }
    return load();
}

Result<SeedOrganisation> OrganisationSeeder::load()
{
    SeedOrganisation organisation;
    QSqlQuery query(m_database);
    auto run = [&query](const QString& sql) -> Result<void> {
        if (!query.exec(sql)) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        return {};
    };
    if (auto done = run(QStringLiteral("SELECT id FROM core.offices WHERE code = 'HQ'")); !done) {
        return fail(done.error());
    }
    if (query.next()) {
        organisation.headquarters = query.value(0).toUuid();
    }
    if (auto done = run(QStringLiteral("SELECT code, id FROM core.divisions")); !done) {
        return fail(done.error());
    }
    while (query.next()) {
        organisation.divisions.insert(query.value(0).toString(), query.value(1).toUuid());
    }
    const auto& places = SyntheticVocabulary::places();
    QHash<QUuid, int> counselIndex;
    QHash<QUuid, int> fieldIndex;
    if (auto done = run(QStringLiteral("SELECT id, code, kind FROM core.offices WHERE kind IN ('chief_counsel', "
                                       "'field_office') ORDER BY code")); !done) {
        return fail(done.error());
    }
    while (query.next()) {
        const QString code = query.value(1).toString();
        const QString stem = code.section(u'-', 1);
        for (const auto& place : places) {
            if (place.code != stem) {
                continue;
            }
            SeedOrganisation::Office office{query.value(0).toUuid(), code, place.city, place.state, place.zipPrefix, {}, {}};
            if (query.value(2).toString() == u"chief_counsel") {
                counselIndex.insert(office.id, int(organisation.counselOffices.size()));
                organisation.counselOffices.append(office);
            } else {
                fieldIndex.insert(office.id, int(organisation.fieldOffices.size()));
                organisation.fieldOffices.append(office);
            }
        }
    }
    if (auto done = run(QStringLiteral("SELECT id, office_id, login FROM core.users WHERE login LIKE 'atty.%' "
                                       "OR login LIKE 'supp.%' ORDER BY login")); !done) {
        return fail(done.error());
    }
    while (query.next()) {
        const auto it = counselIndex.constFind(query.value(1).toUuid());
        if (it == counselIndex.cend()) {
            continue;
        }
        auto& office = organisation.counselOffices[*it];
        (query.value(2).toString().startsWith(QStringLiteral("atty.")) ? office.attorneys : office.support)
            .append(query.value(0).toUuid());
    }
    QHash<QUuid, int> teamIndex;
    if (auto done = run(QStringLiteral("SELECT t.id, coalesce(o.parent_id, o.id) FROM field.teams t "
                                       "JOIN core.offices o ON o.id = t.office_id ORDER BY t.code")); !done) {
        return fail(done.error());
    }
    while (query.next()) {
        teamIndex.insert(query.value(0).toUuid(), int(organisation.teams.size()));
        organisation.teams.append({query.value(0).toUuid(), query.value(1).toUuid(), {}, {}, {}});
    }
    if (auto done = run(QStringLiteral("SELECT m.team_id, u.id, u.full_name FROM field.team_members m "
                                       "JOIN core.users u ON u.id = m.user_id ORDER BY u.login")); !done) {
        return fail(done.error());
    }
    while (query.next()) {
        auto& team = organisation.teams[teamIndex.value(query.value(0).toUuid())];
        team.officers.append(query.value(1).toUuid());
        team.officerNames.append(query.value(2).toString());
    }
    if (auto done = run(QStringLiteral("SELECT zip, team_id FROM field.jurisdictions ORDER BY zip")); !done) {
        return fail(done.error());
    }
    while (query.next()) {
        const int index = teamIndex.value(query.value(1).toUuid(), -1);
        if (index < 0) {
            continue;
        }
        const QString zip = query.value(0).toString();
        organisation.teams[index].zips.append(zip);
        organisation.teamOfZip.insert(zip, index);
        organisation.allZips.append(zip);
    }
    if (auto done = run(QStringLiteral("SELECT id, kind FROM field.lead_sources ORDER BY code")); !done) {
        return fail(done.error());
    }
    while (query.next()) {
        organisation.leadSources.append(query.value(0).toUuid());
        organisation.leadSourceKinds.append(query.value(1).toString());
    }
    if (auto done = run(QStringLiteral("SELECT id FROM core.people WHERE employer LIKE 'Law Office of %' ORDER BY id"));
        !done) {
        return fail(done.error());
    }
    while (query.next()) {
        organisation.defenseAttorneys.append(query.value(0).toUuid());
    }
    if (organisation.counselOffices.isEmpty() || organisation.teams.isEmpty() || organisation.allZips.isEmpty()) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The synthetic organisation is incomplete."), {}});
    }
    return organisation;
}

} // namespace ocms
