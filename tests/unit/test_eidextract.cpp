// EID daily extract: the client-side line checks (issue 9 item 6) and the writer's lines reading back.
#include "imports/csvrecordreader.h"
#include "imports/eidextractparser.h"
#include "imports/eidextractwriter.h"

#include <QBuffer>
#include <QTemporaryDir>

#include <algorithm>
#include <variant>

#include "catchqt.h"

using namespace ocms;

namespace {

const QDate kToday(2026, 11, 30);
const QByteArray kGood = "1001,A-012-345-678,GARCIA,ANA,1980-03-15,mx,f,2026-01-02,\"El Paso, TX\",2026-01-03,El Paso SPC,,,Detained\n";

// Every data line of a file (header first) through one parser, in order.
QList<std::variant<EidRecord, QString>> check(const QByteArray& body, const QByteArray& header = EidExtractWriter::header())
{
    QBuffer buffer;
    buffer.setData(header + body);
    buffer.open(QIODevice::ReadOnly);
    CsvRecordReader reader(&buffer);
    CsvRecordReader::Record record;
    REQUIRE(reader.next(&record));
    auto parser = EidExtractParser::fromHeader(record.fields);
    REQUIRE(parser.has_value());
    QList<std::variant<EidRecord, QString>> results;
    while (reader.next(&record)) {
        results.append(parser->parse(record, kToday));
    }
    return results;
}

QString reasonOf(const std::variant<EidRecord, QString>& result)
{
    const QString* reason = std::get_if<QString>(&result);
    return reason ? *reason : QString();
}

} // namespace

TEST_CASE("A good EID line is read and normalised", "[unit][eid]")
{
    const auto results = check(kGood);
    REQUIRE(results.size() == 1);
    const EidRecord* record = std::get_if<EidRecord>(&results.first());
    REQUIRE(record != nullptr);
    CHECK(record->line == 2);
    CHECK(record->subjectId == QStringLiteral("1001"));
    CHECK(record->aNumber == QStringLiteral("012345678"));
    CHECK(record->country == QStringLiteral("MX"));
    CHECK(record->sex == QStringLiteral("F"));
    CHECK(record->arrestLocation == QStringLiteral("El Paso, TX"));
    CHECK(record->bookingDate == QDate(2026, 1, 3));
    CHECK_FALSE(record->releaseDate.isValid());
    CHECK(record->custodyStatus == QStringLiteral("detained"));
}

TEST_CASE("EID lines with a bad A-Number, date, code or field count are refused with the reason", "[unit][eid]")
{
    const auto results = check("1,A1234567,X,Y,1980-01-01,MX,F,,,,,,,detained\n"           // 7 digits
                               "2,123456789,X,Y,1980-02-30,MX,F,,,,,,,detained\n"          // no such day
                               "3,234567891,X,Y,2030-01-01,MX,F,,,,,,,detained\n"          // future
                               "4,345678912,X,Y,1980-01-01,MEX,F,,,,,,,detained\n"         // three letters
                               "5,456789123,X,Y,1980-01-01,MX,F,,,,,,,on_vacation\n"       // unknown status
                               "6,567891234,X,Y,1980-01-01,MX,F,,,,,,detained\n"           // 13 fields
                               "7,678912345,,Y,1980-01-01,MX,F,,,,,,,detained\n"           // no family name
                               "8x,789123456,X,Y,1980-01-01,MX,F,,,,,,,detained\n"         // subject id
                               "9,891234567,X,Y,1980-01-01,MX,F,2026-02-02,,2026-02-01,,,,detained\n"); // booked before arrest
    REQUIRE(results.size() == 9);
    CHECK(reasonOf(results[0]).startsWith(QStringLiteral("a_number \"A1234567\": An A-Number has eight or nine digits")));
    CHECK(reasonOf(results[1]) == QStringLiteral("date_of_birth \"1980-02-30\" is not a date written YYYY-MM-DD"));
    CHECK(reasonOf(results[2]) == QStringLiteral("date_of_birth 2030-01-01 is not between 1900-01-01 and today"));
    CHECK(reasonOf(results[3]).contains(QStringLiteral("not a two-letter country code")));
    CHECK(reasonOf(results[4]).startsWith(QStringLiteral("custody_status \"on_vacation\" is not one of detained, released")));
    CHECK(reasonOf(results[5]) == QStringLiteral("the line has 13 fields, the header 14"));
    CHECK(reasonOf(results[6]) == QStringLiteral("family_name is empty"));
    CHECK(reasonOf(results[7]).startsWith(QStringLiteral("eid_subject_id \"8x\" is not a number")));
    CHECK(reasonOf(results[8]) == QStringLiteral("booking_date 2026-02-01 is before arrest_date 2026-02-02"));
}

