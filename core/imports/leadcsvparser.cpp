#include "leadcsvparser.h"

#include "domain/anumber.h"
#include "domain/ssn.h"


namespace ocms {

namespace {

const QString kANumber = QStringLiteral("a_number");
const QString kLine1 = QStringLiteral("address_line1");
const QString kZip = QStringLiteral("zip");
const QString kCity = QStringLiteral("city");
const QString kState = QStringLiteral("state");
const QString kFamily = QStringLiteral("family_name");
const QString kGiven = QStringLiteral("given_name");
const QString kBirth = QStringLiteral("date_of_birth");
const QString kSsn = QStringLiteral("ssn");
const QString kScore = QStringLiteral("relevance_score");
const QString kSource = QStringLiteral("source");
const QString kDetail = QStringLiteral("source_detail");
const QString kReported = QStringLiteral("reported_on");
const QString kNotes = QStringLiteral("notes");

// The place of each column in knownColumns() (below: keep the two in the same order).
enum KnownColumn : qsizetype {
    AtANumber, AtLine1, AtZip, AtCity, AtState, AtFamily, AtGiven, AtBirth, AtSsn, AtScore, AtSource, AtDetail, AtReported, AtNotes
};

constexpr qsizetype kMaxText = 500; // any one value; longer is a broken line, not an address

// The number of the ASCII digits text[from, from + count), or -1 when any is not one.
int digitsAt(QStringView text, qsizetype from, qsizetype count)
{
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9') {
            return -1;
        }
        value = value * 10 + int(c - u'0');
    }
    return value;
}

// YYYY-MM-DD or MM/DD/YYYY (month and day of one or two digits); invalid QDate when neither. By hand:
// a regular expression per date was a good part of the time a line took.
QDate parseDate(QStringView text)
{
    if (text.size() == 10 && text[4] == u'-' && text[7] == u'-') {
        const int year = digitsAt(text, 0, 4), month = digitsAt(text, 5, 2), day = digitsAt(text, 8, 2);
        return year < 0 || month < 0 || day < 0 ? QDate() : QDate(year, month, day);
    }
    const qsizetype first = text.indexOf(u'/');
    const qsizetype second = first < 0 ? -1 : text.indexOf(u'/', first + 1);
    if (first < 1 || first > 2 || second - first - 1 < 1 || second - first - 1 > 2 || text.size() - second - 1 != 4) {
        return {};
    }
    const int month = digitsAt(text, 0, first), day = digitsAt(text, first + 1, second - first - 1),
              year = digitsAt(text, second + 1, 4);
    return year < 0 || month < 0 || day < 0 ? QDate() : QDate(year, month, day);
}

// 0 to 3 digits, optionally a point and one or two digits (^\d{1,3}(\.\d{1,2})?$).
bool isScore(QStringView text)
{
    const qsizetype point = text.indexOf(u'.');
    const QStringView whole = point < 0 ? text : text.first(point);
    if (whole.isEmpty() || whole.size() > 3 || digitsAt(whole, 0, whole.size()) < 0) {
        return false;
    }
    if (point < 0) {
        return true;
    }
    const QStringView fraction = text.sliced(point + 1);
    return !fraction.isEmpty() && fraction.size() <= 2 && digitsAt(fraction, 0, fraction.size()) >= 0;
}

bool allDigits(QStringView text)
{
    for (QChar c : text) {
        if (c < u'0' || c > u'9') {
            return false;
        }
    }
    return true;
}

// Runs of white space (tabs, line breaks inside a quoted field) become one space.
QString simplified(const QString& text)
{
    return text.simplified();
}

} // namespace

const QStringList& LeadCsvParser::knownColumns()
{
    static const QStringList columns = {kANumber, kLine1, kZip, kCity, kState, kFamily, kGiven, kBirth,
                                        kSsn, kScore, kSource, kDetail, kReported, kNotes};
    return columns;
}

Result<LeadCsvParser> LeadCsvParser::fromHeader(const QStringList& header)
{
    LeadCsvParser parser;
    parser.m_width = header.size();
    for (qsizetype i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed().toLower();
        if (name.isEmpty()) {
            continue;
        }
        if (!knownColumns().contains(name)) {
            parser.m_ignored.append(header.at(i).trimmed());
            continue;
        }
        if (parser.m_columns.contains(name)) {
            return fail(Error::validation(QStringLiteral("The header names the column %1 twice.").arg(name)));
        }
        parser.m_columns.insert(name, i);
    }
    for (const QString& column : knownColumns()) {
        parser.m_at.append(parser.m_columns.value(column, -1));
    }
    QStringList missing;
    for (const QString& required : {kANumber, kLine1, kZip}) {
        if (!parser.m_columns.contains(required)) {
            missing.append(required);
        }
    }
    if (!missing.isEmpty()) {
        return fail(Error::validation(
            QStringLiteral("The first line must name the columns; %1 missing: %2 (found: %3).")
                .arg(missing.size() == 1 ? QStringLiteral("this one is") : QStringLiteral("these are"),
                     missing.join(QStringLiteral(", ")), header.join(u','))));
    }
    return parser;
}

