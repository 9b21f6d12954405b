#include "textextractor.h"

#include "documents/officetextparser.h"
#include "documents/popplerlog.h"
#include "documents/zipreader.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>

#include <poppler-qt6.h>

namespace ocms {

namespace {

bool isCancelled(const std::atomic<bool>* cancel)
{
    return cancel != nullptr && cancel->load(std::memory_order_relaxed);
}

Error cancelledError()
{
    return {ErrorCode::Cancelled, QStringLiteral("Text extraction was cancelled."), {}};
}

qsizetype visibleCharCount(const QString& text)
{
    qsizetype count = 0;
    for (QChar c : text) {
        count += c.isSpace() ? 0 : 1;
    }
    return count;
}

// A PDF's header may follow a little junk (the spec allows it within the first 1024 bytes).
bool looksLikePdf(const QByteArray& content)
{
    const qsizetype at = content.left(1024).indexOf("%PDF-");
    return at >= 0;
}

bool looksLikeZip(const QByteArray& content)
{
    return content.startsWith("PK\x03\x04");
}

bool looksLikeImage(const QByteArray& content)
{
    return content.startsWith("\x89PNG\r\n\x1a\n") || content.startsWith("\xff\xd8\xff")
        || content.startsWith(QByteArray("II*\0", 4)) || content.startsWith(QByteArray("MM\0*", 4));
}

QString decodeEntity(const QString& entity)
{
    static const QHash<QString, QString> named = {
        {QStringLiteral("amp"), QStringLiteral("&")},   {QStringLiteral("lt"), QStringLiteral("<")},
        {QStringLiteral("gt"), QStringLiteral(">")},    {QStringLiteral("quot"), QStringLiteral("\"")},
        {QStringLiteral("apos"), QStringLiteral("'")},  {QStringLiteral("nbsp"), QStringLiteral(" ")},
        {QStringLiteral("ndash"), QStringLiteral("–")}, {QStringLiteral("mdash"), QStringLiteral("—")},
        {QStringLiteral("copy"), QStringLiteral("©")},  {QStringLiteral("sect"), QStringLiteral("§")},
    };
    if (entity.startsWith(u'#')) {
        bool ok = false;
        const uint code = entity.startsWith(u"#x", Qt::CaseInsensitive) ? entity.mid(2).toUInt(&ok, 16)
                                                                         : entity.mid(1).toUInt(&ok, 10);
        if (ok && code > 0 && code <= 0x10FFFF && !QChar::isSurrogate(code)) {
            const char32_t codePoint = code;
            return QString::fromUcs4(&codePoint, 1);
        }
        return QString();
    }
    return named.value(entity, u'&' + entity + u';');
}

} // namespace

TextExtractor::Kind TextExtractor::detectKind(const QByteArray& content, const QString& fileName,
                                              const QString& mimeType)
{
    const QString mime = mimeType.section(u';', 0, 0).trimmed().toLower();
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (looksLikePdf(content)) {
        return Kind::Pdf;
    }
    if (looksLikeImage(content)) {
        return Kind::Image;
    }
    if (looksLikeZip(content)) {
        if (mime == u"application/vnd.oasis.opendocument.text" || suffix == u"odt") {
            return Kind::Odt;
        }
        if (mime == u"application/vnd.openxmlformats-officedocument.wordprocessingml.document" || suffix == u"docx") {
            return Kind::Docx;
        }
        // Unnamed zips: ODF stores its MIME type uncompressed as the first entry, DOCX names word/document.xml.
        if (content.mid(30, 8) == "mimetype" && content.mid(38, 39) == "application/vnd.oasis.opendocument.text") {
            return Kind::Odt;
        }
        return content.contains("word/document.xml") ? Kind::Docx : Kind::Unsupported;
    }
    if (mime == u"application/pdf" || suffix == u"pdf") {
        return Kind::Pdf; // claims to be a PDF without the header: Poppler gets to say what is wrong
    }
    if (mime == u"application/vnd.oasis.opendocument.text" || suffix == u"odt") {
        return Kind::Odt;
    }
    if (mime == u"application/vnd.openxmlformats-officedocument.wordprocessingml.document" || suffix == u"docx") {
        return Kind::Docx;
    }
    if (mime == u"text/html" || mime == u"application/xhtml+xml" || suffix == u"html" || suffix == u"htm"
        || suffix == u"xhtml") {
        return Kind::Html;
    }
    static const QStringList plainMimes = {QStringLiteral("text/plain"),    QStringLiteral("text/csv"),
                                           QStringLiteral("text/markdown"), QStringLiteral("text/x-markdown"),
                                           QStringLiteral("text/tab-separated-values"),
                                           QStringLiteral("message/rfc822")};
    static const QStringList plainSuffixes = {QStringLiteral("txt"), QStringLiteral("text"), QStringLiteral("csv"),
                                              QStringLiteral("tsv"), QStringLiteral("md"),   QStringLiteral("markdown"),
                                              QStringLiteral("log"), QStringLiteral("eml")};
    if (plainMimes.contains(mime) || plainSuffixes.contains(suffix)) {
        return Kind::PlainText;
    }
    if (mime == u"image/png" || mime == u"image/jpeg" || mime == u"image/tiff") {
        return Kind::Image;
    }
    return Kind::Unsupported;
}

Result<ExtractedText> TextExtractor::extract(const QByteArray& content, const QString& fileName,
                                             const QString& mimeType, const std::atomic<bool>* cancel) const
{
    if (content.isEmpty()) {
        return fail(Error::validation(QStringLiteral("The file \"%1\" is empty: there is no text to index.")
                                          .arg(QFileInfo(fileName).fileName())));
    }
    if (isCancelled(cancel)) {
        return fail(cancelledError());
    }
    const Kind kind = detectKind(content, fileName, mimeType);
    switch (kind) {
    case Kind::Pdf:
        return extractPdf(content, cancel);
    case Kind::Odt:
    case Kind::Docx:
        return extractOffice(content, kind);
    case Kind::PlainText:
    case Kind::Html:
        return extractPlain(content, kind);
    case Kind::Image: {
        ExtractedText image;
        image.pages = QStringList{QString()};
        image.pagesWithoutText = {0};
        image.looksScanned = true;
        return image;
    }
    case Kind::Unsupported:
        break;
    }
    return ExtractedText{}; // audio, video, spreadsheets...: stored and findable by their metadata only
}

Result<ExtractedText> TextExtractor::extractFile(const QString& path, const QString& mimeType,
                                                 const std::atomic<bool>* cancel) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Error::io(QStringLiteral("The file \"%1\" cannot be opened.").arg(QFileInfo(path).fileName()),
                              file.errorString()));
    }
    if (file.size() == 0) {
        return extract(QByteArray(), path, mimeType, cancel);
    }
    uchar* mapped = file.map(0, file.size());
    if (mapped == nullptr) {
        return fail(Error::io(QStringLiteral("The file \"%1\" cannot be read.").arg(QFileInfo(path).fileName()),
                              file.errorString()));
    }
    // The mapping lives until file closes, i.e. after extract() returned and dropped every use of it.
    const QByteArray content = QByteArray::fromRawData(reinterpret_cast<const char*>(mapped), file.size());
    return extract(content, path, mimeType, cancel);
}

