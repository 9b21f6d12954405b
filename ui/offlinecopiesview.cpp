#include "offlinecopiesview.h"

#include "messagebanner.h"
#include "models/recordtablemodel.h"
#include "whenready.h"

#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ocms {

namespace {

QTableView* listView(QWidget* parent, RecordTableModel* model, const QString& name)
{
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->setVisible(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    return view;
}

QWidget* titled(QWidget* parent, const QString& title, QWidget* content)
{
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(title, box);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}

} // namespace

OfflineCopiesView::OfflineCopiesView(const ConnectionSettings& settings, QWidget* parent)
    : QWidget(parent), m_service(settings), m_devicesModel(new RecordTableModel(this)), m_keptModel(new RecordTableModel(this)),
      m_message(new MessageBanner(this)), m_wipe(new QPushButton(tr("Order wipe…"), this))
{
    setObjectName(QStringLiteral("offlineCopiesView"));
    m_devices = listView(this, m_devicesModel, QStringLiteral("offlineDevicesTable"));
    m_kept = listView(this, m_keptModel, QStringLiteral("keptChangesTable"));
    m_wipe->setObjectName(QStringLiteral("orderWipeButton"));
    m_wipe->setToolTip(tr("The laptop deletes its offline copy the next time it reaches the server."));

    auto* refreshButton = new QPushButton(tr("Refresh"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_wipe);
    buttons->addStretch();
    buttons->addWidget(refreshButton);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(titled(split, tr("Laptops with an offline copy"), m_devices));
    split->addWidget(titled(split, tr("Offline changes the server kept without applying (conflicts and refusals)"), m_kept));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(refreshButton, &QPushButton::clicked, this, &OfflineCopiesView::refresh);
    connect(m_wipe, &QPushButton::clicked, this, [this] { confirmWipe()->open(); });
    connect(m_devices->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OfflineCopiesView::updateButtons);
    updateButtons();
    refresh();
}

QString OfflineCopiesView::message() const
{
    return m_message->message();
}

void OfflineCopiesView::updateButtons()
{
    const int row = m_devices->currentIndex().row();
    const bool chosen = !m_devicesModel->idAt(row).isNull();
    const bool pending = chosen && (!m_devicesModel->data(m_devicesModel->index(row, 5)).toString().isEmpty()
                                    || !m_devicesModel->data(m_devicesModel->index(row, 6)).toString().isEmpty());
    m_wipe->setEnabled(chosen && !pending);
}

QMessageBox* OfflineCopiesView::confirmWipe()
{
    const int row = m_devices->currentIndex().row();
    const QUuid device = m_devicesModel->idAt(row);
    const QString who = m_devicesModel->data(m_devicesModel->index(row, 1)).toString();
    const QString name = m_devicesModel->data(m_devicesModel->index(row, 2)).toString();
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Order wipe"),
                                tr("Wipe the offline copy on %1 (%2)? The laptop deletes it the next time it reaches the server; "
                                   "changes not yet sent from it are lost.")
                                    .arg(name.isEmpty() ? tr("this laptop") : name, who),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmWipe"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, device, who](int answer) {
        if (answer == QMessageBox::Yes && !device.isNull()) {
            orderWipe(device, who);
        }
    });
    return box;
}

void OfflineCopiesView::orderWipe(const QUuid& deviceId, const QString& who)
{
    ++m_pending;
    whenReady(this, m_service.run<void>([deviceId](DeviceAdministration& devices) { return devices.orderWipe(deviceId); }),
              [this, who](const Result<void>& ordered) {
                  --m_pending;
                  if (!ordered) {
                      m_message->showMessage(ordered.error().userMessage, true);
                      return;
                  }
                  Q_EMIT status(tr("Wipe ordered: %1's laptop deletes its offline copy at its next contact.").arg(who));
                  refresh();
              });
}

void OfflineCopiesView::refresh()
{
    ++m_pending;
    whenReady(this, m_service.run<RecordTable>([](DeviceAdministration& devices) { return devices.devices(); }),
              [this](const Result<RecordTable>& table) {
                  --m_pending;
                  if (!table) {
                      m_message->showMessage(table.error().userMessage, true);
                      return;
                  }
                  m_devicesModel->setTable(*table);
                  m_devices->resizeColumnsToContents();
                  updateButtons();
              });
    ++m_pending;
    whenReady(this, m_service.run<RecordTable>([](DeviceAdministration& devices) { return devices.keptChanges(); }),
              [this](const Result<RecordTable>& table) {
                  --m_pending;
                  if (!table) {
                      m_message->showMessage(table.error().userMessage, true);
                      return;
                  }
                  m_keptModel->setTable(*table);
                  m_kept->resizeColumnsToContents();
                  m_message->showMessage(table->isEmpty() ? tr("No offline change is waiting for review.")
                                                          : (table->size() == 1 ? tr("1 offline change was kept without being applied.")
                                                                                : tr("%1 offline changes were kept without being applied.").arg(table->size())),
                                         false);
              });
}

} // namespace ocms
