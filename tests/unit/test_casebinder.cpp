#include "documents/bindercontentswriter.h"
#include "documents/casebinder.h"
#include "documents/simplepdfwriter.h"

#include "catchqt.h"

#include <QFile>
#include <QTemporaryDir>

#include <poppler-link.h>
#include <poppler-qt6.h>

using ocms::BinderContentsWriter;
using ocms::CaseBinder;

namespace {

// A document whose every page names it, so a test can tell whose page it is looking at.
QByteArray documentPdf(const QString& marker, int paragraphs)
{
    ocms::SimplePdfWriter writer(marker);
    for (int i = 0; i < paragraphs; ++i) {
        writer.addParagraph(QStringLiteral("%1 paragraph %2.").arg(marker).arg(i));
    }
    return writer.toPdf();
}

std::unique_ptr<Poppler::Document> openFile(const QString& path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    auto document = Poppler::Document::loadFromData(file.readAll());
    REQUIRE(document);
    return document;
}

QString pageText(const Poppler::Document& document, int index)
{
    return document.page(index)->text(QRectF());
}

} // namespace

TEST_CASE("A binder joins the documents after a contents page, with bookmarks", "[documents][binder]")
{
    QTemporaryDir dir;
    const QString evidencePath = dir.filePath(QStringLiteral("evidence.pdf"));
    {
        QFile evidence(evidencePath);
        REQUIRE(evidence.open(QIODevice::WriteOnly));
        evidence.write(documentPdf(QStringLiteral("COUNTRYREPORT"), 70)); // 3 pages, read from disk
    }
    CaseBinder binder(QStringLiteral("CASE-2026-000123 Beltrán, Ana"));
    binder.addDocument({QStringLiteral("Notice to appear"), QStringLiteral("DOC-2026-000001"),
                        documentPdf(QStringLiteral("NOTICEDOC"), 3), QString()});
    binder.addDocument({QStringLiteral("Country conditions report"), QStringLiteral("DOC-2026-000002"), QByteArray(),
                        evidencePath});
    binder.addDocument({QStringLiteral("Declaration of Ana Beltrán"), QStringLiteral("DOC-2026-000003"),
                        documentPdf(QStringLiteral("DECLARATIONDOC"), 30), QString()});
    const QString path = dir.filePath(QStringLiteral("binder.pdf"));
    const auto layout = binder.writeTo(path);
    REQUIRE_OK(layout);
    CHECK(layout->contentsPageCount == 1);
    CHECK(layout->firstPages == QList<int>{2, 3, 6});
    CHECK(layout->pageCount == 7);
    CHECK_FALSE(QFile::exists(path + QStringLiteral(".part")));

    const auto document = openFile(path);
    REQUIRE(document->numPages() == 7);
    CHECK(document->info(QStringLiteral("Title")) == QStringLiteral("CASE-2026-000123 Beltrán, Ana"));

    const QString contents = pageText(*document, 0);
    INFO(contents.toStdString());
    CHECK(contents.contains(QStringLiteral("CASE-2026-000123 Beltrán, Ana")));
    CHECK(contents.contains(QStringLiteral("Contents")));
    for (const QString& expected : {QStringLiteral("Notice to appear"), QStringLiteral("Country conditions report"),
                                    QStringLiteral("Declaration of Ana Beltrán"), QStringLiteral("DOC-2026-000003")}) {
        CHECK(contents.contains(expected));
    }

    const QStringList markers = {QStringLiteral("NOTICEDOC"), QStringLiteral("COUNTRYREPORT"), QStringLiteral("DECLARATIONDOC")};
    const QList<int> owner = {-1, 0, 1, 1, 1, 2, 2}; // which document each page belongs to
    for (int page = 1; page < 7; ++page) {
        INFO("page " << page + 1);
        CHECK(pageText(*document, page).contains(markers[owner[page]]));
    }

    const QVector<Poppler::OutlineItem> outline = document->outline();
    REQUIRE(outline.size() == 4);
    const QStringList names = {QStringLiteral("Contents"), QStringLiteral("Notice to appear (DOC-2026-000001)"),
                               QStringLiteral("Country conditions report (DOC-2026-000002)"),
                               QStringLiteral("Declaration of Ana Beltrán (DOC-2026-000003)")};
    const QList<int> targets = {1, 2, 3, 6};
    for (int i = 0; i < 4; ++i) {
        INFO("bookmark " << i);
        CHECK(outline[i].name() == names[i]);
        REQUIRE(outline[i].destination());
        CHECK(outline[i].destination()->pageNumber() == targets[i]);
    }

    // Each contents row links to its document.
    QList<int> linkTargets;
    for (const std::unique_ptr<Poppler::Link>& link : document->page(0)->links()) {
        if (link->linkType() == Poppler::Link::Goto) {
            linkTargets.append(static_cast<const Poppler::LinkGoto*>(link.get())->destination().pageNumber());
        }
    }
    std::sort(linkTargets.begin(), linkTargets.end());
    CHECK(linkTargets == QList<int>{2, 3, 6});
}

