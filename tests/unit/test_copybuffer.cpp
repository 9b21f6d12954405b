#include "db/copybuffer.h"

#include <QTimeZone>

#include "catchqt.h"

using ocms::CopyBuffer;

TEST_CASE("COPY text format escapes tabs, newlines and backslashes", "[db][copy]")
{
    CopyBuffer buffer;
    buffer.text(u"a\tb").text(u"line1\nline2\r").text(u"back\\slash").null().number(-42).boolean(true);
    buffer.endRow();
    CHECK(buffer.data() == QByteArray("a\\tb\tline1\\nline2\\r\tback\\\\slash\t\\N\t-42\tt\n"));
    CHECK(buffer.rowCount() == 1);
}

TEST_CASE("Typed values are written in the server's input forms", "[db][copy]")
{
    CopyBuffer buffer;
    const QUuid id = QUuid::fromString(QStringLiteral("{0f8fad5b-d9cb-469f-a165-70867728950e}"));
    buffer.uuid(id).date(QDate(2026, 11, 21)).date(QDate()).optionalText(u"").optionalUuid(QUuid());
    buffer.timestamp(QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), QTimeZone::utc())).decimal(2.5, 2);
    buffer.bytes(QByteArray("\x01\xff", 2)).textArray({QStringLiteral("a\"b"), QStringLiteral("c,d")});
    buffer.text("Núñez");
    buffer.endRow();
    CHECK(buffer.data() == QByteArray("0f8fad5b-d9cb-469f-a165-70867728950e\t2026-11-21\t\\N\t\\N\t\\N\t"
                                      "2026-01-02T03:04:05Z\t2.50\t\\\\x01ff\t{\"a\\\\\"b\",\"c,d\"}\tN\xc3\xba\xc3\xb1" "ez\n"));
    buffer.clear();
    CHECK(buffer.isEmpty());
    CHECK(buffer.data().isEmpty());
}
