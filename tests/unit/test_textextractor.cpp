#include "documents/simplepdfwriter.h"
#include "documents/textextractor.h"

#include "catchqt.h"
#include "documentfixtures.h"

#include <QRandomGenerator>
#include <QTemporaryDir>

using ocms::ErrorCode;
using ocms::ExtractedText;
using ocms::TextExtractor;
namespace fixtures = ocms::fixtures;

namespace {

QByteArray memorandumPdf()
{
    ocms::SimplePdfWriter writer(QStringLiteral("Memorandum in support of asylum"));
    writer.addParagraph(QStringLiteral("The respondent fears persecution on account of political opinion."));
    for (int i = 0; i < 60; ++i) {
        writer.addParagraph(QStringLiteral("Paragraph %1 of the country conditions evidence.").arg(i));
    }
    writer.addParagraph(QStringLiteral("Closing paragraph naming the Zelaya declaration."));
    return writer.toPdf();
}

} // namespace

TEST_CASE("PDF text comes out page by page from the text layer", "[documents][extract]")
{
    const QByteArray pdf = memorandumPdf();
    const auto result = TextExtractor().extract(pdf, QStringLiteral("memo.pdf"), QStringLiteral("application/pdf"));
    REQUIRE_OK(result);
    CHECK(result->method == ExtractedText::Method::PdfText);
    CHECK(ExtractedText::methodName(result->method) == QStringLiteral("pdf-text"));
    REQUIRE(result->pages.size() == 3);
    CHECK(result->pages[0].contains(QStringLiteral("Memorandum in support of asylum")));
    CHECK(result->pages[0].contains(QStringLiteral("persecution on account of political opinion")));
    CHECK_FALSE(result->pages[0].contains(QStringLiteral("Zelaya")));
    CHECK(result->pages[2].contains(QStringLiteral("Zelaya declaration")));
    CHECK_FALSE(result->looksScanned);
    CHECK(result->pagesWithoutText.isEmpty());
    CHECK(result->text().count(u'\f') == 2);
}

TEST_CASE("A PDF is read from a file on disk as from memory", "[documents][extract]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("upload.bin"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(memorandumPdf());
    file.close();
    // No name or MIME type that says PDF: the header decides.
    const auto result = TextExtractor().extractFile(path, QStringLiteral("application/octet-stream"));
    REQUIRE_OK(result);
    CHECK(result->method == ExtractedText::Method::PdfText);
    CHECK(result->text().contains(QStringLiteral("Zelaya declaration")));
}

TEST_CASE("ODT text keeps paragraphs, spaces, tabs and line breaks, without deleted changes", "[documents][extract]")
{
    const QByteArray content = fixtures::odtContent(
        "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion>"
        "<text:p>Withdrawn claim of Honduran nationality</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
        "<text:h text:outline-level=\"1\">Declaration of Ana  Beltr\xc3\xa1n</text:h>"
        "<text:p>I fear <text:span text:style-name=\"T1\">persecution</text:span> in my"
        "\n   country.</text:p>"
        "<text:p>Name:<text:tab/>Ana<text:s text:c=\"3\"/>Beltr\xc3\xa1n<text:line-break/>A-Number: 012-345-678</text:p>"
        "<table:table><table:table-row><table:table-cell><text:p>Cell text</text:p></table:table-cell>"
        "</table:table-row></table:table>");
    const auto result = TextExtractor().extract(fixtures::odtPackage(content), QStringLiteral("declaration.odt"),
                                                QStringLiteral("application/vnd.oasis.opendocument.text"));
    REQUIRE_OK(result);
    CHECK(result->method == ExtractedText::Method::Odt);
    REQUIRE(result->pages.size() == 1);
    CHECK(result->pages[0]
          == QStringLiteral("Declaration of Ana Beltrán\n"
                            "I fear persecution in my country.\n"
                            "Name:\tAna   Beltrán\nA-Number: 012-345-678\n"
                            "Cell text"));
}

