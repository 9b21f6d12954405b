#pragma once

// Synthetic office documents for the text-extraction tests, written with libzip the way office suites
// package them (ODF: uncompressed "mimetype" first; OOXML: content types, relationships, main part).
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <zip.h>

#include <cstdio>

namespace ocms::fixtures {

// A zip archive in memory; entries keep their order. storedNames are written uncompressed.
inline QByteArray zipArchive(const QList<QPair<QString, QByteArray>>& entries, const QStringList& storedNames = {})
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_t* archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
    zip_source_keep(target); // read back after zip_close
    for (const auto& [name, data] : entries) {
        zip_source_t* source = zip_source_buffer(archive, data.constData(), zip_uint64_t(data.size()), 0);
        const zip_int64_t index = zip_file_add(archive, name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8);
        if (storedNames.contains(name)) {
            zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_STORE, 0);
        }
    }
    zip_close(archive);
    QByteArray bytes;
    if (zip_source_open(target) == 0) {
        char chunk[65536];
        zip_int64_t got = 0;
        while ((got = zip_source_read(target, chunk, sizeof chunk)) > 0) {
            bytes.append(chunk, qsizetype(got));
        }
        zip_source_close(target);
    }
    zip_source_free(target);
    zip_error_fini(&error);
    return bytes;
}

inline QByteArray odtPackage(const QByteArray& contentXml)
{
    const QByteArray manifest =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
        "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
        "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
        "</manifest:manifest>";
    return zipArchive({{QStringLiteral("mimetype"), "application/vnd.oasis.opendocument.text"},
                       {QStringLiteral("content.xml"), contentXml},
                       {QStringLiteral("META-INF/manifest.xml"), manifest}},
                      {QStringLiteral("mimetype")});
}

// An ODF text body around paragraphs given as raw XML (text:p / text:h elements).
inline QByteArray odtContent(const QByteArray& bodyXml)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
           "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
           "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.2\">"
           "<office:body><office:text>"
        + bodyXml + "</office:text></office:body></office:document-content>";
}

inline QByteArray docxPackage(const QByteArray& documentXml)
{
    const QByteArray contentTypes =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/word/document.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
        "</Types>";
    const QByteArray relationships =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
        "Target=\"word/document.xml\"/></Relationships>";
    return zipArchive({{QStringLiteral("[Content_Types].xml"), contentTypes},
                       {QStringLiteral("_rels/.rels"), relationships},
                       {QStringLiteral("word/document.xml"), documentXml}});
}

// A WordprocessingML body around paragraphs given as raw XML (w:p elements).
inline QByteArray docxDocument(const QByteArray& bodyXml)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        + bodyXml + "<w:sectPr/></w:body></w:document>";
}

} // namespace ocms::fixtures
