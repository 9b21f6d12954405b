#include "eidextractparser.h"

#include "domain/anumber.h"

#include <QHashFunctions>

namespace ocms {

namespace {

enum Column {
    SubjectId,
    ANumberColumn,
    FamilyName,
    GivenName,
    DateOfBirth,
    Country,
    Sex,
    ArrestDate,
    ArrestLocation,
    BookingDate,
    DetentionFacility,
    ReleaseDate,
    RemovalDate,
    CustodyStatus,
    ColumnCount
};

constexpr qsizetype kMaxName = 100;
constexpr qsizetype kMaxPlace = 200;
constexpr qsizetype kMaxSubjectDigits = 18; // fits in 64 bits

bool asciiDigits(QStringView text)
{
    for (QChar c : text) {
        if (c.unicode() < '0' || c.unicode() > '9') {
            return false;
        }
    }
    return !text.isEmpty();
}

// YYYY-MM-DD between 1900-01-01 and today; empty is no date (valid). Sets `reason` when refused.
QDate parseDate(const QString& text, const QString& column, const QDate& today, QString* reason)
{
    if (text.isEmpty()) {
        return {};
    }
    QDate date;
    if (text.size() == 10 && text.at(4) == u'-' && text.at(7) == u'-' && asciiDigits(QStringView(text).left(4))
        && asciiDigits(QStringView(text).mid(5, 2)) && asciiDigits(QStringView(text).right(2))) {
        date = QDate(text.left(4).toInt(), text.mid(5, 2).toInt(), text.right(2).toInt());
    }
    if (!date.isValid()) {
        *reason = QStringLiteral("%1 \"%2\" is not a date written YYYY-MM-DD").arg(column, text);
        return {};
    }
    if (date < QDate(1900, 1, 1) || date > today) {
        *reason = QStringLiteral("%1 %2 is not between 1900-01-01 and today").arg(column, text);
        return {};
    }
    return date;
}

} // namespace

const QStringList& EidExtractParser::columns()
{
    static const QStringList names = {
        QStringLiteral("eid_subject_id"), QStringLiteral("a_number"),        QStringLiteral("family_name"),
        QStringLiteral("given_name"),     QStringLiteral("date_of_birth"),   QStringLiteral("country_of_citizenship"),
        QStringLiteral("sex"),            QStringLiteral("arrest_date"),     QStringLiteral("arrest_location"),
        QStringLiteral("booking_date"),   QStringLiteral("detention_facility"), QStringLiteral("release_date"),
        QStringLiteral("removal_date"),   QStringLiteral("custody_status")};
    return names;
}

const QStringList& EidExtractParser::custodyStatuses()
{
    static const QStringList statuses = {QStringLiteral("detained"), QStringLiteral("released"), QStringLiteral("not_detained"),
                                         QStringLiteral("removed"), QStringLiteral("unknown")};
    return statuses;
}

Result<EidExtractParser> EidExtractParser::fromHeader(const QStringList& header)
{
    EidExtractParser parser;
    parser.m_fieldCount = header.size();
    parser.m_index.fill(-1, ColumnCount);
    for (qsizetype i = 0; i < header.size(); ++i) {
        const QString name = header.at(i).trimmed().toLower();
        const qsizetype known = columns().indexOf(name);
        if (known < 0) {
            parser.m_ignored.append(header.at(i).trimmed());
        } else if (parser.m_index[known] >= 0) {
            return fail(Error::validation(QStringLiteral("The header names the column %1 twice. Nothing was loaded.").arg(name)));
        } else {
            parser.m_index[known] = int(i);
        }
    }
    QStringList missing;
    for (qsizetype i = 0; i < ColumnCount; ++i) {
        if (parser.m_index[i] < 0) {
            missing.append(columns().at(i));
        }
    }
    if (!missing.isEmpty()) {
        return fail(Error::validation(
            QStringLiteral("This is not an EID extract: the header (line 1) lacks the column%1 %2 (see core/imports/FORMATS.md). "
                           "Nothing was loaded.")
                .arg(missing.size() == 1 ? QString() : QStringLiteral("s"), missing.join(QStringLiteral(", ")))));
    }
    return parser;
}

std::variant<EidRecord, QString> EidExtractParser::parse(const CsvRecordReader::Record& record, const QDate& today)
{
    if (!record.terminated) {
        return QStringLiteral("the file ends inside this line (no line end after it): the file looks truncated, so the line "
                              "is not loaded");
    }
    if (!record.error.isEmpty()) {
        return record.error;
    }
    if (record.fields.size() != m_fieldCount) {
        return QStringLiteral("the line has %1 field%2, the header %3").arg(record.fields.size())
            .arg(record.fields.size() == 1 ? QString() : QStringLiteral("s")).arg(m_fieldCount);
    }
    const auto field = [&](int column) { return record.fields.at(m_index[column]).trimmed(); };
    EidRecord eid;
    eid.line = record.line;

    eid.subjectId = field(SubjectId);
    if (eid.subjectId.isEmpty()) {
        return QStringLiteral("eid_subject_id is empty");
    }
    if (!asciiDigits(eid.subjectId) || eid.subjectId.size() > kMaxSubjectDigits) {
        return QStringLiteral("eid_subject_id \"%1\" is not a number of 1 to %2 digits").arg(eid.subjectId).arg(kMaxSubjectDigits);
    }
    const QString aNumber = field(ANumberColumn);
    if (aNumber.size() == 9 && ANumber::isValidDigits(aNumber)) {
        eid.aNumber = aNumber; // the usual form, without the parser's allocations
    } else if (aNumber.isEmpty()) {
        return QStringLiteral("a_number is empty");
    } else if (auto parsed = ANumber::parse(aNumber); parsed) {
        eid.aNumber = parsed->digits();
    } else {
        return QStringLiteral("a_number \"%1\": %2").arg(aNumber, parsed.error().userMessage);
    }
    eid.familyName = field(FamilyName);
    eid.givenName = field(GivenName);
    if (eid.familyName.isEmpty()) {
        return QStringLiteral("family_name is empty");
    }
    if (eid.familyName.size() > kMaxName || eid.givenName.size() > kMaxName) {
        return QStringLiteral("a name is longer than %1 characters").arg(kMaxName);
    }
    QString reason;
    eid.dateOfBirth = parseDate(field(DateOfBirth), QStringLiteral("date_of_birth"), today, &reason);
    eid.arrestDate = parseDate(field(ArrestDate), QStringLiteral("arrest_date"), today, &reason);
    eid.bookingDate = parseDate(field(BookingDate), QStringLiteral("booking_date"), today, &reason);
    eid.releaseDate = parseDate(field(ReleaseDate), QStringLiteral("release_date"), today, &reason);
    eid.removalDate = parseDate(field(RemovalDate), QStringLiteral("removal_date"), today, &reason);
    if (!reason.isEmpty()) {
        return reason;
    }
    if (eid.arrestDate.isValid() && eid.bookingDate.isValid() && eid.bookingDate < eid.arrestDate) {
        return QStringLiteral("booking_date %1 is before arrest_date %2").arg(eid.bookingDate.toString(Qt::ISODate),
                                                                              eid.arrestDate.toString(Qt::ISODate));
    }
    eid.country = field(Country).toUpper();
    if (!eid.country.isEmpty()
        && (eid.country.size() != 2 || eid.country.at(0) < u'A' || eid.country.at(0) > u'Z' || eid.country.at(1) < u'A'
            || eid.country.at(1) > u'Z')) {
        return QStringLiteral("country_of_citizenship \"%1\" is not a two-letter country code (ISO 3166)").arg(field(Country));
    }
    eid.sex = field(Sex).toUpper();
    if (!eid.sex.isEmpty() && eid.sex != u"F" && eid.sex != u"M" && eid.sex != u"X" && eid.sex != u"U") {
        return QStringLiteral("sex \"%1\" is not F, M, X or U").arg(field(Sex));
    }
    eid.arrestLocation = field(ArrestLocation);
    eid.detentionFacility = field(DetentionFacility);
    if (eid.arrestLocation.size() > kMaxPlace || eid.detentionFacility.size() > kMaxPlace) {
        return QStringLiteral("arrest_location or detention_facility is longer than %1 characters").arg(kMaxPlace);
    }
    eid.custodyStatus = field(CustodyStatus).toLower();
    if (!custodyStatuses().contains(eid.custodyStatus)) {
        return eid.custodyStatus.isEmpty()
                   ? QStringLiteral("custody_status is empty")
                   : QStringLiteral("custody_status \"%1\" is not one of %2").arg(field(CustodyStatus), custodyStatuses().join(QStringLiteral(", ")));
    }

    // Against the lines before: one line per subject and per A-Number.
    size_t hash = 0;
    for (const QString& value : record.fields) {
        hash = qHashMulti(hash, value);
    }
    const quint64 subjectKey = eid.subjectId.toULongLong();
    if (const auto seen = m_subjects.constFind(subjectKey); seen != m_subjects.cend()) {
        return seen->hash == hash ? QStringLiteral("the line repeats line %1").arg(seen->line)
                                  : QStringLiteral("EID subject %1 is already on line %2 (one line per subject)").arg(eid.subjectId).arg(seen->line);
    }
    const quint32 aNumberKey = eid.aNumber.toUInt();
    if (const auto seen = m_aNumbers.constFind(aNumberKey); seen != m_aNumbers.cend()) {
        return QStringLiteral("A-Number %1 is already on line %2 (one line per A-Number)").arg(eid.aNumber).arg(*seen);
    }
    m_subjects.insert(subjectKey, {record.line, hash});
    m_aNumbers.insert(aNumberKey, record.line);
    return eid;
}

} // namespace ocms