TEST_CASE("DOCX text keeps runs, tabs and breaks, without deleted text", "[documents][extract]")
{
    const QByteArray document = fixtures::docxDocument(
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>Motion to reopen</w:t></w:r></w:p>"
        "<w:p><w:r><w:t xml:space=\"preserve\">The respondent, </w:t></w:r><w:r><w:rPr><w:b/></w:rPr>"
        "<w:t>Luis Ort\xc3\xadz</w:t></w:r><w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>secret draft"
        "</w:delText></w:r></w:del><w:r><w:t>, moves</w:t><w:tab/><w:t>now.</w:t><w:br/><w:t>Second line</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Exhibit A</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
    const auto result = TextExtractor().extract(fixtures::docxPackage(document), QStringLiteral("motion.docx"), QString());
    REQUIRE_OK(result);
    CHECK(result->method == ExtractedText::Method::Docx);
    CHECK(result->text() == QStringLiteral("Motion to reopen\nThe respondent, Luis Ortíz, moves\tnow.\nSecond line\nExhibit A"));
    CHECK_FALSE(result->text().contains(QStringLiteral("secret")));
}

TEST_CASE("Office packages are recognised by their contents when the name and type say nothing", "[documents][extract]")
{
    const QByteArray odt = fixtures::odtPackage(fixtures::odtContent("<text:p>x</text:p>"));
    const QByteArray docx = fixtures::docxPackage(fixtures::docxDocument("<w:p/>"));
    const QByteArray otherZip = fixtures::zipArchive({{QStringLiteral("data.csv"), "a,b"}});
    CHECK(TextExtractor::detectKind(odt, QStringLiteral("blob"), QString()) == TextExtractor::Kind::Odt);
    CHECK(TextExtractor::detectKind(docx, QStringLiteral("blob"), QString()) == TextExtractor::Kind::Docx);
    CHECK(TextExtractor::detectKind(otherZip, QStringLiteral("blob"), QString()) == TextExtractor::Kind::Unsupported);
    CHECK(TextExtractor::detectKind("%PDF-1.7 ...", QStringLiteral("scan.docx"), QString()) == TextExtractor::Kind::Pdf);
    CHECK(TextExtractor::detectKind("\x89PNG\r\n\x1a\n....", QString(), QString()) == TextExtractor::Kind::Image);
    CHECK(TextExtractor::detectKind("a,b\n", QStringLiteral("list.CSV"), QString()) == TextExtractor::Kind::PlainText);
    CHECK(TextExtractor::detectKind("x", QString(), QStringLiteral("text/html; charset=utf-8")) == TextExtractor::Kind::Html);
    CHECK(TextExtractor::detectKind("ID3...", QStringLiteral("hearing.mp3"), QStringLiteral("audio/mpeg"))
          == TextExtractor::Kind::Unsupported);
}

TEST_CASE("Plain text is UTF-8, or Latin-1 when it is not valid UTF-8, or what its byte-order mark says", "[documents][extract]")
{
    TextExtractor extractor;
    const auto utf8 = extractor.extract("Se\xc3\xb1or Nu\xc3\xb1""ez\n", QStringLiteral("note.txt"), QString());
    REQUIRE_OK(utf8);
    CHECK(utf8->method == ExtractedText::Method::Plain);
    CHECK(utf8->text() == QStringLiteral("Señor Nuñez\n"));

    const auto latin1 = extractor.extract("Se\xf1or Nu\xf1""ez;Tegucigalpa\n", QStringLiteral("old.csv"), QString());
    REQUIRE_OK(latin1);
    CHECK(latin1->text() == QStringLiteral("Señor Nuñez;Tegucigalpa\n"));

    QByteArray utf16 = "\xff\xfe";
    for (QChar c : QStringLiteral("Núñez")) {
        utf16.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
    }
    const auto bom = extractor.extract(utf16, QStringLiteral("export.txt"), QString());
    REQUIRE_OK(bom);
    CHECK(bom->text() == QStringLiteral("Núñez"));
}

TEST_CASE("HTML gives its visible text only", "[documents][extract]")
{
    const QByteArray html = "<html><head><title>Notice</title><style>p { color: red }</style>"
                            "<script>var secret = 'do not index';</script></head><body>"
                            "<h1>Notice to appear</h1><!-- internal remark --><p>Hearing on <b>3&nbsp;May</b> "
                            "at 9&#58;00 &amp; later</p><table><tr><td>Court</td><td>Room&#x20;4</td></tr></table>"
                            "</body></html>";
    const auto result = TextExtractor().extract(html, QStringLiteral("notice.html"), QString());
    REQUIRE_OK(result);
    CHECK(result->text() == QStringLiteral("Notice\nNotice to appear\nHearing on 3 May at 9:00 & later\nCourt Room 4"));
}

TEST_CASE("Text beyond the cap is cut and flagged", "[documents][extract]")
{
    TextExtractor::Limits limits;
    limits.maxTextChars = 1000;
    const TextExtractor extractor(limits);

    const auto plain = extractor.extract(QByteArray(5000, 'a'), QStringLiteral("big.txt"), QString());
    REQUIRE_OK(plain);
    CHECK(plain->truncated);
    CHECK(plain->text().size() == 1000);

    QByteArray paragraphs;
    for (int i = 0; i < 200; ++i) {
        paragraphs += "<text:p>Paragraph number " + QByteArray::number(i) + "</text:p>";
    }
    const auto odt = extractor.extract(fixtures::odtPackage(fixtures::odtContent(paragraphs)), QStringLiteral("long.odt"), QString());
    REQUIRE_OK(odt);
    CHECK(odt->truncated);
    CHECK(odt->text().size() == 1000);
    CHECK(odt->text().startsWith(QStringLiteral("Paragraph number 0\nParagraph number 1\n")));

    const auto pdf = extractor.extract(memorandumPdf(), QStringLiteral("memo.pdf"), QString());
    REQUIRE_OK(pdf);
    CHECK(pdf->truncated);
    CHECK(pdf->text().remove(u'\f').size() == 1000);
}

TEST_CASE("A zip bomb is stopped at the inflation cap with a clear message", "[documents][extract]")
{
    // 80 MB of one repeated paragraph deflates to well under 1 MB.
    const QByteArray paragraph = "<text:p>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</text:p>";
    const QByteArray bomb = fixtures::odtPackage(fixtures::odtContent(paragraph.repeated(80 * 1024 * 1024 / paragraph.size())));
    REQUIRE(bomb.size() < 2 * 1024 * 1024);
    const auto result = TextExtractor().extract(bomb, QStringLiteral("bomb.odt"), QString());
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == ErrorCode::Validation);
    CHECK(result.error().userMessage.contains(QStringLiteral("too large")));
}

