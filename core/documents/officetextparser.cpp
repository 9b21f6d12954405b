#include "officetextparser.h"

#include <QXmlStreamReader>

namespace ocms {

namespace {

const QString kOdfText = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:text:1.0");
const QString kWordTransitional = QStringLiteral("http://schemas.openxmlformats.org/wordprocessingml/2006/main");
const QString kWordStrict = QStringLiteral("http://purl.oclc.org/ooxml/wordprocessingml/main");

// Collects text up to a cap; once full it ignores the rest and remembers that it cut.
class TextSink
{
public:
    explicit TextSink(qsizetype maxChars) : m_maxChars(maxChars) {}

    void append(QStringView text)
    {
        if (m_text.size() + text.size() > m_maxChars) {
            m_text += text.left(m_maxChars - m_text.size());
            m_truncated = true;
            return;
        }
        m_text += text;
    }
    void endLine()
    {
        if (!m_text.isEmpty() && !m_text.endsWith(u'\n')) {
            append(u"\n");
        }
    }
    bool full() const { return m_truncated; }

    OfficeTextParser::Text result() const
    {
        QString text = m_text;
        while (text.endsWith(u'\n')) {
            text.chop(1);
        }
        return {text, m_truncated};
    }

private:
    qsizetype m_maxChars;
    QString m_text;
    bool m_truncated = false;
};

// ODF collapses runs of XML whitespace in paragraph text to one space (ODF 1.2 part 1, 6.1.2); real
// spaces, tabs and line breaks are elements.
QString collapseWhitespace(QStringView text)
{
    QString out;
    out.reserve(text.size());
    bool lastWasSpace = false;
    for (QChar c : text) {
        const bool space = c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
        if (space && lastWasSpace) {
            continue;
        }
        out += space ? QChar(u' ') : c;
        lastWasSpace = space;
    }
    return out;
}

Result<OfficeTextParser::Text> damaged(const QXmlStreamReader& xml, const QString& part)
{
    return fail(Error{ErrorCode::Validation,
                      QStringLiteral("The document is damaged: its %1 cannot be read.").arg(part),
                      QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString())});
}

} // namespace

Result<OfficeTextParser::Text> OfficeTextParser::parseOdt(const QByteArray& contentXml, qsizetype maxChars)
{
    QXmlStreamReader xml(contentXml);
    TextSink sink(maxChars);
    int paragraphDepth = 0; // text:p and text:h nest (e.g. a paragraph inside a frame inside a paragraph)
    int skippedDepth = 0;   // inside text:tracked-changes (deleted text) or text:note-citation
    while (!xml.atEnd() && !sink.full()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::StartElement: {
            if (xml.namespaceUri() != kOdfText) {
                if (skippedDepth > 0) {
                    ++skippedDepth;
                }
                break;
            }
            const QStringView name = xml.name();
            if (skippedDepth > 0 || name == u"tracked-changes" || name == u"note-citation") {
                ++skippedDepth;
            } else if (name == u"p" || name == u"h") {
                ++paragraphDepth;
            } else if (paragraphDepth > 0 && name == u"s") {
                const int count = xml.attributes().value(kOdfText, QStringLiteral("c")).toInt();
                sink.append(QString(qBound(1, count, 1000), u' '));
            } else if (paragraphDepth > 0 && name == u"tab") {
                sink.append(u"\t");
            } else if (paragraphDepth > 0 && name == u"line-break") {
                sink.append(u"\n");
            }
            break;
        }
        case QXmlStreamReader::EndElement:
            if (skippedDepth > 0) {
                --skippedDepth;
            } else if (xml.namespaceUri() == kOdfText && (xml.name() == u"p" || xml.name() == u"h")) {
                --paragraphDepth;
                sink.endLine();
            }
            break;
        case QXmlStreamReader::Characters:
            if (paragraphDepth > 0 && skippedDepth == 0) {
                sink.append(collapseWhitespace(xml.text()));
            }
            break;
        default:
            break;
        }
    }
    if (xml.hasError() && !sink.full()) {
        return damaged(xml, QStringLiteral("content.xml"));
    }
    return sink.result();
}

Result<OfficeTextParser::Text> OfficeTextParser::parseDocx(const QByteArray& documentXml, qsizetype maxChars)
{
    QXmlStreamReader xml(documentXml);
    TextSink sink(maxChars);
    bool inText = false; // character data counts only inside w:t (w:delText, field codes and the like do not)
    int runDepth = 0;    // w:tab and w:br are characters only inside a run; in paragraph properties w:tab is a tab stop
    while (!xml.atEnd() && !sink.full()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::StartElement: {
            if (xml.namespaceUri() != kWordTransitional && xml.namespaceUri() != kWordStrict) {
                break;
            }
            const QStringView name = xml.name();
            if (name == u"r") {
                ++runDepth;
            } else if (name == u"t") {
                inText = true;
            } else if (runDepth == 0) {
                break;
            } else if (name == u"tab") {
                sink.append(u"\t");
            } else if (name == u"br" || name == u"cr") {
                sink.append(u"\n");
            } else if (name == u"noBreakHyphen") {
                sink.append(u"-");
            }
            break;
        }
        case QXmlStreamReader::EndElement:
            if (xml.namespaceUri() == kWordTransitional || xml.namespaceUri() == kWordStrict) {
                if (xml.name() == u"r") {
                    --runDepth;
                } else if (xml.name() == u"t") {
                    inText = false;
                } else if (xml.name() == u"p") {
                    sink.endLine();
                }
            }
            break;
        case QXmlStreamReader::Characters:
            if (inText) {
                sink.append(xml.text());
            }
            break;
        default:
            break;
        }
    }
    if (xml.hasError() && !sink.full()) {
        return damaged(xml, QStringLiteral("word/document.xml"));
    }
    return sink.result();
}

} // namespace ocms