TEST_CASE("Repeated EID lines, subjects and A-Numbers are refused, naming the first line", "[unit][eid]")
{
    const auto results = check(kGood + kGood + "1001,111111111,OTHER,NAME,,,,,,,,,,released\n"
                               + "2002,012345678,OTHER,NAME,,,,,,,,,,released\n");
    REQUIRE(results.size() == 4);
    CHECK(std::holds_alternative<EidRecord>(results[0]));
    CHECK(reasonOf(results[1]) == QStringLiteral("the line repeats line 2"));
    CHECK(reasonOf(results[2]) == QStringLiteral("EID subject 1001 is already on line 2 (one line per subject)"));
    CHECK(reasonOf(results[3]) == QStringLiteral("A-Number 012345678 is already on line 2 (one line per A-Number)"));
}

TEST_CASE("A last EID line without its line end is taken as truncated, bad UTF-8 is refused", "[unit][eid]")
{
    QByteArray latin1 = "2002,234567891,M\xDCLLER,ANA,,,,,,,,,,released\n"; // ISO 8859-1 Ü
    const auto results = check(kGood + latin1 + "3003,345678912,CUT,OFF,1980-01-01,MX,F,,,,,,,detai");
    REQUIRE(results.size() == 3);
    CHECK(std::holds_alternative<EidRecord>(results[0]));
    CHECK(reasonOf(results[1]) == QStringLiteral("the line is not valid UTF-8 text"));
    CHECK(reasonOf(results[2]).startsWith(QStringLiteral("the file ends inside this line (no line end after it)")));
}

TEST_CASE("An EID header without the required columns refuses the file, columns in any order are fine", "[unit][eid]")
{
    auto missing = EidExtractParser::fromHeader({QStringLiteral("eid_subject_id"), QStringLiteral("a_number")});
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().userMessage.contains(QStringLiteral("lacks the columns family_name, given_name")));

    QStringList shuffled = EidExtractParser::columns();
    std::reverse(shuffled.begin(), shuffled.end());
    shuffled.append(QStringLiteral("Extra_Column"));
    auto parser = EidExtractParser::fromHeader(shuffled);
    REQUIRE(parser.has_value());
    CHECK(parser->ignoredColumns() == QStringList{QStringLiteral("Extra_Column")});
    CsvRecordReader::Record record;
    record.line = 2;
    // custody_status, removal_date … date_of_birth (nine empty), given_name, family_name, a_number, eid_subject_id, the extra one.
    record.fields = {QStringLiteral("detained"), QString(), QString(), QString(), QString(), QString(), QString(), QString(),
                     QString(), QString(), QStringLiteral("ANA"), QStringLiteral("GARCIA"), QStringLiteral("123456789"),
                     QStringLiteral("55"), QStringLiteral("ignored")};
    const auto parsed = parser->parse(record, kToday);
    const EidRecord* eid = std::get_if<EidRecord>(&parsed);
    REQUIRE(eid != nullptr);
    CHECK(eid->subjectId == QStringLiteral("55"));
    CHECK(eid->familyName == QStringLiteral("GARCIA"));
    CHECK(eid->custodyStatus == QStringLiteral("detained"));
}

TEST_CASE("The synthetic EID sample reads back without a rejected line", "[unit][eid]")
{
    QTemporaryDir folder;
    REQUIRE(folder.isValid());
    const QString path = folder.filePath(QStringLiteral("eid.csv"));
    auto written = EidExtractWriter::writeSample(path, 500, 42, kToday);
    REQUIRE(written.has_value());
    CHECK(*written == 500);
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    const qsizetype headerEnd = content.indexOf('\n') + 1;
    const auto results = check(content.mid(headerEnd), content.left(headerEnd));
    REQUIRE(results.size() == 500);
    for (const auto& result : results) {
        INFO(reasonOf(result).toStdString());
        CHECK(std::holds_alternative<EidRecord>(result));
    }
}
