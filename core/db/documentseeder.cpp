#include "documentseeder.h"

#include "caseseeder.h"
#include "copybuffer.h"
#include "database.h"
#include "domain/humannumber.h"
#include "deterministicrandom.h"
#include "documents/contenthasher.h"
#include "documents/simplepdfwriter.h"
#include "pgcopy.h"
#include "sqlerrortranslator.h"
#include "syntheticvocabulary.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace ocms {

namespace {

constexpr std::uint64_t kDocumentStream = 0xD0C5;
constexpr qint64 kDocumentsPerChunk = 500;

struct Parent
{
    QUuid caseId;
    QString aNumber;
};

} // namespace

DocumentSeeder::DocumentSeeder(QSqlDatabase database, const SeedOrganisation& organisation, const SeedOptions& options,
                               const SeedOffsets& offsets)
    : m_database(std::move(database)), m_organisation(organisation), m_options(options), m_offsets(offsets)
{
}

Result<qint64> DocumentSeeder::run()
{
    if (m_options.documents <= 0) {
        return 0;
    }
    // Attach to the cases of this run when there are some, else to cases already in the database.
    QList<Parent> parents;
    if (m_options.cases > 0) {
        const qint64 pool = std::min<qint64>(m_options.cases, 100000);
        for (qint64 i = 0; i < pool; ++i) {
            parents.append({CaseSeeder::caseId(m_options.seed, m_offsets.caseIndex + i), QString()});
        }
    } else {
        QSqlQuery query(m_database);
        if (!query.exec(QStringLiteral("SELECT id, a_number FROM legal.cases ORDER BY id LIMIT 100000"))) {
            return fail(SqlErrorTranslator::translate(query.lastError()));
        }
        while (query.next()) {
            parents.append({query.value(0).toUuid(), query.value(1).toString()});
        }
    }
    const DeterministicRandom base(m_options.seed ^ kDocumentStream);
    const char* types[] = {"memorandum", "brief", "motion", "research"};
    const char* titles[] = {"Memorandum on the particular social group claim", "Brief in opposition to the motion",
                            "Motion to pretermit the application", "Research notes on country conditions"};
    PgCopy copy(Database::pgHandle(m_database));
    qint64 rows = 0;
    for (qint64 first = 0; first < m_options.documents; first += kDocumentsPerChunk) {
        CopyBuffer contents, chunks, documents, versions;
        const qint64 last = std::min(m_options.documents, first + kDocumentsPerChunk);
        for (qint64 d = first; d < last; ++d) {
            DeterministicRandom random = base.fork(std::uint64_t(m_offsets.documentIndex + d));
            const QUuid documentId = random.uuid();
            const Parent parent = parents.isEmpty() ? Parent{QUuid(), CaseSeeder::aNumberFor(d)} : random.pick(parents);
            const int kind = int(random.below(4));
            const auto& office = random.pick(m_organisation.counselOffices);
            const QDateTime created(m_options.asOf.addDays(-random.between(1, 900)), QTime(10, 0), QTimeZone::utc());
            const QString country = random.pick(SyntheticVocabulary::countries()).name;
            const QString title = QStringLiteral("%1 (%2)").arg(QString::fromLatin1(titles[kind]), country);
            documents.uuid(documentId).timestamp(created).text(HumanNumber::format(u"DOC", created, m_offsets.firstDocumentNumber + d))
                .text(title).text(types[kind]).null().optionalUuid(office.attorneys.isEmpty() ? QUuid() : office.attorneys.first())
                .uuid(office.id).optionalUuid(parent.caseId).optionalText(parent.caseId.isNull() ? parent.aNumber : QString())
                .textArray({QString::fromLatin1(types[kind]), country.toLower()}).timestamp(created);
            documents.endRow();

            QStringList paragraphs;
            const int sentences = random.between(6, 14);
            QString paragraph;
            for (int s = 0; s < sentences; ++s) {
                paragraph += random.pick(SyntheticVocabulary::legalSentences()) + u' ';
                if (s % 4 == 3) {
                    paragraphs.append(paragraph.trimmed());
                    paragraph.clear();
                }
            }
            paragraphs.append(QStringLiteral("Country of nationality: %1.").arg(country) + u' ' + paragraph.trimmed());
            // Names, places and judges make each memo findable by what only a few share (a knowledge base is
            // searched for the particular, not only for "persecution").
            const bool female = random.chance(0.5);
            paragraphs.append(QStringLiteral("Respondent %1 %2, now living in %3, %4; before %5.")
                                  .arg(random.pick(female ? SyntheticVocabulary::givenNamesFemale() : SyntheticVocabulary::givenNamesMale()),
                                       random.pick(SyntheticVocabulary::familyNames()),
                                       random.pick(SyntheticVocabulary::places()).city,
                                       random.pick(SyntheticVocabulary::places()).state,
                                       random.pick(SyntheticVocabulary::judgeNames())));
            const int versionCount = random.chance(0.4) ? 2 : 1;
            for (int v = 1; v <= versionCount; ++v) {
                if (v == 2) {
                    paragraphs.append(QStringLiteral("Revised after review: ") +
                                      random.pick(SyntheticVocabulary::legalSentences()));
                }
                SimplePdfWriter writer(title);
                for (const QString& text : paragraphs) {
                    writer.addParagraph(text);
                }
                const QByteArray pdf = writer.toPdf();
                const QUuid contentId = random.uuid();
                // Generated memos stay under one chunk: the content hash is the hash of that chunk's hash.
                const QByteArray chunkHash = QCryptographicHash::hash(pdf, QCryptographicHash::Sha256);
                contents.uuid(contentId).bytes(ContentHasher::of(pdf)).number(pdf.size()).timestamp(created);
                contents.endRow();
                chunks.uuid(contentId).number(0).bytes(pdf).bytes(chunkHash);
                chunks.endRow();
                versions.uuid(random.uuid()).uuid(documentId).number(v).uuid(contentId)
                    .text(QStringLiteral("document-%1-v%2.pdf").arg(m_offsets.firstDocumentNumber + d).arg(v))
                    .text("application/pdf").text(v == 1 ? QStringLiteral("First draft") : QStringLiteral("Revised"))
                    .timestamp(created.addDays(v - 1)).text(QString(title + u'\n' + paragraphs.join(u'\n')))
                    .boolean(v == versionCount).text("done").text("pdf-text");
                versions.endRow();
            }
        }
        const std::pair<const char*, const CopyBuffer*> tables[] = {
            {"COPY docs.contents (id, sha256, byte_size, created_at) FROM STDIN", &contents},
            {"COPY docs.content_chunks (content_id, chunk_no, data, sha256) FROM STDIN", &chunks},
            {"COPY docs.documents (id, created_at, document_number, title, document_type, author_name, author_id, "
             "office_id, case_id, a_number, tags, updated_at) FROM STDIN",
             &documents},
            {"COPY docs.versions (id, document_id, version_no, content_id, file_name, mime_type, comment, created_at, "
             "extracted_text, is_current, text_state, text_method) FROM STDIN",
             &versions},
        };
        for (const auto& [statement, buffer] : tables) {
            auto loaded = copy.load(QByteArray(statement), *buffer);
            if (!loaded) {
                return fail(loaded.error());
            }
            rows += *loaded;
        }
        if (m_options.progress) {
            m_options.progress(QStringLiteral("documents: %1 of %2").arg(last).arg(m_options.documents));
        }
    }
    return rows;
}

} // namespace ocms
