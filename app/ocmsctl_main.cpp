// ocmsctl: the administrator's and batch jobs' command line. Parses arguments and calls core; no logic here.
#include "audit/auditbenchmark.h"
#include "db/benchmarkworld.h"
#include "db/documentbenchmark.h"
#include "documents/documentprocessingbenchmark.h"
#include "db/workloadbenchmark.h"
#include "documents/textdiffbenchmark.h"
#include "models/caselistbenchmark.h"
#include "audit/auditchainverifier.h"
#include "audit/failedlogoningest.h"
#include "db/connectionresolver.h"
#include "db/database.h"
#include "db/embeddedbootstrap.h"
#include "db/embeddedserver.h"
#include "db/migrationrunner.h"
#include "db/syntheticdataseeder.h"
#include "field/addresssearchextract.h"
#include "field/addresssearchresults.h"
#include "field/leadboardbenchmark.h"
#include "imports/eidextractwriter.h"
#include "imports/eidimport.h"
#include "imports/eidimportbenchmark.h"
#include "imports/leadimport.h"
#include "imports/leadimportbenchmark.h"
#include "sync/deviceadministration.h"
#include "sync/syncbenchmark.h"
#include "imports/zipcodeimport.h"
#include "security/accountadministration.h"
#include "security/demoaccounts.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QTextStream>
#include <QUuid>

#include <memory>

#include <cstdio>
#include <memory>

using namespace ocms;

