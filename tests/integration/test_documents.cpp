// Documents (migration 0023, ContentStore, DocumentRepository), each step as the role's own login: content
// streamed in chunks and checked against the server's SHA-256 on every read, identical content stored once,
// uploads private to their uploader, versions with exclusive check-out, restore, access through the parent
// record, and full-text search over what the user may see.
#include "db/documentrepository.h"
#include "documentfixtures.h"
#include "documents/contenthasher.h"
#include "documents/contentstore.h"
#include "documents/disclosureexport.h"
#include "documents/draftfiling.h"
#include "documents/redactor.h"
#include "documents/simplepdfwriter.h"
#include "documents/versiontextindexer.h"
#include "signedin.h"
#include "testdatabase.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTemporaryFile>

#include <poppler-qt6.h>

#include "catchqt.h"

using namespace ocms;
using ocms::test::TestDatabase;

namespace {

const QString kPassword = QStringLiteral("document-password-1");

struct DocumentWorld
{
    QString prefix;
    QString atlanta = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString ilp = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString cald = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString immigrationCase = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString tortCase = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString login(const char* key) const { return prefix + QString::fromLatin1(key); }
};

DocumentWorld makeWorld(TestDatabase& database)
{
    DocumentWorld world;
    world.prefix = QStringLiteral("d%1_%2_").arg(QCoreApplication::applicationPid()).arg(database.name().section(u'_', -1));
    database.exec(QStringLiteral("INSERT INTO core.offices (id, code, name, kind) VALUES ('%1', 'OCC-ATL', 'OCC Atlanta', "
                                 "'chief_counsel')").arg(world.atlanta));
    database.exec(QStringLiteral("INSERT INTO core.divisions (id, code, name) VALUES ('%1', 'ILP', 'Immigration Law'), "
                                 "('%2', 'CALD', 'Commercial and Administrative Law')").arg(world.ilp, world.cald));
    const QList<std::pair<const char*, const char*>> logins = {
        {"attorney", "'Ana Attorney', '{ocms_attorney}', 'OCC-ATL', '{ILP}'"},
        {"colleague", "'Carl Colleague', '{ocms_attorney}', 'OCC-ATL', '{ILP}'"},
        {"cald", "'Cora Cald', '{ocms_attorney}', 'OCC-ATL', '{CALD}'"},
    };
    for (const auto& [key, rest] : logins) {
        database.exec(QStringLiteral("SELECT core.create_login('%1', '%2', %3)").arg(world.login(key), kPassword, QString::fromLatin1(rest)));
    }
    database.exec(QStringLiteral("INSERT INTO legal.cases (id, category, case_type, forum, a_number, title, office_id, division_id, "
                                 "opened_on) VALUES ('%1', 'immigration', 'removal', 'immigration_court', '300000101', "
                                 "'Removal case', '%3', '%4', DATE '2026-10-01'), ('%2', 'non_immigration', 'tort', "
                                 "'federal_district', NULL, 'Tort claim', '%3', '%5', DATE '2026-10-01')")
                      .arg(world.immigrationCase, world.tortCase, world.atlanta, world.ilp, world.cald));
    return world;
}

template <class R>
class As : public ocms::test::SignedIn<R>
{
public:
    As(TestDatabase& database, const QString& login) : ocms::test::SignedIn<R>(database, login, kPassword) {}
};

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32*>(bytes.data()), size / 4);
    for (qsizetype i = size / 4 * 4; i < size; ++i) {
        bytes[i] = char(generator.generate());
    }
    return bytes;
}

NewDocument memo(const QString& caseId, const QString& title)
{
    NewDocument document;
    document.title = title;
    document.documentType = QStringLiteral("memorandum");
    document.authorName = QStringLiteral("Ana Attorney");
    document.caseId = QUuid::fromString(caseId);
    document.tags = {QStringLiteral("asylum"), QStringLiteral("country \"conditions\"")};
    document.fileName = QStringLiteral("memo.pdf");
    document.mimeType = QStringLiteral("application/pdf");
    document.comment = QStringLiteral("First draft");
    return document;
}

// Uploads bytes and files them as a new document: the document's id.
QUuid fileDocument(As<DocumentRepository>& as, const QByteArray& bytes, const NewDocument& document)
{
    auto stored = ContentStore(as.database()).upload(bytes);
    REQUIRE_OK(stored);
    auto created = as->create(document, stored->id);
    REQUIRE_OK(created);
    return *created;
}

} // namespace

