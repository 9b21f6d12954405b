#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace ocms {

// Word pools for synthetic data. Every name the seed produces is a random pairing from these pools:
// invented people, never real records.
class SyntheticVocabulary
{
public:
    struct Country
    {
        QString code;
        QString name;
        QString language;
    };
    struct Place
    {
        QString code;   // office code stem, e.g. ATL
        QString city;
        QString state;
        QString zipPrefix; // three-digit ZIP prefix of the synthetic jurisdiction
    };

    static const QStringList& givenNamesFemale();
    static const QStringList& givenNamesMale();
    static const QStringList& familyNames();
    static const QStringList& streetNames();
    static const QList<Country>& countries();
    static const QList<Place>& places();
    static const QStringList& immigrationCourts();
    static const QStringList& judgeNames();
    // Sentences for generated memoranda and briefs (research topics the search scenarios look for).
    static const QStringList& legalSentences();
    static const QStringList& offenses();
    static const QStringList& gangs();
};

} // namespace ocms
