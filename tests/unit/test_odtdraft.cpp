// ODT drafts: the editor's own drafts come back exactly (embedded HTML), the package is valid ODF
// (mimetype first and stored), an ODT written elsewhere opens as text, and bad bytes get a clear error.
#include "documents/odtdraft.h"

#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextList>

#include <zip.h>

#include "catchqt.h"

using namespace ocms;

namespace {

// A zip made in memory from (name, content, stored?) triples, for packages the editor did not write.
QByteArray makeZip(const QList<std::tuple<QString, QByteArray, bool>>& entries)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
    REQUIRE(target != nullptr);
    zip_source_keep(target);
    zip_t* archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
    REQUIRE(archive != nullptr);
    for (const auto& [name, content, stored] : entries) {
        zip_source_t* source = zip_source_buffer(archive, content.constData(), static_cast<zip_uint64_t>(content.size()), 0);
        const zip_int64_t index = zip_file_add(archive, name.toUtf8().constData(), source, 0);
        REQUIRE(index >= 0);
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9);
    }
    REQUIRE(zip_close(archive) == 0);
    REQUIRE(zip_source_open(target) == 0);
    zip_source_seek(target, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(target);
    zip_source_seek(target, 0, SEEK_SET);
    QByteArray bytes(static_cast<qsizetype>(size), Qt::Uninitialized);
    REQUIRE(zip_source_read(target, bytes.data(), static_cast<zip_uint64_t>(size)) == size);
    zip_source_close(target);
    zip_source_free(target);
    zip_error_fini(&error);
    return bytes;
}

QStringList entryNames(const QByteArray& bytes)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.constData(), static_cast<zip_uint64_t>(bytes.size()), 0, &error);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    REQUIRE(archive != nullptr);
    QStringList names;
    for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
        names.append(QString::fromUtf8(zip_get_name(archive, static_cast<zip_uint64_t>(i), 0)));
    }
    zip_discard(archive);
    zip_error_fini(&error);
    return names;
}

QByteArray entry(const QByteArray& bytes, const char* name)
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.constData(), static_cast<zip_uint64_t>(bytes.size()), 0, &error);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    REQUIRE(archive != nullptr);
    zip_stat_t stat;
    REQUIRE(zip_stat(archive, name, 0, &stat) == 0);
    zip_file_t* file = zip_fopen(archive, name, 0);
    QByteArray data(static_cast<qsizetype>(stat.size), Qt::Uninitialized);
    REQUIRE(zip_fread(file, data.data(), stat.size) == static_cast<zip_int64_t>(stat.size));
    zip_fclose(file);
    zip_discard(archive);
    zip_error_fini(&error);
    return data;
}

bool hasBoldFragment(const QTextDocument& document, const QString& text)
{
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.text().contains(text) && fragment.charFormat().fontWeight() >= QFont::Bold) {
                return true;
            }
        }
    }
    return false;
}

QTextBlock blockWithText(const QTextDocument& document, const QString& text)
{
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block.text().contains(text)) {
            return block;
        }
    }
    return {};
}

const QByteArray kForeignContent = R"(<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">
 <office:automatic-styles>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
  <text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-format="1"/></text:list-style>
 </office:automatic-styles>
 <office:body><office:text>
  <text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>
  <text:h text:outline-level="2">Statement of facts</text:h>
  <text:p>The respondent <text:span text:style-name="T1">fears return</text:span> to <text:span text:style-name="T2">Honduras</text:span>.</text:p>
  <text:p>Col A<text:tab/>Col B<text:s text:c="3"/>end<text:line-break/>second line</text:p>
  <text:list text:style-name="L1"><text:list-item><text:p>First point</text:p></text:list-item>
   <text:list-item><text:p>Second point</text:p></text:list-item></text:list>
  <text:p>Note<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>
   <text:note-body><text:p>Footnote text</text:p></text:note-body></text:note> after.</text:p>
 </office:text></office:body>
</office:document-content>
)";

} // namespace

TEST_CASE("A draft saved as ODT reopens with its text, headings, lists and bold", "[documents][odt]")
{
    QTextDocument document;
    document.setHtml(QStringLiteral("<h1>Memorandum</h1><p>The client <b>fears return</b> to Honduras.</p>"
                                    "<ul><li>Asylum</li><li>Withholding</li></ul><p>Núñez — “quoted”</p>"));
    auto odt = OdtDraft::encode(document, QStringLiteral("Memo to file: Núñez"));
    REQUIRE_OK(odt);

    auto draft = OdtDraft::decode(*odt);
    REQUIRE_OK(draft);
    CHECK(draft->isLossless());
    CHECK(draft->title() == QStringLiteral("Memo to file: Núñez"));
    QTextDocument reopened;
    draft->applyTo(reopened);
    CHECK(reopened.toPlainText() == document.toPlainText());
    CHECK(hasBoldFragment(reopened, QStringLiteral("fears return")));
    CHECK(blockWithText(reopened, QStringLiteral("Memorandum")).blockFormat().headingLevel() == 1);
    const QTextBlock item = blockWithText(reopened, QStringLiteral("Withholding"));
    REQUIRE(item.textList() != nullptr);
    CHECK(item.textList()->format().style() == QTextListFormat::ListDisc);
    CHECK(draft->plainText().contains(QStringLiteral("Núñez — “quoted”")));
    CHECK(reopened.metaInformation(QTextDocument::DocumentTitle) == QStringLiteral("Memo to file: Núñez"));
}

