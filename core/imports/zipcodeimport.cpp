#include "zipcodeimport.h"

#include "csvstaging.h"
#include "db/database.h"
#include "db/sqlerrortranslator.h"

#include <QHash>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace ocms {

namespace {

bool isAsciiLetters(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'A' && c <= u'Z'; });
}

} // namespace

std::variant<ZipCodeImport::Row, QString> ZipCodeImport::parse(const QString& zip, const QString& city,
                                                               const QString& state, const QString& county)
{
    Row row{zip.trimmed(), city.simplified(), state.trimmed().toUpper(), county.simplified()};
    if (row.zip.size() != 5 || !std::all_of(row.zip.begin(), row.zip.end(), [](QChar c) { return c >= u'0' && c <= u'9'; })) {
        return row.zip.isEmpty() ? QStringLiteral("zip is empty") : QStringLiteral("zip %1 is not five digits").arg(row.zip);
    }
    if (row.city.isEmpty()) {
        return QStringLiteral("city is empty");
    }
    if (row.city.size() > 100) {
        return QStringLiteral("city is longer than 100 characters");
    }
    if (row.state.size() != 2 || !isAsciiLetters(row.state)) {
        return QStringLiteral("state %1 is not a two-letter postal code").arg(row.state);
    }
    return row;
}

Result<ZipCodeImport::Report> ZipCodeImport::run(QIODevice* input)
{
    const auto exec = [this](const QString& sql) -> Result<QSqlQuery> {
        QSqlQuery query(m_database);
        query.setForwardOnly(true);
        if (!query.exec(sql)) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        return query;
    };
    auto allowed = exec(QStringLiteral("SELECT has_table_privilege('field.zip_codes', 'INSERT') "
                                       "AND has_table_privilege('field.zip_codes', 'UPDATE')"));
    if (!allowed) {
        return fail(allowed.error());
    }
    if (!allowed->next() || !allowed->value(0).toBool()) {
        return fail(Error{ErrorCode::PermissionDenied,
                          QStringLiteral("Importing the ZIP table needs field administration or the import role."), {}});
    }

    CsvStaging staging(input);
    auto header = staging.header(QStringLiteral("The file is empty: its first line must name the columns zip, city, state "
                                                "(and optionally county). Nothing was loaded."));
    if (!header) {
        return fail(header.error());
    }
    QHash<QString, qsizetype> columns;
    for (qsizetype i = 0; i < header->size(); ++i) {
        columns.insert(header->at(i).trimmed().toLower(), i);
    }
    for (const char* required : {"zip", "city", "state"}) {
        if (!columns.contains(QLatin1StringView(required))) {
            return fail(Error::validation(QStringLiteral("The first line must name the columns zip, city, state (and optionally "
                                                         "county); %1 is missing. Nothing was loaded.")
                                              .arg(QLatin1StringView(required))));
        }
    }
    const qsizetype width = header->size();

    if (!m_database.transaction()) {
        return fail(SqlErrorTranslator::translate(m_database.lastError()));
    }
    bool finished = false;
    auto rollback = qScopeGuard([&] {
        if (!finished) {
            m_database.rollback();
        }
    });
    if (auto created = exec(QStringLiteral("CREATE TEMP TABLE zip_import (zip text, city text, state text, county text) ON COMMIT DROP"));
        !created) {
        return fail(created.error());
    }
    QHash<QString, qint64> seen;
    auto staged = staging.stage(Database::pgHandle(m_database), "COPY pg_temp.zip_import FROM STDIN",
                                [&](const CsvRecordReader::Record& record, CopyBuffer& buffer) -> std::optional<QString> {
        if (record.fields.size() != width) {
            return QStringLiteral("%1 fields where the header has %2").arg(record.fields.size()).arg(width);
        }
        const auto field = [&](const char* name) {
            const qsizetype index = columns.value(QLatin1StringView(name), -1);
            return index >= 0 ? record.fields.at(index) : QString();
        };
        auto parsed = parse(field("zip"), field("city"), field("state"), field("county"));
        if (const QString* reason = std::get_if<QString>(&parsed)) {
            return *reason;
        }
        const Row& row = std::get<Row>(parsed);
        if (const qint64 first = seen.value(row.zip, 0); first > 0) {
            return QStringLiteral("zip %1 is already on line %2").arg(row.zip).arg(first);
        }
        seen.insert(row.zip, record.line);
        buffer.text(row.zip).text(row.city).text(row.state).optionalText(row.county).endRow();
        return std::nullopt;
    });
    if (!staged) {
        return fail(staged.error());
    }
    Report report;
    report.linesRead = staged->linesRead;
    report.rejected = staged->rejected;
    auto merged = exec(QStringLiteral(
        "WITH upserted AS ("
        "  INSERT INTO field.zip_codes AS z (zip, city, state, county, updated_on) "
        "  SELECT zip, city, state, county, current_date FROM pg_temp.zip_import "
        "  ON CONFLICT (zip) DO UPDATE SET city = EXCLUDED.city, state = EXCLUDED.state, county = EXCLUDED.county, "
        "                                  updated_on = current_date "
        "  WHERE (z.city, z.state, z.county) IS DISTINCT FROM (EXCLUDED.city, EXCLUDED.state, EXCLUDED.county) "
        "  RETURNING (xmax = 0) AS inserted) "
        "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted"));
    if (!merged || !merged->next()) {
        return fail(merged ? SqlErrorTranslator::translate(merged->lastError()) : merged.error());
    }
    report.inserted = merged->value(0).toLongLong();
    report.updated = merged->value(1).toLongLong();
    report.unchanged = staged->rows - report.inserted - report.updated;
    if (!m_database.commit()) {
        return fail(SqlErrorTranslator::translate(m_database.lastError()));
    }
    finished = true;
    std::sort(report.rejected.begin(), report.rejected.end());
    return report;
}

} // namespace ocms
