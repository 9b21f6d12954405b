#pragma once

#include "db/connectionsettings.h"
#include "db/dropdowncatalog.h"
#include "imports/leadimportreport.h"
#include "result.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ocms {

class MessageBanner;
class RecordListTab;

// Batch lead import from the client (headquarters): choose a CSV extract (FORMATS.md) and the source of
// lines that name none, check it first or load it. Every rejected line is listed with its line number and
// reason; the accepted lines are loaded in one transaction, routed by ZIP and merged with open leads.
// The import runs off the GUI thread with progress, as the signed-in user.
class LeadImportDialog final : public QDialog
{
    Q_OBJECT
public:
    LeadImportDialog(ConnectionSettings settings, const DropdownCatalog& catalog, QWidget* parent = nullptr);

    void setFile(const QString& path);
    QComboBox* sourceBox() const { return m_source; }
    QCheckBox* checkOnly() const { return m_checkOnly; }
    QCheckBox* strict() const { return m_strict; }
    RecordListTab* rejectedLines() const { return m_rejected; }
    QString summary() const;
    bool isRunning() const { return m_running; }
    void start(); // as the Import button does

Q_SIGNALS:
    void imported(); // leads were loaded
    void finished(); // the run ended, whatever its outcome

private:
    void showReport(const Result<LeadImportReport>& report);

    ConnectionSettings m_settings;
    QLineEdit* m_file;
    QComboBox* m_source;
    QCheckBox* m_checkOnly;
    QCheckBox* m_strict;
    QLabel* m_progress;
    MessageBanner* m_message;
    RecordListTab* m_rejected;
    QPushButton* m_run;
    QDialogButtonBox* m_buttons;
    bool m_running = false;
};

} // namespace ocms
