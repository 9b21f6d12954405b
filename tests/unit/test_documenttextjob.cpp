#include "documents/casebinder.h"
#include "documents/documenttextjob.h"
#include "documents/ocrengine.h"
#include "documents/redactor.h"
#include "documents/simplepdfwriter.h"

#include "catchqt.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>

#include <poppler-qt6.h>

using ocms::DocumentTextJob;
using ocms::ErrorCode;
using ocms::ExtractedText;
using ocms::OcrEngine;

namespace {

QByteArray declarationPdf()
{
    ocms::SimplePdfWriter writer(QStringLiteral("Declaration in support of asylum"));
    writer.addParagraph(QStringLiteral("I fear persecution by the gang that controls my neighborhood."));
    writer.addParagraph(QStringLiteral("The police refused to protect my family after the threats."));
    return writer.toPdf();
}

// A "scan": the declaration's pages as pictures only, like a copier's PDF; no text layer at all.
QByteArray scannedPdf()
{
    ocms::Redactor::Options options;
    options.dpi = 300;
    const auto scan = ocms::Redactor(options).redact(declarationPdf(), {});
    REQUIRE_OK(scan);
    return *scan;
}

QByteArray pngOfFirstPage(const QByteArray& pdf)
{
    const auto document = Poppler::Document::loadFromData(pdf);
    REQUIRE(document);
    const QImage image = document->page(0)->renderToImage(300, 300);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    REQUIRE(image.save(&buffer, "PNG"));
    return buffer.data();
}

// OCR is not perfect: a few distinctive words are enough to show the page was read.
void checkDeclarationWords(const QString& text)
{
    INFO(text.toStdString());
    for (const QString& word : {QStringLiteral("asylum"), QStringLiteral("persecution"), QStringLiteral("neighborhood"),
                                QStringLiteral("police")}) {
        CHECK(text.contains(word, Qt::CaseInsensitive));
    }
}

} // namespace

TEST_CASE("A scanned PDF without text is OCRed and its words are found", "[documents][ocr]")
{
    const QByteArray scan = scannedPdf();
    const auto extracted = ocms::TextExtractor().extract(scan, QStringLiteral("scan.pdf"), QString());
    REQUIRE_OK(extracted);
    CHECK(extracted->looksScanned);
    CHECK(extracted->pagesWithoutText == QList<int>{0});
    CHECK(extracted->text().trimmed().isEmpty());

    DocumentTextJob job;
    QList<std::pair<int, int>> progress;
    const auto result = job.run(scan, QStringLiteral("scan.pdf"), QStringLiteral("application/pdf"), nullptr,
                                [&](int done, int total) { progress.append({done, total}); });
    REQUIRE_OK(result);
    CHECK(result->method == ExtractedText::Method::Ocr);
    CHECK(ExtractedText::methodName(result->method) == QStringLiteral("ocr"));
    CHECK(result->ocrPages == QList<int>{0});
    CHECK(result->warning.isEmpty());
    CHECK(progress == QList<std::pair<int, int>>{{1, 1}});
    checkDeclarationWords(result->text());
}

TEST_CASE("A PNG image is OCRed", "[documents][ocr]")
{
    const auto result = DocumentTextJob().run(pngOfFirstPage(declarationPdf()), QStringLiteral("photo.png"),
                                              QStringLiteral("image/png"));
    REQUIRE_OK(result);
    CHECK(result->method == ExtractedText::Method::Ocr);
    REQUIRE(result->pages.size() == 1);
    checkDeclarationWords(result->text());
}

TEST_CASE("Only the scanned pages of a mixed PDF are OCRed", "[documents][ocr]")
{
    QTemporaryDir dir;
    ocms::SimplePdfWriter typed(QStringLiteral("Cover letter"));
    typed.addParagraph(QStringLiteral("Enclosed is the declaration of the respondent."));
    ocms::CaseBinder binder(QStringLiteral("Mixed filing"));
    binder.addDocument({QStringLiteral("Cover letter"), QString(), typed.toPdf(), QString()});
    binder.addDocument({QStringLiteral("Declaration (scan)"), QString(), scannedPdf(), QString()});
    const QString path = dir.filePath(QStringLiteral("mixed.pdf"));
    REQUIRE_OK(binder.writeTo(path));
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray mixed = file.readAll();

    const auto result = DocumentTextJob().run(mixed, QStringLiteral("mixed.pdf"), QString());
    REQUIRE_OK(result);
    REQUIRE(result->pages.size() == 3); // contents, cover letter, scan
    CHECK(result->method == ExtractedText::Method::PdfText);
    CHECK(result->pagesWithoutText == QList<int>{2});
    CHECK(result->ocrPages == QList<int>{2});
    CHECK(result->pages[1].contains(QStringLiteral("Enclosed is the declaration")));
    checkDeclarationWords(result->pages[2]);
}

