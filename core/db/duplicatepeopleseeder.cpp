#include "duplicatepeopleseeder.h"

#include "sqlerrortranslator.h"

#include <QSqlError>
#include <QSqlQuery>

namespace ocms {

Result<int> DuplicatePeopleSeeder::plant(QSqlDatabase& database, int count)
{
    QSqlQuery query(database);
    // Respondents with accented names and a birth date, each copied once (accents dropped) onto a later open
    // immigration case as a family member: the copy gets a fresh key derived from the original's.
    query.prepare(QStringLiteral(
        "WITH originals AS ("
        "  SELECT p.id, p.family_name, p.given_name, p.date_of_birth, p.nationality, row_number() OVER (ORDER BY p.id) AS n "
        "  FROM core.people p JOIN legal.case_people cp ON cp.person_id = p.id AND cp.role = 'respondent' "
        "  WHERE p.date_of_birth IS NOT NULL AND p.deleted_at IS NULL "
        "    AND public.unaccent('public.unaccent'::regdictionary, p.family_name || coalesce(p.given_name, '')) "
        "        <> p.family_name || coalesce(p.given_name, '') "
        "  ORDER BY p.id LIMIT ?), "
        "targets AS ("
        "  SELECT c.id AS case_id, row_number() OVER (ORDER BY c.case_number DESC) AS n FROM legal.cases c "
        "  WHERE c.category = 'immigration' AND c.status <> 'closed' ORDER BY c.case_number DESC LIMIT ?), "
        "copies AS ("
        "  INSERT INTO core.people (id, family_name, given_name, date_of_birth, nationality) "
        "  SELECT md5('duplicate:' || o.id)::uuid, public.unaccent('public.unaccent'::regdictionary, o.family_name), "
        "         public.unaccent('public.unaccent'::regdictionary, o.given_name), o.date_of_birth, o.nationality "
        "  FROM originals o ON CONFLICT (id) DO NOTHING RETURNING id) "
        "INSERT INTO legal.case_people (case_id, person_id, role) "
        "SELECT t.case_id, md5('duplicate:' || o.id)::uuid, 'family_member' FROM originals o JOIN targets t ON t.n = o.n "
        "WHERE EXISTS (SELECT 1 FROM copies WHERE copies.id = md5('duplicate:' || o.id)::uuid) "
        "ON CONFLICT DO NOTHING"));
    query.addBindValue(count);
    query.addBindValue(count);
    if (!query.exec()) {
        return fail(SqlErrorTranslator::translate(query.lastError()));
    }
    return query.numRowsAffected();
}

} // namespace ocms
