// Find-in-document: every hit of a term on every page, case-insensitive, nearest pages first, cancellable;
// and the text under a rectangle for copying.
#include "documents/pdfsource.h"
#include "documents/pdftextsearch.h"
#include "pdffixtures.h"

#include <poppler-qt6.h>

#include "catchqt.h"

using namespace ocms;

TEST_CASE("Search finds every hit on every page, ignoring case", "[documents][viewer]")
{
    const int pages = 5;
    auto source = PdfSource::fromBytes(test::textPdf(pages));
    REQUIRE_OK(source);
    QFuture<QList<PdfSearchHit>> search = PdfTextSearch::start(*source, QStringLiteral("ASYLUM"), 0);
    search.waitForFinished();
    QList<PdfSearchHit> hits;
    QList<int> pageOrder;
    for (const QList<PdfSearchHit>& pageHits : search.results()) {
        pageOrder.append(pageHits.first().page);
        for (const PdfSearchHit& hit : pageHits) {
            CHECK(hit.page == pageHits.first().page);
            CHECK(hit.rect.width() > 10);
            CHECK(hit.rect.top() >= 0);
            CHECK(hit.rect.bottom() <= 792);
        }
        hits += pageHits;
    }
    CHECK(hits.size() == test::textPdfAsylumCount(pages));
    CHECK(pageOrder == QList<int>{0, 1, 2, 3, 4});
    // Within a page, hits come top to bottom.
    QList<PdfSearchHit> firstPage = search.resultAt(0);
    CHECK(std::is_sorted(firstPage.cbegin(), firstPage.cend()));

    QFuture<QList<PdfSearchHit>> none = PdfTextSearch::start(*source, QStringLiteral("refugee"), 0);
    none.waitForFinished();
    CHECK(none.resultCount() == 0);
}

TEST_CASE("Search starts at the reader's page and wraps around", "[documents][viewer]")
{
    auto source = PdfSource::fromBytes(test::textPdf(5));
    REQUIRE_OK(source);
    QFuture<QList<PdfSearchHit>> search = PdfTextSearch::start(*source, QStringLiteral("asylum"), 3);
    search.waitForFinished();
    QList<int> pageOrder;
    for (const QList<PdfSearchHit>& pageHits : search.results()) {
        pageOrder.append(pageHits.first().page);
    }
    CHECK(pageOrder == QList<int>{3, 4, 0, 1, 2});
}

TEST_CASE("A search of a long document can be cancelled between pages", "[documents][viewer]")
{
    auto source = PdfSource::fromBytes(test::textPdf(300));
    REQUIRE_OK(source);
    QFuture<QList<PdfSearchHit>> search = PdfTextSearch::start(*source, QStringLiteral("asylum"), 0);
    search.cancel();
    search.waitForFinished();
    CHECK(search.isCanceled());
    CHECK(search.resultCount() < 300);
}

TEST_CASE("The text under a rectangle is what a copy takes", "[documents][viewer]")
{
    auto source = PdfSource::fromBytes(test::textPdf(2, QStringLiteral("Memorandum for the file")));
    REQUIRE_OK(source);
    auto document = (*source)->openDocument();
    REQUIRE(document != nullptr);
    const QString all = PdfTextSearch::textIn(*document, 0, QRectF(0, 0, 612, 792));
    CHECK(all.contains(QStringLiteral("Memorandum for the file")));
    CHECK(all.contains(QStringLiteral("Paragraph 0 concerns the asylum application")));
    // The top band holds the title, not the text near the bottom of the page.
    const QString top = PdfTextSearch::textIn(*document, 0, QRectF(0, 0, 612, 90));
    CHECK(top.contains(QStringLiteral("Memorandum")));
    CHECK_FALSE(top.contains(QStringLiteral("Paragraph 20 ")));
    CHECK(PdfTextSearch::textIn(*document, 7, QRectF(0, 0, 612, 792)).isEmpty());
}

TEST_CASE("The boxes of the text under a rectangle cover its words, one box per run on a line", "[documents][viewer][redact]")
{
    auto source = PdfSource::fromBytes(test::textPdf(1));
    REQUIRE_OK(source);
    auto document = (*source)->openDocument();
    REQUIRE(document != nullptr);
    const QList<PdfSearchHit> asylum = PdfTextSearch::findOnPage(*document, 0, QStringLiteral("asylum"));
    const QList<PdfSearchHit> application = PdfTextSearch::findOnPage(*document, 0, QStringLiteral("application"));
    const QList<PdfSearchHit> hearing = PdfTextSearch::findOnPage(*document, 0, QStringLiteral("hearing"));
    REQUIRE_FALSE(asylum.isEmpty());
    REQUIRE_FALSE(application.isEmpty());
    REQUIRE_FALSE(hearing.isEmpty());
    const QRectF first = asylum.first().rect;
    const QRectF second = application.first().rect; // the next word on the same line

    // A rectangle around the two words: one box covering both and the space between them, nothing else.
    const QRectF around = first.united(second).adjusted(-1, -1, 1, 1);
    const QList<QRectF> boxes = PdfTextSearch::textBoxesIn(*document, 0, around);
    REQUIRE(boxes.size() == 1);
    CHECK(boxes.first().adjusted(-0.5, -0.5, 0.5, 0.5).contains(first));
    CHECK(boxes.first().adjusted(-0.5, -0.5, 0.5, 0.5).contains(second));
    CHECK(boxes.first().width() < first.united(second).width() + 2);

    // Cutting a word in half takes only the letters whose middles are inside.
    const QRectF leftHalf(first.left() - 1, first.top() - 1, first.width() / 2 + 1, first.height() + 2);
    const QList<QRectF> half = PdfTextSearch::textBoxesIn(*document, 0, leftHalf);
    REQUIRE(half.size() == 1);
    CHECK(half.first().width() < first.width() * 0.75);
    CHECK(half.first().width() > first.width() * 0.25);

    // Two lines: one box per line.
    const QRectF twoLines(0, hearing.first().rect.top(), 612, hearing.at(1).rect.bottom() - hearing.first().rect.top());
    CHECK(PdfTextSearch::textBoxesIn(*document, 0, twoLines).size() >= 2);
    CHECK(PdfTextSearch::textBoxesIn(*document, 0, QRectF(0, 780, 612, 10)).isEmpty()); // the bottom margin
}