namespace {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

int report(const Error& error)
{
    err() << "ocmsctl: " << error.userMessage << Qt::endl;
    if (!error.detail.isEmpty()) {
        err() << "  " << error.detail << Qt::endl;
    }
    return 1;
}

int serverCommand(const QString& action, const QString& dataDirectory)
{
    EmbeddedServer server(dataDirectory.isEmpty() ? EmbeddedServer::defaultDataDirectory() : dataDirectory);
    if (action == u"start") {
        if (auto started = server.start(); !started) {
            return report(started.error());
        }
        out() << "embedded server running: host=" << server.socketDirectory() << " port=" << server.port()
              << " (Unix socket only)" << Qt::endl;
        return 0;
    }
    if (action == u"stop") {
        if (auto stopped = server.stop(); !stopped) {
            return report(stopped.error());
        }
        out() << "embedded server stopped" << Qt::endl;
        return 0;
    }
    if (action == u"status") {
        switch (server.state()) {
        case EmbeddedServer::State::NotInitialized:
            out() << "not initialised: " << server.dataDirectory() << Qt::endl;
            return 3;
        case EmbeddedServer::State::Stopped:
            out() << "stopped: " << server.dataDirectory() << Qt::endl;
            return 3;
        case EmbeddedServer::State::Running:
            out() << "running: " << server.dataDirectory() << " socket " << server.socketDirectory() << " port "
                  << server.port() << Qt::endl;
            return 0;
        }
    }
    err() << "ocmsctl: server takes start, stop or status" << Qt::endl;
    return 2;
}

template <class Work>
int withDatabase(const ConnectionSettings& settings, Work work)
{
    const QString name = QStringLiteral("ocmsctl");
    int status = 0;
    {
        auto database = Database::open(settings, name);
        if (!database) {
            return report(database.error());
        }
        status = work(*database);
    }
    Database::close(name);
    return status;
}

int migrateCommand(const ConnectionSettings& settings, bool verifyOnly)
{
    auto runner = MigrationRunner::embedded();
    if (!runner) {
        return report(runner.error());
    }
    return withDatabase(settings, [&](QSqlDatabase& database) {
        auto result = verifyOnly ? runner->verify(database) : runner->migrate(database);
        if (!result) {
            return report(result.error());
        }
        if (verifyOnly) {
            out() << "migrations verified: " << result->alreadyApplied << " applied, latest " << result->latestVersion
                  << Qt::endl;
        } else if (result->applied.isEmpty()) {
            out() << "database is up to date (" << result->alreadyApplied << " migrations)" << Qt::endl;
        } else {
            for (int version : result->applied) {
                out() << "applied migration " << QStringLiteral("%1").arg(version, 4, 10, QChar(u'0')) << Qt::endl;
            }
        }
        return 0;
    });
}

int seedCommand(const ConnectionSettings& settings, const QCommandLineParser& parser)
{
    // Each step with the seconds since the start, so a slow phase shows itself.
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto progress = [clock](const QString& message) {
        err() << "  [" << QString::number(double(clock->elapsed()) / 1000.0, 'f', 1) << " s] " << message << Qt::endl;
    };
    if (parser.isSet(QStringLiteral("demo"))) {
        if (auto seeded = EmbeddedBootstrap::seedDemo(settings, progress); !seeded) {
            return report(seeded.error());
        }
        out() << "demo set ready. Demo logins (password: " << DemoAccounts::kPassword << "):" << Qt::endl;
        for (const auto& account : DemoAccounts::accounts()) {
            out() << "  " << account.login.leftJustified(18) << account.roleDescription << Qt::endl;
        }
        return 0;
    }
    SeedOptions options;
    bool ok = true;
    auto number = [&](const char* option) -> qint64 {
        const QString value = parser.value(QString::fromLatin1(option));
        if (value.isEmpty()) {
            return 0;
        }
        bool parsed = false;
        const qint64 n = value.toLongLong(&parsed);
        if (!parsed || n < 0) {
            err() << "ocmsctl: --" << option << " takes a whole number, not " << value << Qt::endl;
            ok = false;
        }
        return n;
    };
    options.cases = number("cases");
    options.leads = number("leads");
    options.documents = number("documents");
    if (parser.isSet(QStringLiteral("projects"))) {
        options.projects = number("projects");
    }
    if (parser.isSet(QStringLiteral("time-entries"))) {
        options.timeEntries = number("time-entries");
    }
    if (parser.isSet(QStringLiteral("seed"))) {
        options.seed = std::uint64_t(number("seed"));
    }
    if (parser.isSet(QStringLiteral("as-of"))) {
        options.asOf = QDate::fromString(parser.value(QStringLiteral("as-of")), Qt::ISODate);
        if (!options.asOf.isValid()) {
            err() << "ocmsctl: --as-of takes a date like 2026-11-21" << Qt::endl;
            ok = false;
        }
    }
    if (!ok) {
        return 2;
    }
    options.progress = progress;
    return withDatabase(settings, [&](QSqlDatabase& database) {
        auto result = SyntheticDataSeeder(database).run(options);
        if (!result) {
            return report(result.error());
        }
        if (result->skipped) {
            out() << "seed " << options.seed << " was loaded before (" << result->cases << " cases, " << result->leads
                  << " leads, " << result->documents << " documents); nothing to do" << Qt::endl;
        } else {
            out() << "seeded " << result->cases << " cases, " << result->fugitives << " fugitives, " << result->leads
                  << " leads, " << result->documents << " documents, " << result->projects << " projects, "
                  << result->timeEntries << " time entries (" << result->rows << " rows) in "
                  << QString::number(result->seconds, 'f', 1) << " s" << Qt::endl;
        }
        return 0;
    });
}

int auditCommand(const ConnectionSettings& settings, const QStringList& arguments, const QCommandLineParser& parser)
{
    const QString action = arguments.value(1);
    if (action == u"keygen") {
        const QString key = parser.value(QStringLiteral("out"));
        if (key.isEmpty()) {
            err() << "ocmsctl: audit keygen needs --out FILE (the secret key; FILE.pub is the public key)" << Qt::endl;
            return 2;
        }
        if (auto generated = AuditCheckpoint::generateKeys(key); !generated) {
            return report(generated.error());
        }
        out() << "signing key written to " << key << ", public key to " << key << ".pub" << Qt::endl;
        return 0;
    }
    if (action == u"ingest-log") {
        const QString path = arguments.value(2);
        if (path.isEmpty()) {
            err() << "ocmsctl: audit ingest-log needs the server's CSV log file or folder" << Qt::endl;
            return 2;
        }
        return withDatabase(settings, [&](QSqlDatabase& database) {
            auto result = FailedLogonIngest(database).ingest(path);
            if (!result) {
                return report(result.error());
            }
            out() << "read " << result->filesRead << " log files: " << result->failuresFound << " failed logons, "
                  << result->failuresRecorded << " new" << Qt::endl;
            for (const QString& login : result->lockedAccounts) {
                out() << "locked account " << login << " (too many failed logons)" << Qt::endl;
            }
            return 0;
        });
    }
    return withDatabase(settings, [&](QSqlDatabase& database) {
        AuditChainVerifier verifier(database);
        auto sealed = verifier.seal();
        if (!sealed) {
            return report(sealed.error());
        }
        if (action == u"seal") {
            out() << "sealed " << *sealed << " audit rows" << Qt::endl;
            return 0;
        }
        if (action == u"checkpoint") {
            const QString key = parser.value(QStringLiteral("key"));
            const QString file = parser.value(QStringLiteral("out"));
            if (key.isEmpty() || file.isEmpty()) {
                err() << "ocmsctl: audit checkpoint needs --key SECRET and --out FILE" << Qt::endl;
                return 2;
            }
            auto head = verifier.head();
            if (!head) {
                return report(head.error());
            }
            if (auto written = head->writeSigned(file, key); !written) {
                return report(written.error());
            }
            out() << "checkpoint of " << head->sealSeq << " audit rows written to " << file
                  << "; keep it away from the database server" << Qt::endl;
            return 0;
        }
        if (action == u"verify") {
            std::optional<AuditCheckpoint> checkpoint;
            if (parser.isSet(QStringLiteral("checkpoint"))) {
                auto read = AuditCheckpoint::readVerified(parser.value(QStringLiteral("checkpoint")),
                                                          parser.value(QStringLiteral("public-key")));
                if (!read) {
                    return report(read.error());
                }
                checkpoint = *read;
            }
            auto result = verifier.verify(checkpoint);
            if (!result) {
                return report(result.error());
            }
            if (!result->intact) {
                err() << "ocmsctl: the audit chain is BROKEN: " << result->problem << Qt::endl;
                return 1;
            }
            out() << "audit chain intact: " << result->rowsChecked << " rows verified in "
                  << QString::number(result->seconds, 'f', 2) << " s"
                  << (checkpoint ? QStringLiteral(", matches the signed checkpoint") : QString()) << Qt::endl;
            return 0;
        }
        err() << "ocmsctl: audit takes seal, verify, checkpoint or keygen" << Qt::endl;
        return 2;
    });
}

// Offline copies: the laptops that hold one, a wipe at next contact, the changes the server kept unapplied.
int deviceCommand(const ConnectionSettings& settings, const QStringList& arguments)
{
    const QString action = arguments.value(1);
    if (action != u"list" && action != u"wipe" && action != u"kept") {
        err() << "ocmsctl: usage: ocmsctl device list | device wipe DEVICE-ID | device kept" << Qt::endl;
        return 2;
    }
    return withDatabase(settings, [&](QSqlDatabase& database) {
        DeviceAdministration devices(database);
        if (action == u"wipe") {
            const QUuid id(arguments.value(2));
            if (id.isNull()) {
                err() << "ocmsctl: give the device id (ocmsctl device list shows them)" << Qt::endl;
                return 2;
            }
            if (auto ordered = devices.orderWipe(id); !ordered) {
                return report(ordered.error());
            }
            out() << "The offline copy on " << id.toString(QUuid::WithoutBraces) << " is wiped at its next contact." << Qt::endl;
            return 0;
        }
        auto table = action == u"list" ? devices.devices() : devices.keptChanges();
        if (!table) {
            return report(table.error());
        }
        out() << table->headers.join(u'\t') << Qt::endl;
        for (const QVariantList& row : std::as_const(table->rows)) {
            QStringList cells;
            for (const QVariant& cell : row) {
                cells.append(cell.typeId() == QMetaType::QDateTime ? cell.toDateTime().toString(Qt::ISODate) : cell.toString());
            }
            out() << cells.join(u'\t') << Qt::endl;
        }
        return 0;
    });
}

int userCommand(const ConnectionSettings& settings, const QStringList& arguments, const QCommandLineParser& parser)
{
    const QString action = arguments.value(1);
    const QString login = arguments.value(2);
    if (login.isEmpty()) {
        err() << "ocmsctl: usage: ocmsctl user add|disable|enable|unlock|reset-password|grant|revoke|divisions LOGIN …"
              << Qt::endl;
        return 2;
    }
    auto list = [&](const char* option) {
        return parser.value(QString::fromLatin1(option)).split(u',', Qt::SkipEmptyParts);
    };
    // Passwords come from standard input (never the command line, where `ps` shows them) or are generated.
    auto password = [&]() {
        if (parser.isSet(QStringLiteral("password-stdin"))) {
            return QTextStream(stdin).readLine().trimmed();
        }
        return AccountAdministration::generatePassword();
    };
    return withDatabase(settings, [&](QSqlDatabase& database) {
        AccountAdministration accounts(database);
        Result<void> done;
        QString chosenPassword;
        if (action == u"add") {
            chosenPassword = password();
            done = accounts.create({login, parser.value(QStringLiteral("name")), chosenPassword, list("roles"),
                                    parser.value(QStringLiteral("office")), list("divisions"),
                                    parser.value(QStringLiteral("title"))});
        } else if (action == u"disable" || action == u"enable") {
            done = accounts.setActive(login, action == u"enable");
        } else if (action == u"unlock") {
            done = accounts.unlock(login);
        } else if (action == u"reset-password") {
            chosenPassword = password();
            done = accounts.resetPassword(login, chosenPassword);
        } else if (action == u"grant" || action == u"revoke") {
            const QString role = arguments.value(3);
            if (role.isEmpty()) {
                err() << "ocmsctl: usage: ocmsctl user " << action << " LOGIN ROLE" << Qt::endl;
                return 2;
            }
            done = accounts.setRole(login, role, action == u"grant");
        } else if (action == u"divisions") {
            done = accounts.setDivisions(login, arguments.mid(3));
        } else {
            err() << "ocmsctl: unknown user action " << action << Qt::endl;
            return 2;
        }
        if (!done) {
            return report(done.error());
        }
        out() << "user " << login << ": " << action << " done" << Qt::endl;
        if (!chosenPassword.isEmpty() && !parser.isSet(QStringLiteral("password-stdin"))) {
            out() << "temporary password: " << chosenPassword << Qt::endl;
        }
        return 0;
    });
}

void printRejections(const QList<ImportRejection>& rejected)
{
    for (const ImportRejection& rejection : rejected) {
        err() << "  line " << rejection.line << ": " << rejection.reason << Qt::endl;
    }
}

// import eid FILE [--dry-run]: the EID daily extract (FORMATS.md). Exit 0: every line merged; 3: merged,
// some lines rejected (listed on standard error); 1: nothing loaded (a file imported before, a server error).
int eidImportCommand(const ConnectionSettings& settings, QFile& file, const QString& fileName, bool dryRun)
{
    return withDatabase(settings, [&](QSqlDatabase& database) {
        EidImportOptions options;
        options.fileName = fileName;
        options.dryRun = dryRun;
        options.progress = [](const QString& message) { err() << "  " << message << Qt::endl; };
        auto result = EidImport(database, options).run(&file);
        if (!result) {
            return report(result.error());
        }
        printRejections(result->rejected);
        if (!result->ignoredColumns.isEmpty()) {
            err() << "  columns ignored: " << result->ignoredColumns.join(QStringLiteral(", ")) << Qt::endl;
        }
        out() << (result->committed ? "EID extract imported: " : "nothing kept (dry run): ") << result->linesRead << " lines, "
              << result->staged << " merged (" << result->matched << " matched to people OCMS knows, " << result->unmatched
              << " not known), " << result->rejected.size() << " rejected; " << result->casesChanged
              << " case custody statuses changed, " << result->aliasesAdded << " aliases added, " << result->peopleFilled
              << " people completed, " << result->conflicts << " conflicts logged; SHA-256 " << result->sha256 << Qt::endl;
        if (!result->committed) {
            return 1;
        }
        return result->rejected.isEmpty() ? 0 : 3;
    });
}

// seed eid-extract --lines N -o FILE [--seed S] [--as-of DATE]: a synthetic EID extract (invented people only).
int seedEidExtractCommand(const QCommandLineParser& parser)
{
    bool ok = false;
    const qint64 lines = parser.value(QStringLiteral("lines")).toLongLong(&ok);
    const QString path = parser.value(QStringLiteral("o"));
    if (!ok || lines < 1 || path.isEmpty()) {
        err() << "ocmsctl: usage: ocmsctl seed eid-extract --lines N -o FILE [--seed S] [--as-of DATE]" << Qt::endl;
        return 2;
    }
    const std::uint64_t seed = parser.isSet(QStringLiteral("seed")) ? parser.value(QStringLiteral("seed")).toULongLong() : 1;
    const QDate asOf = parser.isSet(QStringLiteral("as-of")) ? QDate::fromString(parser.value(QStringLiteral("as-of")), Qt::ISODate)
                                                            : QDate::currentDate();
    if (!asOf.isValid()) {
        err() << "ocmsctl: --as-of takes a date like 2026-11-21" << Qt::endl;
        return 2;
    }
    auto written = EidExtractWriter::writeSample(path, lines, seed, asOf);
    if (!written) {
        return report(written.error());
    }
    out() << "wrote " << *written << " synthetic EID extract lines to " << path << Qt::endl;
    return 0;
}

// import leads FILE [--source CODE] [--strict] [--dry-run] | import zip-table FILE. Exit 0: every line
// loaded; 3: loaded, but some lines were rejected (listed on standard error); 1: nothing loaded.
int importCommand(const ConnectionSettings& settings, const QStringList& arguments, const QCommandLineParser& parser)
{
    const QString kind = arguments.value(1);
    const QString path = arguments.value(2);
    if ((kind != u"leads" && kind != u"zip-table" && kind != u"eid") || path.isEmpty() || arguments.size() > 3) {
        err() << "ocmsctl: usage: ocmsctl import leads FILE [--source CODE] [--strict] [--dry-run] | import zip-table FILE"
              << " | import eid FILE [--dry-run]" << Qt::endl;
        return 2;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return report(Error::io(QStringLiteral("Cannot open %1.").arg(path), file.errorString()));
    }
    if (kind == u"eid") {
        return eidImportCommand(settings, file, QFileInfo(path).fileName(), parser.isSet(QStringLiteral("dry-run")));
    }
    return withDatabase(settings, [&](QSqlDatabase& database) {
        if (kind == u"zip-table") {
            auto result = ZipCodeImport(database).run(&file);
            if (!result) {
                return report(result.error());
            }
            printRejections(result->rejected);
            out() << "ZIP table: " << result->linesRead << " lines, " << result->inserted << " new, " << result->updated
                  << " changed, " << result->unchanged << " unchanged, " << result->rejected.size() << " rejected" << Qt::endl;
            return result->rejected.isEmpty() ? 0 : 3;
        }
        LeadImportOptions options;
        options.source = parser.value(QStringLiteral("source"));
        options.fileName = QFileInfo(path).fileName();
        options.strict = parser.isSet(QStringLiteral("strict"));
        options.dryRun = parser.isSet(QStringLiteral("dry-run"));
        options.progress = [](const QString& message) { err() << "  " << message << Qt::endl; };
        // --extract ID: a provider's answer to an address-search extract (subject_ref instead of a_number).
        const QString extract = parser.value(QStringLiteral("extract"));
        if (!extract.isEmpty() && QUuid::fromString(extract).isNull()) {
            return report(Error::validation(QStringLiteral("--extract takes the extract's id (a UUID).")));
        }
        auto result = extract.isEmpty() ? LeadImport(database, options).run(&file)
                                        : AddressSearchResults(database, QUuid::fromString(extract), options).run(&file);
        if (!result) {
            return report(result.error());
        }
        printRejections(result->rejected);
        if (!result->ignoredColumns.isEmpty()) {
            err() << "  columns ignored: " << result->ignoredColumns.join(QStringLiteral(", ")) << Qt::endl;
        }
        out() << (result->committed ? "leads imported: " : "nothing loaded (dry run or --strict): ") << result->linesRead
              << " lines, " << result->loaded << " new leads (" << result->headquartersQueue
              << " to the headquarters queue), " << result->mergedIntoExisting << " merged into open leads, "
              << result->mergedInFile << " repeated in the file, " << result->rejected.size() << " rejected";
        if (result->zipUnknown > 0) {
            out() << "; " << result->zipUnknown << " with a ZIP the ZIP table does not know (city/state as given)";
        }
        out() << Qt::endl;
        if (!result->committed) {
            return 1;
        }
        return result->rejected.isEmpty() ? 0 : 3;
    });
}

// export address-search --provider CODE --key KEY.asc [--office CODE] [--status STATUS] -o OUT.pgp: the
// encrypted extract for a commercial address provider, recorded as a disclosure (core/field/addresssearchextract.h).
int exportCommand(const ConnectionSettings& settings, const QStringList& arguments, const QCommandLineParser& parser)
{
    const QString keyPath = parser.value(QStringLiteral("key"));
    const QString outPath = parser.value(QStringLiteral("out"));
    if (arguments.value(1) != u"address-search" || arguments.size() != 2 || keyPath.isEmpty() || outPath.isEmpty()
        || parser.value(QStringLiteral("provider")).isEmpty()) {
        err() << "ocmsctl: usage: ocmsctl export address-search --provider CODE --key KEY.asc [--office CODE] "
                 "[--status STATUS] -o OUT.pgp" << Qt::endl;
        return 2;
    }
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        return report(Error::io(QStringLiteral("Cannot open the provider's key file %1.").arg(keyPath), keyFile.errorString()));
    }
    AddressSearchExtract::Request request;
    request.provider = parser.value(QStringLiteral("provider"));
    request.providerKey = keyFile.readAll();
    request.outputPath = outPath;
    request.selection.officeCode = parser.value(QStringLiteral("office"));
    if (parser.isSet(QStringLiteral("status"))) {
        request.selection.status = parser.value(QStringLiteral("status"));
    }
    return withDatabase(settings, [&](QSqlDatabase& database) {
        auto result = AddressSearchExtract(database).run(request);
        if (!result) {
            return report(result.error());
        }
        out() << "address-search extract " << result->extractId.toString(QUuid::WithoutBraces) << ": " << result->records
              << (result->records == 1 ? " record" : " records") << " for " << result->provider << ", encrypted to "
              << result->keyFingerprint << " (" << result->keyUserId << "), " << result->bytes << " bytes, SHA-256 "
              << result->sha256.toHex() << ", written to " << result->outputPath << "; recorded as a disclosure" << Qt::endl;
        return 0;
    });
}

