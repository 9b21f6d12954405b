#include "leadimportdialog.h"

#include "imports/leadimportfile.h"
#include "messagebanner.h"
#include "recordlisttab.h"
#include "whenready.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace ocms {

LeadImportDialog::LeadImportDialog(ConnectionSettings settings, const DropdownCatalog& catalog, QWidget* parent)
    : QDialog(parent), m_settings(std::move(settings)), m_file(new QLineEdit(this)), m_source(new QComboBox(this)),
      m_checkOnly(new QCheckBox(tr("Only &check the file (load nothing)"), this)),
      m_strict(new QCheckBox(tr("Load &nothing if any line is rejected"), this)), m_progress(new QLabel(this)),
      m_message(new MessageBanner(this)), m_rejected(new RecordListTab(QStringLiteral("Rejected lines"), this)),
      m_run(new QPushButton(tr("&Import"), this)), m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setWindowTitle(tr("Import leads"));
    setObjectName(QStringLiteral("leadImportDialog"));
    resize(760, 520);
    m_file->setObjectName(QStringLiteral("leadImportFile"));
    m_file->setPlaceholderText(tr("CSV extract, e.g. provider-results-2026-11.csv"));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Lead extract"), {}, tr("CSV files (*.csv *.txt);;All files (*)"));
        if (!path.isEmpty()) {
            setFile(path);
        }
    });
    m_source->setObjectName(QStringLiteral("leadImportSource"));
    m_source->addItem(tr("(each line names its source)"), QString());
    for (const DropdownChoice& source : catalog.choices(QStringLiteral("lead_source"))) {
        m_source->addItem(source.label, source.code);
    }
    m_progress->setObjectName(QStringLiteral("leadImportProgress"));
    m_run->setObjectName(QStringLiteral("runLeadImportButton"));
    m_run->setDefault(true);
    connect(m_run, &QPushButton::clicked, this, &LeadImportDialog::start);
    m_buttons->addButton(m_run, QDialogButtonBox::ActionRole);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (!m_running) { // an import in flight finishes or rolls back on the server; the dialog waits for it
            reject();
        }
    });

    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    auto* form = new QFormLayout;
    auto* fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_file);
    form->addRow(fileLabel, fileRow);
    form->addRow(tr("&Source of lines without one:"), m_source);
    form->addRow(QString(), m_checkOnly);
    form->addRow(QString(), m_strict);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addWidget(m_rejected, 1);
    layout->addWidget(m_buttons);
    m_rejected->setTable(RecordTable{{tr("Line"), tr("Reason")}, {}, {}});
}

void LeadImportDialog::setFile(const QString& path)
{
    m_file->setText(path);
}

QString LeadImportDialog::summary() const
{
    return m_message->message();
}

void LeadImportDialog::start()
{
    if (m_running) {
        return;
    }
    const QString path = m_file->text().trimmed();
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        m_message->showMessage(path.isEmpty() ? tr("Choose the file to import.") : tr("There is no file %1.").arg(path), true);
        return;
    }
    LeadImportOptions options;
    options.source = m_source->currentData().toString();
    options.fileName = QFileInfo(path).fileName();
    options.dryRun = m_checkOnly->isChecked();
    options.strict = m_strict->isChecked();
    QPointer<QLabel> progress = m_progress;
    options.progress = [progress](const QString& step) {
        QMetaObject::invokeMethod(QCoreApplication::instance(), [progress, step] {
            if (progress) {
                progress->setText(step);
            }
        }, Qt::QueuedConnection);
    };
    m_running = true;
    m_run->setEnabled(false);
    m_message->showMessage({}, false);
    m_progress->setText(tr("Reading %1…").arg(options.fileName));
    setCursor(Qt::BusyCursor);
    auto work = LeadImportFile::start(m_settings, path, options);
    whenReady(this, work, [this](const Result<LeadImportReport>& report) { showReport(report); });
}

void LeadImportDialog::showReport(const Result<LeadImportReport>& report)
{
    m_running = false;
    m_run->setEnabled(true);
    unsetCursor();
    m_progress->clear();
    if (!report) {
        m_message->showMessage(report.error().userMessage, true);
        Q_EMIT finished();
        return;
    }
    RecordTable rejected{{tr("Line"), tr("Reason")}, {}, {}};
    for (const ImportRejection& line : report->rejected) {
        rejected.rows.append({line.line, line.reason});
        rejected.ids.append(QUuid());
    }
    m_rejected->setTable(rejected);
    const QLocale locale;
    const auto counted = [&locale](qint64 n, const QString& one, const QString& many) {
        return (n == 1 ? one : many).arg(locale.toString(n));
    };
    QStringList parts = {counted(report->linesRead, tr("%1 line read"), tr("%1 lines read"))};
    if (report->committed) {
        parts.append(counted(report->loaded, tr("%1 new lead loaded"), tr("%1 new leads loaded")));
        parts.append(counted(report->mergedIntoExisting + report->mergedInFile, tr("%1 merged into an open lead"),
                             tr("%1 merged into open leads")));
        parts.append(tr("%1 to the headquarters queue").arg(locale.toString(report->headquartersQueue)));
    } else {
        parts.append(m_checkOnly->isChecked() ? tr("nothing loaded (check only): %1 would load").arg(locale.toString(report->loaded))
                                              : tr("nothing loaded: lines were rejected"));
    }
    parts.append(report->rejected.size() == 1 ? tr("1 line rejected (listed below)")
                                              : tr("%1 lines rejected%2").arg(locale.toString(report->rejected.size()),
                                                                               report->rejected.isEmpty() ? QString() : tr(" (listed below)")));
    m_message->showMessage(parts.join(QStringLiteral("; ")) + u'.', !report->rejected.isEmpty() && !report->committed);
    if (report->committed && report->loaded + report->mergedIntoExisting > 0) {
        Q_EMIT imported();
    }
    Q_EMIT finished();
}

} // namespace ocms
