// The redacted-copy dialog offscreen, without a database: it counts the areas marked on the viewer ("3 areas
// marked on 2 pages"), passes them with the version they were marked on, and refuses a request with neither
// words nor areas.
#include "messagebanner.h"
#include "redactiondialog.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTemporaryDir>

#include "catchqt.h"

using namespace ocms;

TEST_CASE("The redaction dialog counts the marked areas and refuses a request with nothing to remove", "[ui][documents][redact]")
{
    QTemporaryDir folder;
    const QUuid documentId = QUuid::createUuid();
    const QUuid versionId = QUuid::createUuid();
    RedactionDialog dialog(documentId, folder.filePath(QStringLiteral("copy.pdf")));
    dialog.show();
    dialog.recipientEdit()->setText(QStringLiteral("Jordan Example"));
    CHECK(dialog.markedAreasLabel()->text().contains(QStringLiteral("Mark for redaction")));

    // Neither words nor areas: refused, said in the dialog.
    CHECK_FALSE(dialog.request().has_value());
    CHECK(dialog.message()->message().contains(QStringLiteral("words or phrases")));
    CHECK(dialog.message()->message().contains(QStringLiteral("mark areas")));

    const QList<Redactor::Box> areas = {{0, QRectF(10, 10, 50, 20)}, {0, QRectF(100, 10, 50, 20)}, {3, QRectF(10, 10, 50, 20)}};
    dialog.setMarkedAreas(areas, versionId);
    CHECK(dialog.markedAreasLabel()->text() == QStringLiteral("3 areas marked on 2 pages"));
    auto request = dialog.request();
    REQUIRE_OK(request);
    CHECK(dialog.message()->isHidden()); // the earlier problem is solved
    CHECK(request->phrases.isEmpty());
    CHECK(request->areas.size() == 3);
    CHECK(request->areas.at(2).pageIndex == 3);
    CHECK(request->areasVersionId == versionId);
    CHECK(request->documentId == documentId);

    dialog.phrasesEdit()->setPlainText(QStringLiteral("Quintanilla"));
    dialog.setMarkedAreas({areas.first()}, versionId);
    CHECK(dialog.markedAreasLabel()->text() == QStringLiteral("1 area marked on 1 page"));
    request = dialog.request();
    REQUIRE_OK(request);
    CHECK(request->phrases == QStringList{QStringLiteral("Quintanilla")});
    CHECK(request->areas.size() == 1);
    QDir shots(QDir::temp().filePath(QStringLiteral("ocms-shots")));
    shots.mkpath(QStringLiteral("."));
    CHECK(dialog.grab().save(shots.filePath(QStringLiteral("redaction-dialog-areas.png"))));
}
