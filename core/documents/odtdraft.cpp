#include "odtdraft.h"

#include <QBuffer>
#include <QHash>
#include <QSet>
#include <QTextDocument>
#include <QTextDocumentWriter>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <zip.h>

#include <algorithm>
#include <memory>

namespace ocms {

using namespace Qt::StringLiterals;

namespace {

constexpr auto kTextMimeType = "application/vnd.oasis.opendocument.text";
constexpr auto kOfficeNs = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr auto kTextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr auto kStyleNs = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
constexpr auto kFoNs = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
constexpr auto kDcNs = "http://purl.org/dc/elements/1.1/";

Error notAnOdt(const QString& detail)
{
    return Error{ErrorCode::Validation,
                 QObject::tr("This file is not a readable OpenDocument text (ODT) draft. It may be damaged or of "
                             "another type; open it in its own program instead."),
                 detail};
}

Error tooLarge(const QString& entry)
{
    return Error{ErrorCode::Validation,
                 QObject::tr("This ODT file unpacks to more than %1 MB and was not opened.")
                     .arg(OdtDraft::kMaxEntryBytes / (1024 * 1024)),
                 entry};
}

struct ZipEntry
{
    QString name;
    QByteArray data;
};

struct ArchiveCloser
{
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using Archive = std::unique_ptr<zip_t, ArchiveCloser>;

struct SourceFreer
{
    void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using Source = std::unique_ptr<zip_source_t, SourceFreer>;

struct FileCloser
{
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

QString zipMessage(zip_error_t* error)
{
    return QString::fromUtf8(zip_error_strerror(error));
}

// Opens an archive held in memory; bytes must outlive the archive.
Result<Archive> openArchive(const QByteArray& bytes)
{
    zip_error_t error;
    zip_error_init(&error);
    Source source(zip_source_buffer_create(bytes.constData(), static_cast<zip_uint64_t>(bytes.size()), 0, &error));
    if (!source) {
        const QString message = zipMessage(&error);
        zip_error_fini(&error);
        return fail(notAnOdt(message));
    }
    zip_t* archive = zip_open_from_source(source.get(), ZIP_RDONLY, &error);
    if (archive == nullptr) {
        const QString message = zipMessage(&error);
        zip_error_fini(&error);
        return fail(notAnOdt(message));
    }
    source.release(); // the archive owns it now
    zip_error_fini(&error);
    return Archive(archive);
}

// One entry's bytes, refusing anything that unpacks beyond the cap (whatever its header claims).
Result<QByteArray> readEntry(zip_t* archive, zip_int64_t index, const QString& name)
{
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
        return fail(notAnOdt(QStringLiteral("cannot stat %1").arg(name)));
    }
    if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > static_cast<zip_uint64_t>(OdtDraft::kMaxEntryBytes)) {
        return fail(tooLarge(name));
    }
    std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0));
    if (!file) {
        return fail(notAnOdt(QStringLiteral("%1: %2").arg(name, QString::fromUtf8(zip_strerror(archive)))));
    }
    QByteArray data;
    QByteArray chunk(64 * 1024, Qt::Uninitialized);
    for (;;) {
        const zip_int64_t read = zip_fread(file.get(), chunk.data(), static_cast<zip_uint64_t>(chunk.size()));
        if (read < 0) {
            return fail(notAnOdt(QStringLiteral("%1: %2").arg(name, QString::fromUtf8(zip_file_strerror(file.get())))));
        }
        if (read == 0) {
            break;
        }
        if (data.size() + read > OdtDraft::kMaxEntryBytes) {
            return fail(tooLarge(name));
        }
        data.append(chunk.constData(), static_cast<qsizetype>(read));
    }
    return data;
}

Result<QList<ZipEntry>> readAllEntries(const QByteArray& bytes)
{
    auto archive = openArchive(bytes);
    if (!archive) {
        return fail(archive.error());
    }
    const zip_int64_t count = zip_get_num_entries(archive->get(), 0);
    if (count < 0 || count > OdtDraft::kMaxEntries) {
        return fail(notAnOdt(QStringLiteral("%1 entries").arg(count)));
    }
    QList<ZipEntry> entries;
    qint64 total = 0;
    for (zip_int64_t index = 0; index < count; ++index) {
        const char* rawName = zip_get_name(archive->get(), static_cast<zip_uint64_t>(index), ZIP_FL_ENC_GUESS);
        const QString name = rawName ? QString::fromUtf8(rawName) : QString();
        if (name.endsWith(u'/')) {
            continue; // a folder entry
        }
        auto data = readEntry(archive->get(), index, name);
        if (!data) {
            return fail(data.error());
        }
        total += data->size();
        if (total > 4 * OdtDraft::kMaxEntryBytes) {
            return fail(Error::validation(QObject::tr("This ODT file unpacks to too much data and was not opened.")));
        }
        entries.append(ZipEntry{name, *data});
    }
    return entries;
}

const ZipEntry* findEntry(const QList<ZipEntry>& entries, const QString& name)
{
    for (const ZipEntry& entry : entries) {
        if (entry.name == name) {
            return &entry;
        }
    }
    return nullptr;
}

// Writes entries in order into a new archive in memory; "mimetype" is stored uncompressed, as ODF requires.
Result<QByteArray> writeArchive(const QList<ZipEntry>& entries)
{
    zip_error_t error;
    zip_error_init(&error);
    Source target(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!target) {
        zip_error_fini(&error);
        return fail(Error{ErrorCode::Internal, QObject::tr("The draft could not be packed."), zipMessage(&error)});
    }
    zip_source_keep(target.get()); // survives zip_close so the bytes can be read back
    zip_t* archive = zip_open_from_source(target.get(), ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        const QString message = zipMessage(&error);
        zip_error_fini(&error);
        zip_source_free(target.get()); // the reference zip_open_from_source did not take
        return fail(Error{ErrorCode::Internal, QObject::tr("The draft could not be packed."), message});
    }
    zip_error_fini(&error);
    Archive owner(archive);
    for (const ZipEntry& entry : entries) {
        zip_source_t* source = zip_source_buffer(archive, entry.data.constData(),
                                                 static_cast<zip_uint64_t>(entry.data.size()), 0);
        const QByteArray name = entry.name.toUtf8();
        const zip_int64_t index = source ? zip_file_add(archive, name.constData(), source, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0) {
            if (source) {
                zip_source_free(source);
            }
            return fail(Error{ErrorCode::Internal, QObject::tr("The draft could not be packed."),
                              QString::fromUtf8(zip_strerror(archive))});
        }
        const bool stored = entry.name == u"mimetype";
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
    }
    if (zip_close(owner.get()) != 0) {
        return fail(Error{ErrorCode::Internal, QObject::tr("The draft could not be packed."),
                          QString::fromUtf8(zip_strerror(owner.get()))});
    }
    (void)owner.release(); // zip_close freed it
    if (zip_source_open(target.get()) != 0) {
        return fail(Error{ErrorCode::Internal, QObject::tr("The draft could not be packed."), QStringLiteral("reopen")});
    }
    zip_source_seek(target.get(), 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(target.get());
    zip_source_seek(target.get(), 0, SEEK_SET);
    QByteArray bytes(static_cast<qsizetype>(std::max<zip_int64_t>(size, 0)), Qt::Uninitialized);
    const zip_int64_t read = size > 0 ? zip_source_read(target.get(), bytes.data(), static_cast<zip_uint64_t>(size)) : 0;
    zip_source_close(target.get());
    if (read != size) {
        return fail(Error{ErrorCode::Internal, QObject::tr("The draft could not be packed."), QStringLiteral("read back")});
    }
    return bytes;
}

QByteArray metaXml(const QString& title)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartDocument();
    writer.writeNamespace(QString::fromLatin1(kOfficeNs), QStringLiteral("office"));
    writer.writeNamespace(QString::fromLatin1(kDcNs), QStringLiteral("dc"));
    writer.writeNamespace(QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:meta:1.0"), QStringLiteral("meta"));
    writer.writeStartElement(QString::fromLatin1(kOfficeNs), QStringLiteral("document-meta"));
    writer.writeAttribute(QString::fromLatin1(kOfficeNs), QStringLiteral("version"), QStringLiteral("1.2"));
    writer.writeStartElement(QString::fromLatin1(kOfficeNs), QStringLiteral("meta"));
    writer.writeTextElement(QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:meta:1.0"), QStringLiteral("generator"),
                            QStringLiteral("OCMS"));
    if (!title.isEmpty()) {
        writer.writeTextElement(QString::fromLatin1(kDcNs), QStringLiteral("title"), title);
    }
    writer.writeEndElement();
    writer.writeEndElement();
    writer.writeEndDocument();
    return xml;
}

QString titleFromMeta(const QByteArray& xml)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.namespaceUri() == QLatin1String(kDcNs) && reader.name() == u"title") {
            return reader.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
        }
    }
    return {};
}

