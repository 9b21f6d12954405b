#include "documentbenchmark.h"

#include "benchmarkworld.h"
#include "database.h"
#include "deterministicrandom.h"
#include "documentrepository.h"
#include "documents/contenthasher.h"
#include "documents/contentstore.h"
#include "pgresult.h"
#include "scopedconnection.h"
#include "syntheticvocabulary.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QTemporaryFile>

#include <libpq-fe.h>

namespace ocms {

namespace {

constexpr int kWarmups = 3;
const QString kBench = QStringLiteral("documents");

double elapsedMs(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// Resident and peak resident memory of this process, in bytes (Linux /proc).
qint64 statusBytes(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field)) {
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').first().toLongLong() * 1024;
        }
    }
    return 0;
}

// Starts a new peak: the kernel resets VmHWM to the current RSS.
qint64 resetPeak()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly)) {
        clear.write("5");
    }
    return statusBytes("VmRSS:");
}

qint64 peakGrowth(qint64 before)
{
    return std::max<qint64>(0, statusBytes("VmHWM:") - before);
}

// What people type into the knowledge base: a family name (a few thousand memos), a full name (a few
// dozen), a topic narrowed by a country (thousands), a phrase everyone uses (a third of everything).
struct QueryKind
{
    QString name;
    std::function<QString(DeterministicRandom&)> make;
};

QList<QueryKind> queryKinds()
{
    return {
        {QStringLiteral("family-name"), [](DeterministicRandom& r) -> QString { return r.pick(SyntheticVocabulary::familyNames()); }},
        {QStringLiteral("full-name"),
         [](DeterministicRandom& r) -> QString {
             return r.pick(SyntheticVocabulary::givenNamesFemale()) + u' ' + r.pick(SyntheticVocabulary::familyNames());
         }},
        {QStringLiteral("topic-and-country"),
         [](DeterministicRandom& r) -> QString {
             const QStringList topics = {QStringLiteral("gang extortion"), QStringLiteral("internal relocation"),
                                         QStringLiteral("credible fear"), QStringLiteral("political opinion")};
             return r.pick(topics) + u' ' + r.pick(SyntheticVocabulary::countries()).name;
         }},
        {QStringLiteral("common-phrase"),
         [](DeterministicRandom& r) -> QString {
             const QStringList phrases = {QStringLiteral("\"particular social group\""), QStringLiteral("\"country conditions\""),
                                          QStringLiteral("\"withholding of removal\""), QStringLiteral("\"flight risk\"")};
             return r.pick(phrases);
         }},
    };
}

// The same search done the plainest way: every current version's text parsed and matched on the fly,
// ranked, no stored tsvector, no index (as owner: no row security either).
const char* const kPlainSearch =
    "SELECT v.id FROM docs.versions v, websearch_to_tsquery('english', $1) q "
    "WHERE v.is_current AND to_tsvector('english', coalesce(v.extracted_text, '')) @@ q "
    "ORDER BY ts_rank_cd(to_tsvector('english', coalesce(v.extracted_text, '')), q, 32) DESC LIMIT 50";

} // namespace

DocumentBenchmark::DocumentBenchmark(ConnectionSettings owner, DocumentBenchmarkOptions options)
    : m_owner(std::move(owner)), m_options(std::move(options)), m_login(QStringLiteral("bench_documents_attorney")),
      m_password(BenchmarkWorld::newPassword())
{
}

Result<QList<BenchmarkLine>> DocumentBenchmark::run(const std::function<void(const BenchmarkLine&)>& report)
{
    if (auto prepared = BenchmarkWorld::prepare(m_owner, m_options.cases, m_options.progress, m_login, m_password); !prepared) {
        return fail(prepared.error());
    }
    if (auto topped = BenchmarkWorld::ensureDocuments(m_owner, m_options.documents, m_options.progress); !topped) {
        return fail(topped.error());
    }
    QList<BenchmarkLine> lines;
    for (auto part : {&DocumentBenchmark::search, &DocumentBenchmark::transfer, &DocumentBenchmark::viewer}) {
        auto measured = (this->*part)();
        if (!measured) {
            return fail(measured.error());
        }
        for (const BenchmarkLine& line : *measured) {
            report(line);
            lines.append(line);
        }
    }
    return lines;
}

