// Opening PDFs from bytes: every kind of bad input is refused with its own message, never a crash.
#include "documents/pdfsource.h"
#include "pdffixtures.h"

#include <QRandomGenerator>
#include <QTemporaryDir>

#include <poppler-qt6.h>

#include "catchqt.h"

using namespace ocms;

TEST_CASE("A text PDF opens with its page count and page sizes", "[documents][viewer]")
{
    auto source = PdfSource::fromBytes(test::textPdf(3));
    REQUIRE_OK(source);
    CHECK((*source)->pageCount() == 3);
    CHECK((*source)->pageSize(0) == QSizeF(612, 792));
    CHECK((*source)->warning().isEmpty());
    auto other = PdfSource::fromBytes(test::textPdf(1));
    REQUIRE_OK(other);
    CHECK((*other)->id() != (*source)->id());
    CHECK((*source)->openDocument() != nullptr);
}

TEST_CASE("A long PDF opens with page sizes estimated from the first page, and a scan reads the true ones", "[documents][viewer]")
{
    QList<QSizeF> sizes(PdfSource::kPagesMeasuredOnOpen + 36, QSizeF(612, 792));
    sizes[70] = QSizeF(842, 595); // one landscape page deep in the document
    auto source = PdfSource::fromBytes(test::pagesOfSizes(sizes));
    REQUIRE_OK(source);
    CHECK((*source)->pageSizesEstimated());
    CHECK((*source)->pageSize(70) == QSizeF(612, 792));
    const PdfPageScan scan = (*source)->scanPages();
    CHECK(scan.unreadable == 0);
    CHECK(scan.sizes == sizes);
    // A cancelled scan stops and returns nothing.
    CHECK((*source)->scanPages([] { return true; }).sizes.isEmpty());

    // A short document is measured at once.
    auto shortOne = PdfSource::fromBytes(test::pagesOfSizes({QSizeF(612, 792), QSizeF(842, 595)}));
    REQUIRE_OK(shortOne);
    CHECK_FALSE((*shortOne)->pageSizesEstimated());
    CHECK((*shortOne)->pageSize(1) == QSizeF(842, 595));
}

TEST_CASE("A PDF file opens from its path and a missing file says so", "[documents][viewer]")
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("memo.pdf"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(test::textPdf(2));
    file.close();
    auto source = PdfSource::fromFile(path);
    REQUIRE_OK(source);
    CHECK((*source)->pageCount() == 2);

    auto missing = PdfSource::fromFile(directory.filePath(QStringLiteral("absent.pdf")));
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == ErrorCode::Io);
    CHECK(missing.error().userMessage.contains(QStringLiteral("could not be opened")));
}

TEST_CASE("Empty, non-PDF and damaged bytes each get their own message", "[documents][viewer]")
{
    auto empty = PdfSource::fromBytes(QByteArray());
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().code == ErrorCode::Validation);
    CHECK(empty.error().userMessage.contains(QStringLiteral("empty")));

    QByteArray noise(64 * 1024, Qt::Uninitialized);
    QRandomGenerator random(7);
    for (char& byte : noise) {
        byte = char(random.bounded(256));
    }
    noise.replace("%PDF-", "xxxxx");
    auto notPdf = PdfSource::fromBytes(noise);
    REQUIRE_FALSE(notPdf.has_value());
    CHECK(notPdf.error().userMessage.contains(QStringLiteral("not a PDF")));

    auto text = PdfSource::fromBytes(QByteArray("Dear counsel,\nplease find attached...\n"));
    REQUIRE_FALSE(text.has_value());
    CHECK(text.error().userMessage.contains(QStringLiteral("not a PDF")));

    // A PDF header followed by noise, and a file cut off right after its header: damaged.
    auto headerThenNoise = PdfSource::fromBytes(QByteArray("%PDF-1.7\n") + noise);
    REQUIRE_FALSE(headerThenNoise.has_value());
    CHECK(headerThenNoise.error().userMessage.contains(QStringLiteral("damaged")));
    CHECK_FALSE(PdfSource::needsPassword(headerThenNoise.error()));

    auto cutShort = PdfSource::fromBytes(test::textPdf(4).left(200));
    REQUIRE_FALSE(cutShort.has_value());
    CHECK(cutShort.error().userMessage.contains(QStringLiteral("damaged or incomplete")));
}

TEST_CASE("Random bytes after a PDF header never crash the open step", "[documents][viewer]")
{
    const QByteArray good = test::textPdf(3);
    QRandomGenerator random(11);
    int refused = 0;
    for (int round = 0; round < 40; ++round) {
        QByteArray damaged = good;
        // Overwrite a few spans: xref, objects and streams end up broken in different ways.
        for (int span = 0; span < 4; ++span) {
            const int at = 16 + int(random.bounded(int(damaged.size()) - 64));
            for (int i = 0; i < 32; ++i) {
                damaged[at + i] = char(random.bounded(256));
            }
        }
        auto opened = PdfSource::fromBytes(damaged);
        if (!opened) {
            ++refused;
            CHECK_FALSE(opened.error().userMessage.isEmpty());
        } else {
            CHECK((*opened)->pageCount() > 0);
        }
    }
    INFO("refused " << refused << " of 40");
    SUCCEED();
}

TEST_CASE("A PDF cut off halfway is refused as damaged or incomplete", "[documents][viewer]")
{
    // The page tree points at page objects past the cut, so Poppler cannot build it.
    const QByteArray whole = test::textPdf(20);
    auto half = PdfSource::fromBytes(whole.left(whole.size() / 2));
    REQUIRE_FALSE(half.has_value());
    CHECK(half.error().code == ErrorCode::Validation);
    CHECK(half.error().userMessage.contains(QStringLiteral("damaged or incomplete")));
}

TEST_CASE("An encrypted PDF asks for its password and opens with the user or owner password", "[documents][viewer]")
{
    const QByteArray locked = test::encryptedPdf(test::textPdf(2), QStringLiteral("user-secret"), QStringLiteral("owner-secret"));
    REQUIRE_FALSE(locked.isEmpty()); // qpdf is installed by scripts/bootstrap

    auto withoutPassword = PdfSource::fromBytes(locked);
    REQUIRE_FALSE(withoutPassword.has_value());
    CHECK(PdfSource::needsPassword(withoutPassword.error()));
    CHECK(withoutPassword.error().userMessage.contains(QStringLiteral("protected by a password")));

    auto wrong = PdfSource::fromBytes(locked, QStringLiteral("guess"));
    REQUIRE_FALSE(wrong.has_value());
    CHECK(PdfSource::needsPassword(wrong.error()));
    CHECK(wrong.error().userMessage.contains(QStringLiteral("not correct")));

    auto user = PdfSource::fromBytes(locked, QStringLiteral("user-secret"));
    REQUIRE_OK(user);
    CHECK((*user)->pageCount() == 2);
    // Every worker's own copy must open unlocked too.
    auto document = (*user)->openDocument();
    REQUIRE(document != nullptr);
    CHECK_FALSE(document->isLocked());

    auto owner = PdfSource::fromBytes(locked, QStringLiteral("owner-secret"));
    REQUIRE_OK(owner);
    CHECK((*owner)->pageCount() == 2);
}