Result<ExtractedText> TextExtractor::extractPdf(const QByteArray& content, const std::atomic<bool>* cancel) const
{
    PopplerLog::install();
    const std::unique_ptr<Poppler::Document> document = Poppler::Document::loadFromData(content);
    if (!document) {
        return fail(Error::validation(QStringLiteral("The PDF is damaged or not a PDF: its text cannot be read.")));
    }
    if (document->isLocked()) {
        return fail(Error::validation(
            QStringLiteral("The PDF is protected by a password: its text cannot be indexed. Upload an "
                           "unprotected copy to make it searchable.")));
    }
    ExtractedText result;
    result.method = ExtractedText::Method::PdfText;
    qsizetype total = 0;
    for (int index = 0; index < document->numPages(); ++index) {
        if (isCancelled(cancel)) {
            return fail(cancelledError());
        }
        QString text;
        if (!result.truncated) {
            if (const std::unique_ptr<Poppler::Page> page = document->page(index)) {
                text = page->text(QRectF());
            }
            if (total + text.size() > m_limits.maxTextChars) {
                text.truncate(m_limits.maxTextChars - total);
                result.truncated = true;
            }
            if (visibleCharCount(text) < m_limits.minCharsForTextPage) {
                result.pagesWithoutText.append(index);
            }
        }
        total += text.size();
        result.pages.append(text);
    }
    result.looksScanned = !result.pagesWithoutText.isEmpty();
    return result;
}