// Emphasis an ODF style gives its text.
struct Emphasis
{
    bool bold = false;
    bool italic = false;
    bool underline = false;
};

// Turns content.xml of any ODT into simple HTML: headings, paragraphs, lists, line breaks, tabs, spaces and
// bold/italic/underline from the automatic styles. Frames, notes, annotations and tracked changes are left
// out, so a paragraph never nests inside another.
class OdfContentToHtml
{
public:
    explicit OdfContentToHtml(const QByteArray& xml) : m_reader(xml) {}

    Result<QString> convert()
    {
        while (!m_reader.atEnd()) {
            m_reader.readNext();
            if (!m_reader.isStartElement()) {
                continue;
            }
            if (isElement(kStyleNs, u"style")) {
                readStyle();
            } else if (isElement(kTextNs, u"list-style")) {
                readListStyle();
            } else if (isElement(kOfficeNs, u"text")) {
                readBlocks();
            }
        }
        if (m_reader.hasError()) {
            return fail(notAnOdt(QStringLiteral("content.xml line %1: %2")
                                     .arg(m_reader.lineNumber())
                                     .arg(m_reader.errorString())));
        }
        return m_html;
    }

private:
    bool isElement(const char* ns, QStringView name) const
    {
        return m_reader.namespaceUri() == QLatin1String(ns) && m_reader.name() == name;
    }

