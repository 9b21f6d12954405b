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