Result<ExtractedText> TextExtractor::extractOffice(const QByteArray& content, Kind kind) const
{
    Result<ZipReader> zip = ZipReader::open(content);
    if (!zip) {
        return fail(zip.error());
    }
    const bool odt = kind == Kind::Odt;
    const QString part = odt ? QStringLiteral("content.xml") : QStringLiteral("word/document.xml");
    const Result<QByteArray> xml = zip->read(part, m_limits.maxXmlBytes);
    if (!xml) {
        return fail(xml.error());
    }
    const Result<OfficeTextParser::Text> parsed = odt ? OfficeTextParser::parseOdt(*xml, m_limits.maxTextChars)
                                                      : OfficeTextParser::parseDocx(*xml, m_limits.maxTextChars);
    if (!parsed) {
        return fail(parsed.error());
    }
    ExtractedText result;
    result.method = odt ? ExtractedText::Method::Odt : ExtractedText::Method::Docx;
    result.pages = QStringList{parsed->text};
    result.truncated = parsed->truncated;
    return result;
}

ExtractedText TextExtractor::extractPlain(const QByteArray& content, Kind kind) const
{
    QString text = decodeText(content);
    if (kind == Kind::Html) {
        text = htmlToText(text);
    }
    ExtractedText result;
    result.method = ExtractedText::Method::Plain;
    if (text.size() > m_limits.maxTextChars) {
        text.truncate(m_limits.maxTextChars);
        result.truncated = true;
    }
    result.pages = QStringList{text};
    return result;
}

QString TextExtractor::decodeText(const QByteArray& bytes)
{
    if (const std::optional<QStringConverter::Encoding> bom = QStringConverter::encodingForData(bytes)) {
        QStringDecoder decoder(*bom);
        return decoder.decode(bytes);
    }
    QStringDecoder utf8(QStringConverter::Utf8);
    QString text = utf8.decode(bytes);
    if (utf8.hasError()) {
        return QString::fromLatin1(bytes); // old Windows exports; every byte maps to some character
    }
    return text;
}

QString TextExtractor::htmlToText(const QString& html)
{
    static const QRegularExpression invisible(
        QStringLiteral("<!--.*?-->|<(script|style|template)\\b[^>]*>.*?</\\1\\s*>"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression blockBoundary(
        QStringLiteral("<(br|/?p|/?div|/?li|/?tr|/?h[1-6]|/?table|/?ul|/?ol|/?blockquote|/?pre|/?title)\\b[^>]*>"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression cell(QStringLiteral("</t[dh]\\s*>"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    static const QRegularExpression entity(QStringLiteral("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});"));
    static const QRegularExpression spaces(QStringLiteral("[ \\t\\r\\f\\v]+"));

    QString text = html;
    text.remove(invisible);
    text.replace(blockBoundary, QStringLiteral("\n"));
    text.replace(cell, QStringLiteral("\t"));
    text.remove(tag);

    QString decoded;
    decoded.reserve(text.size());
    qsizetype last = 0;
    for (QRegularExpressionMatchIterator it = entity.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        decoded += QStringView(text).mid(last, match.capturedStart() - last);
        decoded += decodeEntity(match.captured(1));
        last = match.capturedEnd();
    }
    decoded += QStringView(text).mid(last);

    QStringList lines;
    for (const QString& line : decoded.split(u'\n')) {
        const QString clean = QString(line).replace(spaces, QStringLiteral(" ")).trimmed();
        if (!clean.isEmpty()) {
            lines.append(clean);
        }
    }
    return lines.join(u'\n');
}

} // namespace ocms