TEST_CASE("Content streams in chunks both ways, every read is checked against the server's SHA-256", "[documents]")
{
    TestDatabase database;
    const DocumentWorld world = makeWorld(database);
    As<DocumentRepository> attorney(database, world.login("attorney"));

    // 24 MiB and a few bytes, from a file: 25 chunks, the last one short.
    const QByteArray bytes = randomBytes(24 * 1024 * 1024 + 123, 7);
    QTemporaryFile file;
    REQUIRE(file.open());
    REQUIRE(file.write(bytes) == bytes.size());
    REQUIRE(file.seek(0));
    QList<qint64> progress;
    auto stored = ContentStore(attorney.database()).upload(file, bytes.size(), [&](qint64 done, qint64) { progress.append(done); });
    REQUIRE_OK(stored);
    CHECK_FALSE(stored->alreadyStored);
    CHECK(stored->sha256 == ContentHasher::of(bytes));
    CHECK(progress.size() == 25);
    CHECK(progress.last() == bytes.size());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM docs.content_chunks WHERE content_id = '%1'")
                              .arg(stored->id.toString(QUuid::WithoutBraces))).toInt() == 25);

    NewDocument document = memo(world.immigrationCase, QStringLiteral("Hearing exhibit video"));
    document.fileName = QStringLiteral("exhibit.mp4");
    document.mimeType = QStringLiteral("video/mp4");
    auto created = attorney->create(document, stored->id);
    REQUIRE_OK(created);

    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    auto read = ContentStore(attorney.database()).download(stored->id, sink);
    REQUIRE_OK(read);
    CHECK(*read == bytes.size());
    CHECK(sink.data() == bytes);

    // Empty files are content too.
    auto empty = ContentStore(attorney.database()).upload(QByteArray());
    REQUIRE_OK(empty);
    CHECK(empty->byteSize == 0);

    // A chunk damaged in storage (behind the server's back) is caught on reading, and nothing is handed over.
    database.exec(QStringLiteral("ALTER TABLE docs.content_chunks DISABLE TRIGGER USER"));
    database.exec(QStringLiteral("UPDATE docs.content_chunks SET data = overlay(data PLACING '\\x00'::bytea FROM 10) "
                                 "WHERE content_id = '%1' AND chunk_no = 3").arg(stored->id.toString(QUuid::WithoutBraces)));
    database.exec(QStringLiteral("ALTER TABLE docs.content_chunks ENABLE TRIGGER USER"));
    auto damaged = ContentStore(attorney.database()).read(stored->id, 64 * 1024 * 1024);
    REQUIRE_FALSE(damaged.has_value());
    CHECK(damaged.error().userMessage.contains(QStringLiteral("SHA-256")));
    // And the connection is still usable afterwards.
    CHECK(ContentStore(attorney.database()).byteSize(stored->id).value_or(-1) == bytes.size());

    // Stored content cannot be rewritten, not even by a bulk-loading owner, outside the transaction that made it.
    QSqlQuery rewrite(database.connection());
    CHECK_FALSE(rewrite.exec(QStringLiteral("UPDATE docs.content_chunks SET data = data WHERE content_id = '%1'")
                                 .arg(stored->id.toString(QUuid::WithoutBraces))));
    CHECK(rewrite.lastError().databaseText().contains(QStringLiteral("cannot be changed")));
}

TEST_CASE("Identical content is stored once, recognised by the server's hash", "[documents]")
{
    TestDatabase database;
    const DocumentWorld world = makeWorld(database);
    As<DocumentRepository> attorney(database, world.login("attorney"));
    As<DocumentRepository> colleague(database, world.login("colleague"));

    const QByteArray bytes = randomBytes(3 * 1024 * 1024 + 5, 11);
    fileDocument(attorney, bytes, memo(world.immigrationCase, QStringLiteral("Country report")));
    auto again = ContentStore(colleague.database()).upload(bytes);
    REQUIRE_OK(again);
    CHECK(again->alreadyStored);
    fileDocument(colleague, bytes, memo(world.immigrationCase, QStringLiteral("Country report, second copy")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM docs.contents WHERE sha256 = '\\x%1'")
                              .arg(QString::fromLatin1(ContentHasher::of(bytes).toHex()))).toInt() == 1);
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM docs.contents WHERE finished_at IS NULL")).toInt() == 0);

    // One byte different: new content.
    QByteArray changed = bytes;
    changed[2 * 1024 * 1024] = char(changed[2 * 1024 * 1024] ^ 1);
    auto other = ContentStore(colleague.database()).upload(changed);
    REQUIRE_OK(other);
    CHECK_FALSE(other->alreadyStored);
}

