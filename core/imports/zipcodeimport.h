#pragma once

#include "importrejection.h"
#include "result.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <variant>

class QIODevice;

namespace ocms {

// The USPS-style City State table (field.zip_codes) from CSV: a header line naming zip, city, state and
// optionally county, in any order; one ZIP a line. Lines are checked (ZIP five digits, a city, a
// two-letter state, no ZIP twice); rejected ones are reported with line number and reason; the accepted
// ones are inserted or updated in one transaction (COPY into staging, then one upsert). Needs field
// administration or the import role.
class ZipCodeImport
{
public:
    struct Row
    {
        QString zip, city, state, county;
    };
    struct Report
    {
        qint64 linesRead = 0;
        qint64 inserted = 0;
        qint64 updated = 0;
        qint64 unchanged = 0;
        QList<ImportRejection> rejected;
    };

    explicit ZipCodeImport(QSqlDatabase database) : m_database(std::move(database)) {}

    Result<Report> run(QIODevice* input);

    // One data line (fields in zip, city, state, county order): the row, or why it is refused.
    static std::variant<Row, QString> parse(const QString& zip, const QString& city, const QString& state,
                                            const QString& county);

private:
    QSqlDatabase m_database;
};

} // namespace ocms