TEST_CASE("Many documents get several contents pages and the page numbers allow for them", "[documents][binder]")
{
    QTemporaryDir dir;
    CaseBinder binder(QStringLiteral("CASE-2026-000999 Exhibits"));
    const int count = 80;
    for (int i = 0; i < count; ++i) {
        binder.addDocument({QStringLiteral("Exhibit %1 with a rather long descriptive title that does not fit on one row of "
                                           "the contents page at all").arg(i + 1),
                            QStringLiteral("DOC-2026-%1").arg(i + 1, 6, 10, QChar(u'0')),
                            documentPdf(QStringLiteral("EXHIBIT%1MARK").arg(i + 1), 1), QString()});
    }
    const QString path = dir.filePath(QStringLiteral("exhibits.pdf"));
    const auto layout = binder.writeTo(path);
    REQUIRE_OK(layout);
    CHECK(layout->contentsPageCount == BinderContentsWriter::pageCount(count));
    CHECK(layout->contentsPageCount == 3);
    CHECK(layout->firstPages.front() == layout->contentsPageCount + 1);
    CHECK(layout->pageCount == layout->contentsPageCount + count);

    const auto document = openFile(path);
    REQUIRE(document->numPages() == layout->pageCount);
    CHECK(document->outline().size() == count + 1);
    CHECK(pageText(*document, layout->firstPages[79] - 1).contains(QStringLiteral("EXHIBIT80MARK")));
    const QString lastContents = pageText(*document, layout->contentsPageCount - 1);
    CHECK(lastContents.contains(QStringLiteral("Contents (continued)")));
    CHECK(lastContents.contains(QStringLiteral("DOC-2026-000080")));
    CHECK(lastContents.contains(QStringLiteral("80. Exhibit 80")));
    CHECK(lastContents.contains(QString::number(layout->firstPages[79])));
    CHECK(lastContents.contains(QStringLiteral("…")));
}

TEST_CASE("Long titles are cut to their column", "[documents][binder]")
{
    const QString title(200, u'W');
    const QString cut = BinderContentsWriter::elide(title, 10, 300);
    CHECK(cut.endsWith(u'…'));
    CHECK(BinderContentsWriter::textWidth(cut, 10) <= 300);
    CHECK(BinderContentsWriter::elide(QStringLiteral("Short"), 10, 300) == QStringLiteral("Short"));
    CHECK(BinderContentsWriter::textWidth(QStringLiteral("0123456789"), 10) == Approx(55.6));
}

TEST_CASE("A broken document stops the binder with its name and leaves no file", "[documents][binder]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("binder.pdf"));

    CaseBinder binder(QStringLiteral("CASE-2026-000124"));
    binder.addDocument({QStringLiteral("Good"), QStringLiteral("DOC-1"), documentPdf(QStringLiteral("GOOD"), 1), QString()});
    binder.addDocument({QStringLiteral("Photo of the passport"), QStringLiteral("DOC-2"), QByteArray("\xff\xd8\xff\xe0 JPEG"), QString()});
    const auto result = binder.writeTo(path);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().userMessage.contains(QStringLiteral("\"Photo of the passport\" (DOC-2)")));
    CHECK(result.error().userMessage.contains(QStringLiteral("not a readable PDF")));
    CHECK_FALSE(QFile::exists(path));

    CaseBinder missing(QStringLiteral("CASE-2026-000125"));
    missing.addDocument({QStringLiteral("Lost file"), QString(), QByteArray(), dir.filePath(QStringLiteral("gone.pdf"))});
    const auto gone = missing.writeTo(path);
    REQUIRE_FALSE(gone.has_value());
    CHECK(gone.error().userMessage.contains(QStringLiteral("\"Lost file\"")));

    const auto empty = CaseBinder(QStringLiteral("Nothing")).writeTo(path);
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().userMessage.contains(QStringLiteral("at least one document")));
    CHECK_FALSE(QFile::exists(path));

    CaseBinder unwritable(QStringLiteral("CASE-2026-000126"));
    unwritable.addDocument({QStringLiteral("Good"), QString(), documentPdf(QStringLiteral("GOOD"), 1), QString()});
    const auto io = unwritable.writeTo(dir.filePath(QStringLiteral("no/such/folder/binder.pdf")));
    REQUIRE_FALSE(io.has_value());
    CHECK(io.error().code == ocms::ErrorCode::Io);
}
