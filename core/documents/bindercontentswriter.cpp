#include "bindercontentswriter.h"

#include "pdfassembly.h"

#include <array>

namespace ocms {

namespace {

constexpr double kPageWidth = 612;
constexpr double kPageHeight = 792;
constexpr double kLeft = 72;
constexpr double kRight = 540;
constexpr double kNumberColumn = 380;
constexpr double kRowSize = 10;
constexpr double kRowStep = 16;
constexpr double kFirstPageTopRow = 640; // below the binder title, "Contents" and the column headings
constexpr double kOtherPageTopRow = 670;
constexpr double kBottom = 72;

int rowsOnFirstPage()
{
    return int((kFirstPageTopRow - kBottom) / kRowStep) + 1;
}

int rowsOnOtherPages()
{
    return int((kOtherPageTopRow - kBottom) / kRowStep) + 1;
}

// Helvetica advance widths of ASCII 32..126 in 1/1000 em (Adobe Core 14 AFM).
constexpr std::array<short, 95> kHelveticaWidths = {
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
    722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
    278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};

// WinAnsi code of a character: Latin-1 as is, the typographic characters of 0x80..0x9F, else '?'.
char winAnsi(QChar c)
{
    const char16_t u = c.unicode();
    switch (u) {
    case u'€': return char(0x80);
    case u'…': return char(0x85);
    case u'‘': return char(0x91);
    case u'’': return char(0x92);
    case u'“': return char(0x93);
    case u'”': return char(0x94);
    case u'•': return char(0x95);
    case u'–': return char(0x96);
    case u'—': return char(0x97);
    default: break;
    }
    return (u >= 0x20 && u < 0x7f) || (u >= 0xa0 && u < 0x100) ? char(u) : '?';
}

int charWidth(QChar c)
{
    QChar base = c;
    if (c.unicode() >= 0x80 && !c.decomposition().isEmpty()) {
        base = c.decomposition().at(0); // é is as wide as e
    }
    const char16_t u = base.unicode();
    if (u >= 32 && u <= 126) {
        return kHelveticaWidths[u - 32];
    }
    return u == u'…' || u == u'—' ? 1000 : 556;
}

QByteArray pdfString(const QString& text)
{
    QByteArray out = "(";
    for (QChar c : text) {
        const char byte = winAnsi(c);
        if (byte == '(' || byte == ')' || byte == '\\') {
            out.append('\\');
        }
        out.append(byte);
    }
    out.append(')');
    return out;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'f', 2);
}

// One line of text at a position: "BT /F1 10 Tf x y Td (text) Tj ET".
QByteArray textAt(const char* font, double size, double x, double y, const QString& text)
{
    return QByteArray("BT /") + font + ' ' + number(size) + " Tf " + number(x) + ' ' + number(y) + " Td "
        + pdfString(text) + " Tj ET\n";
}

} // namespace

int BinderContentsWriter::pageCount(int rowCount)
{
    if (rowCount <= rowsOnFirstPage()) {
        return 1;
    }
    return 1 + (rowCount - rowsOnFirstPage() + rowsOnOtherPages() - 1) / rowsOnOtherPages();
}

int BinderContentsWriter::pageOfRow(int row)
{
    return row < rowsOnFirstPage() ? 0 : 1 + (row - rowsOnFirstPage()) / rowsOnOtherPages();
}

double BinderContentsWriter::baselineOfRow(int row)
{
    if (row < rowsOnFirstPage()) {
        return kFirstPageTopRow - row * kRowStep;
    }
    return kOtherPageTopRow - ((row - rowsOnFirstPage()) % rowsOnOtherPages()) * kRowStep;
}

double BinderContentsWriter::textWidth(const QString& text, double fontSize)
{
    double units = 0;
    for (QChar c : text) {
        units += charWidth(c);
    }
    return units * fontSize / 1000.0;
}

QString BinderContentsWriter::elide(const QString& text, double fontSize, double width)
{
    if (textWidth(text, fontSize) <= width) {
        return text;
    }
    QString cut = text;
    while (!cut.isEmpty() && textWidth(cut + u'…', fontSize) > width) {
        cut.chop(1);
    }
    return cut.trimmed() + u'…';
}

QByteArray BinderContentsWriter::toPdf(const QList<Row>& rows) const
{
    const int pages = pageCount(int(rows.size()));
    QList<QByteArray> contents(pages);
    const auto headings = [&](int page, double y) {
        contents[page] += textAt("F2", 9, kLeft, y, QStringLiteral("Document"));
        contents[page] += textAt("F2", 9, kNumberColumn, y, QStringLiteral("Number"));
        contents[page] += textAt("F2", 9, kRight - textWidth(QStringLiteral("Page"), 9), y, QStringLiteral("Page"));
        contents[page] += "0.5 w " + number(kLeft) + ' ' + number(y - 4) + " m " + number(kRight) + ' '
            + number(y - 4) + " l S\n";
    };
    contents[0] += textAt("F2", 16, kLeft, 720, elide(m_binderTitle, 16, kRight - kLeft));
    contents[0] += textAt("F2", 12, kLeft, 694, QStringLiteral("Contents"));
    headings(0, kFirstPageTopRow + 20);
    for (int page = 1; page < pages; ++page) {
        contents[page] += textAt("F2", 12, kLeft, 720, QStringLiteral("Contents (continued)"));
        headings(page, kOtherPageTopRow + 20);
    }
    for (int row = 0; row < rows.size(); ++row) {
        const Row& entry = rows[row];
        const int page = pageOfRow(row);
        const double y = baselineOfRow(row);
        const QString title = QString::number(row + 1) + QStringLiteral(". ") + entry.title;
        const QString pageNumber = QString::number(entry.firstPage);
        contents[page] += textAt("F1", kRowSize, kLeft, y, elide(title, kRowSize, kNumberColumn - kLeft - 10));
        contents[page] += textAt("F1", kRowSize, kNumberColumn, y,
                                 elide(entry.documentNumber, kRowSize, kRight - kNumberColumn - 40));
        contents[page] += textAt("F1", kRowSize, kRight - textWidth(pageNumber, kRowSize), y, pageNumber);
    }

    // Objects: 1 catalog, 2 pages, 3 Helvetica, 4 Helvetica-Bold, then a page and its content per page.
    QList<QByteArray> objects;
    QByteArray kids;
    for (int page = 0; page < pages; ++page) {
        kids += QByteArray::number(5 + page * 2) + " 0 R ";
    }
    objects.append("<< /Type /Catalog /Pages 2 0 R >>");
    objects.append("<< /Type /Pages /Kids [" + kids.trimmed() + "] /Count " + QByteArray::number(pages) + " >>");
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
    for (int page = 0; page < pages; ++page) {
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + number(kPageWidth) + ' ' + number(kPageHeight)
                       + "] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents "
                       + QByteArray::number(6 + page * 2) + " 0 R >>");
        objects.append("<< /Length " + QByteArray::number(contents[page].size()) + " >>\nstream\n" + contents[page]
                       + "endstream");
    }
    return assemblePdf(objects);
}

} // namespace ocms
