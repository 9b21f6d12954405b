#include "rapsreferralfile.h"

#include "domain/anumber.h"
#include "field/openpgpdecryptor.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>
#include <variant>

namespace ocms {

namespace {

constexpr int fieldCount = 8;
const QLatin1String headerTag("RAPS-REFERRALS");
const QLatin1String endTag("END");

QString day(const QDate& date)
{
    return date.toString(QStringLiteral("yyyy-MM-dd"));
}

QDate parseDay(const QString& text)
{
    return text.size() == 10 ? QDate::fromString(text, QStringLiteral("yyyy-MM-dd")) : QDate();
}

bool hasControl(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control) {
            return true;
        }
    }
    return false;
}

// The referral on one line, or why it is refused.
std::variant<RapsReferral, QString> readLine(const QStringList& fields, const QDate& fileDate, const QDate& today)
{
    if (fields.size() != fieldCount) {
        return QStringLiteral("It has %1 %2; a referral line has %3, separated by |.")
            .arg(fields.size())
            .arg(fields.size() == 1 ? QStringLiteral("field") : QStringLiteral("fields"))
            .arg(fieldCount);
    }
    RapsReferral referral;
    const auto aNumber = ANumber::parse(fields[0]);
    if (!aNumber) {
        return QStringLiteral("The A-Number \"%1\" is not valid (nine digits, like A-012-345-678).").arg(fields[0]);
    }
    referral.aNumber = aNumber->digits();
    referral.familyName = fields[1];
    referral.givenName = fields[2];
    if (referral.familyName.isEmpty()) {
        return QStringLiteral("The family name is missing.");
    }
    if (referral.familyName.size() > 100 || referral.givenName.size() > 100) {
        return QStringLiteral("A name is longer than 100 characters.");
    }
    referral.dateOfBirth = parseDay(fields[3]);
    if (!referral.dateOfBirth.isValid()) {
        return QStringLiteral("The date of birth \"%1\" is not a date (YYYY-MM-DD).").arg(fields[3]);
    }
    if (referral.dateOfBirth.year() < 1900 || referral.dateOfBirth > today) {
        return QStringLiteral("The date of birth %1 is not between 1900 and today.").arg(day(referral.dateOfBirth));
    }
    referral.country = fields[4].toUpper();
    static const QRegularExpression twoLetters(QStringLiteral("^[A-Z]{2}$"));
    if (!twoLetters.match(referral.country).hasMatch() || QLocale::codeToTerritory(referral.country) == QLocale::AnyTerritory) {
        return QStringLiteral("The country \"%1\" is not a two-letter ISO 3166 country code (like MX or SV).").arg(fields[4]);
    }
    referral.referralDate = parseDay(fields[5]);
    if (!referral.referralDate.isValid()) {
        return QStringLiteral("The referral date \"%1\" is not a date (YYYY-MM-DD).").arg(fields[5]);
    }
    if (referral.referralDate > fileDate || referral.referralDate > today) {
        return QStringLiteral("The referral date %1 is after the file's date %2.").arg(day(referral.referralDate), day(fileDate));
    }
    if (referral.referralDate < referral.dateOfBirth) {
        return QStringLiteral("The referral date %1 is before the date of birth %2.").arg(day(referral.referralDate), day(referral.dateOfBirth));
    }
    referral.asylumOffice = fields[6].toUpper();
    static const QRegularExpression office(QStringLiteral("^Z[A-Z]{2}$"));
    if (!office.match(referral.asylumOffice).hasMatch()) {
        return QStringLiteral("The asylum office \"%1\" is not an asylum office code (Z and two letters, like ZNY).").arg(fields[6]);
    }
    referral.reason = fields[7];
    if (referral.reason.isEmpty()) {
        return QStringLiteral("The referral reason is missing.");
    }
    if (referral.reason.size() > 500) {
        return QStringLiteral("The referral reason is longer than 500 characters.");
    }
    return referral;
}

} // namespace

