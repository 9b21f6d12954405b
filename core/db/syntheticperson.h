#pragma once

#include "copybuffer.h"
#include "deterministicrandom.h"
#include "syntheticvocabulary.h"

#include <QDate>
#include <QString>
#include <QUuid>

namespace ocms {

// One invented individual and the rows that describe them (people, aliases, addresses, phones).
struct SyntheticPerson
{
    QUuid id;
    QString familyName;
    QString givenName;
    QChar sex;
    QDate dateOfBirth;
    SyntheticVocabulary::Country country;
    QString aNumber;
    QString ssn;

    static SyntheticPerson generate(DeterministicRandom& random, const QDate& asOf, int minAge, int maxAge);
    static QString randomSsn(DeterministicRandom& random);

    QString displayName() const { return familyName + QStringLiteral(", ") + givenName; }

    static constexpr auto kPeopleColumns =
        "COPY core.people (id, family_name, given_name, date_of_birth, place_of_birth, sex, nationality, language, "
        "a_number, ssn, created_at) FROM STDIN";
    static constexpr auto kAliasColumns =
        "COPY core.person_aliases (id, person_id, family_name, given_name, source, created_at) FROM STDIN";
    static constexpr auto kAddressColumns =
        "COPY core.addresses (id, person_id, kind, line1, city, state, zip, source, created_at) FROM STDIN";
    static constexpr auto kPhoneColumns = "COPY core.phones (id, person_id, kind, number, created_at) FROM STDIN";

    void writePerson(CopyBuffer& people, const QDateTime& createdAt) const;
    // An AKA: another family name, or the given names swapped, as imports often bring.
    void writeAlias(CopyBuffer& aliases, DeterministicRandom& random, const QString& source,
                    const QDateTime& createdAt) const;
    void writeAddress(CopyBuffer& addresses, DeterministicRandom& random, const QString& kind, const QString& zip,
                      const QString& city, const QString& state, const QString& source,
                      const QDateTime& createdAt) const;
    void writePhone(CopyBuffer& phones, DeterministicRandom& random, const QDateTime& createdAt) const;
};

} // namespace ocms