    QString attribute(const char* ns, const QString& name) const
    {
        return m_reader.attributes().value(QString::fromLatin1(ns), name).toString();
    }

    void readStyle()
    {
        const QString name = attribute(kStyleNs, QStringLiteral("name"));
        Emphasis emphasis;
        int level = 1; // inside style:style
        while (level > 0 && !m_reader.atEnd()) {
            m_reader.readNext();
            if (m_reader.isStartElement()) {
                ++level;
                if (isElement(kStyleNs, u"text-properties")) {
                    const QString weight = attribute(kFoNs, QStringLiteral("font-weight"));
                    emphasis.bold = weight == u"bold" || weight.toInt() >= 600;
                    emphasis.italic = attribute(kFoNs, QStringLiteral("font-style")) == u"italic";
                    const QString underline = attribute(kStyleNs, QStringLiteral("text-underline-style"));
                    emphasis.underline = !underline.isEmpty() && underline != u"none";
                }
            } else if (m_reader.isEndElement()) {
                --level;
            }
        }
        if (!name.isEmpty()) {
            m_styles.insert(name, emphasis);
        }
    }

    void readListStyle()
    {
        const QString name = attribute(kStyleNs, QStringLiteral("name"));
        // The first level decides: numbered or bulleted.
        while (m_reader.readNextStartElement()) {
            if (isElement(kTextNs, u"list-level-style-number")) {
                m_numberedLists.insert(name);
            }
            m_reader.skipCurrentElement();
        }
    }

    // Children of office:text, a list item, a section, a table cell…: blocks until the element ends.
    void readBlocks()
    {
        while (m_reader.readNextStartElement()) {
            if (isElement(kTextNs, u"p") || isElement(kTextNs, u"h")) {
                readParagraph();
            } else if (isElement(kTextNs, u"list")) {
                readList();
            } else if (skipsEntirely()) {
                m_reader.skipCurrentElement();
            } else {
                readBlocks(); // sections, tables, rows, cells: their paragraphs count
            }
        }
    }

    bool skipsEntirely() const
    {
        return isElement(kOfficeNs, u"annotation") || isElement(kTextNs, u"note") || isElement(kTextNs, u"tracked-changes")
            || m_reader.namespaceUri() == u"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
            || isElement(kTextNs, u"sequence-decls") || isElement(kOfficeNs, u"forms");
    }

