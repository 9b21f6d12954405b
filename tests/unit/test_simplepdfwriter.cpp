#include "documents/simplepdfwriter.h"

#include <QRegularExpression>

#include "catchqt.h"

using ocms::SimplePdfWriter;

TEST_CASE("Generated PDFs are well-formed: every xref offset points at its object", "[documents][pdf]")
{
    SimplePdfWriter writer(QStringLiteral("Memorandum (Honduras)"));
    for (int i = 0; i < 120; ++i) {
        writer.addParagraph(QStringLiteral("Paragraph %1 about a particular social group (PSG) and persecution.").arg(i));
    }
    const QByteArray pdf = writer.toPdf();
    REQUIRE(pdf.startsWith("%PDF-1.4"));
    REQUIRE(pdf.endsWith("%%EOF\n"));

    const qsizetype startxref = pdf.lastIndexOf("startxref\n");
    REQUIRE(startxref > 0);
    const qsizetype xref = pdf.mid(startxref + 10).split('\n').first().toLongLong();
    REQUIRE(pdf.mid(xref, 4) == "xref");
    const QList<QByteArray> lines = pdf.mid(xref).split('\n');
    const int count = lines[1].split(' ')[1].toInt();
    REQUIRE(count > 6); // several pages
    for (int object = 1; object < count; ++object) {
        const qsizetype offset = lines[2 + object].left(10).toLongLong();
        INFO("object " << object);
        CHECK(pdf.mid(offset).startsWith(QByteArray(QByteArray::number(object) + " 0 obj")));
    }
    // Parentheses in text are escaped so the string literals stay balanced.
    CHECK(pdf.contains("\\(PSG\\)"));
}

TEST_CASE("The same input gives the same bytes", "[documents][pdf]")
{
    SimplePdfWriter a(QStringLiteral("T"));
    SimplePdfWriter b(QStringLiteral("T"));
    a.addParagraph(QStringLiteral("Same text, Núñez."));
    b.addParagraph(QStringLiteral("Same text, Núñez."));
    CHECK(a.toPdf() == b.toPdf());
}
