#include "syntheticperson.h"

#include <QTimeZone>

namespace ocms {

SyntheticPerson SyntheticPerson::generate(DeterministicRandom& random, const QDate& asOf, int minAge, int maxAge)
{
    SyntheticPerson person;
    person.id = random.uuid();
    const bool female = random.chance(0.46);
    person.sex = female ? u'F' : u'M';
    person.givenName = random.pick(female ? SyntheticVocabulary::givenNamesFemale() : SyntheticVocabulary::givenNamesMale());
    person.familyName = random.pick(SyntheticVocabulary::familyNames());
    if (random.chance(0.25)) {
        // Two family names, as is common in Spanish-speaking countries.
        person.familyName += u' ' + random.pick(SyntheticVocabulary::familyNames());
    }
    person.dateOfBirth = random.dateBetween(asOf.addYears(-maxAge), asOf.addYears(-minAge));
    person.country = random.pick(SyntheticVocabulary::countries());
    return person;
}

QString SyntheticPerson::randomSsn(DeterministicRandom& random)
{
    // Area 001-665 or 667-899, group 01-99, serial 0001-9999: the shape of an issued number, invented.
    int area = random.between(1, 898);
    if (area >= 666) {
        ++area;
    }
    return QStringLiteral("%1%2%3")
        .arg(area, 3, 10, QChar(u'0'))
        .arg(random.between(1, 99), 2, 10, QChar(u'0'))
        .arg(random.between(1, 9999), 4, 10, QChar(u'0'));
}

void SyntheticPerson::writePerson(CopyBuffer& people, const QDateTime& createdAt) const
{
    people.uuid(id)
        .text(familyName)
        .text(givenName)
        .date(dateOfBirth)
        .text(country.name)
        .text(QString(sex))
        .text(country.code)
        .text(country.language)
        .optionalText(aNumber)
        .optionalText(ssn)
        .timestamp(createdAt);
    people.endRow();
}

void SyntheticPerson::writeAlias(CopyBuffer& aliases, DeterministicRandom& random, const QString& source,
                                 const QDateTime& createdAt) const
{
    const bool swap = random.chance(0.3);
    aliases.uuid(random.uuid())
        .uuid(id)
        .text(swap ? givenName : random.pick(SyntheticVocabulary::familyNames()))
        .text(swap ? familyName.section(u' ', 0, 0) : givenName)
        .text(source)
        .timestamp(createdAt);
    aliases.endRow();
}

void SyntheticPerson::writeAddress(CopyBuffer& addresses, DeterministicRandom& random, const QString& kind,
                                   const QString& zip, const QString& city, const QString& state,
                                   const QString& source, const QDateTime& createdAt) const
{
    addresses.uuid(random.uuid())
        .uuid(id)
        .text(kind)
        .text(QStringLiteral("%1 %2").arg(random.between(10, 9899)).arg(random.pick(SyntheticVocabulary::streetNames())))
        .text(city)
        .text(state)
        .text(zip)
        .text(source)
        .timestamp(createdAt);
    addresses.endRow();
}

void SyntheticPerson::writePhone(CopyBuffer& phones, DeterministicRandom& random, const QDateTime& createdAt) const
{
    // 555-01xx numbers are reserved for fiction.
    phones.uuid(random.uuid())
        .uuid(id)
        .text(random.chance(0.7) ? QStringLiteral("mobile") : QStringLiteral("home"))
        .text(QStringLiteral("(%1) 555-01%2").arg(random.between(201, 989)).arg(random.between(0, 99), 2, 10, QChar(u'0')))
        .timestamp(createdAt);
    phones.endRow();
}

} // namespace ocms