TEST_CASE("Uploads are private to their uploader until filed, and nobody files content they cannot reach", "[documents]")
{
    TestDatabase database;
    const DocumentWorld world = makeWorld(database);
    As<DocumentRepository> attorney(database, world.login("attorney"));
    As<DocumentRepository> colleague(database, world.login("colleague"));
    As<DocumentRepository> cald(database, world.login("cald"));

    // A pending upload: the colleague neither sees it nor writes into it.
    QSqlQuery begin(attorney.database());
    REQUIRE(begin.exec(QStringLiteral("SELECT docs.begin_upload(2097152)")));
    REQUIRE(begin.next());
    const QString pending = begin.value(0).toString();
    QSqlQuery look(colleague.database());
    REQUIRE(look.exec(QStringLiteral("SELECT count(*) FROM docs.contents WHERE id = '%1'").arg(pending)));
    REQUIRE(look.next());
    CHECK(look.value(0).toInt() == 0);
    QSqlQuery intrude(colleague.database());
    CHECK_FALSE(intrude.exec(QStringLiteral("SELECT docs.put_chunk('%1', 0, '\\x00')").arg(pending)));
    CHECK(intrude.lastError().databaseText().contains(QStringLiteral("not yours")));
    // A chunk of the wrong size and an early finish are refused with the reason.
    QSqlQuery shortChunk(attorney.database());
    CHECK_FALSE(shortChunk.exec(QStringLiteral("SELECT docs.put_chunk('%1', 0, '\\x0001')").arg(pending)));
    CHECK(shortChunk.lastError().databaseText().contains(QStringLiteral("needs 1048576")));
    QSqlQuery early(attorney.database());
    CHECK_FALSE(early.exec(QStringLiteral("SELECT docs.finish_upload('%1')").arg(pending)));
    CHECK(early.lastError().databaseText().contains(QStringLiteral("incomplete")));
    // Users cannot write content tables directly.
    QSqlQuery direct(attorney.database());
    CHECK_FALSE(direct.exec(QStringLiteral("INSERT INTO docs.contents (id, sha256, byte_size) VALUES (gen_random_uuid(), "
                                           "sha256(''), 0)")));

    // The attorney's finished content is claimed by her: the colleague cannot file it by its id.
    auto stored = ContentStore(attorney.database()).upload(randomBytes(1000, 3));
    REQUIRE_OK(stored);
    auto stolen = colleague->create(memo(world.immigrationCase, QStringLiteral("Not mine")), stored->id);
    REQUIRE_FALSE(stolen.has_value());
    CHECK(stolen.error().code == ErrorCode::PermissionDenied);

    // A document on a case of another division is out of reach: no document, no versions, no content.
    const QUuid tortMemo = fileDocument(cald, randomBytes(5000, 4), memo(world.tortCase, QStringLiteral("Tort settlement memo")));
    auto hidden = attorney->document(tortMemo);
    REQUIRE_FALSE(hidden.has_value());
    CHECK(hidden.error().code == ErrorCode::NotFound);
    auto caldRecord = cald->document(tortMemo);
    REQUIRE_OK(caldRecord);
    auto content = ContentStore(attorney.database()).read(caldRecord->versions.first().contentId, 1 << 20);
    REQUIRE_FALSE(content.has_value());
    CHECK(content.error().code == ErrorCode::NotFound);
    CHECK(attorney->listFor(QUuid::fromString(world.tortCase), {}, {})->isEmpty());
    // Nor can she file a document under that case.
    auto mine = ContentStore(attorney.database()).upload(randomBytes(10, 5));
    REQUIRE_OK(mine);
    CHECK_FALSE(attorney->create(memo(world.tortCase, QStringLiteral("Sneaked in")), mine->id).has_value());
}

