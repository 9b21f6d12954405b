#include "eidextractwriter.h"

#include "db/deterministicrandom.h"
#include "db/syntheticperson.h"
#include "db/syntheticvocabulary.h"
#include "eidextractparser.h"

#include <QFile>

namespace ocms {

namespace {

void appendField(QByteArray& out, const QString& text)
{
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r')) {
        QByteArray quoted = text.toUtf8();
        quoted.replace("\"", "\"\"");
        out += '"' + quoted + '"';
    } else {
        out += text.toUtf8();
    }
}

void appendDate(QByteArray& out, const QDate& date)
{
    if (date.isValid()) {
        out += date.toString(Qt::ISODate).toLatin1();
    }
}

} // namespace

QByteArray EidExtractWriter::header()
{
    return EidExtractParser::columns().join(u',').toLatin1() + '\n';
}

QByteArray EidExtractWriter::line(const EidRecord& record)
{
    QByteArray out;
    out.reserve(192);
    appendField(out, record.subjectId);
    out += ',';
    appendField(out, record.aNumber);
    out += ',';
    appendField(out, record.familyName);
    out += ',';
    appendField(out, record.givenName);
    out += ',';
    appendDate(out, record.dateOfBirth);
    out += ',';
    appendField(out, record.country);
    out += ',';
    appendField(out, record.sex);
    out += ',';
    appendDate(out, record.arrestDate);
    out += ',';
    appendField(out, record.arrestLocation);
    out += ',';
    appendDate(out, record.bookingDate);
    out += ',';
    appendField(out, record.detentionFacility);
    out += ',';
    appendDate(out, record.releaseDate);
    out += ',';
    appendDate(out, record.removalDate);
    out += ',';
    appendField(out, record.custodyStatus);
    out += '\n';
    return out;
}

void EidExtractWriter::inventEnforcement(EidRecord& record, DeterministicRandom& random, const QDate& asOf)
{
    const SyntheticVocabulary::Place& place = random.pick(SyntheticVocabulary::places());
    record.arrestDate = random.dateBetween(asOf.addYears(-5), asOf.addDays(-1));
    record.arrestLocation = place.city + QStringLiteral(", ") + place.state;
    record.bookingDate = record.arrestDate.addDays(random.between(0, 2));
    if (record.bookingDate > asOf) {
        record.bookingDate = asOf;
    }
    record.detentionFacility = QStringLiteral("%1 Processing Center").arg(place.city);
    const double kind = random.unit();
    record.releaseDate = {};
    record.removalDate = {};
    if (kind < 0.30) {
        record.custodyStatus = QStringLiteral("detained");
    } else if (kind < 0.50) {
        record.custodyStatus = QStringLiteral("released");
        record.releaseDate = random.dateBetween(record.bookingDate, asOf);
    } else if (kind < 0.85) {
        record.custodyStatus = QStringLiteral("not_detained");
        record.detentionFacility.clear();
    } else if (kind < 0.95) {
        record.custodyStatus = QStringLiteral("removed");
        record.removalDate = random.dateBetween(record.bookingDate, asOf);
    } else {
        record.custodyStatus = QStringLiteral("unknown");
    }
}

Result<qint64> EidExtractWriter::writeSample(const QString& path, qint64 lines, std::uint64_t seed, const QDate& asOf)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return fail(Error::io(QStringLiteral("Cannot write %1.").arg(path), file.errorString()));
    }
    DeterministicRandom random(seed);
    QByteArray block = header();
    // Synthetic A-Numbers from 2xx-xxx-xxx up, one per subject, never repeated in the file.
    const std::uint64_t firstANumber = 200000000 + random.below(100000000);
    for (qint64 i = 0; i < lines; ++i) {
        const SyntheticPerson person = SyntheticPerson::generate(random, asOf, 18, 80);
        EidRecord record;
        record.subjectId = QString::number(1000000000 + seed % 1000 * 10000000 + i);
        record.aNumber = QString::number(firstANumber + std::uint64_t(i) * 7 % 700000000).rightJustified(9, u'0');
        record.familyName = person.familyName.toUpper();
        record.givenName = person.givenName.toUpper();
        record.dateOfBirth = person.dateOfBirth;
        record.country = person.country.code;
        record.sex = QString(person.sex);
        inventEnforcement(record, random, asOf);
        block += line(record);
        if (block.size() > (8 << 20)) {
            if (file.write(block) != block.size()) {
                return fail(Error::io(QStringLiteral("Cannot write %1.").arg(path), file.errorString()));
            }
            block.clear();
        }
    }
    if (file.write(block) != block.size() || !file.flush()) {
        return fail(Error::io(QStringLiteral("Cannot write %1.").arg(path), file.errorString()));
    }
    return lines;
}

} // namespace ocms
