#include "addresssearchextractdialog.h"

#include "messagebanner.h"
#include "whenready.h"

#include <QComboBox>
#include <QDate>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace ocms {

namespace {

QWidget* withBrowse(QLineEdit* edit, QPushButton* browse, QWidget* parent)
{
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return row;
}

} // namespace

AddressSearchExtractDialog::AddressSearchExtractDialog(const ConnectionSettings& settings, QList<QUuid> fugitiveIds,
                                                       QWidget* parent)
    : QDialog(parent), m_service(settings), m_fugitiveIds(std::move(fugitiveIds)), m_provider(new QComboBox(this)),
      m_office(new QLineEdit(this)), m_keyPath(new QLineEdit(this)), m_outputPath(new QLineEdit(this)),
      m_selection(new QLabel(this)), m_records(new QLabel(this)), m_fields(new QLabel(this)),
      m_message(new MessageBanner(this)), m_send(nullptr)
{
    setWindowTitle(tr("Address-search extract"));
    resize(620, 460);
    auto* explanation = new QLabel(tr("Sends a commercial address provider only what it needs to search: name, aliases, "
                                      "date of birth and last known addresses. The file is encrypted to the provider's "
                                      "key, and the extract is recorded as a disclosure."),
                                   this);
    explanation->setWordWrap(true);

    m_provider->setObjectName(QStringLiteral("extractProvider"));
    m_provider->setEditable(false);
    m_office->setObjectName(QStringLiteral("extractOffice"));
    m_office->setPlaceholderText(tr("office code, e.g. FO-POR (empty: every office)"));
    m_keyPath->setObjectName(QStringLiteral("extractKeyPath"));
    m_keyPath->setPlaceholderText(tr("the provider's public key (.asc)"));
    m_outputPath->setObjectName(QStringLiteral("extractOutputPath"));
    m_outputPath->setText(QDir::toNativeSeparators(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/'
                                                   + QStringLiteral("address-search-%1.pgp").arg(QDate::currentDate().toString(Qt::ISODate))));
    m_records->setObjectName(QStringLiteral("extractRecords"));
    m_fields->setObjectName(QStringLiteral("extractFields"));
    m_fields->setWordWrap(true);
    m_selection->setWordWrap(true);

    auto* browseKey = new QPushButton(tr("B&rowse…"), this);
    connect(browseKey, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("The provider's public key"), m_keyPath->text(),
                                                          tr("OpenPGP keys (*.asc *.gpg *.pgp *.key);;All files (*)"));
        if (!path.isEmpty()) {
            m_keyPath->setText(QDir::toNativeSeparators(path));
        }
    });
    auto* browseOutput = new QPushButton(tr("Br&owse…"), this);
    connect(browseOutput, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the encrypted extract"), m_outputPath->text(),
                                                          tr("OpenPGP message (*.pgp)"));
        if (!path.isEmpty()) {
            m_outputPath->setText(QDir::toNativeSeparators(path));
        }
    });

    auto* form = new QFormLayout;
    form->addRow(tr("Fugitives:"), m_selection);
    if (m_fugitiveIds.isEmpty()) {
        form->addRow(tr("&Office:"), m_office);
        connect(m_office, &QLineEdit::editingFinished, this, &AddressSearchExtractDialog::refreshPreview);
    } else {
        m_office->hide();
    }
    form->addRow(tr("Records:"), m_records);
    form->addRow(tr("Fields sent:"), m_fields);
    form->addRow(tr("&Provider:"), m_provider);
    form->addRow(tr("Provider's &key:"), withBrowse(m_keyPath, browseKey, this));
    form->addRow(tr("&Save as:"), withBrowse(m_outputPath, browseOutput, this));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_send = buttons->addButton(tr("&Encrypt and save"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("extractSendButton"));
    connect(m_send, &QPushButton::clicked, this, &AddressSearchExtractDialog::run);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);

    m_fields->setText(AddressSearchExtract::fields().join(QStringLiteral(", ")));
    ++m_pending;
    whenReady(this, m_service.run<QList<AddressSearchExtract::Provider>>([](AddressSearchExtract& extract) { return extract.providers(); }),
              [this](const Result<QList<AddressSearchExtract::Provider>>& providers) {
                  --m_pending;
                  if (!providers) {
                      m_message->showMessage(providers.error().userMessage, true);
                      return;
                  }
                  for (const AddressSearchExtract::Provider& provider : *providers) {
                      m_provider->addItem(QStringLiteral("%1 (%2)").arg(provider.name, provider.code), provider.code);
                  }
                  if (providers->isEmpty()) {
                      m_message->showMessage(tr("No commercial address provider is set up (lead sources of kind commercial): "
                                                "ask field administration."),
                                             true);
                  }
              });
    refreshPreview();
}