TEST_CASE("Versions: one editor at a time, check-in numbers versions, restore makes a new one", "[documents]")
{
    TestDatabase database;
    const DocumentWorld world = makeWorld(database);
    As<DocumentRepository> attorney(database, world.login("attorney"));
    As<DocumentRepository> colleague(database, world.login("colleague"));

    const QByteArray first = randomBytes(2000, 21);
    const QUuid documentId = fileDocument(attorney, first, memo(world.immigrationCase, QStringLiteral("Brief on PSG")));
    auto record = attorney->document(documentId);
    REQUIRE_OK(record);
    REQUIRE(record->versions.size() == 1);
    CHECK(record->versions.first().versionNo == 1);
    CHECK(record->versions.first().createdByName == QStringLiteral("Ana Attorney"));
    CHECK(record->tags == QStringList{QStringLiteral("asylum"), QStringLiteral("country \"conditions\"")});
    CHECK(record->parentLabel().startsWith(QStringLiteral("case ")));

    // Checking in without a check-out is refused; the attorney checks out, the colleague is told who and since when.
    auto second = ContentStore(attorney.database()).upload(randomBytes(3000, 22));
    REQUIRE_OK(second);
    auto unchecked = attorney->checkIn(documentId, second->id, QStringLiteral("memo-v2.pdf"), QStringLiteral("application/pdf"), {});
    REQUIRE_FALSE(unchecked.has_value());
    CHECK(unchecked.error().userMessage.contains(QStringLiteral("Check the document out")));
    REQUIRE_OK(attorney->checkOut(documentId));
    auto taken = colleague->checkOut(documentId);
    REQUIRE_FALSE(taken.has_value());
    CHECK(taken.error().code == ErrorCode::Conflict);
    CHECK(taken.error().userMessage.contains(QStringLiteral("checked out by Ana Attorney since")));
    auto seen = colleague->document(documentId);
    REQUIRE_OK(seen);
    CHECK(seen->checkedOutByName == QStringLiteral("Ana Attorney"));
    CHECK(seen->checkedOutAt.isValid());
    CHECK_FALSE(seen->checkedOutByMe);
    auto colleagueContent = ContentStore(colleague.database()).upload(randomBytes(3000, 23));
    REQUIRE_OK(colleagueContent);
    auto refused = colleague->checkIn(documentId, colleagueContent->id, QStringLiteral("x.pdf"), QStringLiteral("application/pdf"), {});
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().userMessage.contains(QStringLiteral("Ana Attorney")));
    CHECK_FALSE(colleague->cancelCheckOut(documentId).has_value());

    // Check-in: version 2, check-out released.
    auto checkedIn = attorney->checkIn(documentId, second->id, QStringLiteral("memo-v2.pdf"), QStringLiteral("application/pdf"),
                                       QStringLiteral("Added the country conditions"));
    REQUIRE_OK(checkedIn);
    record = attorney->document(documentId);
    REQUIRE_OK(record);
    REQUIRE(record->versions.size() == 2);
    CHECK(record->current()->versionNo == 2);
    CHECK(record->current()->current);
    CHECK(record->current()->comment == QStringLiteral("Added the country conditions"));
    CHECK(record->checkedOutById.isNull());

    // Restore version 1 (the document is free: restore takes and releases the check-out itself).
    REQUIRE_OK(attorney->setText(record->versions.last().id, QStringLiteral("done"), QStringLiteral("pdf-text"),
                                 QStringLiteral("Particular social group analysis."), 1, {}));
    auto restored = colleague->restore(record->versions.last().id, {});
    REQUIRE_OK(restored);
    record = attorney->document(documentId);
    REQUIRE_OK(record);
    REQUIRE(record->versions.size() == 3);
    CHECK(record->current()->versionNo == 3);
    CHECK(record->current()->restoredFrom == 1);
    CHECK(record->current()->contentId == record->versions.last().contentId);
    CHECK(record->current()->comment == QStringLiteral("Restored version 1"));
    CHECK(record->current()->textState == QStringLiteral("done"));
    CHECK(attorney->versionText(record->current()->id).value_or(QString()) == QStringLiteral("Particular social group analysis."));
    CHECK(record->checkedOutById.isNull());
    auto firstBack = ContentStore(colleague.database()).read(record->current()->contentId, 1 << 20);
    REQUIRE_OK(firstBack);
    CHECK(*firstBack == first);

    // History cannot be rewritten, and nobody hands a check-out to someone else.
    QSqlQuery rewrite(attorney.database());
    CHECK_FALSE(rewrite.exec(QStringLiteral("UPDATE docs.versions SET comment = 'changed' WHERE document_id = '%1'")
                                 .arg(documentId.toString(QUuid::WithoutBraces))));
    QSqlQuery handOver(attorney.database());
    CHECK_FALSE(handOver.exec(QStringLiteral("UPDATE docs.documents SET checked_out_by = (SELECT id FROM core.users WHERE "
                                             "login = '%1') WHERE id = '%2'")
                                  .arg(world.login("colleague"), documentId.toString(QUuid::WithoutBraces))));
    CHECK(handOver.lastError().databaseText().contains(QStringLiteral("checked out by")));
}

