// Rendering off the calling thread: the pixel cap on poster-sized pages, the time limit through Poppler's
// abort callback, delivery into the cache, and requests dropped when no longer wanted.
#include "documents/pdfrenderqueue.h"
#include "documents/pdfsource.h"
#include "eventwait.h"
#include "pdffixtures.h"

#include <QThread>

#include <poppler-qt6.h>

#include "catchqt.h"

using namespace ocms;
using ocms::test::waitUntil;

TEST_CASE("A page that would exceed the pixel cap renders smaller and is flagged", "[documents][viewer]")
{
    // 200 in x 200 in at 300 dpi would be 3.6 gigapixels.
    const double inches = 200.0;
    CHECK(PdfRenderQueue::cappedDpi(QSizeF(inches * 72, inches * 72), 300.0, 50'000'000) * inches <= std::sqrt(50e6));
    CHECK(PdfRenderQueue::cappedDpi(QSizeF(612, 792), 150.0, 50'000'000) == 150.0);

    auto source = PdfSource::fromBytes(test::singlePagePdf(inches * 72, inches * 72, "0 0 1 rg 100 100 5000 5000 re f\n"));
    REQUIRE_OK(source);
    auto document = (*source)->openDocument();
    REQUIRE(document != nullptr);
    PdfRenderLimits limits;
    limits.maxPixels = 2'000'000; // small enough for a quick test; the arithmetic is the same at 50 megapixels
    auto image = PdfRenderQueue::renderPage(*document, PdfRenderKey::make((*source)->id(), 0, 300.0, 0), limits);
    REQUIRE_OK(image);
    CHECK(image->reducedResolution);
    CHECK(qint64(image->image.width()) * image->image.height() <= limits.maxPixels);
    CHECK(image->image.width() > 1000);

    auto letter = PdfSource::fromBytes(test::textPdf(1));
    REQUIRE_OK(letter);
    auto letterDocument = (*letter)->openDocument();
    auto normal = PdfRenderQueue::renderPage(*letterDocument, PdfRenderKey::make((*letter)->id(), 0, 72.0, 0), limits);
    REQUIRE_OK(normal);
    CHECK_FALSE(normal->reducedResolution);
    CHECK(normal->image.size() == QSize(612, 792));
    // A quarter turn swaps width and height.
    auto turned = PdfRenderQueue::renderPage(*letterDocument, PdfRenderKey::make((*letter)->id(), 0, 72.0, 1), limits);
    REQUIRE_OK(turned);
    CHECK(turned->image.size() == QSize(792, 612));
}

TEST_CASE("A render that runs past the time limit is aborted through Poppler's callback", "[documents][viewer]")
{
    auto source = PdfSource::fromBytes(test::slowPagePdf());
    REQUIRE_OK(source);
    auto document = (*source)->openDocument();
    REQUIRE(document != nullptr);
    const PdfRenderKey key = PdfRenderKey::make((*source)->id(), 0, 72.0, 0);

    PdfRenderLimits tight;
    tight.timeLimitMs = 1;
    auto aborted = PdfRenderQueue::renderPage(*document, key, tight);
    REQUIRE_FALSE(aborted.has_value());
    CHECK(aborted.error().code == ErrorCode::Cancelled);
    CHECK(aborted.error().userMessage.contains(QStringLiteral("took longer than")));

    // A cancel flag raised before the render stops it the same way, without the time-limit message.
    std::atomic_bool cancelled{true};
    auto stopped = PdfRenderQueue::renderPage(*document, key, PdfRenderLimits{}, &cancelled);
    REQUIRE_FALSE(stopped.has_value());
    CHECK(stopped.error().code == ErrorCode::Cancelled);
    CHECK_FALSE(stopped.error().userMessage.contains(QStringLiteral("took longer than")));

    PdfRenderLimits generous;
    generous.timeLimitMs = 600000;
    auto finished = PdfRenderQueue::renderPage(*document, key, generous);
    REQUIRE_OK(finished);
    CHECK(finished->image.size() == QSize(612, 792));
}