Result<RapsReferralFile::Parsed> RapsReferralFile::parse(const QByteArray& text, const QString& fileName, QDate today)
{
    const QString file = QStringLiteral("The RAPS referral file %1").arg(fileName);
    // Lines as the file has them (LF or CRLF), numbered from 1; a byte-order mark is skipped.
    QByteArray body = text;
    if (body.startsWith("\xEF\xBB\xBF")) {
        body.remove(0, 3);
    }
    QList<QByteArray> lines = body.split('\n');
    for (QByteArray& line : lines) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
    }
    const auto decode = [](QByteArrayView bytes) -> std::optional<QString> {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString decoded = decoder.decode(bytes);
        if (decoder.hasError()) {
            return std::nullopt;
        }
        return decoded;
    };
    const auto blank = [](QByteArrayView line) { return line.trimmed().isEmpty(); };

    qsizetype first = 0;
    while (first < lines.size() && blank(lines[first])) {
        ++first;
    }
    const QString expected = QStringLiteral("%1|1|YYYY-MM-DD").arg(headerTag);
    if (first == lines.size()) {
        return fail(Error::validation(QStringLiteral("%1 is empty after decryption: it holds no header line %2.").arg(file, expected)));
    }
    const auto header = decode(lines[first]);
    const QStringList headerFields = header ? header->trimmed().split(u'|') : QStringList();
    if (headerFields.size() != 3 || headerFields[0] != headerTag) {
        return fail(Error::validation(QStringLiteral("%1 does not begin with the line %2 (line %3): it is not a RAPS referral file.")
                                          .arg(file, expected)
                                          .arg(first + 1)));
    }
    if (headerFields[1] != QLatin1String("1")) {
        return fail(Error::validation(QStringLiteral("%1 is in format version %2; OCMS reads version 1.").arg(file, headerFields[1])));
    }
    Parsed parsed;
    parsed.fileDate = parseDay(headerFields[2]);
    if (!parsed.fileDate.isValid() || parsed.fileDate > today.addDays(1)) {
        return fail(Error::validation(QStringLiteral("%1's header gives \"%2\" as the file's date; a date up to today (YYYY-MM-DD) "
                                                     "is expected.")
                                          .arg(file, headerFields[2])));
    }

    // The END line: the last line that is not blank.
    qsizetype last = lines.size() - 1;
    while (last > first && blank(lines[last])) {
        --last;
    }
    const auto trailer = last > first ? decode(lines[last]) : std::nullopt;
    const QStringList trailerFields = trailer ? trailer->trimmed().split(u'|') : QStringList();
    if (trailerFields.size() != 2 || trailerFields[0] != endTag) {
        return fail(Error::validation(QStringLiteral("%1 has no END line after its referrals: it is cut off. Nothing was taken from it; "
                                                     "ask RAPS for the file again.")
                                          .arg(file)));
    }
    bool numeric = false;
    const qint64 declared = trailerFields[1].toLongLong(&numeric);

    QHash<QString, qint64> seen;
    for (qsizetype index = first + 1; index < last; ++index) {
        const qint64 lineNumber = index + 1;
        if (blank(lines[index])) {
            continue;
        }
        ++parsed.dataLines;
        const auto line = decode(lines[index]);
        if (!line) {
            parsed.rejected.append({lineNumber, QStringLiteral("It is not valid UTF-8 text.")});
            continue;
        }
        if (hasControl(*line)) {
            parsed.rejected.append({lineNumber, QStringLiteral("It holds control characters.")});
            continue;
        }
        QStringList fields = line->split(u'|');
        for (QString& field : fields) {
            field = field.trimmed();
        }
        auto referral = readLine(fields, parsed.fileDate, today);
        if (const auto* why = std::get_if<QString>(&referral)) {
            parsed.rejected.append({lineNumber, *why});
            continue;
        }
        auto& accepted = std::get<RapsReferral>(referral);
        accepted.line = lineNumber;
        if (const auto earlier = seen.constFind(accepted.aNumber); earlier != seen.constEnd()) {
            parsed.rejected.append({lineNumber, QStringLiteral("The A-Number %1 was already referred on line %2 of this file.")
                                                    .arg(accepted.aNumber)
                                                    .arg(*earlier)});
            continue;
        }
        seen.insert(accepted.aNumber, lineNumber);
        parsed.referrals.append(std::move(accepted));
    }
    if (!numeric || declared != parsed.dataLines) {
        return fail(Error::validation(QStringLiteral("%1's END line counts %2 referrals but the file holds %3 %4: it is incomplete or "
                                                     "altered. Nothing was taken from it; ask RAPS for the file again.")
                                          .arg(file, trailerFields[1])
                                          .arg(parsed.dataLines)
                                          .arg(parsed.dataLines == 1 ? QStringLiteral("line") : QStringLiteral("lines"))));
    }
    return parsed;
}

Result<RapsReferralFile::Parsed> RapsReferralFile::decryptAndParse(const QByteArray& cipher, const OpenPgpDecryptor& decryptor,
                                                                   const QString& fileName, QDate today)
{
    auto plain = decryptor.decrypt(cipher, QStringLiteral("The RAPS referral file %1").arg(fileName));
    if (!plain) {
        return fail(plain.error());
    }
    return parse(*plain, fileName, today);
}

Result<RapsReferralFile::Parsed> RapsReferralFile::load(const QString& path, const OpenPgpDecryptor& decryptor)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Error::io(QStringLiteral("The RAPS referral file %1 cannot be read.").arg(path), file.errorString()));
    }
    constexpr qint64 limit = qint64(256) * 1024 * 1024;
    if (file.size() > limit) {
        return fail(Error::validation(QStringLiteral("The RAPS referral file %1 is larger than 256 MB: it is not a referral file.").arg(name)));
    }
    const QByteArray cipher = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        return fail(Error::io(QStringLiteral("The RAPS referral file %1 cannot be read.").arg(path), file.errorString()));
    }
    return decryptAndParse(cipher, decryptor, name);
}

QFuture<Result<RapsReferralFile::Parsed>> RapsReferralFile::loadInBackground(const QString& path, const OpenPgpDecryptor& decryptor)
{
    return QtConcurrent::run([path, decryptor] { return load(path, decryptor); });
}

} // namespace ocms
