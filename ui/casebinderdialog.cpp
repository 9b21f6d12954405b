#include "casebinderdialog.h"

#include "documents/disclosureexport.h"
#include "messagebanner.h"
#include "whenready.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace ocms {

CaseBinderDialog::CaseBinderDialog(const ConnectionSettings& settings, const QUuid& caseId, const QString& caseNumber,
                                   QWidget* parent)
    : QDialog(parent), m_service(settings), m_caseNumber(caseNumber), m_documents(new QListWidget(this)),
      m_path(new QLineEdit(this)), m_message(new MessageBanner(this)), m_make(nullptr)
{
    setWindowTitle(tr("Binder of %1").arg(caseNumber));
    resize(640, 520);
    auto* explanation = new QLabel(tr("Tick the documents to include and drag them into order. The binder opens with a "
                                      "contents page; every document gets a bookmark."),
                                   this);
    explanation->setWordWrap(true);
    m_documents->setObjectName(QStringLiteral("binderDocuments"));
    m_documents->setDragDropMode(QAbstractItemView::InternalMove);
    m_path->setObjectName(QStringLiteral("binderPath"));
    m_path->setText(QDir::toNativeSeparators(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/' +
                                             caseNumber + QStringLiteral("-binder.pdf")));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the binder"), m_path->text(), tr("PDF (*.pdf)"));
        if (!path.isEmpty()) {
            m_path->setText(QDir::toNativeSeparators(path));
        }
    });
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(new QLabel(tr("Save as:"), this));
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_make = buttons->addButton(tr("&Make binder"), QDialogButtonBox::AcceptRole);
    m_make->setObjectName(QStringLiteral("makeBinderButton"));
    connect(m_make, &QPushButton::clicked, this, &CaseBinderDialog::makeBinder);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_message);
    layout->addWidget(m_documents, 1);
    layout->addLayout(pathRow);
    layout->addWidget(buttons);

    ++m_pending;
    whenReady(this, m_service.run<RecordTable>([caseId](DocumentRepository& repository) { return repository.listFor(caseId, {}, {}); }),
              [this](const Result<RecordTable>& table) {
                  --m_pending;
                  if (!table) {
                      m_message->showMessage(table.error().userMessage, true);
                      return;
                  }
                  for (qsizetype row = 0; row < table->size(); ++row) {
                      auto* item = new QListWidgetItem(QStringLiteral("%1  %2").arg(table->value(row, QStringLiteral("Document")).toString(),
                                                                                     table->value(row, QStringLiteral("Title")).toString()),
                                                       m_documents);
                      item->setData(Qt::UserRole, table->ids.at(row));
                      item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                      item->setCheckState(Qt::Checked);
                  }
                  if (table->isEmpty()) {
                      m_message->showMessage(tr("This case has no documents yet."), true);
                  }
              });
}

void CaseBinderDialog::makeBinder()
{
    QList<QUuid> chosen;
    for (int row = 0; row < m_documents->count(); ++row) {
        if (m_documents->item(row)->checkState() == Qt::Checked) {
            chosen.append(m_documents->item(row)->data(Qt::UserRole).toUuid());
        }
    }
    const QString path = QDir::fromNativeSeparators(m_path->text().trimmed());
    if (chosen.isEmpty()) {
        m_message->showMessage(tr("Tick at least one document."), true);
        return;
    }
    if (path.isEmpty() || !QFileInfo(QFileInfo(path).absolutePath()).isDir()) {
        m_message->showMessage(tr("Choose where to save the binder."), true);
        return;
    }
    m_make->setEnabled(false);
    m_message->showMessage(tr("Making the binder…"), false);
    ++m_pending;
    const QString title = tr("Binder of %1").arg(m_caseNumber);
    whenReady(this, m_service.run<int>([title, chosen, path](DocumentRepository& repository) {
                  return DisclosureExport(repository).binder(title, chosen, path);
              }),
              [this, path](const Result<int>& pages) {
                  --m_pending;
                  m_make->setEnabled(true);
                  if (!pages) {
                      m_message->showMessage(pages.error().userMessage, true);
                      return;
                  }
                  m_message->showMessage(tr("Binder saved to %1 (%n page(s)).", nullptr, *pages).arg(QDir::toNativeSeparators(path)), false);
                  Q_EMIT made(path, *pages);
              });
}

} // namespace ocms
