#include "documents/ocrengine.h"
#include "documents/redactor.h"
#include "documents/simplepdfwriter.h"

#include "catchqt.h"

#include <poppler-qt6.h>

#define POINTERHOLDER_TRANSITION 4 // qpdf 11 without its deprecated PointerHolder
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

using ocms::Redactor;

namespace {

// Synthetic respondent data; the second page repeats the secrets so every page needs redacting.
QByteArray recordPdf()
{
    ocms::SimplePdfWriter writer(QStringLiteral("Record of proceedings"));
    writer.addParagraph(QStringLiteral("Respondent Marisol Quintanilla, A-Number 012345678, appeared with counsel."));
    writer.addParagraph(QStringLiteral("The court heard testimony about the journey north."));
    for (int i = 0; i < 25; ++i) {
        writer.addParagraph(QStringLiteral("Filler paragraph %1 about the hearing schedule.").arg(i));
    }
    writer.addParagraph(QStringLiteral("Quintanilla confirmed that 012345678 is her number."));
    return writer.toPdf();
}

const QStringList kSecrets = {QStringLiteral("Quintanilla"), QStringLiteral("012345678")};

std::unique_ptr<Poppler::Document> open(const QByteArray& pdf)
{
    auto document = Poppler::Document::loadFromData(pdf);
    REQUIRE(document);
    return document;
}

// Share of dark pixels inside a rectangle given in points.
double darkShare(const QImage& image, const QRectF& points, double dpi)
{
    const QRect pixels = QRectF(points.topLeft() * dpi / 72, points.bottomRight() * dpi / 72).toAlignedRect() & image.rect();
    int dark = 0;
    for (int y = pixels.top(); y <= pixels.bottom(); ++y) {
        for (int x = pixels.left(); x <= pixels.right(); ++x) {
            dark += qGray(image.pixel(x, y)) < 40 ? 1 : 0;
        }
    }
    return double(dark) / double(pixels.width() * pixels.height());
}

} // namespace

TEST_CASE("Finding text gives a box over every occurrence on every page", "[documents][redact]")
{
    const QByteArray pdf = recordPdf();
    const auto boxes = Redactor::findText(pdf, kSecrets);
    REQUIRE_OK(boxes);
    REQUIRE(boxes->size() == 4);
    QList<int> pages;
    for (const Redactor::Box& box : *boxes) {
        pages.append(box.pageIndex);
        CHECK(box.rect.width() > 10);
        CHECK(box.rect.height() > 8);
    }
    std::sort(pages.begin(), pages.end());
    CHECK(pages == QList<int>{0, 0, 1, 1});
    // Case does not matter when marking.
    const auto lower = Redactor::findText(pdf, {QStringLiteral("quintanilla")});
    REQUIRE_OK(lower);
    CHECK(lower->size() == 2);
}

TEST_CASE("The redacted copy has no text left and black boxes where the words were", "[documents][redact]")
{
    const QByteArray pdf = recordPdf();
    const auto original = open(pdf);
    const auto boxes = Redactor::findText(pdf, kSecrets);
    REQUIRE_OK(boxes);

    QList<int> progress;
    const auto redacted = Redactor().redact(pdf, *boxes, nullptr, [&](int done, int) { progress.append(done); });
    REQUIRE_OK(redacted);
    CHECK(progress == QList<int>{1, 2});

    const auto copy = open(*redacted);
    REQUIRE(copy->numPages() == original->numPages());
    for (int page = 0; page < copy->numPages(); ++page) {
        INFO("page " << page + 1);
        CHECK(copy->page(page)->pageSizeF() == original->page(page)->pageSizeF());
        const QString text = copy->page(page)->text(QRectF());
        for (const QString& secret : kSecrets) {
            CHECK_FALSE(text.contains(secret, Qt::CaseInsensitive));
        }
        CHECK(text.trimmed().isEmpty()); // rasterised: no text layer at all
    }
    CHECK(copy->info(QStringLiteral("Title")).isEmpty()); // the original's metadata is not carried over

    const double dpi = 100;
    const QImage firstPage = copy->page(0)->renderToImage(dpi, dpi);
    for (const Redactor::Box& box : *boxes) {
        if (box.pageIndex == 0) {
            CHECK(darkShare(firstPage, box.rect.adjusted(1, 1, -1, -1), dpi) > 0.99);
        }
    }
    // What was not marked is still there to read.
    const QRectF headingArea(72, 60, 200, 20);
    const double headingInk = darkShare(firstPage, headingArea, dpi);
    CHECK(headingInk > 0.01);
    CHECK(headingInk < 0.6);
}

