#pragma once

#include "eidrecord.h"
#include "result.h"

#include <QByteArray>
#include <QDate>
#include <QString>

#include <cstdint>

namespace ocms {

class DeterministicRandom;

// Writes EID daily extracts (FORMATS.md): the header, lines from records, and whole synthetic sample files
// of invented people (`ocmsctl seed eid-extract`). Every line ends in LF.
class EidExtractWriter
{
public:
    static QByteArray header();
    static QByteArray line(const EidRecord& record);
    // The arrest, booking, detention, removal and custody part of a record, invented for one subject.
    static void inventEnforcement(EidRecord& record, DeterministicRandom& random, const QDate& asOf);
    // `lines` synthetic subjects (seeded: the same seed gives the same file). Returns the lines written.
    static Result<qint64> writeSample(const QString& path, qint64 lines, std::uint64_t seed, const QDate& asOf);
};

} // namespace ocms
