#pragma once

// PDFs made by the tests themselves: text documents with known words, a page with any MediaBox and
// content (a poster-sized page, a page that is slow to draw) and an encrypted copy made with the qpdf tool.
#include "documents/pdfassembly.h"
#include "documents/simplepdfwriter.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace ocms::test {

// `pages` pages of text; the word "asylum" appears once in every paragraph whose number is a multiple of
// seven (paragraphs 0, 7, 14…), each page holding 24 paragraphs.
inline QByteArray textPdf(int pages, const QString& title = QStringLiteral("Record of proceedings"))
{
    SimplePdfWriter writer(title);
    const int paragraphs = pages * 24 - 2;
    for (int i = 0; i < paragraphs; ++i) {
        writer.addParagraph(i % 7 == 0 ? QStringLiteral("Paragraph %1 concerns the asylum application and its exhibits.").arg(i)
                                       : QStringLiteral("Paragraph %1 concerns the hearing schedule and its exhibits.").arg(i));
    }
    return writer.toPdf();
}

inline int textPdfAsylumCount(int pages)
{
    const int paragraphs = pages * 24 - 2;
    return (paragraphs + 6) / 7;
}

// One page with the given MediaBox (points) and content stream, optionally Flate-compressed.
inline QByteArray singlePagePdf(double widthPoints, double heightPoints, const QByteArray& content, bool compress = false)
{
    QByteArray stream = content;
    QByteArray filter;
    if (compress) {
        stream = qCompress(content, 9).mid(4); // qCompress prefixes the length; the rest is a zlib stream
        filter = " /Filter /FlateDecode";
    }
    const QList<QByteArray> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + QByteArray::number(widthPoints) + ' ' +
            QByteArray::number(heightPoints) + "] /Resources << >> /Contents 4 0 R >>",
        "<< /Length " + QByteArray::number(stream.size()) + filter + " >>\nstream\n" + stream + "\nendstream",
    };
    return assemblePdf(objects);
}

// Pages of the given sizes (points), each showing its number.
inline QByteArray pagesOfSizes(const QList<QSizeF>& sizes)
{
    QList<QByteArray> objects = {"<< /Type /Catalog /Pages 2 0 R >>", QByteArray(),
                                 "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
    QByteArray kids;
    for (qsizetype page = 0; page < sizes.size(); ++page) {
        const int pageObject = int(4 + 2 * page);
        kids += QByteArray::number(pageObject) + " 0 R ";
        const QByteArray content = "BT /F1 24 Tf 40 40 Td (Page " + QByteArray::number(page + 1) + ") Tj ET";
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + QByteArray::number(sizes[page].width()) + ' ' +
                       QByteArray::number(sizes[page].height()) + "] /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                       QByteArray::number(pageObject + 1) + " 0 R >>");
        objects.append("<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content + "\nendstream");
    }
    objects[1] = "<< /Type /Pages /Kids [" + kids.trimmed() + "] /Count " + QByteArray::number(sizes.size()) + " >>";
    return assemblePdf(objects);
}

// A page that takes long to draw: many thousand small filled squares, each a separate drawing operation.
inline QByteArray slowPagePdf(int squares = 400000)
{
    QByteArray content;
    content.reserve(squares * 24);
    for (int i = 0; i < squares; ++i) {
        content += QByteArray::number(i % 580) + ' ' + QByteArray::number((i / 580) % 760) + " 3 3 re f\n";
    }
    return singlePagePdf(612, 792, content, true);
}

// The document encrypted with AES-256 by the qpdf command-line tool; empty if qpdf is missing or fails.
inline QByteArray encryptedPdf(const QByteArray& plain, const QString& userPassword, const QString& ownerPassword)
{
    QTemporaryDir directory;
    const QString in = directory.filePath(QStringLiteral("plain.pdf"));
    const QString out = directory.filePath(QStringLiteral("locked.pdf"));
    QFile file(in);
    if (!directory.isValid() || !file.open(QIODevice::WriteOnly) || file.write(plain) != plain.size()) {
        return {};
    }
    file.close();
    const QString qpdf = QStandardPaths::findExecutable(QStringLiteral("qpdf"));
    if (qpdf.isEmpty()) {
        return {};
    }
    QProcess process;
    process.start(qpdf, {QStringLiteral("--encrypt"), userPassword, ownerPassword, QStringLiteral("256"), QStringLiteral("--"), in, out});
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        return {};
    }
    QFile locked(out);
    return locked.open(QIODevice::ReadOnly) ? locked.readAll() : QByteArray();
}

} // namespace ocms::test
