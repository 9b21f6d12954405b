#include "imports/csvrecordreader.h"
#include "imports/leadcsvparser.h"
#include "imports/zipcodeimport.h"

#include <QBuffer>

#include <variant>

#include "catchqt.h"

using namespace ocms;

namespace {

QList<CsvRecordReader::Record> readAll(const QByteArray& text, bool* unterminated = nullptr)
{
    QBuffer buffer;
    buffer.setData(text);
    buffer.open(QIODevice::ReadOnly);
    CsvRecordReader reader(&buffer);
    QList<CsvRecordReader::Record> records;
    CsvRecordReader::Record record;
    while (reader.next(&record)) {
        records.append(record);
    }
    if (unterminated) {
        *unterminated = reader.unterminatedQuote();
    }
    return records;
}

const QDate kToday(2026, 11, 30);

LeadCsvParser parserFor(const QString& header)
{
    auto parser = LeadCsvParser::fromHeader(header.split(u','));
    REQUIRE(parser.has_value());
    return *parser;
}

// The reason a line is refused; empty when it is accepted.
QString refusal(const LeadCsvParser& parser, const QString& line, const QString& defaultSource = QStringLiteral("ACME"))
{
    QBuffer buffer;
    buffer.setData(line.toUtf8());
    buffer.open(QIODevice::ReadOnly);
    CsvRecordReader reader(&buffer);
    CsvRecordReader::Record record;
    REQUIRE(reader.next(&record));
    const auto parsed = parser.parse(record.fields, 2, defaultSource, kToday);
    const QString* reason = std::get_if<QString>(&parsed);
    return reason ? *reason : QString();
}

LeadRecord accepted(const LeadCsvParser& parser, const QString& line)
{
    QBuffer buffer;
    buffer.setData(line.toUtf8());
    buffer.open(QIODevice::ReadOnly);
    CsvRecordReader reader(&buffer);
    CsvRecordReader::Record record;
    REQUIRE(reader.next(&record));
    const auto parsed = parser.parse(record.fields, 7, QStringLiteral("ACME"), kToday);
    const QString* reason = std::get_if<QString>(&parsed);
    INFO((reason ? *reason : QString()).toStdString());
    REQUIRE(std::holds_alternative<LeadRecord>(parsed));
    return std::get<LeadRecord>(parsed);
}

} // namespace