Result<QList<BenchmarkLine>> DocumentBenchmark::search()
{
    ScopedConnection owner(m_owner, QStringLiteral("bench-documents-owner"));
    ConnectionSettings attorneySettings = m_owner;
    attorneySettings.setUser(m_login);
    attorneySettings.setPassword(m_password);
    ScopedConnection attorney(attorneySettings, QStringLiteral("bench-documents-attorney"));
    for (ScopedConnection* connection : {&owner, &attorney}) {
        if (!connection->ok()) {
            return fail(connection->error());
        }
    }
    auto counted = owner.column(QStringLiteral("SELECT count(*) FROM docs.versions WHERE is_current"));
    if (!counted) {
        return fail(counted.error());
    }
    const qint64 documents = counted->value(0).toLongLong();
    DocumentRepository repository(attorney.database());
    QList<BenchmarkLine> lines;
    QList<double> all;
    DeterministicRandom random(20261130);
    for (const QueryKind& kind : queryKinds()) {
        if (m_options.progress) {
            m_options.progress(QStringLiteral("search: %1").arg(kind.name));
        }
        QList<double> samples;
        QString sampleQuery;
        qint64 hitsSeen = 0;
        for (int i = 0; i < kWarmups + m_options.samples; ++i) {
            DocumentSearchQuery query;
            query.text = kind.make(random);
            query.limit = 50;
            QElapsedTimer timer;
            timer.start();
            auto hits = repository.search(query);
            const double ms = elapsedMs(timer);
            if (!hits) {
                return fail(hits.error());
            }
            // Every hit is ranked and carries a snippet with the match marked (or the search did not work).
            for (const DocumentSearchHit& hit : *hits) {
                if (!hit.snippet.contains(QStringLiteral("[["))) {
                    return fail(Error{ErrorCode::Internal, QStringLiteral("A search hit came without a highlighted snippet."),
                                      query.text + QStringLiteral(": ") + hit.documentNumber});
                }
            }
            if (i >= kWarmups) {
                samples.append(ms);
                hitsSeen += hits->size();
                sampleQuery = query.text;
            }
        }
        if (hitsSeen == 0) {
            return fail(Error{ErrorCode::Internal, QStringLiteral("The %1 searches found nothing.").arg(kind.name), {}});
        }
        all.append(samples);
        // The plain way, once per kind (it parses every document's text).
        QElapsedTimer timer;
        timer.start();
        auto plain = PgResult::exec(Database::pgHandle(owner.database()), kPlainSearch, {sampleQuery.toUtf8()});
        const double plainMs = elapsedMs(timer);
        if (!plain) {
            return fail(plain.error());
        }
        BenchmarkLine line{kBench, QStringLiteral("search_%1_p95_ms").arg(kind.name), BenchmarkLine::percentile(samples, 0.95),
                           QStringLiteral("ms"), 100.0, false, plainMs, false};
        lines.append(line);
        lines.append(BenchmarkLine{kBench, QStringLiteral("search_%1_median_ms").arg(kind.name), BenchmarkLine::median(samples),
                                   QStringLiteral("ms"), std::nullopt, false, std::nullopt, false});
    }
    lines.prepend(BenchmarkLine{kBench, QStringLiteral("search_p95_ms_over_%1_documents").arg(documents),
                                BenchmarkLine::percentile(all, 0.95), QStringLiteral("ms"), 100.0, false, std::nullopt, false});
    lines.insert(1, BenchmarkLine{kBench, QStringLiteral("search_median_ms"), BenchmarkLine::median(all), QStringLiteral("ms"),
                                  std::nullopt, false, std::nullopt, false});
    return lines;
}