    void readList()
    {
        const QString style = attribute(kTextNs, QStringLiteral("style-name"));
        const bool numbered = m_numberedLists.contains(style)
            || (style.isEmpty() && !m_listStack.isEmpty() && m_listStack.last());
        m_listStack.append(numbered);
        m_html += numbered ? u"<ol>"_s : u"<ul>"_s;
        while (m_reader.readNextStartElement()) {
            if (isElement(kTextNs, u"list-item") || isElement(kTextNs, u"list-header")) {
                m_html += u"<li>"_s;
                m_paragraphsInItem = 0;
                readBlocks();
                m_html += u"</li>"_s;
            } else {
                m_reader.skipCurrentElement();
            }
        }
        m_html += numbered ? u"</ol>"_s : u"</ul>"_s;
        m_listStack.removeLast();
    }

    void readParagraph()
    {
        const bool heading = m_reader.name() == u"h";
        const int level = std::clamp(attribute(kTextNs, QStringLiteral("outline-level")).toInt(), 1, 6);
        const Emphasis emphasis = m_styles.value(attribute(kTextNs, QStringLiteral("style-name")));
        QString open;
        QString close;
        if (!m_listStack.isEmpty()) {
            // Inside a list item the item is the block; further paragraphs of the item break the line.
            open = m_paragraphsInItem++ > 0 ? u"<br/>"_s : QString();
        } else if (heading) {
            open = u"<h%1>"_s.arg(level);
            close = u"</h%1>"_s.arg(level);
        } else {
            open = u"<p>"_s;
            close = u"</p>"_s;
        }
        m_html += open + openEmphasis(emphasis);
        readInline();
        m_html += closeEmphasis(emphasis) + close;
    }

    static QString openEmphasis(const Emphasis& emphasis)
    {
        return QString(emphasis.bold ? u"<b>"_s : QString()) + (emphasis.italic ? u"<i>"_s : QString())
            + (emphasis.underline ? u"<u>"_s : QString());
    }

    static QString closeEmphasis(const Emphasis& emphasis)
    {
        return QString(emphasis.underline ? u"</u>"_s : QString()) + (emphasis.italic ? u"</i>"_s : QString())
            + (emphasis.bold ? u"</b>"_s : QString());
    }

    // Text and inline elements until the current element ends.
    void readInline()
    {
        while (!m_reader.atEnd()) {
            m_reader.readNext();
            if (m_reader.isEndElement()) {
                return;
            }
            if (m_reader.isCharacters()) {
                m_html += m_reader.text().toString().toHtmlEscaped();
                continue;
            }
            if (!m_reader.isStartElement()) {
                continue;
            }
            if (isElement(kTextNs, u"s")) {
                const int count = std::clamp(attribute(kTextNs, QStringLiteral("c")).toInt(), 1, 1000);
                m_html += QString(count, QChar(0x00A0));
                m_reader.skipCurrentElement();
            } else if (isElement(kTextNs, u"tab")) {
                m_html += u"<span style=\"white-space:pre\">\t</span>"_s;
                m_reader.skipCurrentElement();
            } else if (isElement(kTextNs, u"line-break")) {
                m_html += u"<br/>"_s;
                m_reader.skipCurrentElement();
            } else if (isElement(kTextNs, u"span")) {
                const Emphasis emphasis = m_styles.value(attribute(kTextNs, QStringLiteral("style-name")));
                m_html += openEmphasis(emphasis);
                readInline();
                m_html += closeEmphasis(emphasis);
            } else if (skipsEntirely()) {
                m_reader.skipCurrentElement();
            } else {
                readInline(); // links, fields, bookmarks: their text counts
            }
        }
    }

    QXmlStreamReader m_reader;
    QHash<QString, Emphasis> m_styles;
    QSet<QString> m_numberedLists;
    QList<bool> m_listStack;
    int m_paragraphsInItem = 0;
    QString m_html;
};

} // namespace

