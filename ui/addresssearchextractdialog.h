#pragma once

#include "db/backgroundservice.h"
#include "field/addresssearchextract.h"

#include <QDialog>
#include <QList>
#include <QUuid>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ocms {

class MessageBanner;

// "Address-search extract": headquarters sends the chosen fugitives (or every one at large of an office) to
// a commercial address provider. Shows how many records and which fields go out, asks for the provider, its
// public key file and where to save the encrypted file, and reports what was sent and recorded. All work
// runs on a pool thread (AddressSearchExtract through BackgroundService); no SQL here.
class AddressSearchExtractDialog final : public QDialog
{
    Q_OBJECT
public:
    // fugitiveIds: chosen elsewhere (e.g. the lead board); empty: all at large of the office typed here.
    AddressSearchExtractDialog(const ConnectionSettings& settings, QList<QUuid> fugitiveIds, QWidget* parent = nullptr);

    QComboBox* providerBox() const { return m_provider; }
    QLineEdit* officeEdit() const { return m_office; }
    QLineEdit* keyPathEdit() const { return m_keyPath; }
    QLineEdit* outputPathEdit() const { return m_outputPath; }
    QLabel* recordsLabel() const { return m_records; }
    QLabel* fieldsLabel() const { return m_fields; }
    MessageBanner* message() const { return m_message; }
    QPushButton* sendButton() const { return m_send; }
    bool isBusy() const { return m_pending > 0; }
    // The last extract made here (null id until one is).
    const AddressSearchExtract::Report& lastReport() const { return m_report; }

    // Counts the records again (after the office changed).
    void refreshPreview();
    // Checks the form, then builds, encrypts, saves and records the extract in the background.
    void run();

Q_SIGNALS:
    void extracted(const ocms::AddressSearchExtract::Report& report);

private:
    AddressSearchExtract::Selection selection() const;
    QString providerCode() const;

    BackgroundService<AddressSearchExtract> m_service;
    QList<QUuid> m_fugitiveIds;
    QComboBox* m_provider;
    QLineEdit* m_office;
    QLineEdit* m_keyPath;
    QLineEdit* m_outputPath;
    QLabel* m_selection;
    QLabel* m_records;
    QLabel* m_fields;
    MessageBanner* m_message;
    QPushButton* m_send;
    AddressSearchExtract::Report m_report;
    int m_pending = 0;
    int m_previewGeneration = 0;
};

} // namespace ocms
