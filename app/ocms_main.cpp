// ocms: the desktop client. Chooses the server, shows the login dialog, opens the main window.
#include "caselistviewbenchmark.h"
#include "pdfviewerbenchmark.h"
#include "db/benchmarkworld.h"
#include "db/connectionresolver.h"
#include "mainwindow.h"
#include "offlinewindow.h"
#include "sync/offlinesession.h"
#include "logindialog.h"
#include "startupprogress.h"

#include <QApplication>
#include <QStandardPaths>
#include <QThreadPool>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QTextStream>

using namespace ocms;

namespace {

// ocms --bench pdf-viewer: needs no database.
int runPdfViewerBenchmark(QTextStream& out, QTextStream& err)
{
    PdfViewerBenchmarkOptions options;
    options.progress = [&err](const QString& step) { err << "  " << step << Qt::endl; };
    auto lines = PdfViewerBenchmark(options).run([&out](const BenchmarkLine& line) { out << line.toJson() << Qt::endl; });
    if (!lines) {
        err << "ocms: " << lines.error().describe() << Qt::endl;
        return 1;
    }
    out << BenchmarkLine::summaryJson(QStringLiteral("pdf-viewer"), *lines) << Qt::endl;
    return 0;
}

// ocms --bench case-list-view [--cases N] [--db CONNINFO] [--data DIR]: JSON lines on standard output.
int runBenchmark(const QCommandLineParser& parser)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (parser.value(QStringLiteral("bench")) == u"pdf-viewer") {
        return runPdfViewerBenchmark(out, err);
    }
    if (parser.value(QStringLiteral("bench")) != u"case-list-view") {
        err << "ocms: unknown benchmark " << parser.value(QStringLiteral("bench")) << " (available: case-list-view, pdf-viewer)"
            << Qt::endl;
        return 2;
    }
    const qint64 cases = parser.isSet(QStringLiteral("cases")) ? parser.value(QStringLiteral("cases")).toLongLong() : 1000000;
    if (cases < 1000) {
        err << "ocms: --cases takes at least 1000" << Qt::endl;
        return 2;
    }
    auto database = BenchmarkWorld::database(parser.value(QStringLiteral("db")), parser.value(QStringLiteral("data")));
    if (!database) {
        err << "ocms: " << database.error().describe() << Qt::endl;
        return 1;
    }
    CaseListViewBenchmarkOptions options;
    options.cases = cases;
    options.progress = [&err](const QString& step) { err << "  " << step << Qt::endl; };
    auto lines = CaseListViewBenchmark(*database, options).run([&out](const BenchmarkLine& line) { out << line.toJson() << Qt::endl; });
    if (!lines) {
        err << "ocms: " << lines.error().describe() << Qt::endl;
        return 1;
    }
    out << BenchmarkLine::summaryJson(QStringLiteral("case-list-view"), *lines) << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("ocms"));
    QApplication::setApplicationDisplayName(QStringLiteral("OCMS"));
    QApplication::setApplicationVersion(QStringLiteral(OCMS_VERSION));
    QApplication::setOrganizationName(QStringLiteral("OCMS"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("OCMS case, lead and document management."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("db"), QStringLiteral("libpq connection string or URI of the server."), QStringLiteral("conninfo")},
        {QStringLiteral("data"), QStringLiteral("Data folder of the embedded server."), QStringLiteral("dir")},
        {QStringLiteral("demo"), QStringLiteral("Seed the demo set and list the demo logins.")},
        {QStringLiteral("bench"), QStringLiteral("Run a GUI benchmark (case-list-view, pdf-viewer) and print JSON lines."), QStringLiteral("name")},
        {QStringLiteral("cases"), QStringLiteral("bench: cases in the benchmark database (default 1000000)."), QStringLiteral("n")},
    });
    parser.process(app);
    const bool demo = parser.isSet(QStringLiteral("demo"));
    if (parser.isSet(QStringLiteral("bench"))) {
        return runBenchmark(parser);
    }

    auto configured = ConnectionResolver::configured(parser.value(QStringLiteral("db")),
                                                     QProcessEnvironment::systemEnvironment());
    ConnectionSettings settings;
    if (configured && *configured) {
        settings = **configured;
    } else if (configured) {
        auto prepared = StartupProgress::prepareEmbedded(parser.value(QStringLiteral("data")), demo);
        if (!prepared) {
            QMessageBox::critical(nullptr, QObject::tr("OCMS"), prepared.error().userMessage + u"\n\n" + prepared.error().detail);
            return 1;
        }
        settings = *prepared;
    } else {
        QMessageBox::critical(nullptr, QObject::tr("OCMS"), configured.error().userMessage);
        return 1;
    }

    // Offline copies of field officers: one encrypted file per user in the user's own data folder.
    const QString offline = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    int status = 0;
    bool signInAgain = true;
    while (signInAgain) { // after a password change the user signs in again with the new one
        signInAgain = false;
        LoginDialog login(settings, demo);
        login.setOfflineDirectory(offline);
        if (login.exec() != QDialog::Accepted) {
            break;
        }
        if (std::unique_ptr<OfflineSession> copy = login.takeOfflineSession()) {
            OfflineWindow window(std::move(copy));
            window.show();
            status = QApplication::exec();
            break;
        }
        MainWindow window(login.session());
        window.addOfflineCopy(offline);
        QObject::connect(&window, &MainWindow::signInAgainRequested, &window, [&] {
            signInAgain = true;
            QApplication::exit(0);
        });
        window.show();
        status = QApplication::exec();
    }
    QThreadPool::globalInstance()->waitForDone(); // background reads end before the exit handlers run
    return status;
}