QString LeadCsvParser::value(const QStringList& fields, qsizetype known) const
{
    // A known column by its place in knownColumns(): no look-up by name per value.
    const qsizetype index = m_at.at(known);
    return index >= 0 && index < fields.size() ? fields.at(index).trimmed() : QString();
}

std::variant<LeadRecord, QString> LeadCsvParser::parse(const QStringList& fields, qint64 line,
                                                       const QString& defaultSource, const QDate& today) const
{
    if (fields.size() != m_width) {
        return QStringLiteral("%1 fields where the header has %2").arg(fields.size()).arg(m_width);
    }
    for (const QString& field : fields) {
        if (field.size() > kMaxText) {
            return QStringLiteral("a value is longer than %1 characters").arg(kMaxText);
        }
    }
    LeadRecord record;
    record.line = line;

    const QString aNumberText = value(fields, AtANumber);
    if (aNumberText.isEmpty()) {
        return QStringLiteral("a_number is empty");
    }
    auto aNumber = ANumber::parse(aNumberText);
    if (!aNumber) {
        return QStringLiteral("a_number: ") + aNumber.error().userMessage;
    }
    record.aNumber = aNumber->digits();

    record.addressLine1 = simplified(value(fields, AtLine1));
    if (record.addressLine1.isEmpty()) {
        return QStringLiteral("address_line1 is empty");
    }

    QString zip = value(fields, AtZip);
    if (zip.size() == 10 && zip.at(5) == u'-' && allDigits(QStringView(zip).mid(6))) {
        zip.truncate(5); // ZIP+4
    }
    if (zip.size() != 5 || !allDigits(zip)) {
        return zip.isEmpty() ? QStringLiteral("zip is empty")
                             : QStringLiteral("zip %1 is not five digits").arg(zip);
    }
    record.zip = zip;

    record.city = simplified(value(fields, AtCity));
    record.state = value(fields, AtState).toUpper();
    if (!record.state.isEmpty() && (record.state.size() != 2 || !record.state.at(0).isLetter() ||
                                    !record.state.at(1).isLetter() || record.state.at(0).unicode() > 127 ||
                                    record.state.at(1).unicode() > 127)) {
        return QStringLiteral("state %1 is not a two-letter postal code").arg(record.state);
    }

    if (const QString birth = value(fields, AtBirth); !birth.isEmpty()) {
        record.dateOfBirth = parseDate(birth);
        if (!record.dateOfBirth.isValid()) {
            return QStringLiteral("date_of_birth %1 is not a date (YYYY-MM-DD or MM/DD/YYYY)").arg(birth);
        }
        if (record.dateOfBirth < QDate(1900, 1, 1) || record.dateOfBirth > today) {
            return QStringLiteral("date_of_birth %1 is not between 1900-01-01 and today").arg(birth);
        }
    }

    if (const QString ssnText = value(fields, AtSsn); !ssnText.isEmpty()) {
        auto ssn = Ssn::parse(ssnText);
        if (!ssn) {
            return QStringLiteral("ssn: ") + ssn.error().userMessage;
        }
        record.ssn = ssn->digits();
    }

    if (const QString score = value(fields, AtScore); !score.isEmpty()) {
        const double number = score.toDouble();
        if (!isScore(score) || number > 100.0) {
            return QStringLiteral("relevance_score %1 is not a number from 0 to 100 (at most two decimals)").arg(score);
        }
        record.relevanceScore = number;
    }

    record.sourceCode = value(fields, AtSource);
    if (record.sourceCode.isEmpty()) {
        record.sourceCode = defaultSource.trimmed();
    }
    if (record.sourceCode.isEmpty()) {
        return QStringLiteral("no source: give a source column or import with --source");
    }
    record.sourceDetail = simplified(value(fields, AtDetail));

    QStringList notes;
    const QString reportedName = simplified(value(fields, AtGiven) + u' ' + value(fields, AtFamily));
    if (!reportedName.isEmpty()) {
        notes.append(QStringLiteral("Reported name: ") + reportedName);
    }
    if (const QString reported = value(fields, AtReported); !reported.isEmpty()) {
        const QDate date = parseDate(reported);
        if (!date.isValid()) {
            return QStringLiteral("reported_on %1 is not a date (YYYY-MM-DD or MM/DD/YYYY)").arg(reported);
        }
        if (date > today || date < QDate(1990, 1, 1)) {
            return QStringLiteral("reported_on %1 is not between 1990-01-01 and today").arg(reported);
        }
        notes.append(QStringLiteral("Reported on: ") + date.toString(Qt::ISODate));
    }
    if (const QString text = value(fields, AtNotes); !text.isEmpty()) {
        notes.append(text);
    }
    record.notes = notes.join(u'\n');
    return record;
}

} // namespace ocms