TEST_CASE("OCR can be cancelled and reports bad images clearly", "[documents][ocr]")
{
    OcrEngine engine;
    const std::atomic<bool> cancelled{true};
    const auto stopped = engine.recognisePdfPages(scannedPdf(), {0}, &cancelled);
    REQUIRE_FALSE(stopped.has_value());
    CHECK(stopped.error().code == ErrorCode::Cancelled);

    const auto job = DocumentTextJob().run(scannedPdf(), QStringLiteral("scan.pdf"), QString(), &cancelled);
    REQUIRE_FALSE(job.has_value());
    CHECK(job.error().code == ErrorCode::Cancelled);

    const auto garbage = engine.recogniseImageFile("\x89PNG\r\n\x1a\nthis is not an image");
    REQUIRE_FALSE(garbage.has_value());
    CHECK(garbage.error().userMessage.contains(QStringLiteral("cannot be read")));

    // A tiny file declaring a gigantic picture is refused before anything is decoded.
    QByteArray png = pngOfFirstPage(declarationPdf());
    const QByteArray huge = QByteArray::fromHex("000186a0"); // 100000 pixels
    png.replace(16, 4, huge).replace(20, 4, huge);           // IHDR width and height
    const auto bomb = engine.recogniseImageFile(png);
    REQUIRE_FALSE(bomb.has_value());
    CHECK(bomb.error().userMessage.contains(QStringLiteral("too large")));
}

TEST_CASE("Huge pages are rendered for OCR at a resolution within the pixel cap", "[documents][ocr]")
{
    const QSizeF letter(612, 792);
    CHECK(OcrEngine::renderDpi(letter, 300, 60'000'000) == 300);
    const QSizeF a0(2384, 3370);
    const double dpi = OcrEngine::renderDpi(a0, 300, 60'000'000);
    CHECK(dpi < 300);
    CHECK((a0.width() / 72 * dpi) * (a0.height() / 72 * dpi) <= 60'000'000 * 1.0001);
}

TEST_CASE("Without language data the text layer is kept and OCR's absence is reported", "[documents][ocr]")
{
    QTemporaryDir emptyTessdata;
    OcrEngine::Options options;
    options.dataPath = emptyTessdata.path();
    DocumentTextJob job({}, options);
    const auto result = job.run(scannedPdf(), QStringLiteral("scan.pdf"), QString());
    REQUIRE_OK(result);
    CHECK(result->warning.contains(QStringLiteral("not available")));
    CHECK(result->ocrPages.isEmpty());
    CHECK(result->pagesWithoutText == QList<int>{0});
}

TEST_CASE("Scanned pages beyond the OCR page limit are left unread, with a warning", "[documents][ocr]")
{
    ocms::SimplePdfWriter writer(QStringLiteral("Two page scan"));
    for (int i = 0; i < 30; ++i) {
        writer.addParagraph(QStringLiteral("Line %1 of the asylum application.").arg(i));
    }
    ocms::Redactor::Options scanOptions;
    scanOptions.dpi = 150;
    const auto scan = ocms::Redactor(scanOptions).redact(writer.toPdf(), {});
    REQUIRE_OK(scan);
    OcrEngine::Options options;
    options.maxPages = 1;
    const auto result = DocumentTextJob({}, options).run(*scan, QStringLiteral("scan.pdf"), QString());
    REQUIRE_OK(result);
    REQUIRE(result->pages.size() == 2);
    CHECK(result->pagesWithoutText == QList<int>{0, 1});
    CHECK(result->ocrPages == QList<int>{0});
    CHECK(result->pages[0].contains(QStringLiteral("application"), Qt::CaseInsensitive));
    CHECK(result->pages[1].isEmpty());
    CHECK(result->warning.contains(QStringLiteral("first 1 scanned pages")));
}
