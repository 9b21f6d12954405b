#pragma once

#include "sync/deviceadministrationservice.h"

#include <QWidget>

class QMessageBox;
class QPushButton;
class QTableView;

namespace ocms {

class MessageBanner;
class RecordTableModel;

// For field supervisors and administrators: the laptops that hold an offline copy (who, last contact, a
// wipe ordered or done) with Order wipe, and the offline changes the server kept without applying —
// conflicts and refusals, each with the officer and the reason — so they are never reported only to the
// officer. The server decides who sees which rows (row security on sync.devices and applied_changes).
class OfflineCopiesView final : public QWidget
{
    Q_OBJECT
public:
    explicit OfflineCopiesView(const ConnectionSettings& settings, QWidget* parent = nullptr);

    QTableView* devices() const { return m_devices; }
    QTableView* keptChanges() const { return m_kept; }
    RecordTableModel* devicesModel() const { return m_devicesModel; }
    RecordTableModel* keptModel() const { return m_keptModel; }
    bool isBusy() const { return m_pending > 0; }
    QString message() const;
    // Asks to confirm a wipe of the selected laptop (open, not exec: the answer arrives later).
    QMessageBox* confirmWipe();

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void status(const QString& message);

private:
    void orderWipe(const QUuid& deviceId, const QString& who);
    void updateButtons();

    DeviceAdministrationService m_service;
    QTableView* m_devices;
    QTableView* m_kept;
    RecordTableModel* m_devicesModel;
    RecordTableModel* m_keptModel;
    MessageBanner* m_message;
    QPushButton* m_wipe;
    int m_pending = 0;
};

} // namespace ocms