TEST_CASE("Search ranks the current versions the user may see, with highlighted snippets and filters", "[documents][search]")
{
    TestDatabase database;
    const DocumentWorld world = makeWorld(database);
    As<DocumentRepository> attorney(database, world.login("attorney"));
    As<DocumentRepository> colleague(database, world.login("colleague"));
    As<DocumentRepository> cald(database, world.login("cald"));

    const QUuid strong = fileDocument(attorney, randomBytes(100, 31), memo(world.immigrationCase, QStringLiteral("Persecution memo")));
    const QUuid weak = fileDocument(attorney, randomBytes(101, 32), memo(world.immigrationCase, QStringLiteral("General notes")));
    NewDocument brief = memo(world.immigrationCase, QStringLiteral("Brief"));
    brief.documentType = QStringLiteral("brief");
    const QUuid typed = fileDocument(attorney, randomBytes(102, 33), brief);
    const QUuid hidden = fileDocument(cald, randomBytes(103, 34), memo(world.tortCase, QStringLiteral("Tort persecution")));

    // The extraction job: versions wait for text; only their author files it, once.
    auto pending = attorney->pendingText(10);
    REQUIRE_OK(pending);
    CHECK(pending->size() == 3);
    const auto textOf = [&](As<DocumentRepository>& as, const QUuid& id, const QString& text) {
        auto record = as->document(id);
        REQUIRE_OK(record);
        REQUIRE_OK(as->setText(record->current()->id, QStringLiteral("done"), QStringLiteral("pdf-text"), text, 1, {}));
    };
    CHECK_FALSE(colleague->setText(attorney->document(strong)->current()->id, QStringLiteral("done"), QStringLiteral("x"),
                                   QStringLiteral("poisoned"), 1, {}).has_value());
    textOf(attorney, strong, QStringLiteral("The respondent fears persecution. Persecution by the gang was persistent; "
                                            "persecuted for political opinion."));
    textOf(attorney, weak, QStringLiteral("Notes from the master calendar hearing. One mention of persecution at the end."));
    textOf(attorney, typed, QStringLiteral("Brief arguing persecution on account of membership in a particular social group."));
    textOf(cald, hidden, QStringLiteral("Persecution persecution persecution in a tort case."));
    CHECK(attorney->pendingText(10)->isEmpty());
    CHECK_FALSE(attorney->setText(attorney->document(strong)->current()->id, QStringLiteral("done"), QStringLiteral("x"),
                                  QStringLiteral("again"), 1, {}).has_value());

    DocumentSearchQuery query;
    query.text = QStringLiteral("persecuted");
    auto hits = colleague->search(query);
    REQUIRE_OK(hits);
    REQUIRE(hits->size() == 3); // stemming: persecuted ~ persecution; the tort memo is out of reach
    CHECK(hits->at(0).documentId == strong);
    CHECK(hits->at(0).rank >= hits->at(1).rank);
    CHECK(hits->at(0).snippet.contains(QStringLiteral("[[persecution]]"), Qt::CaseInsensitive));
    CHECK(hits->at(0).parent.isEmpty() == false);
    CHECK(std::none_of(hits->begin(), hits->end(), [&](const DocumentSearchHit& hit) { return hit.documentId == hidden; }));

    // The tort memo ranks first but is out of reach: a page of one skips it and still fills.
    query.limit = 1;
    hits = colleague->search(query);
    REQUIRE_OK(hits);
    REQUIRE(hits->size() == 1);
    CHECK(hits->at(0).documentId == strong);
    hits = cald->search(query);
    REQUIRE_OK(hits);
    REQUIRE(hits->size() == 1);
    CHECK(hits->at(0).documentId == hidden);
    query.limit = 50;

    // The stored words of every document are the search's alone.
    QSqlQuery words(attorney.database());
    REQUIRE(words.exec(QStringLiteral("SELECT has_table_privilege('docs.search_vectors', 'SELECT')")));
    REQUIRE(words.next());
    CHECK_FALSE(words.value(0).toBool());

    query.documentType = QStringLiteral("brief");
    hits = colleague->search(query);
    REQUIRE_OK(hits);
    REQUIRE(hits->size() == 1);
    CHECK(hits->at(0).documentId == typed);

    query = {};
    query.text = QStringLiteral("\"particular social group\" -gang");
    hits = attorney->search(query);
    REQUIRE_OK(hits);
    REQUIRE(hits->size() == 1);
    CHECK(hits->at(0).documentId == typed);

    query.text = QStringLiteral("   ");
    CHECK(attorney->search(query).error().code == ErrorCode::Validation);

    // Only the current version is searched: a new version without the word drops the document from the hits.
    REQUIRE_OK(attorney->checkOut(weak));
    auto newer = ContentStore(attorney.database()).upload(randomBytes(200, 35));
    REQUIRE_OK(newer);
    auto version = attorney->checkIn(weak, newer->id, QStringLiteral("notes.pdf"), QStringLiteral("application/pdf"), {});
    REQUIRE_OK(version);
    REQUIRE_OK(attorney->setText(*version, QStringLiteral("done"), QStringLiteral("pdf-text"), QStringLiteral("Calendar only."), 1, {}));
    query = {};
    query.text = QStringLiteral("persecution");
    hits = attorney->search(query);
    REQUIRE_OK(hits);
    CHECK(hits->size() == 2);
    CHECK(std::none_of(hits->begin(), hits->end(), [&](const DocumentSearchHit& hit) { return hit.documentId == weak; }));
    query.text = QStringLiteral("calendar");
    hits = attorney->search(query);
    REQUIRE_OK(hits);
    REQUIRE(hits->size() == 1);
    CHECK(hits->at(0).documentId == weak);
    CHECK(hits->at(0).versionId == *version);
}

