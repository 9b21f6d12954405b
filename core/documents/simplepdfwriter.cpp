#include "simplepdfwriter.h"

#include "pdfassembly.h"

#include <QList>

namespace ocms {

namespace {

constexpr int kLineWidthChars = 88;
constexpr int kLinesPerPage = 48;

// PDF string literal in WinAnsi (Latin-1 covers the accented names we write).
QByteArray pdfString(const QString& text)
{
    QByteArray out = "(";
    for (QChar c : text) {
        const char16_t u = c.unicode();
        const char byte = u < 256 ? char(u) : '?';
        if (byte == '(' || byte == ')' || byte == '\\') {
            out.append('\\');
        }
        out.append(byte);
    }
    out.append(')');
    return out;
}

} // namespace

QStringList SimplePdfWriter::wrappedLines() const
{
    QStringList lines;
    for (const QString& paragraph : m_paragraphs) {
        QString line;
        for (const QString& word : paragraph.split(u' ', Qt::SkipEmptyParts)) {
            if (!line.isEmpty() && line.size() + 1 + word.size() > kLineWidthChars) {
                lines.append(line);
                line.clear();
            }
            line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
        }
        lines.append(line);
        lines.append(QString());
    }
    return lines;
}

QByteArray SimplePdfWriter::toPdf() const
{
    const QStringList lines = wrappedLines();
    const int pageCount = std::max<int>(1, int((lines.size() + kLinesPerPage - 1) / kLinesPerPage));

    // Objects: 1 catalog, 2 pages, 3 font, 4 info, then per page: page object and content stream.
    QList<QByteArray> objects;
    QByteArray kids;
    for (int page = 0; page < pageCount; ++page) {
        kids += QByteArray::number(5 + page * 2) + " 0 R ";
    }
    objects.append("<< /Type /Catalog /Pages 2 0 R >>");
    objects.append("<< /Type /Pages /Kids [" + kids.trimmed() + "] /Count " + QByteArray::number(pageCount) + " >>");
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    objects.append("<< /Title " + pdfString(m_title) + " /Producer (OCMS synthetic data) >>");
    for (int page = 0; page < pageCount; ++page) {
        QByteArray content = "BT\n/F1 11 Tf\n14 TL\n72 720 Td\n";
        if (page == 0) {
            content += "/F1 14 Tf\n" + pdfString(m_title) + " Tj\nT*\nT*\n/F1 11 Tf\n";
        }
        for (int i = page * kLinesPerPage; i < std::min<int>(int(lines.size()), (page + 1) * kLinesPerPage); ++i) {
            content += pdfString(lines[i]) + " Tj\nT*\n";
        }
        content += "ET\n";
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                       "/Contents " + QByteArray::number(6 + page * 2) + " 0 R >>");
        objects.append("<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content + "endstream");
    }

    return assemblePdf(objects, "/Info 4 0 R");
}

} // namespace ocms