Result<QByteArray> OdtDraft::encode(const QTextDocument& document, const QString& title)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QTextDocumentWriter writer(&buffer, "odf");
    if (!writer.write(&document)) {
        return fail(Error{ErrorCode::Internal, QObject::tr("The draft could not be written as ODT."),
                          QStringLiteral("QTextDocumentWriter failed")});
    }
    auto qtEntries = readAllEntries(buffer.data());
    if (!qtEntries) {
        return fail(qtEntries.error());
    }
    const ZipEntry* manifest = findEntry(*qtEntries, QStringLiteral("META-INF/manifest.xml"));
    if (manifest == nullptr || findEntry(*qtEntries, QStringLiteral("content.xml")) == nullptr) {
        return fail(Error{ErrorCode::Internal, QObject::tr("The draft could not be written as ODT."),
                          QStringLiteral("Qt's package lacks content.xml or the manifest")});
    }
    // Qt's manifest lists its own parts; ours are added so the package stays valid ODF.
    QByteArray manifestXml = manifest->data;
    const qsizetype end = manifestXml.lastIndexOf("</manifest:manifest>");
    if (end < 0) {
        return fail(Error{ErrorCode::Internal, QObject::tr("The draft could not be written as ODT."),
                          QStringLiteral("unexpected manifest")});
    }
    manifestXml.insert(end, QByteArray(QByteArrayLiteral(
                                " <manifest:file-entry manifest:media-type=\"text/xml\" manifest:full-path=\"meta.xml\"/>\n"
                                " <manifest:file-entry manifest:media-type=\"text/html\" manifest:full-path=\"")
                                + kEmbeddedHtmlPath + QByteArrayLiteral("\"/>\n")));

    QTextDocument copy;
    QList<ZipEntry> entries;
    entries.append(ZipEntry{QStringLiteral("mimetype"), QByteArray(kTextMimeType)});
    entries.append(ZipEntry{QStringLiteral("META-INF/manifest.xml"), manifestXml});
    for (const ZipEntry& entry : std::as_const(*qtEntries)) {
        if (entry.name != u"mimetype" && entry.name != u"META-INF/manifest.xml") {
            entries.append(entry);
        }
    }
    entries.append(ZipEntry{QStringLiteral("meta.xml"), metaXml(title)});
    entries.append(ZipEntry{QString::fromLatin1(kEmbeddedHtmlPath), document.toHtml().toUtf8()});
    return writeArchive(entries);
}

Result<OdtDraft> OdtDraft::decode(const QByteArray& odt)
{
    if (!odt.startsWith("PK\x03\x04")) {
        return fail(notAnOdt(odt.isEmpty() ? QStringLiteral("empty") : QStringLiteral("no zip signature")));
    }
    auto entries = readAllEntries(odt);
    if (!entries) {
        return fail(entries.error());
    }
    const ZipEntry* mimetype = findEntry(*entries, QStringLiteral("mimetype"));
    if (mimetype != nullptr && mimetype->data.trimmed() != kTextMimeType) {
        return fail(Error::validation(QObject::tr("This is an OpenDocument file but not a text document (%1); the "
                                                  "editor opens text documents only.")
                                          .arg(QString::fromUtf8(mimetype->data.trimmed().left(80)))));
    }
    const ZipEntry* content = findEntry(*entries, QStringLiteral("content.xml"));
    if (content == nullptr) {
        return fail(notAnOdt(QStringLiteral("no content.xml")));
    }
    OdtDraft draft;
    if (const ZipEntry* meta = findEntry(*entries, QStringLiteral("meta.xml"))) {
        draft.m_title = titleFromMeta(meta->data);
    }
    if (const ZipEntry* html = findEntry(*entries, QString::fromLatin1(kEmbeddedHtmlPath))) {
        draft.m_html = QString::fromUtf8(html->data);
        draft.m_lossless = true;
        return draft;
    }
    auto html = OdfContentToHtml(content->data).convert();
    if (!html) {
        return fail(html.error());
    }
    draft.m_html = *html;
    return draft;
}

QString OdtDraft::plainText() const
{
    QTextDocument document;
    applyTo(document);
    return document.toPlainText();
}

void OdtDraft::applyTo(QTextDocument& document) const
{
    document.setHtml(m_html);
    document.setMetaInformation(QTextDocument::DocumentTitle, m_title);
}

} // namespace ocms