TEST_CASE("New versions become searchable: text of PDF, ODT and DOCX, and a scan read by OCR", "[documents][search][ocr]")
{
    TestDatabase database;
    const DocumentWorld world = makeWorld(database);
    As<DocumentRepository> attorney(database, world.login("attorney"));

    SimplePdfWriter pdf(QStringLiteral("Country conditions"));
    pdf.addParagraph(QStringLiteral("Extortion in Tegucigalpa is widespread; persecution of shop owners continues."));
    pdf.addParagraph(QStringLiteral("Persecution by the gang is documented, and persecution by officials is alleged."));
    NewDocument pdfDocument = memo(world.immigrationCase, QStringLiteral("Country conditions"));
    const QUuid pdfId = fileDocument(attorney, pdf.toPdf(), pdfDocument);

    NewDocument odtDocument = memo(world.immigrationCase, QStringLiteral("Declaration (ODT)"));
    odtDocument.fileName = QStringLiteral("declaration.odt");
    odtDocument.mimeType = QStringLiteral("application/vnd.oasis.opendocument.text");
    const QUuid odtId = fileDocument(attorney,
                                     fixtures::odtPackage(fixtures::odtContent("<text:p>The witness lived in Quetzaltenango and "
                                                                       "described one act of persecution.</text:p>")),
                                     odtDocument);

    NewDocument docxDocument = memo(world.immigrationCase, QStringLiteral("Brief (DOCX)"));
    docxDocument.fileName = QStringLiteral("brief.docx");
    docxDocument.mimeType = QStringLiteral("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const QUuid docxId = fileDocument(attorney,
                                      fixtures::docxPackage(fixtures::docxDocument("<w:p><w:r><w:t>Counsel argues from Chimaltenango "
                                                                           "precedent.</w:t></w:r></w:p>")),
                                      docxDocument);

    // A copier's PDF: the page as a picture only, no text layer.
    SimplePdfWriter declaration(QStringLiteral("Declaration in support of asylum"));
    declaration.addParagraph(QStringLiteral("I fear the gang that controls my neighborhood."));
    declaration.addParagraph(QStringLiteral("The police refused to protect my family after the threats."));
    Redactor::Options copier;
    copier.dpi = 300;
    auto scan = Redactor(copier).redact(declaration.toPdf(), {});
    REQUIRE_OK(scan);
    const QUuid scanId = fileDocument(attorney, *scan, memo(world.immigrationCase, QStringLiteral("Signed declaration (scan)")));

    NewDocument video = memo(world.immigrationCase, QStringLiteral("Hearing recording"));
    video.fileName = QStringLiteral("hearing.mp4");
    video.mimeType = QStringLiteral("video/mp4");
    const QUuid videoId = fileDocument(attorney, randomBytes(4096, 41), video);

    VersionTextIndexer indexer;
    auto filed = indexer.runOnce(*attorney, 20);
    REQUIRE_OK(filed);
    CHECK(*filed == 5);
    CHECK(attorney->pendingText(20)->isEmpty());
    CHECK(attorney->document(videoId)->current()->textState == QStringLiteral("none"));
    CHECK(attorney->document(scanId)->current()->textState == QStringLiteral("done"));
    CHECK(database.scalar(QStringLiteral("SELECT text_method FROM docs.versions v JOIN docs.documents d ON d.id = v.document_id "
                                         "WHERE d.id = '%1'").arg(scanId.toString(QUuid::WithoutBraces))).toString() == QStringLiteral("ocr"));

    const auto only = [&](const QString& words) {
        DocumentSearchQuery query;
        query.text = words;
        auto hits = attorney->search(query);
        REQUIRE_OK(hits);
        QList<QUuid> ids;
        for (const DocumentSearchHit& hit : *hits) {
            ids.append(hit.documentId);
        }
        return ids;
    };
    CHECK(only(QStringLiteral("Tegucigalpa")) == QList<QUuid>{pdfId});
    CHECK(only(QStringLiteral("Quetzaltenango")) == QList<QUuid>{odtId});
    CHECK(only(QStringLiteral("Chimaltenango")) == QList<QUuid>{docxId});
    CHECK(only(QStringLiteral("police neighborhood")) == QList<QUuid>{scanId});
    // Ranked: three mentions before one.
    CHECK(only(QStringLiteral("persecution")) == QList<QUuid>{pdfId, odtId});
}

