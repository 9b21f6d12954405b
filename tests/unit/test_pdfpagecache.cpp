// The rendered-page cache stays within its budget of bytes and evicts the least recently used page.
#include "documents/pdfpagecache.h"

#include "catchqt.h"

using namespace ocms;

namespace {

PdfPageImage imageOfBytes(int width, int height)
{
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    return {image, false};
}

PdfRenderKey keyOf(int page)
{
    return PdfRenderKey::make(1, page, 96.0, 0);
}

} // namespace

TEST_CASE("The page cache keeps within its byte budget, evicting the least recently used", "[documents][viewer]")
{
    const PdfPageImage page = imageOfBytes(256, 200); // 200 KiB each
    PdfPageCache cache(5 * page.costBytes() + 100);
    for (int i = 0; i < 4; ++i) {
        cache.insert(keyOf(i), page);
    }
    CHECK(cache.count() == 4);
    REQUIRE(cache.find(keyOf(0)).has_value()); // page 0 is now the most recently used
    for (int i = 4; i < 12; ++i) {
        cache.insert(keyOf(i), page);
        CHECK(cache.usedBytes() <= cache.budget());
    }
    CHECK(cache.count() == 5);
    CHECK(cache.usedBytes() == 5 * page.costBytes());
    CHECK_FALSE(cache.contains(keyOf(0)));
    CHECK_FALSE(cache.contains(keyOf(6)));
    CHECK(cache.contains(keyOf(7)));
    CHECK(cache.contains(keyOf(11)));

    // Replacing a key does not count it twice; an image larger than the whole budget is not kept.
    cache.insert(keyOf(11), page);
    CHECK(cache.usedBytes() == 5 * page.costBytes());
    cache.insert(keyOf(99), imageOfBytes(2000, 2000));
    CHECK_FALSE(cache.contains(keyOf(99)));
    CHECK(cache.count() == 5);

    // A smaller budget evicts at once.
    cache.setBudget(2 * page.costBytes());
    CHECK(cache.count() == 2);
    CHECK(cache.usedBytes() <= cache.budget());
}

TEST_CASE("The cache finds a page at another resolution and forgets a closed document", "[documents][viewer]")
{
    PdfPageCache cache;
    cache.insert(PdfRenderKey::make(1, 3, 72.0, 0), imageOfBytes(60, 80));
    cache.insert(PdfRenderKey::make(1, 3, 144.0, 0), imageOfBytes(120, 160));
    cache.insert(PdfRenderKey::make(2, 3, 144.0, 0), imageOfBytes(10, 10));
    const auto any = cache.findAnyResolution(1, 3, 0);
    REQUIRE(any.has_value());
    CHECK(any->image.width() == 120); // the sharpest one
    CHECK_FALSE(cache.findAnyResolution(1, 3, 1).has_value());
    CHECK_FALSE(cache.findAnyResolution(1, 4, 0).has_value());

    cache.removeSource(1);
    CHECK(cache.count() == 1);
    CHECK(cache.usedBytes() == imageOfBytes(10, 10).costBytes());
    cache.clear();
    CHECK(cache.count() == 0);
    CHECK(cache.usedBytes() == 0);
}