AddressSearchExtract::Selection AddressSearchExtractDialog::selection() const
{
    AddressSearchExtract::Selection chosen;
    chosen.fugitiveIds = m_fugitiveIds;
    chosen.officeCode = m_office->text().trimmed();
    return chosen;
}

QString AddressSearchExtractDialog::providerCode() const
{
    return m_provider->currentData().toString();
}

void AddressSearchExtractDialog::refreshPreview()
{
    const AddressSearchExtract::Selection chosen = selection();
    m_selection->setText(m_fugitiveIds.isEmpty()
                             ? (chosen.officeCode.isEmpty() ? tr("all at large, every office")
                                                            : tr("all at large of office %1").arg(chosen.officeCode.toUpper()))
                             : (m_fugitiveIds.size() == 1 ? tr("1 fugitive chosen") : tr("%1 fugitives chosen").arg(m_fugitiveIds.size())));
    m_records->setText(tr("counting…"));
    const int generation = ++m_previewGeneration;
    ++m_pending;
    whenReady(this, m_service.run<AddressSearchExtract::Preview>([chosen](AddressSearchExtract& extract) {
                  return extract.preview(chosen, {});
              }),
              [this, generation](const Result<AddressSearchExtract::Preview>& preview) {
                  --m_pending;
                  if (generation != m_previewGeneration) {
                      return; // an older count; a newer one is on its way
                  }
                  if (!preview) {
                      m_records->setText(tr("unknown"));
                      m_message->showMessage(preview.error().userMessage, true);
                      return;
                  }
                  m_records->setText(preview->records == 1 ? tr("1 record goes out") : tr("%1 records go out").arg(preview->records));
                  if (!preview->mayDisclose) {
                      m_send->setEnabled(false);
                      m_message->showMessage(tr("Only headquarters (full field access) sends fugitive data to an address provider."), true);
                  } else if (preview->records == 0) {
                      m_message->showMessage(tr("No fugitive record matches: there is nothing to send."), true);
                  }
              });
}

void AddressSearchExtractDialog::run()
{
    if (isBusy()) {
        return;
    }
    AddressSearchExtract::Request request;
    request.selection = selection();
    request.provider = providerCode();
    const QString keyPath = QDir::fromNativeSeparators(m_keyPath->text().trimmed());
    request.outputPath = QDir::fromNativeSeparators(m_outputPath->text().trimmed());
    if (request.provider.isEmpty()) {
        m_message->showMessage(tr("Choose the provider the extract goes to."), true);
        return;
    }
    if (keyPath.isEmpty()) {
        m_message->showMessage(tr("Choose the provider's public key file: the extract is only ever saved encrypted."), true);
        return;
    }
    if (request.outputPath.isEmpty() || !QFileInfo(QFileInfo(request.outputPath).absolutePath()).isDir()) {
        m_message->showMessage(tr("Choose where to save the encrypted extract (an existing folder)."), true);
        return;
    }
    m_send->setEnabled(false);
    m_message->showMessage(tr("Encrypting and recording the extract…"), false);
    ++m_pending;
    whenReady(this, m_service.run<AddressSearchExtract::Report>([request, keyPath](AddressSearchExtract& extract) mutable
                                                                     -> Result<AddressSearchExtract::Report> {
                  QFile key(keyPath); // read here, off the GUI thread
                  if (!key.open(QIODevice::ReadOnly)) {
                      return fail(Error::io(QStringLiteral("The key file %1 cannot be opened.").arg(keyPath), key.errorString()));
                  }
                  request.providerKey = key.readAll();
                  return extract.run(request);
              }),
              [this](const Result<AddressSearchExtract::Report>& report) {
                  --m_pending;
                  m_send->setEnabled(true);
                  if (!report) {
                      m_message->showMessage(report.error().userMessage, true);
                      return;
                  }
                  m_report = *report;
                  m_message->showMessage(
                      (report->records == 1 ? tr("1 record") : tr("%1 records").arg(report->records))
                          + tr(" for %1 saved to %2, encrypted to key %3. Recorded as a disclosure (extract %4).")
                                .arg(report->provider, QDir::toNativeSeparators(report->outputPath), report->keyFingerprint,
                                     report->extractId.toString(QUuid::WithoutBraces)),
                      false);
                  Q_EMIT extracted(*report);
              });
}

} // namespace ocms