TEST_CASE("A redacted copy removes the marked words and is recorded as a disclosure, a binder joins PDFs", "[documents][disclosure]")
{
    TestDatabase database;
    const DocumentWorld world = makeWorld(database);
    As<DocumentRepository> attorney(database, world.login("attorney"));

    SimplePdfWriter statement(QStringLiteral("Sworn statement"));
    statement.addParagraph(QStringLiteral("The respondent Ximena Quintanilla, A-Number 012345678, fled in March."));
    statement.addParagraph(QStringLiteral("She was threatened at the market."));
    const QUuid statementId = fileDocument(attorney, statement.toPdf(), memo(world.immigrationCase, QStringLiteral("Sworn statement")));
    NewDocument textNote = memo(world.immigrationCase, QStringLiteral("Phone note"));
    textNote.fileName = QStringLiteral("note.txt");
    textNote.mimeType = QStringLiteral("text/plain");
    const QUuid noteId = fileDocument(attorney, QByteArray("Called the witness."), textNote);

    QTemporaryDir folder;
    DisclosureExport::RedactedCopy request;
    request.documentId = statementId;
    request.phrases = {QStringLiteral("Quintanilla"), QStringLiteral("012345678")};
    request.outputPath = folder.filePath(QStringLiteral("statement-redacted.pdf"));
    // Nobody named: refused before anything is written.
    DisclosureExport exporter(*attorney);
    auto unnamed = exporter.redactedCopy(request);
    REQUIRE_FALSE(unnamed.has_value());
    CHECK(unnamed.error().userMessage.contains(QStringLiteral("who receives")));
    CHECK_FALSE(QFile::exists(request.outputPath));

    request.recipientName = QStringLiteral("Jordan Example");
    request.recipientOrganization = QStringLiteral("Synthetic Legal Aid Clinic");
    request.legalBasis = QStringLiteral("Routine use: counsel of record");
    auto removed = exporter.redactedCopy(request);
    REQUIRE_OK(removed);
    CHECK(*removed >= 2);
    QFile copy(request.outputPath);
    REQUIRE(copy.open(QIODevice::ReadOnly));
    const auto redacted = Poppler::Document::loadFromData(copy.readAll());
    REQUIRE(redacted);
    QString text;
    for (int page = 0; page < redacted->numPages(); ++page) {
        text += redacted->page(page)->text(QRectF());
    }
    CHECK_FALSE(text.contains(QStringLiteral("Quintanilla")));
    CHECK_FALSE(text.contains(QStringLiteral("012345678")));
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.disclosures WHERE case_id = '%1' AND recipient_name = "
                                         "'Jordan Example' AND what_disclosed LIKE 'Redacted copy of DOC-%%'")
                              .arg(world.immigrationCase)).toInt() == 1);

    // Areas marked on the viewer, no words typed: the area is black in the copy, the rest of the page is not.
    const auto threatened = Redactor::findText(statement.toPdf(), {QStringLiteral("threatened")});
    const auto market = Redactor::findText(statement.toPdf(), {QStringLiteral("market")});
    REQUIRE_OK(threatened);
    REQUIRE_OK(market);
    REQUIRE(threatened->size() == 1);
    REQUIRE(market->size() == 1);
    auto filed = attorney->document(statementId);
    REQUIRE_OK(filed);
    DisclosureExport::RedactedCopy byArea = request;
    byArea.phrases.clear();
    byArea.areas = {{0, threatened->first().rect}};
    byArea.areasVersionId = filed->current()->id;
    byArea.outputPath = folder.filePath(QStringLiteral("statement-area.pdf"));
    auto areaCopy = exporter.redactedCopy(byArea);
    REQUIRE_OK(areaCopy);
    CHECK(*areaCopy == 1);
    QFile areaFile(byArea.outputPath);
    REQUIRE(areaFile.open(QIODevice::ReadOnly));
    const auto areaPdf = Poppler::Document::loadFromData(areaFile.readAll());
    REQUIRE(areaPdf);
    const double dpi = 100;
    const QImage areaPage = areaPdf->page(0)->renderToImage(dpi, dpi);
    const auto darkShare = [&](const QRectF& points) {
        const QRect pixels = QRectF(points.topLeft() * dpi / 72, points.bottomRight() * dpi / 72).toAlignedRect() & areaPage.rect();
        int dark = 0;
        for (int y = pixels.top(); y <= pixels.bottom(); ++y) {
            for (int x = pixels.left(); x <= pixels.right(); ++x) {
                dark += qGray(areaPage.pixel(x, y)) < 40 ? 1 : 0;
            }
        }
        return double(dark) / double(pixels.width() * pixels.height());
    };
    CHECK(darkShare(threatened->first().rect.adjusted(1, 1, -1, -1)) > 0.99);
    CHECK(darkShare(market->first().rect) < 0.6);
    CHECK(areaPdf->page(0)->text(QRectF()).trimmed().isEmpty());
    CHECK(database.scalar(QStringLiteral("SELECT count(*) FROM legal.disclosures WHERE case_id = '%1' AND recipient_name = "
                                         "'Jordan Example' AND what_disclosed LIKE '%, 1 areas removed)'")
                              .arg(world.immigrationCase)).toInt() == 1);
    // Areas marked on pages that are not the current version's would cover the wrong places: refused.
    byArea.areasVersionId = QUuid::createUuid();
    byArea.outputPath = folder.filePath(QStringLiteral("statement-stale.pdf"));
    auto stale = exporter.redactedCopy(byArea);
    REQUIRE_FALSE(stale.has_value());
    CHECK(stale.error().userMessage.contains(QStringLiteral("open the current version")));
    CHECK_FALSE(QFile::exists(byArea.outputPath));

    // A binder of PDFs: contents first, then each document; a text file is named as not a PDF.
    auto binder = exporter.binder(QStringLiteral("Removal case binder"), {statementId}, folder.filePath(QStringLiteral("binder.pdf")));
    REQUIRE_OK(binder);
    CHECK(*binder >= 2);
    auto mixed = exporter.binder(QStringLiteral("Removal case binder"), {statementId, noteId}, folder.filePath(QStringLiteral("mixed.pdf")));
    REQUIRE_FALSE(mixed.has_value());
    CHECK(mixed.error().userMessage.contains(QStringLiteral("Phone note")));
}

