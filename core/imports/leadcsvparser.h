#pragma once

#include "leadrecord.h"
#include "result.h"

#include <QHash>
#include <QStringList>

#include <variant>

namespace ocms {

// The lead import format (core/imports/FORMATS.md): a header line names the columns, in any order,
// case-insensitive; then one lead per line.
//
//   a_number        required  the fugitive's A-Number (A-012-345-678, A12345678, 12345678, …)
//   address_line1   required  street address where the subject may be found
//   zip             required  five digits (ZIP+4 "12345-6789" is cut to five)
//   city, state     optional  replaced from the ZIP table (ocmsctl import zip-table) when it knows the ZIP
//   family_name,
//   given_name      optional  the name the source reported (kept in the lead's notes)
//   date_of_birth   optional  YYYY-MM-DD or MM/DD/YYYY; must match the fugitive record when both are known
//   ssn             optional  nine digits (dashes allowed); must match the record when both are known
//   relevance_score optional  0–100 (a commercial provider's confidence), at most two decimals
//   source          optional  lead source code (field.lead_sources); else the import's --source
//   source_detail   optional  agency, officer or provider batch
//   reported_on     optional  date the source saw the subject there (not in the future)
//   notes           optional  free text
//
// Unknown columns are ignored (and named in the report); a missing required column refuses the file.
class LeadCsvParser
{
public:
    // The header line: which column holds what. Fails when a required column is missing.
    static Result<LeadCsvParser> fromHeader(const QStringList& header);

    // One data line: the record, or the reason it is refused. `defaultSource`: the import's --source.
    std::variant<LeadRecord, QString> parse(const QStringList& fields, qint64 line, const QString& defaultSource,
                                            const QDate& today) const;

    const QStringList& ignoredColumns() const { return m_ignored; }
    bool hasColumn(const QString& column) const { return m_columns.contains(column); }
    static const QStringList& knownColumns();

private:
    LeadCsvParser() = default;
    QString value(const QStringList& fields, qsizetype known) const; // known: index in knownColumns()

    QHash<QString, qsizetype> m_columns;
    QList<qsizetype> m_at; // the field of each of knownColumns(), -1 when the file has none
    QStringList m_ignored;
    qsizetype m_width = 0;
};

} // namespace ocms
