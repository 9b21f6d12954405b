// ocms: the desktop client. Chooses the server, shows the login dialog, opens the main window.
#include "db/connectionresolver.h"
#include "mainwindow.h"
#include "logindialog.h"
#include "startupprogress.h"

#include <QApplication>
#include <QThreadPool>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QProcessEnvironment>

using namespace ocms;

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
    });
    parser.process(app);
    const bool demo = parser.isSet(QStringLiteral("demo"));

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

    LoginDialog login(settings, demo);
    if (login.exec() != QDialog::Accepted) {
        return 0;
    }
    MainWindow window(login.session());
    window.show();
    const int status = QApplication::exec();
    QThreadPool::globalInstance()->waitForDone(); // background reads end before the exit handlers run
    return status;
}