TEST_CASE("Drafts: the first save files a document, later saves check in while the writer keeps the check-out",
          "[documents][drafts]")
{
    TestDatabase database;
    const DocumentWorld world = makeWorld(database);
    As<DocumentRepository> attorney(database, world.login("attorney"));
    As<DocumentRepository> colleague(database, world.login("colleague"));
    As<DocumentRepository> outsider(database, world.login("cald"));

    NewDocument filing;
    filing.documentType = QStringLiteral("memorandum");
    filing.caseId = QUuid::fromString(world.immigrationCase);
    // The content is whatever the editor made (its ODT is tested with the editor): here, bytes to recognise.
    const QByteArray first = randomBytes(5000, 51);
    auto filed = DraftFiling(*attorney).fileNew(filing, QStringLiteral("Memo: PSG / family?"), first, QStringLiteral("First"));
    REQUIRE_OK(filed);
    CHECK(filed->versionNo == 1);
    CHECK(filed->documentNumber.startsWith(QStringLiteral("DOC-")));
    auto record = attorney->document(filed->documentId);
    REQUIRE_OK(record);
    CHECK(record->checkedOutByMe);
    CHECK(record->title == QStringLiteral("Memo: PSG / family?"));
    CHECK(record->current()->fileName == QStringLiteral("Memo PSG family.odt")); // no separators or wildcards
    CHECK(record->current()->mimeType == QLatin1StringView(DraftFiling::kOdtMimeType));
    CHECK(DraftFiling::isDraftVersion(*record->current()));

    // A colleague opens it read-only, told who writes it.
    auto reading = DraftFiling(*colleague).open(filed->documentId);
    REQUIRE_OK(reading);
    CHECK(reading->readOnlyReason.contains(QStringLiteral("checked out by Ana Attorney since")));
    CHECK(reading->odt == first);
    CHECK_FALSE(DraftFiling(*colleague).checkIn(filed->documentId, QStringLiteral("Memo"), first, {}).has_value());
    // A draft on a case of another division is out of the attorney's reach altogether.
    NewDocument tortFiling = filing;
    tortFiling.caseId = QUuid::fromString(world.tortCase);
    auto tortDraft = DraftFiling(*outsider).fileNew(tortFiling, QStringLiteral("Settlement memo"), randomBytes(900, 53), {});
    REQUIRE_OK(tortDraft);
    auto unreachable = DraftFiling(*attorney).open(tortDraft->documentId);
    REQUIRE_FALSE(unreachable.has_value());
    CHECK(unreachable.error().code != ErrorCode::Conflict);
    CHECK_FALSE(DraftFiling(*attorney).checkIn(tortDraft->documentId, QStringLiteral("x"), randomBytes(900, 54), {}).has_value());

    // The writer's next save: version 2, retitled, the check-out kept.
    const QByteArray second = randomBytes(7000, 52);
    auto next = DraftFiling(*attorney).checkIn(filed->documentId, QStringLiteral("Memo on PSG"), second, QStringLiteral("Second"));
    REQUIRE_OK(next);
    CHECK(next->versionNo == 2);
    record = attorney->document(filed->documentId);
    REQUIRE_OK(record);
    CHECK(record->checkedOutByMe);
    CHECK(record->title == QStringLiteral("Memo on PSG"));
    CHECK(record->current()->comment == QStringLiteral("Second"));
    auto reopened = DraftFiling(*attorney).open(filed->documentId);
    REQUIRE_OK(reopened);
    CHECK(reopened->readOnlyReason.isEmpty());
    CHECK(reopened->odt == second);

    // Releasing gives it back; the colleague may then take it (and a release by a non-holder changes nothing).
    REQUIRE_OK(DraftFiling(*colleague).release(filed->documentId));
    record = attorney->document(filed->documentId);
    REQUIRE_OK(record);
    CHECK(record->checkedOutByMe);
    REQUIRE_OK(DraftFiling(*attorney).release(filed->documentId));
    record = attorney->document(filed->documentId);
    REQUIRE_OK(record);
    CHECK(record->checkedOutById.isNull());
    auto colleagueOpens = DraftFiling(*colleague).open(filed->documentId);
    REQUIRE_OK(colleagueOpens);
    CHECK(colleagueOpens->readOnlyReason.isEmpty());

    // A PDF is not a draft: refused with the reason, and the check-out taken to look is given back.
    const QUuid pdf = fileDocument(attorney, randomBytes(2000, 41), memo(world.immigrationCase, QStringLiteral("Scan")));
    auto notDraft = DraftFiling(*attorney).open(pdf);
    REQUIRE_FALSE(notDraft.has_value());
    CHECK(notDraft.error().userMessage.contains(QStringLiteral("not a draft")));
    record = attorney->document(pdf);
    REQUIRE_OK(record);
    CHECK(record->checkedOutById.isNull());
}