int benchCommand(const QStringList& arguments, const QCommandLineParser& parser, const QString& dataDirectory)
{
    const QString name = arguments.value(1);
    const QStringList benchmarks = {QStringLiteral("audit"), QStringLiteral("case-list"), QStringLiteral("workload"),
                                    QStringLiteral("documents"), QStringLiteral("document-processing"),
                                    QStringLiteral("text-diff"), QStringLiteral("leads"), QStringLiteral("lead-board"),
                                    QStringLiteral("sync"), QStringLiteral("import")};
    if (!benchmarks.contains(name)) {
        err() << "ocmsctl: unknown benchmark " << name << " (available: " << benchmarks.join(QStringLiteral(", ")) << ")" << Qt::endl;
        return 2;
    }
    if (name == u"document-processing") { // no database: extraction, OCR, binder and redaction of generated files
        DocumentProcessingBenchmark::Options options;
        options.runs = parser.isSet(QStringLiteral("runs")) ? std::max(parser.value(QStringLiteral("runs")).toInt(), 1) : 5;
        options.progress = [](const QString& message) { err() << "  " << message << Qt::endl; };
        auto processed = DocumentProcessingBenchmark(options).run([](const BenchmarkLine& line) { out() << line.toJson() << Qt::endl; });
        if (!processed) {
            return report(processed.error());
        }
        out() << BenchmarkLine::summaryJson(name, *processed) << Qt::endl;
        return 0;
    }
    if (name == u"text-diff") { // no database
        const int diffRuns = parser.isSet(QStringLiteral("runs")) ? parser.value(QStringLiteral("runs")).toInt() : 25;
        const QList<BenchmarkLine> diffLines =
            TextDiffBenchmark(std::max(diffRuns, 1)).run([](const BenchmarkLine& line) { out() << line.toJson() << Qt::endl; });
        out() << BenchmarkLine::summaryJson(name, diffLines) << Qt::endl;
        return 0;
    }
    if (name == u"lead-board") { // the board's filters over a seeded database of at least --leads leads
        auto database = BenchmarkWorld::database(parser.value(QStringLiteral("db")), dataDirectory);
        if (!database) {
            return report(database.error());
        }
        LeadBoardBenchmark::Options options;
        if (parser.isSet(QStringLiteral("leads"))) {
            options.leads = parser.value(QStringLiteral("leads")).toLongLong();
        }
        options.runs = parser.isSet(QStringLiteral("runs")) ? std::max(parser.value(QStringLiteral("runs")).toInt(), 1) : options.runs;
        options.progress = [](const QString& message) { err() << "  " << message << Qt::endl; };
        auto boardLines = LeadBoardBenchmark(*database, options).run([](const BenchmarkLine& line) { out() << line.toJson() << Qt::endl; });
        if (!boardLines) {
            return report(boardLines.error());
        }
        out() << BenchmarkLine::summaryJson(name, *boardLines) << Qt::endl;
        return 0;
    }
    if (name == u"sync") { // offline copy: push, pulls, reads beside a pull, unlock, SQLCipher vs plain SQLite
        auto database = BenchmarkWorld::database(parser.value(QStringLiteral("db")), dataDirectory);
        if (!database) {
            return report(database.error());
        }
        SyncBenchmark::Options options;
        options.runs = parser.isSet(QStringLiteral("runs")) ? std::max(parser.value(QStringLiteral("runs")).toInt(), 1) : options.runs;
        options.progress = [](const QString& message) { err() << "  " << message << Qt::endl; };
        auto syncLines = SyncBenchmark(*database, options).run([](const BenchmarkLine& line) { out() << line.toJson() << Qt::endl; });
        if (!syncLines) {
            return report(syncLines.error());
        }
        out() << BenchmarkLine::summaryJson(name, *syncLines) << Qt::endl;
        return 0;
    }
    if (name == u"import") { // the EID extract import against raw COPY of the same file, in the bench database
        auto database = BenchmarkWorld::database(parser.value(QStringLiteral("db")), dataDirectory);
        if (!database) {
            return report(database.error());
        }
        EidImportBenchmarkOptions options;
        if (parser.isSet(QStringLiteral("lines"))) {
            options.lines = parser.value(QStringLiteral("lines")).toLongLong();
        }
        options.runs = parser.isSet(QStringLiteral("runs")) ? parser.value(QStringLiteral("runs")).toInt() : options.runs;
        options.progress = [](const QString& message) { err() << "  " << message << Qt::endl; };
        if (options.lines < 1000 || options.runs < 1) {
            err() << "ocmsctl: --lines takes at least 1000 lines and --runs at least 1" << Qt::endl;
            return 2;
        }
        auto importLines = EidImportBenchmark(*database, options).run([](const BenchmarkLine& line) { out() << line.toJson() << Qt::endl; });
        if (!importLines) {
            return report(importLines.error());
        }
        out() << BenchmarkLine::summaryJson(name, *importLines) << Qt::endl;
        return 0;
    }
    if (name == u"leads") { // the lead import against raw COPY of the same file, in a database of its own
        auto database = BenchmarkWorld::database(parser.value(QStringLiteral("db")), dataDirectory);
        if (!database) {
            return report(database.error());
        }
        LeadImportBenchmarkOptions options;
        if (parser.isSet(QStringLiteral("leads"))) {
            options.lines = parser.value(QStringLiteral("leads")).toLongLong();
        }
        options.runs = parser.isSet(QStringLiteral("runs")) ? parser.value(QStringLiteral("runs")).toInt() : options.runs;
        options.progress = [](const QString& message) { err() << "  " << message << Qt::endl; };
        if (options.lines < 1000 || options.runs < 1) {
            err() << "ocmsctl: --leads takes at least 1000 lines and --runs at least 1" << Qt::endl;
            return 2;
        }
        auto leadLines = LeadImportBenchmark(*database, options).run([](const BenchmarkLine& line) { out() << line.toJson() << Qt::endl; });
        if (!leadLines) {
            return report(leadLines.error());
        }
        out() << BenchmarkLine::summaryJson(name, *leadLines) << Qt::endl;
        return 0;
    }
    qint64 scale = 1000000;
    for (const char* option : {"scale", "cases"}) {
        if (parser.isSet(QLatin1StringView(option))) {
            scale = parser.value(QLatin1StringView(option)).toLongLong();
        }
    }
    const int runs = parser.isSet(QStringLiteral("runs")) ? parser.value(QStringLiteral("runs")).toInt() : (name == u"audit" ? 5 : 25);
    if (scale < 1000 || runs < 1) {
        err() << "ocmsctl: --scale (or --cases) takes at least 1000 cases and --runs at least 1" << Qt::endl;
        return 2;
    }
    const auto progress = [](const QString& message) { err() << "  " << message << Qt::endl; };
    // Without --db the benchmark gets a database of its own in the embedded cluster, seeded once.
    auto database = BenchmarkWorld::database(parser.value(QStringLiteral("db")), dataDirectory);
    if (!database) {
        return report(database.error());
    }
    const ConnectionSettings settings = *database;
    const auto print = [](const BenchmarkLine& line) { out() << line.toJson() << Qt::endl; };
    Result<QList<BenchmarkLine>> lines;
    if (name == u"audit") {
        lines = AuditBenchmark(settings, BenchmarkOptions{scale, runs, progress}).run(print);
    } else if (name == u"workload") {
        lines = WorkloadBenchmark(settings, WorkloadBenchmarkOptions{scale, runs, progress}).run(print);
    } else if (name == u"documents") {
        DocumentBenchmarkOptions options;
        options.cases = scale;
        options.samples = runs;
        options.progress = progress;
        if (parser.isSet(QStringLiteral("documents"))) {
            options.documents = parser.value(QStringLiteral("documents")).toLongLong();
        }
        if (parser.isSet(QStringLiteral("file-mb"))) {
            options.fileBytes = parser.value(QStringLiteral("file-mb")).toLongLong() << 20;
        }
        // The viewer's figures come from the desktop client next to this program, when it is there.
        const QString client = QCoreApplication::applicationDirPath() + QStringLiteral("/ocms");
        if (QFileInfo(client).isExecutable() && !parser.isSet(QStringLiteral("no-viewer"))) {
            options.viewerProgram = client;
        }
        if (options.documents < 1000 || options.fileBytes < (1 << 20)) {
            err() << "ocmsctl: --documents takes at least 1000 and --file-mb at least 1" << Qt::endl;
            return 2;
        }
        lines = DocumentBenchmark(settings, options).run(print);
    } else {
        lines = CaseListBenchmark(settings, CaseListBenchmarkOptions{scale, runs, progress}).run(print);
    }
    if (!lines) {
        return report(lines.error());
    }
    out() << BenchmarkLine::summaryJson(name, *lines) << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ocmsctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OCMS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "OCMS administration and batch tool.\n\n"
        "Commands:\n"
        "  server start|stop|status   the embedded PostgreSQL server in the data folder\n"
        "  migrate [--verify]         apply (or only check) the schema migrations\n"
        "  seed [--cases N] [--leads N] [--documents N] [--projects N] [--time-entries N] [--seed S] [--as-of DATE] | --demo\n"
        "                             load deterministic synthetic data\n"
        "  audit seal|verify|checkpoint|keygen|ingest-log FILE\n"
        "                             audit chain, signed checkpoints, failed logons\n"
        "  user add LOGIN --name N --roles R,… [--office C] [--divisions D,…] [--password-stdin]\n"
        "  user disable|enable|unlock|reset-password LOGIN; user grant|revoke LOGIN ROLE;\n"
        "  user divisions LOGIN CODE…  accounts, through the server's own rules\n"
        "  bench audit|case-list|workload|documents|document-processing|text-diff|leads|lead-board|sync [--scale N] [--runs N]\n"
        "        documents: [--documents N] [--file-mb N] [--no-viewer]; leads: [--leads LINES];\n"
        "        lead-board: [--leads N] (a database seeded with at least N leads, --db)\n"
        "  import leads FILE [--source CODE] [--strict] [--dry-run]\n"
        "  import zip-table FILE      batch lead import and the ZIP → city/state table (CSV, FORMATS.md)\n"
        "  import leads FILE --extract ID  a provider's results to an address-search extract\n"
        "  import eid FILE [--dry-run]  EID daily extract, merged under the authoritative-source rules (FORMATS.md)\n"
        "  seed eid-extract --lines N -o FILE [--seed S] [--as-of DATE]  a synthetic EID extract\n"
        "  bench import [--lines N]     EID extract import against raw COPY (1,000,000 lines)\n"
        "  export address-search --provider CODE --key KEY.asc [--office CODE] [--status STATUS] -o OUT.pgp\n"
        "                             encrypted extract for a commercial address provider (a recorded disclosure)\n"
        "  device list | device wipe DEVICE-ID | device kept\n"
        "                             laptops with offline copies, a wipe at next contact, offline changes kept unapplied\n"
        "                             benchmarks, one JSON object per line\n\n"
        "The server is --db CONNINFO, else the PG* environment, else the embedded default."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("db"), QStringLiteral("libpq connection string or URI."), QStringLiteral("conninfo")},
        {QStringLiteral("data"), QStringLiteral("Data folder of the embedded server."), QStringLiteral("dir")},
        {QStringLiteral("verify"), QStringLiteral("migrate: only check applied migrations.")},
        {QStringLiteral("cases"), QStringLiteral("seed, bench: number of cases."), QStringLiteral("n")},
        {QStringLiteral("leads"), QStringLiteral("seed: number of leads; bench leads: lines in the file."), QStringLiteral("n")},
        {QStringLiteral("source"), QStringLiteral("import leads: lead source code for lines without one."), QStringLiteral("code")},
        {QStringLiteral("strict"), QStringLiteral("import leads: load nothing when any line is rejected.")},
        {QStringLiteral("dry-run"), QStringLiteral("import leads: check everything, load nothing.")},
        {QStringLiteral("documents"), QStringLiteral("seed, bench documents: number of documents."), QStringLiteral("n")},
        {QStringLiteral("projects"), QStringLiteral("seed: number of projects (default: cases / 10)."), QStringLiteral("n")},
        {QStringLiteral("time-entries"), QStringLiteral("seed: number of time entries (default: cases × 2)."), QStringLiteral("n")},
        {QStringLiteral("seed"), QStringLiteral("seed: random seed (same seed, same data)."), QStringLiteral("s")},
        {QStringLiteral("as-of"), QStringLiteral("seed: the synthetic 'today' (YYYY-MM-DD)."), QStringLiteral("date")},
        {QStringLiteral("demo"), QStringLiteral("seed: the demo set and one demo login per role.")},
        {QStringList{QStringLiteral("o"), QStringLiteral("out")}, QStringLiteral("audit keygen/checkpoint, export: file to write."), QStringLiteral("file")},
        {QStringLiteral("scale"), QStringLiteral("bench: cases in the benchmark database."), QStringLiteral("n")},
        {QStringLiteral("name"), QStringLiteral("user add: full name."), QStringLiteral("name")},
        {QStringLiteral("roles"), QStringLiteral("user add: roles, comma-separated."), QStringLiteral("roles")},
        {QStringLiteral("office"), QStringLiteral("user add: office code."), QStringLiteral("code")},
        {QStringLiteral("divisions"), QStringLiteral("user add: division codes, comma-separated."), QStringLiteral("codes")},
        {QStringLiteral("title"), QStringLiteral("user add: job title."), QStringLiteral("title")},
        {QStringLiteral("password-stdin"), QStringLiteral("user add/reset-password: read the password from standard input.")},
        {QStringLiteral("runs"), QStringLiteral("bench: measurement runs."), QStringLiteral("n")},
        {QStringLiteral("file-mb"), QStringLiteral("bench documents: size of the file sent up and down (default 1024)."), QStringLiteral("n")},
        {QStringLiteral("no-viewer"), QStringLiteral("bench documents: skip the PDF viewer's part.")},
        {QStringLiteral("key"), QStringLiteral("audit checkpoint: secret signing key."), QStringLiteral("file")},
        {QStringLiteral("checkpoint"), QStringLiteral("audit verify: signed checkpoint to check against."), QStringLiteral("file")},
        {QStringLiteral("public-key"), QStringLiteral("audit verify: public key of the checkpoint."), QStringLiteral("file")},
        {QStringLiteral("provider"), QStringLiteral("export address-search: the provider's lead source code."), QStringLiteral("code")},
        {QStringLiteral("status"), QStringLiteral("export address-search: fugitive status (default at_large)."), QStringLiteral("status")},
        {QStringLiteral("extract"), QStringLiteral("import leads: results of this address-search extract."), QStringLiteral("id")},
        {QStringLiteral("lines"), QStringLiteral("seed eid-extract, bench import: lines in the file."), QStringLiteral("n")},
    });
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("server, migrate or seed"));
    parser.process(app);

    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty()) {
        parser.showHelp(2);
    }
    const QString command = arguments.first();
    const QString dataDirectory = parser.value(QStringLiteral("data"));
    if (command == u"server") {
        if (arguments.size() != 2) {
            err() << "ocmsctl: usage: ocmsctl server start|stop|status [--data DIR]" << Qt::endl;
            return 2;
        }
        return serverCommand(arguments.at(1), dataDirectory);
    }
    if (command == u"bench") {
        return benchCommand(arguments, parser, dataDirectory);
    }
    if (command == u"seed" && arguments.value(1) == u"eid-extract") { // a file, no database
        return seedEidExtractCommand(parser);
    }
    if (command == u"audit" && arguments.value(1) == u"keygen") {
        return auditCommand({}, arguments, parser);
    }
    if (command != u"migrate" && command != u"seed" && command != u"audit" && command != u"user" && command != u"import"
        && command != u"export" && command != u"device") {
        err() << "ocmsctl: unknown command " << command << " (see ocmsctl --help)" << Qt::endl;
        return 2;
    }
    auto settings = ConnectionResolver::forAdministration(parser.value(QStringLiteral("db")),
                                                          QProcessEnvironment::systemEnvironment(), dataDirectory);
    if (!settings) {
        return report(settings.error());
    }
    if (command == u"migrate") {
        return migrateCommand(*settings, parser.isSet(QStringLiteral("verify")));
    }
    if (command == u"audit") {
        return auditCommand(*settings, arguments, parser);
    }
    if (command == u"user") {
        return userCommand(*settings, arguments, parser);
    }
    if (command == u"import") {
        return importCommand(*settings, arguments, parser);
    }
    if (command == u"export") {
        return exportCommand(*settings, arguments, parser);
    }
    if (command == u"device") {
        return deviceCommand(*settings, arguments);
    }
    return seedCommand(*settings, parser);
}