TEST_CASE("Damaged, empty and random input give clear errors, never a crash", "[documents][extract]")
{
    const TextExtractor extractor;
    const auto empty = extractor.extract(QByteArray(), QStringLiteral("empty.pdf"), QStringLiteral("application/pdf"));
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().userMessage.contains(QStringLiteral("empty")));

    QByteArray random(64 * 1024, Qt::Uninitialized);
    QRandomGenerator generator(20261130);
    for (char& byte : random) {
        byte = char(generator.bounded(256));
    }
    for (const QString& name : {QStringLiteral("x.pdf"), QStringLiteral("x.odt"), QStringLiteral("x.docx")}) {
        INFO(name.toStdString());
        const auto result = extractor.extract(random, name, QString());
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().code == ErrorCode::Validation);
        CHECK(result.error().userMessage.contains(QStringLiteral("damaged")));
    }

    const QByteArray odt = fixtures::odtPackage(fixtures::odtContent("<text:p>Complete text</text:p>"));
    const auto truncatedZip = extractor.extract(odt.left(odt.size() / 2), QStringLiteral("cut.odt"), QString());
    REQUIRE_FALSE(truncatedZip.has_value());
    CHECK(truncatedZip.error().userMessage.contains(QStringLiteral("damaged")));

    const QByteArray brokenXml = fixtures::odtPackage("<office:document-content><text:p>unclosed");
    const auto xml = extractor.extract(brokenXml, QStringLiteral("bad.odt"), QString());
    REQUIRE_FALSE(xml.has_value());
    CHECK(xml.error().userMessage.contains(QStringLiteral("content.xml")));

    const QByteArray noDocument = fixtures::zipArchive({{QStringLiteral("[Content_Types].xml"), "<Types/>"}});
    const auto docx = extractor.extract(noDocument, QStringLiteral("hollow.docx"), QString());
    REQUIRE_FALSE(docx.has_value());
    CHECK(docx.error().userMessage.contains(QStringLiteral("word/document.xml")));

    QByteArray cutPdf = memorandumPdf();
    cutPdf.truncate(cutPdf.size() / 3);
    const auto pdf = extractor.extract(cutPdf, QStringLiteral("cut.pdf"), QString());
    // Poppler reconstructs what it can of a truncated PDF; whatever it says, it says it as a value.
    if (pdf.has_value()) {
        CHECK(pdf->method == ExtractedText::Method::PdfText);
    } else {
        CHECK_FALSE(pdf.error().userMessage.isEmpty());
    }
}

TEST_CASE("Images are marked for OCR and other media give no text without an error", "[documents][extract]")
{
    const TextExtractor extractor;
    const auto image = extractor.extract("\xff\xd8\xff\xe0 jpeg data", QStringLiteral("scan.jpg"), QStringLiteral("image/jpeg"));
    REQUIRE_OK(image);
    CHECK(image->method == ExtractedText::Method::None);
    CHECK(image->looksScanned);
    CHECK(image->pagesWithoutText == QList<int>{0});

    const auto audio = extractor.extract("ID3\x03 audio", QStringLiteral("hearing.mp3"), QStringLiteral("audio/mpeg"));
    REQUIRE_OK(audio);
    CHECK(audio->method == ExtractedText::Method::None);
    CHECK(audio->text().isEmpty());
    CHECK_FALSE(audio->looksScanned);
}

TEST_CASE("A cancelled extraction stops with a cancellation error", "[documents][extract]")
{
    const std::atomic<bool> cancel{true};
    const auto result = TextExtractor().extract(memorandumPdf(), QStringLiteral("memo.pdf"), QString(), &cancel);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == ErrorCode::Cancelled);
}
