#include "syntheticvocabulary.h"

namespace ocms {

const QStringList& SyntheticVocabulary::givenNamesFemale()
{
    static const QStringList names = {
        QStringLiteral("María"),    QStringLiteral("Ana"),      QStringLiteral("Lucía"),    QStringLiteral("Sofía"),
        QStringLiteral("Carmen"),   QStringLiteral("Rosa"),     QStringLiteral("Elena"),    QStringLiteral("Isabel"),
        QStringLiteral("Guadalupe"), QStringLiteral("Marisol"), QStringLiteral("Daniela"),  QStringLiteral("Fernanda"),
        QStringLiteral("Wei"),      QStringLiteral("Mei"),      QStringLiteral("Linh"),     QStringLiteral("Priya"),
        QStringLiteral("Aisha"),    QStringLiteral("Fatima"),   QStringLiteral("Amara"),    QStringLiteral("Nadia"),
        QStringLiteral("Olga"),     QStringLiteral("Irina"),    QStringLiteral("Grace"),    QStringLiteral("Esther"),
        QStringLiteral("Sarah"),    QStringLiteral("Emily"),    QStringLiteral("Hannah"),   QStringLiteral("Chloé"),
        QStringLiteral("Zoë"),      QStringLiteral("Noémie"),   QStringLiteral("Yasmin"),   QStringLiteral("Leila"),
        QStringLiteral("Kateryna"), QStringLiteral("Thi"),      QStringLiteral("Adwoa"),    QStringLiteral("Joana"),
    };
    return names;
}

const QStringList& SyntheticVocabulary::givenNamesMale()
{
    static const QStringList names = {
        QStringLiteral("José"),     QStringLiteral("Juan"),     QStringLiteral("Luis"),     QStringLiteral("Carlos"),
        QStringLiteral("Miguel"),   QStringLiteral("Jorge"),    QStringLiteral("Andrés"),   QStringLiteral("Ramón"),
        QStringLiteral("Héctor"),   QStringLiteral("Óscar"),    QStringLiteral("Rafael"),   QStringLiteral("Santiago"),
        QStringLiteral("Wei"),      QStringLiteral("Jun"),      QStringLiteral("Minh"),     QStringLiteral("Arjun"),
        QStringLiteral("Omar"),     QStringLiteral("Yusuf"),    QStringLiteral("Kwame"),    QStringLiteral("Emeka"),
        QStringLiteral("Dmitri"),   QStringLiteral("Andriy"),   QStringLiteral("Samuel"),   QStringLiteral("David"),
        QStringLiteral("Michael"),  QStringLiteral("James"),    QStringLiteral("Daniel"),   QStringLiteral("François"),
        QStringLiteral("Jean"),     QStringLiteral("Ahmed"),    QStringLiteral("Tariq"),    QStringLiteral("Bogdan"),
        QStringLiteral("Nguyen"),   QStringLiteral("Kofi"),     QStringLiteral("João"),     QStringLiteral("Érico"),
    };
    return names;
}

const QStringList& SyntheticVocabulary::familyNames()
{
    static const QStringList names = {
        QStringLiteral("García"),    QStringLiteral("Martínez"),  QStringLiteral("Hernández"), QStringLiteral("López"),
        QStringLiteral("González"),  QStringLiteral("Pérez"),     QStringLiteral("Sánchez"),   QStringLiteral("Ramírez"),
        QStringLiteral("Torres"),    QStringLiteral("Flores"),    QStringLiteral("Rivera"),    QStringLiteral("Gómez"),
        QStringLiteral("Díaz"),      QStringLiteral("Reyes"),     QStringLiteral("Morales"),   QStringLiteral("Cruz"),
        QStringLiteral("Ortiz"),     QStringLiteral("Gutiérrez"), QStringLiteral("Chávez"),    QStringLiteral("Ramos"),
        QStringLiteral("Núñez"),     QStringLiteral("Castillo"),  QStringLiteral("Jiménez"),   QStringLiteral("Vásquez"),
        QStringLiteral("Mendoza"),   QStringLiteral("Aguilar"),   QStringLiteral("Medina"),    QStringLiteral("Castro"),
        QStringLiteral("Romero"),    QStringLiteral("Herrera"),   QStringLiteral("Peña"),      QStringLiteral("Ibáñez"),
        QStringLiteral("Chen"),      QStringLiteral("Wang"),      QStringLiteral("Li"),        QStringLiteral("Zhang"),
        QStringLiteral("Liu"),       QStringLiteral("Huang"),     QStringLiteral("Nguyen"),    QStringLiteral("Tran"),
        QStringLiteral("Pham"),      QStringLiteral("Le"),        QStringLiteral("Patel"),     QStringLiteral("Singh"),
        QStringLiteral("Kumar"),     QStringLiteral("Shah"),      QStringLiteral("Khan"),      QStringLiteral("Ali"),
        QStringLiteral("Hassan"),    QStringLiteral("Ahmed"),     QStringLiteral("Okafor"),    QStringLiteral("Mensah"),
        QStringLiteral("Boateng"),   QStringLiteral("Adeyemi"),   QStringLiteral("Diallo"),    QStringLiteral("Kowalski"),
        QStringLiteral("Novak"),     QStringLiteral("Petrov"),    QStringLiteral("Ivanenko"),  QStringLiteral("Smith"),
        QStringLiteral("Johnson"),   QStringLiteral("Brown"),     QStringLiteral("Miller"),    QStringLiteral("Dubois"),
        QStringLiteral("Lefèvre"),   QStringLiteral("Müller"),    QStringLiteral("Schäfer"),   QStringLiteral("Silva"),
        QStringLiteral("Santos"),    QStringLiteral("Conceição"), QStringLiteral("Kim"),       QStringLiteral("Park"),
        QStringLiteral("O'Brien"),   QStringLiteral("Moreno"),    QStringLiteral("Álvarez"),   QStringLiteral("Domínguez"),
    };
    return names;
}

const QStringList& SyntheticVocabulary::streetNames()
{
    static const QStringList names = {
        QStringLiteral("Maple Ave"),     QStringLiteral("Oak St"),       QStringLiteral("Pine Rd"),
        QStringLiteral("Cedar Ln"),      QStringLiteral("Elm St"),       QStringLiteral("Willow Way"),
        QStringLiteral("Lakeview Dr"),   QStringLiteral("Sunset Blvd"),  QStringLiteral("River Rd"),
        QStringLiteral("Hillcrest Ave"), QStringLiteral("Park Pl"),      QStringLiteral("Mission St"),
        QStringLiteral("Magnolia Ct"),   QStringLiteral("Juniper Loop"), QStringLiteral("Cypress Trl"),
        QStringLiteral("Harbor View Rd"), QStringLiteral("Meadow Ln"),   QStringLiteral("Prospect Ave"),
    };
    return names;
}

const QList<SyntheticVocabulary::Country>& SyntheticVocabulary::countries()
{
    static const QList<Country> list = {
        {QStringLiteral("MX"), QStringLiteral("Mexico"), QStringLiteral("Spanish")},
        {QStringLiteral("GT"), QStringLiteral("Guatemala"), QStringLiteral("Spanish")},
        {QStringLiteral("HN"), QStringLiteral("Honduras"), QStringLiteral("Spanish")},
        {QStringLiteral("SV"), QStringLiteral("El Salvador"), QStringLiteral("Spanish")},
        {QStringLiteral("NI"), QStringLiteral("Nicaragua"), QStringLiteral("Spanish")},
        {QStringLiteral("VE"), QStringLiteral("Venezuela"), QStringLiteral("Spanish")},
        {QStringLiteral("CO"), QStringLiteral("Colombia"), QStringLiteral("Spanish")},
        {QStringLiteral("EC"), QStringLiteral("Ecuador"), QStringLiteral("Spanish")},
        {QStringLiteral("CU"), QStringLiteral("Cuba"), QStringLiteral("Spanish")},
        {QStringLiteral("HT"), QStringLiteral("Haiti"), QStringLiteral("Haitian Creole")},
        {QStringLiteral("BR"), QStringLiteral("Brazil"), QStringLiteral("Portuguese")},
        {QStringLiteral("CN"), QStringLiteral("China"), QStringLiteral("Mandarin")},
        {QStringLiteral("IN"), QStringLiteral("India"), QStringLiteral("Hindi")},
        {QStringLiteral("VN"), QStringLiteral("Vietnam"), QStringLiteral("Vietnamese")},
        {QStringLiteral("PH"), QStringLiteral("Philippines"), QStringLiteral("Tagalog")},
        {QStringLiteral("NG"), QStringLiteral("Nigeria"), QStringLiteral("English")},
        {QStringLiteral("GH"), QStringLiteral("Ghana"), QStringLiteral("English")},
        {QStringLiteral("SN"), QStringLiteral("Senegal"), QStringLiteral("French")},
        {QStringLiteral("UA"), QStringLiteral("Ukraine"), QStringLiteral("Ukrainian")},
        {QStringLiteral("RU"), QStringLiteral("Russia"), QStringLiteral("Russian")},
        {QStringLiteral("AF"), QStringLiteral("Afghanistan"), QStringLiteral("Dari")},
        {QStringLiteral("PK"), QStringLiteral("Pakistan"), QStringLiteral("Urdu")},
    };
    return list;
}

const QList<SyntheticVocabulary::Place>& SyntheticVocabulary::places()
{
    static const QList<Place> list = {
        {QStringLiteral("ATL"), QStringLiteral("Atlanta"), QStringLiteral("GA"), QStringLiteral("303")},
        {QStringLiteral("BAL"), QStringLiteral("Baltimore"), QStringLiteral("MD"), QStringLiteral("212")},
        {QStringLiteral("BOS"), QStringLiteral("Boston"), QStringLiteral("MA"), QStringLiteral("021")},
        {QStringLiteral("CHI"), QStringLiteral("Chicago"), QStringLiteral("IL"), QStringLiteral("606")},
        {QStringLiteral("DAL"), QStringLiteral("Dallas"), QStringLiteral("TX"), QStringLiteral("752")},
        {QStringLiteral("DEN"), QStringLiteral("Denver"), QStringLiteral("CO"), QStringLiteral("802")},
        {QStringLiteral("HOU"), QStringLiteral("Houston"), QStringLiteral("TX"), QStringLiteral("770")},
        {QStringLiteral("LOS"), QStringLiteral("Los Angeles"), QStringLiteral("CA"), QStringLiteral("900")},
        {QStringLiteral("MIA"), QStringLiteral("Miami"), QStringLiteral("FL"), QStringLiteral("331")},
        {QStringLiteral("NYC"), QStringLiteral("New York"), QStringLiteral("NY"), QStringLiteral("100")},
        {QStringLiteral("NEW"), QStringLiteral("Newark"), QStringLiteral("NJ"), QStringLiteral("071")},
        {QStringLiteral("PHO"), QStringLiteral("Phoenix"), QStringLiteral("AZ"), QStringLiteral("850")},
        {QStringLiteral("SNA"), QStringLiteral("San Antonio"), QStringLiteral("TX"), QStringLiteral("782")},
        {QStringLiteral("SND"), QStringLiteral("San Diego"), QStringLiteral("CA"), QStringLiteral("921")},
        {QStringLiteral("SFR"), QStringLiteral("San Francisco"), QStringLiteral("CA"), QStringLiteral("941")},
        {QStringLiteral("SEA"), QStringLiteral("Seattle"), QStringLiteral("WA"), QStringLiteral("981")},
    };
    return list;
}

const QStringList& SyntheticVocabulary::immigrationCourts()
{
    static const QStringList courts = [] {
        QStringList list;
        for (const Place& place : places()) {
            list.append(place.city + QStringLiteral(" Immigration Court"));
        }
        return list;
    }();
    return courts;
}

const QStringList& SyntheticVocabulary::judgeNames()
{
    static const QStringList names = {
        QStringLiteral("IJ A. Whitfield"), QStringLiteral("IJ R. Okonkwo"),  QStringLiteral("IJ M. Delgado"),
        QStringLiteral("IJ S. Lindqvist"), QStringLiteral("IJ T. Baptiste"), QStringLiteral("IJ K. Nakamura"),
        QStringLiteral("IJ L. Ferreira"),  QStringLiteral("IJ D. Abernathy"), QStringLiteral("IJ P. Castellanos"),
        QStringLiteral("IJ J. Weatherby"), QStringLiteral("IJ H. Mirza"),     QStringLiteral("IJ C. Valdés"),
    };
    return names;
}

const QStringList& SyntheticVocabulary::legalSentences()
{
    static const QStringList sentences = {
        QStringLiteral("The respondent claims persecution on account of membership in a particular social group."),
        QStringLiteral("The proposed particular social group must be immutable, particular and socially distinct."),
        QStringLiteral("Country conditions reports for Honduras describe widespread gang extortion of small businesses."),
        QStringLiteral("The respondent testified that local authorities were unable or unwilling to protect her."),
        QStringLiteral("The government contends that the harm alleged does not rise to the level of persecution."),
        QStringLiteral("Internal relocation within the country of nationality appears reasonable on this record."),
        QStringLiteral("The one-year filing deadline for asylum was not met and no exception applies."),
        QStringLiteral("Withholding of removal requires a clear probability of persecution."),
        QStringLiteral("Protection under the Convention Against Torture requires acquiescence of a public official."),
        QStringLiteral("The record contains inconsistencies between the credible fear interview and testimony."),
        QStringLiteral("Corroborating evidence was reasonably available and was not submitted."),
        QStringLiteral("The motion to reopen relies on changed country conditions in Guatemala."),
        QStringLiteral("Counsel requests a continuance to obtain additional documentary evidence."),
        QStringLiteral("The bond request should be denied because the respondent presents a flight risk."),
        QStringLiteral("The claimant alleges injuries from a collision with a government vehicle."),
        QStringLiteral("Under the Federal Tort Claims Act the claim must be presented within two years."),
        QStringLiteral("The agency conducted an adequate search for records responsive to the FOIA request."),
        QStringLiteral("The withheld material falls within the deliberative process privilege."),
        QStringLiteral("The complainant alleges discrimination in a reassignment decision."),
        QStringLiteral("Political opinion may be actual or imputed by the persecutor."),
        QStringLiteral("Gang recruitment alone has generally not been found to constitute persecution."),
        QStringLiteral("Family membership can define a cognizable particular social group in El Salvador."),
    };
    return sentences;
}

const QStringList& SyntheticVocabulary::offenses()
{
    static const QStringList list = {
        QStringLiteral("Driving under the influence"), QStringLiteral("Aggravated assault"),
        QStringLiteral("Burglary"), QStringLiteral("Possession of a controlled substance"),
        QStringLiteral("Theft"), QStringLiteral("Illegal reentry"), QStringLiteral("Fraud"),
        QStringLiteral("Domestic violence"),
    };
    return list;
}

const QStringList& SyntheticVocabulary::gangs()
{
    static const QStringList list = {
        QStringLiteral("Synthetic Crew North"), QStringLiteral("Synthetic Set 14"), QStringLiteral("Example Locos"),
    };
    return list;
}

} // namespace ocms