Result<QList<BenchmarkLine>> DocumentBenchmark::transfer()
{
    if (m_options.progress) {
        m_options.progress(QStringLiteral("transfer: writing a %1 MB file").arg(m_options.fileBytes >> 20));
    }
    QTemporaryFile file(QDir::tempPath() + QStringLiteral("/ocms-bench-XXXXXX.bin"));
    if (!file.open()) {
        return fail(Error::io(QStringLiteral("Could not create the benchmark file."), file.errorString()));
    }
    {
        QByteArray piece(ContentHasher::kChunkSize, Qt::Uninitialized);
        QRandomGenerator generator(42);
        for (qint64 written = 0; written < m_options.fileBytes; written += piece.size()) {
            generator.fillRange(reinterpret_cast<quint32*>(piece.data()), piece.size() / 4);
            const qsizetype size = qsizetype(std::min<qint64>(piece.size(), m_options.fileBytes - written));
            if (file.write(piece.constData(), size) != size) {
                return fail(Error::io(QStringLiteral("Could not write the benchmark file."), file.errorString()));
            }
        }
        file.flush();
    }
    const double megabytes = double(m_options.fileBytes) / double(1 << 20);

    ScopedConnection owner(m_owner, QStringLiteral("bench-transfer-owner"));
    ConnectionSettings attorneySettings = m_owner;
    attorneySettings.setUser(m_login);
    attorneySettings.setPassword(m_password);
    ScopedConnection attorney(attorneySettings, QStringLiteral("bench-transfer-attorney"));
    for (ScopedConnection* connection : {&owner, &attorney}) {
        if (!connection->ok()) {
            return fail(connection->error());
        }
    }

    // Through ContentStore, as the attorney.
    if (m_options.progress) {
        m_options.progress(QStringLiteral("transfer: upload"));
    }
    file.seek(0);
    qint64 before = resetPeak();
    QElapsedTimer timer;
    timer.start();
    auto stored = ContentStore(attorney.database()).upload(file, m_options.fileBytes);
    const double uploadMs = elapsedMs(timer);
    const qint64 uploadGrowth = peakGrowth(before);
    if (!stored) {
        return fail(stored.error());
    }
    if (m_options.progress) {
        m_options.progress(QStringLiteral("transfer: download"));
    }
    QFile sink(file.fileName() + QStringLiteral(".back"));
    if (!sink.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return fail(Error::io(QStringLiteral("Could not create the download file."), sink.errorString()));
    }
    before = resetPeak();
    timer.restart();
    auto read = ContentStore(attorney.database()).download(stored->id, sink);
    const double downloadMs = elapsedMs(timer);
    const qint64 downloadGrowth = peakGrowth(before);
    sink.close();
    sink.remove();
    if (!read) {
        return fail(read.error());
    }
    // The benchmark's content goes again (owner: it was never filed).
    PgResult::exec(Database::pgHandle(owner.database()), "DELETE FROM docs.contents WHERE id = $1::uuid",
                   {stored->id.toByteArray(QUuid::WithoutBraces)});

    // Raw: the same chunks inserted and read back in binary by the owner, no hashing, no checks.
    if (m_options.progress) {
        m_options.progress(QStringLiteral("transfer: raw baseline"));
    }
    pg_conn* raw = Database::pgHandle(owner.database());
    for (const char* statement : {"DROP TABLE IF EXISTS pg_temp.bench_raw", "CREATE TEMP TABLE bench_raw (n integer PRIMARY KEY, data bytea)",
                                  "ALTER TABLE bench_raw ALTER COLUMN data SET STORAGE EXTERNAL"}) {
        if (auto done = PgResult::exec(raw, statement); !done) {
            return fail(done.error());
        }
    }
    file.seek(0);
    timer.restart();
    QByteArray chunk;
    for (qint32 n = 0; !file.atEnd(); ++n) {
        chunk = file.read(ContentHasher::kChunkSize);
        if (auto done = PgResult::exec(raw, "INSERT INTO bench_raw VALUES ($1::integer, $2::bytea)",
                                       {QByteArray::number(n), chunk}, {false, true});
            !done) {
            return fail(done.error());
        }
    }
    const double rawUploadMs = elapsedMs(timer);
    timer.restart();
    qint64 rawBytes = 0;
    if (!PQsendQueryParams(raw, "SELECT data FROM bench_raw ORDER BY n", 0, nullptr, nullptr, nullptr, nullptr, 1) ||
        !PQsetSingleRowMode(raw)) {
        return fail(PgResult::errorOf(nullptr, raw));
    }
    while (PGresult* row = PQgetResult(raw)) {
        const PgResult held(row);
        if (PQresultStatus(row) == PGRES_SINGLE_TUPLE) {
            rawBytes += held.bytes(0, 0).size();
        }
    }
    const double rawDownloadMs = elapsedMs(timer);
    PgResult::exec(raw, "DROP TABLE pg_temp.bench_raw");
    if (rawBytes != m_options.fileBytes) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The raw read-back lost bytes."), {}});
    }

    const auto throughput = [&](double ms) { return megabytes / (ms / 1000.0); };
    const double mbGoal = 64.0;
    return QList<BenchmarkLine>{
        {kBench, QStringLiteral("upload_1gb_mb_per_s"), throughput(uploadMs), QStringLiteral("MB/s"), std::nullopt, true,
         throughput(rawUploadMs), false},
        {kBench, QStringLiteral("upload_peak_rss_growth_mb"), double(uploadGrowth) / double(1 << 20), QStringLiteral("MB"),
         mbGoal, false, std::nullopt, false},
        {kBench, QStringLiteral("download_1gb_mb_per_s"), throughput(downloadMs), QStringLiteral("MB/s"), std::nullopt, true,
         throughput(rawDownloadMs), false},
        {kBench, QStringLiteral("download_peak_rss_growth_mb"), double(downloadGrowth) / double(1 << 20),
         QStringLiteral("MB"), mbGoal, false, std::nullopt, false},
    };
}

Result<QList<BenchmarkLine>> DocumentBenchmark::viewer()
{
    if (m_options.viewerProgram.isEmpty()) {
        return QList<BenchmarkLine>{};
    }
    if (m_options.progress) {
        m_options.progress(QStringLiteral("viewer: %1 --bench pdf-viewer").arg(m_options.viewerProgram));
    }
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!environment.contains(QStringLiteral("QT_QPA_PLATFORM")) && !environment.contains(QStringLiteral("DISPLAY"))) {
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    }
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(m_options.viewerProgram, {QStringLiteral("--bench"), QStringLiteral("pdf-viewer")});
    if (!process.waitForFinished(30 * 60 * 1000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The PDF viewer benchmark failed."), process.errorString()});
    }
    QList<BenchmarkLine> lines;
    for (const QByteArray& text : process.readAllStandardOutput().split('\n')) {
        auto line = BenchmarkLine::fromJson(QString::fromUtf8(text));
        if (line && line->metric != u"goals_met") {
            line->bench = kBench;
            lines.append(*line);
        }
    }
    return lines;
}

} // namespace ocms