TEST_CASE("CSV records follow RFC 4180: quotes, doubled quotes, line breaks in fields, CRLF", "[imports][csv]")
{
    const auto records = readAll("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\n");
    REQUIRE(records.size() == 3);
    CHECK(records[0].fields == QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    CHECK(records[1].fields == QStringList{QStringLiteral("x, y"), QStringLiteral("say \"hi\""), QStringLiteral("two\nlines")});
    CHECK(records[1].line == 2);
    CHECK(records[2].line == 4); // the quoted line break counts as a line of the file
    CHECK(records[2].fields == QStringList{QStringLiteral("last"), QString(), QString()});
    for (const auto& record : records) {
        CHECK(record.error.isEmpty());
    }
}

TEST_CASE("CSV: a byte-order mark is skipped, a missing last line end is fine, UTF-8 is decoded", "[imports][csv]")
{
    const auto records = readAll("\xEF\xBB\xBFzip,city\n04101,Montr\xC3\xA9\x61l");
    REQUIRE(records.size() == 2);
    CHECK(records[0].fields.first() == QStringLiteral("zip"));
    CHECK(records[1].fields.at(1) == QStringLiteral("Montréal"));
}

TEST_CASE("CSV: invalid UTF-8, text after a closing quote and an unclosed quote are reported", "[imports][csv]")
{
    bool unterminated = false;
    const auto records = readAll("ok,1\nbad\xFF,2\n\"quoted\"tail,3\nfine,4\n", &unterminated);
    REQUIRE(records.size() == 4);
    CHECK(records[0].error.isEmpty());
    CHECK(records[1].error == QStringLiteral("the line is not valid UTF-8 text"));
    CHECK(records[2].error.contains(QStringLiteral("closing quote")));
    CHECK(records[3].error.isEmpty());
    CHECK_FALSE(unterminated);

    readAll("a,b\n\"never closed,1\nmore,2\n", &unterminated);
    CHECK(unterminated);
}

TEST_CASE("CSV: a record larger than the read block streams through", "[imports][csv]")
{
    const QByteArray big(3 << 20, 'x');
    const auto records = readAll("a,\"" + big + "\"\nb,c\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0].fields.at(1).size() == big.size());
    CHECK(records[1].fields == QStringList{QStringLiteral("b"), QStringLiteral("c")});
}

TEST_CASE("Lead header: columns in any order and case, a required column missing refuses the file", "[imports][leads]")
{
    auto parser = LeadCsvParser::fromHeader({QStringLiteral("ZIP"), QStringLiteral("Address_Line1"), QStringLiteral("a_number"),
                                             QStringLiteral("favourite_colour")});
    REQUIRE(parser.has_value());
    CHECK(parser->ignoredColumns() == QStringList{QStringLiteral("favourite_colour")});

    auto missing = LeadCsvParser::fromHeader({QStringLiteral("a_number"), QStringLiteral("city")});
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().userMessage.contains(QStringLiteral("address_line1, zip")));

    auto twice = LeadCsvParser::fromHeader({QStringLiteral("a_number"), QStringLiteral("zip"), QStringLiteral("address_line1"),
                                            QStringLiteral("ZIP")});
    REQUIRE_FALSE(twice.has_value());
}

TEST_CASE("Lead lines are normalised: A-Number, SSN, dates, ZIP+4, state, score, names and report date in notes", "[imports][leads]")
{
    const LeadCsvParser parser = parserFor(QStringLiteral(
        "a_number,family_name,given_name,date_of_birth,ssn,address_line1,city,state,zip,relevance_score,source,source_detail,"
        "reported_on,notes"));
    const LeadRecord lead = accepted(parser, QStringLiteral(
        "A-12-345-678,Example,Ana,03/15/1980,123-45-6789,\"12  Main St., Apt 4\",portland,me,04101-1234,87.5,,Batch 7,"
        "2026-11-02,Seen at work"));
    CHECK(lead.line == 7);
    CHECK(lead.aNumber == QStringLiteral("012345678"));
    CHECK(lead.dateOfBirth == QDate(1980, 3, 15));
    CHECK(lead.ssn == QStringLiteral("123456789"));
    CHECK(lead.addressLine1 == QStringLiteral("12 Main St., Apt 4"));
    CHECK(lead.state == QStringLiteral("ME"));
    CHECK(lead.zip == QStringLiteral("04101"));
    REQUIRE(lead.relevanceScore.has_value());
    CHECK(*lead.relevanceScore == 87.5);
    CHECK(lead.sourceCode == QStringLiteral("ACME")); // the import's --source, the line has none
    CHECK(lead.sourceDetail == QStringLiteral("Batch 7"));
    CHECK(lead.notes == QStringLiteral("Reported name: Ana Example\nReported on: 2026-11-02\nSeen at work"));

    const LeadRecord own = accepted(parser, QStringLiteral("012345678,,,,,1 Oak Ave,,,04101,,TIPLINE,,,"));
    CHECK(own.sourceCode == QStringLiteral("TIPLINE"));
    CHECK_FALSE(own.relevanceScore.has_value());
    CHECK(own.ssn.isEmpty());
    CHECK_FALSE(own.dateOfBirth.isValid());
}

TEST_CASE("Lead lines are refused with a reason a sender can act on", "[imports][leads]")
{
    const LeadCsvParser parser = parserFor(QStringLiteral(
        "a_number,date_of_birth,ssn,address_line1,state,zip,relevance_score,source,reported_on"));
    const QList<std::pair<const char*, const char*>> cases = {
        {",,,1 Oak Ave,,04101,,,", "a_number is empty"},
        {"A12345,,,1 Oak Ave,,04101,,,", "a_number: An A-Number has eight or nine digits"},
        {"A1234567X,,,1 Oak Ave,,04101,,,", "a_number: An A-Number holds only digits"},
        {"012345678,1980-02-30,,1 Oak Ave,,04101,,,", "date_of_birth 1980-02-30 is not a date"},
        {"012345678,2099-01-01,,1 Oak Ave,,04101,,,", "is not between 1900-01-01 and today"},
        {"012345678,,12345678,1 Oak Ave,,04101,,,", "ssn: A Social Security number has nine digits"},
        {"012345678,,666-12-3456,1 Oak Ave,,04101,,,", "is not a valid Social Security number"},
        {"012345678,,,,,04101,,,", "address_line1 is empty"},
        {"012345678,,,1 Oak Ave,,4101,,,", "zip 4101 is not five digits"},
        {"012345678,,,1 Oak Ave,,0410A,,,", "zip 0410A is not five digits"},
        {"012345678,,,1 Oak Ave,,,,,", "zip is empty"},
        {"012345678,,,1 Oak Ave,Maine,04101,,,", "state MAINE is not a two-letter postal code"},
        {"012345678,,,1 Oak Ave,,04101,101,,", "relevance_score 101 is not a number from 0 to 100"},
        {"012345678,,,1 Oak Ave,,04101,-5,,", "relevance_score -5 is not a number"},
        {"012345678,,,1 Oak Ave,,04101,50.123,,", "at most two decimals"},
        {"012345678,,,1 Oak Ave,,04101,,,2027-01-01", "reported_on 2027-01-01 is not between"},
        {"012345678,,,1 Oak Ave,,04101,,", "8 fields where the header has 9"},
        // Dates and scores are read by hand, to the letter of the format.
        {"012345678,1980-1-02,,1 Oak Ave,,04101,,,", "date_of_birth 1980-1-02 is not a date"},
        {"012345678,01/02/80,,1 Oak Ave,,04101,,,", "date_of_birth 01/02/80 is not a date"},
        {"012345678,123/2/1980,,1 Oak Ave,,04101,,,", "date_of_birth 123/2/1980 is not a date"},
        {"012345678,1980-0A-02,,1 Oak Ave,,04101,,,", "date_of_birth 1980-0A-02 is not a date"},
        {"012345678,13/01/1980,,1 Oak Ave,,04101,,,", "date_of_birth 13/01/1980 is not a date"},
        {"012345678,,,1 Oak Ave,,04101,.5,,", "relevance_score .5 is not a number"},
        {"012345678,,,1 Oak Ave,,04101,5.,,", "relevance_score 5. is not a number"},
        {"012345678,,,1 Oak Ave,,04101,1000,,", "relevance_score 1000 is not a number"},
        {"012345678,,,1 Oak Ave,,04101,1e2,,", "relevance_score 1e2 is not a number"},
    };
    for (const auto& [line, reason] : cases) {
        INFO(line);
        CHECK(refusal(parser, QString::fromLatin1(line)).contains(QString::fromLatin1(reason)));
    }
    CHECK(refusal(parser, QStringLiteral("012345678,,,1 Oak Ave,,04101,,,"), QString()) ==
          QStringLiteral("no source: give a source column or import with --source"));
    CHECK(refusal(parser, QStringLiteral("012345678,,,1 Oak Ave,,04101,,,")).isEmpty());
    for (const char* good : {"012345678,1/2/1980,,1 Oak Ave,,04101,0,,", "012345678,12/31/1980,,1 Oak Ave,,04101,100,,2026-11-01",
                             "012345678,1980-12-31,,1 Oak Ave,,04101,99.99,,11/1/2026", "012345678,,,1 Oak Ave,,04101,7.5,,"}) {
        INFO(good);
        CHECK(refusal(parser, QString::fromLatin1(good)).isEmpty());
    }
}

TEST_CASE("ZIP table lines: five digits, a city, a two-letter state", "[imports][zip]")
{
    const auto good = ZipCodeImport::parse(QStringLiteral(" 04101 "), QStringLiteral("  Portland  "), QStringLiteral("me"),
                                           QStringLiteral("Cumberland"));
    REQUIRE(std::holds_alternative<ZipCodeImport::Row>(good));
    CHECK(std::get<ZipCodeImport::Row>(good).zip == QStringLiteral("04101"));
    CHECK(std::get<ZipCodeImport::Row>(good).city == QStringLiteral("Portland"));
    CHECK(std::get<ZipCodeImport::Row>(good).state == QStringLiteral("ME"));
    const auto reason = [](const char* zip, const char* city, const char* state) {
        const auto parsed = ZipCodeImport::parse(QString::fromLatin1(zip), QString::fromLatin1(city), QString::fromLatin1(state), {});
        return std::holds_alternative<QString>(parsed) ? std::get<QString>(parsed) : QString();
    };
    CHECK(reason("4101", "Portland", "ME") == QStringLiteral("zip 4101 is not five digits"));
    CHECK(reason("04101", " ", "ME") == QStringLiteral("city is empty"));
    CHECK(reason("04101", "Portland", "M1") == QStringLiteral("state M1 is not a two-letter postal code"));
}