TEST_CASE("Not even OCR finds the redacted words in the copy", "[documents][redact][ocr]")
{
    const QByteArray pdf = recordPdf();
    const auto boxes = Redactor::findText(pdf, kSecrets);
    REQUIRE_OK(boxes);
    Redactor::Options options;
    options.dpi = 300;
    const auto redacted = Redactor(options).redact(pdf, *boxes);
    REQUIRE_OK(redacted);
    const auto pages = ocms::OcrEngine().recognisePdfPages(*redacted, {0});
    REQUIRE_OK(pages);
    const QString text = pages->join(u'\n');
    INFO(text.toStdString());
    CHECK(text.contains(QStringLiteral("Respondent"), Qt::CaseInsensitive));
    CHECK(text.contains(QStringLiteral("testimony"), Qt::CaseInsensitive));
    CHECK_FALSE(text.contains(QStringLiteral("Quintanilla"), Qt::CaseInsensitive));
    CHECK_FALSE(text.contains(QStringLiteral("012345678")));
    CHECK_FALSE(text.contains(QStringLiteral("2345")));
}

TEST_CASE("Boxes on a rotated page cover the words as the reader sees them", "[documents][redact]")
{
    // The record's first page turned a quarter (/Rotate 90), as a scanner or a viewer would save it.
    const QByteArray upright = recordPdf();
    QPDF rotator;
    rotator.processMemoryFile("record", upright.constData(), size_t(upright.size()));
    QPDFPageDocumentHelper(rotator).getAllPages().front().rotatePage(90, true);
    QPDFWriter writer(rotator);
    writer.setOutputMemory();
    writer.write();
    const std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
    const QByteArray rotated(reinterpret_cast<const char*>(buffer->getBuffer()), qsizetype(buffer->getSize()));

    const auto boxes = Redactor::findText(rotated, {QStringLiteral("Quintanilla")});
    REQUIRE_OK(boxes);
    REQUIRE(boxes->size() == 2);
    const Redactor::Box& first = boxes->front();
    REQUIRE(first.pageIndex == 0);
    CHECK(first.rect.height() > first.rect.width()); // the word runs down the turned page

    const auto redacted = Redactor().redact(rotated, *boxes);
    REQUIRE_OK(redacted);
    const auto copy = open(*redacted);
    CHECK(copy->page(0)->pageSizeF() == QSizeF(792, 612)); // the copy keeps the page as it was seen
    const double dpi = 100;
    CHECK(darkShare(copy->page(0)->renderToImage(dpi, dpi), first.rect.adjusted(1, 1, -1, -1), dpi) > 0.99);
}

TEST_CASE("Redaction refuses bad input with a clear message", "[documents][redact]")
{
    const Redactor redactor;
    const auto empty = redactor.redact(QByteArray(), {});
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().userMessage.contains(QStringLiteral("empty")));

    const auto garbage = redactor.redact("not a pdf at all", {});
    REQUIRE_FALSE(garbage.has_value());
    CHECK(garbage.error().userMessage.contains(QStringLiteral("not a PDF")));

    const auto offPage = redactor.redact(recordPdf(), {{5, QRectF(10, 10, 50, 50)}});
    REQUIRE_FALSE(offPage.has_value());
    CHECK(offPage.error().userMessage.contains(QStringLiteral("page 6 of 2")));

    const auto findInGarbage = Redactor::findText("%PDF-1.4 garbage", kSecrets);
    REQUIRE_FALSE(findInGarbage.has_value());

    const std::atomic<bool> cancel{true};
    const auto cancelled = redactor.redact(recordPdf(), {}, &cancel);
    REQUIRE_FALSE(cancelled.has_value());
    CHECK(cancelled.error().code == ocms::ErrorCode::Cancelled);
}