TEST_CASE("The ODT package is valid ODF: mimetype first, stored, no extra field, every part in the manifest", "[documents][odt]")
{
    QTextDocument document;
    document.setPlainText(QStringLiteral("Notes to the investigator."));
    auto odt = OdtDraft::encode(document, QStringLiteral("Notes"));
    REQUIRE_OK(odt);
    const QByteArray& bytes = *odt;
    // Local file header of the first entry: signature, method 0 (stored), name "mimetype", no extra field.
    REQUIRE(bytes.size() > 80);
    CHECK(bytes.left(4) == QByteArray("PK\x03\x04", 4));
    const auto u16 = [&](int offset) { return static_cast<quint8>(bytes[offset]) | (static_cast<quint8>(bytes[offset + 1]) << 8); };
    CHECK(u16(8) == 0);
    CHECK(u16(26) == 8);
    CHECK(u16(28) == 0);
    CHECK(bytes.mid(30, 8) == "mimetype");
    CHECK(bytes.mid(38, 39) == "application/vnd.oasis.opendocument.text");

    const QStringList names = entryNames(bytes);
    CHECK(names.first() == QStringLiteral("mimetype"));
    CHECK(names.contains(QStringLiteral("content.xml")));
    CHECK(names.contains(QStringLiteral("meta.xml")));
    CHECK(names.contains(QStringLiteral("ocms/draft.html")));
    const QByteArray manifest = entry(bytes, "META-INF/manifest.xml");
    CHECK(manifest.contains("manifest:full-path=\"ocms/draft.html\""));
    CHECK(manifest.contains("manifest:full-path=\"meta.xml\""));
    CHECK(manifest.contains("manifest:full-path=\"content.xml\""));
    CHECK(entry(bytes, "content.xml").contains("Notes to the investigator."));
    CHECK(entry(bytes, "meta.xml").contains("<dc:title>Notes</dc:title>"));
}

TEST_CASE("An ODT written by another program opens from content.xml", "[documents][odt]")
{
    const QByteArray odt = makeZip({{QStringLiteral("mimetype"), "application/vnd.oasis.opendocument.text", true},
                                    {QStringLiteral("content.xml"), kForeignContent, false}});
    auto draft = OdtDraft::decode(odt);
    REQUIRE_OK(draft);
    CHECK_FALSE(draft->isLossless());
    QTextDocument document;
    draft->applyTo(document);

    const QTextBlock heading = blockWithText(document, QStringLiteral("Statement of facts"));
    REQUIRE(heading.isValid());
    CHECK(heading.blockFormat().headingLevel() == 2);
    CHECK(hasBoldFragment(document, QStringLiteral("fears return")));
    CHECK_FALSE(hasBoldFragment(document, QStringLiteral("Honduras")));
    const QString text = document.toPlainText();
    CHECK(text.contains(QStringLiteral("The respondent fears return to Honduras.")));
    CHECK(text.contains(QStringLiteral("Col A\tCol B   end")));
    CHECK(text.contains(QStringLiteral("end\nsecond line")));
    const QTextBlock second = blockWithText(document, QStringLiteral("Second point"));
    REQUIRE(second.textList() != nullptr);
    CHECK(second.textList()->format().style() == QTextListFormat::ListDecimal);
    CHECK(text.contains(QStringLiteral("Note after.")));
    CHECK_FALSE(text.contains(QStringLiteral("Footnote text")));
}

TEST_CASE("Bytes that are not an ODT text get a clear error, not a crash", "[documents][odt]")
{
    QTextDocument document;
    document.setPlainText(QStringLiteral("Some text long enough to make a real package."));
    auto odt = OdtDraft::encode(document);
    REQUIRE_OK(odt);

    const QList<QByteArray> bad{
        QByteArray(),
        QByteArray("%PDF-1.4 not a zip"),
        odt->left(odt->size() / 2),
        makeZip({{QStringLiteral("mimetype"), "application/vnd.oasis.opendocument.text", true}}),
        makeZip({{QStringLiteral("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", true},
                 {QStringLiteral("content.xml"), "<x/>", false}}),
        makeZip({{QStringLiteral("content.xml"), "<office:document-content><unclosed>", false}}),
    };
    for (qsizetype i = 0; i < bad.size(); ++i) {
        INFO("case " << i);
        auto draft = OdtDraft::decode(bad[i]);
        REQUIRE_FALSE(draft.has_value());
        CHECK(draft.error().code == ErrorCode::Validation);
        CHECK_FALSE(draft.error().userMessage.isEmpty());
    }
    CHECK(OdtDraft::decode(bad[4]).error().userMessage.contains(QStringLiteral("not a text document")));
}

TEST_CASE("An ODT that unpacks beyond the cap is refused", "[documents][odt]")
{
    const QByteArray huge(static_cast<qsizetype>(OdtDraft::kMaxEntryBytes + 1024), ' ');
    const QByteArray bomb = makeZip({{QStringLiteral("mimetype"), "application/vnd.oasis.opendocument.text", true},
                                     {QStringLiteral("content.xml"), huge, false}});
    REQUIRE(bomb.size() < 1024 * 1024); // small on disk, large unpacked
    auto draft = OdtDraft::decode(bomb);
    REQUIRE_FALSE(draft.has_value());
    CHECK(draft.error().userMessage.contains(QStringLiteral("MB")));
}