TEST_CASE("The render queue renders wanted pages on workers into the cache", "[documents][viewer]")
{
    auto source = PdfSource::fromBytes(test::textPdf(6));
    REQUIRE_OK(source);
    auto cache = std::make_shared<PdfPageCache>();
    PdfRenderQueue queue(cache, 2);
    queue.setSource(*source);
    QList<PdfRenderKey> delivered;
    QObject receiver;
    QObject::connect(&queue, &PdfRenderQueue::rendered, &receiver, [&](const PdfRenderKey& key, const PdfPageImage& image) {
        delivered.append(key);
        CHECK(image.image.width() == 612); // 72 dpi: one pixel per point
    });
    QList<PdfRenderKey> keys;
    for (int page : {4, 0, 2}) {
        keys.append(PdfRenderKey::make((*source)->id(), page, 72.0, 0));
    }
    queue.setWanted(0, keys);
    REQUIRE(waitUntil([&] { return delivered.size() == 3; }));
    for (const PdfRenderKey& key : keys) {
        CHECK(delivered.contains(key));
        CHECK(cache->contains(key));
    }
    REQUIRE(waitUntil([&] { return queue.pendingCount() == 0; }));

    // Asking again for cached pages renders nothing; a key of another document or past the end is ignored.
    delivered.clear();
    queue.setWanted(0, keys + QList<PdfRenderKey>{PdfRenderKey::make(9999, 1, 72.0, 0), PdfRenderKey::make((*source)->id(), 60, 72.0, 0)});
    REQUIRE(waitUntil([&] { return queue.pendingCount() == 0; }));
    QCoreApplication::processEvents();
    CHECK(delivered.isEmpty());
}

TEST_CASE("Requests nobody wants any more are dropped before they render", "[documents][viewer]")
{
    auto source = PdfSource::fromBytes(test::textPdf(60));
    REQUIRE_OK(source);
    auto cache = std::make_shared<PdfPageCache>();
    PdfRenderQueue queue(cache, 1);
    queue.setSource(*source);
    QList<int> delivered;
    QObject receiver;
    QObject::connect(&queue, &PdfRenderQueue::rendered, &receiver, [&](const PdfRenderKey& key, const PdfPageImage&) { delivered.append(key.page); });
    QList<PdfRenderKey> all;
    for (int page = 0; page < 60; ++page) {
        all.append(PdfRenderKey::make((*source)->id(), page, 200.0, 0));
    }
    const PdfRenderKey last = all.last();
    queue.setWanted(0, all);
    queue.setWanted(0, {last}); // the reader jumped to the end before the first pages were done
    REQUIRE(waitUntil([&] { return delivered.contains(59); }));
    REQUIRE(waitUntil([&] { return queue.pendingCount() == 0; }));
    QCoreApplication::processEvents();
    CHECK(delivered.size() <= 2); // page 59, and at most the one page a worker had already started
    CHECK(cache->count() == delivered.size());
}

TEST_CASE("Visible pages are served before thumbnails", "[documents][viewer]")
{
    auto source = PdfSource::fromBytes(test::textPdf(12));
    REQUIRE_OK(source);
    auto cache = std::make_shared<PdfPageCache>();
    PdfRenderQueue queue(cache, 1);
    QList<int> order;
    QObject receiver;
    QObject::connect(&queue, &PdfRenderQueue::rendered, &receiver, [&](const PdfRenderKey& key, const PdfPageImage&) { order.append(key.page); });
    QList<PdfRenderKey> thumbnails;
    for (int page = 0; page < 6; ++page) {
        thumbnails.append(PdfRenderKey::make((*source)->id(), page, 10.0, 0));
    }
    queue.setSource(*source);
    queue.setWanted(1, thumbnails);
    queue.setWanted(0, {PdfRenderKey::make((*source)->id(), 10, 72.0, 0), PdfRenderKey::make((*source)->id(), 11, 72.0, 0)});
    REQUIRE(waitUntil([&] { return order.size() == 8; }));
    // The worker may have started one thumbnail before lane 0 was filled; the visible pages come right after.
    const qsizetype ten = order.indexOf(10);
    const qsizetype eleven = order.indexOf(11);
    CHECK(ten <= 1);
    CHECK(eleven <= 2);
}

TEST_CASE("A page still wanted keeps rendering when another lane changes its wishes", "[documents][viewer]")
{
    auto source = PdfSource::fromBytes(test::slowPagePdf());
    REQUIRE_OK(source);
    auto cache = std::make_shared<PdfPageCache>();
    PdfRenderQueue queue(cache, 1);
    queue.setSource(*source);
    bool delivered = false;
    QObject receiver;
    QObject::connect(&queue, &PdfRenderQueue::rendered, &receiver, [&](const PdfRenderKey&, const PdfPageImage&) { delivered = true; });
    const PdfRenderKey page = PdfRenderKey::make((*source)->id(), 0, 72.0, 0);
    queue.setWanted(0, {page});
    QThread::msleep(30); // the worker is drawing the slow page now
    queue.setWanted(1, {}); // thumbnails scrolled away; lane 0 never withdrew the page
    REQUIRE(waitUntil([&] { return delivered; }, 60000));
    CHECK(cache->contains(page));
}
