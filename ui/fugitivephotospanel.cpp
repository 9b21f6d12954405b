#include "fugitivephotospanel.h"

#include "domain/fieldforms.h"
#include "recordformdialog.h"
#include "whenready.h"

#include <algorithm>

#include <QBuffer>
#include <QColor>
#include <QDate>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QPixmap>
#include <QPushButton>
#include <QVBoxLayout>

namespace ocms {

namespace {

constexpr int kThumbnail = 160;
constexpr int kLarge = 720;

QString captionOf(const RecordTable& photographs, int row)
{
    const QDate taken = photographs.value(row, QStringLiteral("Taken")).toDate();
    const QString caption = photographs.value(row, QStringLiteral("Caption")).toString();
    const QString when = taken.isValid() ? taken.toString(Qt::ISODate) : QObject::tr("date unknown");
    return caption.isEmpty() ? when : when + u'\n' + caption;
}

// A picture's thumbnail, or a grey square while it loads (or when it cannot be read).
QPixmap thumbnail(const QImage& picture)
{
    if (picture.isNull()) {
        QImage blank(kThumbnail, kThumbnail, QImage::Format_RGB32);
        blank.fill(QColor(0xe8, 0xe8, 0xe8));
        return QPixmap::fromImage(blank);
    }
    return QPixmap::fromImage(picture.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

} // namespace

FugitivePhotosPanel::FugitivePhotosPanel(FugitiveService service, bool mayWrite, QWidget* parent)
    : QWidget(parent), m_service(std::move(service)), m_mayWrite(mayWrite), m_list(new QListWidget(this)),
      m_empty(new QLabel(tr("No photographs on record."), this)), m_add(new QPushButton(tr("Add &photograph…"), this))
{
    m_list->setObjectName(QStringLiteral("photographList"));
    m_list->setViewMode(QListView::IconMode);
    m_list->setIconSize(QSize(kThumbnail, kThumbnail));
    m_list->setGridSize(QSize(kThumbnail + 40, kThumbnail + 56));
    m_list->setResizeMode(QListView::Adjust);
    m_list->setMovement(QListView::Static);
    m_list->setWordWrap(true);
    m_list->setToolTip(tr("Double-click a photograph to see it larger."));
    m_add->setObjectName(QStringLiteral("addPhotographButton"));
    m_add->setEnabled(m_mayWrite);
    m_add->setToolTip(m_mayWrite ? tr("A JPEG or PNG picture of at most 10 MiB.") : tr("Needs read/add/update field access."));
    connect(m_add, &QPushButton::clicked, this, &FugitivePhotosPanel::chooseFile);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        if (QWidget* view = largeView(m_list->row(item))) {
            view->show();
        }
    });
    m_empty->setObjectName(QStringLiteral("noPhotographs"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_empty, 1);
    buttons->addWidget(m_add);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_list, 1);
}

void FugitivePhotosPanel::setPhotographs(const QUuid& fugitiveId, const RecordTable& photographs)
{
    if (fugitiveId != m_fugitiveId) {
        m_pictures.clear();
    }
    m_fugitiveId = fugitiveId;
    m_photographs = photographs;
    m_list->clear();
    for (int row = 0; row < photographs.size(); ++row) {
        const QString content = photographs.value(row, QStringLiteral("Content")).toString();
        auto* item = new QListWidgetItem(m_list);
        item->setText(captionOf(photographs, row));
        item->setTextAlignment(Qt::AlignHCenter | Qt::AlignTop);
        item->setIcon(thumbnail(m_pictures.value(content)));
    }
    m_empty->setText(photographs.size() == 0 ? tr("No photographs on record.")
                                             : photographs.size() == 1 ? tr("1 photograph") : tr("%1 photographs").arg(photographs.size()));
    fetchNext();
}

int FugitivePhotosPanel::picturesShown() const
{
    return int(std::count_if(m_pictures.cbegin(), m_pictures.cend(), [](const QImage& picture) { return !picture.isNull(); }));
}

void FugitivePhotosPanel::fetchNext()
{
    if (m_fetching) {
        return;
    }
    for (int row = 0; row < m_photographs.size(); ++row) {
        const QString content = m_photographs.value(row, QStringLiteral("Content")).toString();
        if (m_pictures.contains(content)) {
            continue;
        }
        m_fetching = true;
        whenReady(this,
                  m_service.run<QByteArray>([id = QUuid(content)](FugitiveRepository& fugitives) { return fugitives.photograph(id); }),
                  [this, content](const Result<QByteArray>& bytes) {
                      m_fetching = false;
                      QImage picture;
                      if (!bytes || !picture.loadFromData(*bytes)) {
                          Q_EMIT problem(bytes ? tr("A photograph could not be shown: its picture is not a readable image.")
                                               : bytes.error().userMessage);
                          picture = QImage(); // kept as unreadable: not fetched again while the record is open
                      }
                      m_pictures.insert(content, picture);
                      for (int shown = 0; shown < m_photographs.size(); ++shown) {
                          if (m_photographs.value(shown, QStringLiteral("Content")).toString() == content) {
                              m_list->item(shown)->setIcon(thumbnail(picture));
                          }
                      }
                      fetchNext();
                  });
        return;
    }
}

Result<QByteArray> FugitivePhotosPanel::readPicture(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Error::io(tr("The picture could not be opened: %1").arg(file.errorString()), path));
    }
    if (file.size() > FugitiveRepository::kMaxPhotographBytes) {
        return fail(Error::validation(tr("A photograph may be at most 10 MiB; %1 is %2 MiB.")
                                          .arg(QFileInfo(path).fileName())
                                          .arg(double(file.size()) / 1048576.0, 0, 'f', 1)));
    }
    const QByteArray bytes = file.readAll();
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const QByteArray format = reader.format();
    if (format != "jpeg" && format != "png") {
        return fail(Error::validation(tr("%1 is not a JPEG or PNG picture.").arg(QFileInfo(path).fileName())));
    }
    if (reader.read().isNull()) {
        return fail(Error::validation(tr("%1 is damaged: %2.").arg(QFileInfo(path).fileName(), reader.errorString())));
    }
    return bytes;
}

void FugitivePhotosPanel::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Add photograph"), QString(), tr("Pictures (*.jpg *.jpeg *.png)"));
    if (path.isEmpty()) {
        return;
    }
    auto picture = readPicture(path);
    if (!picture) {
        Q_EMIT problem(picture.error().userMessage);
        return;
    }
    addDialog(*picture, QFileInfo(path).fileName())->open();
}

RecordFormDialog* FugitivePhotosPanel::addDialog(const QByteArray& picture, const QString& fileName)
{
    const auto submit = [service = m_service, fugitive = m_fugitiveId, picture](const QVariantMap& values) {
        return service.run<void>([fugitive, picture, values](FugitiveRepository& fugitives) {
            return fugitives.addPhotograph(fugitive, picture, values);
        });
    };
    auto* dialog = new RecordFormDialog(tr("Add photograph: %1").arg(fileName), FieldForms::photograph(), submit, this);
    dialog->setObjectName(QStringLiteral("addPhotographDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RecordFormDialog::saved, this, &FugitivePhotosPanel::photographAdded);
    return dialog;
}

QWidget* FugitivePhotosPanel::largeView(int row)
{
    const QImage picture = m_pictures.value(m_photographs.value(row, QStringLiteral("Content")).toString());
    if (picture.isNull()) {
        return nullptr;
    }
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("photographView"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Photograph"));
    auto* image = new QLabel(dialog);
    image->setAlignment(Qt::AlignCenter);
    image->setPixmap(QPixmap::fromImage(picture.width() > kLarge || picture.height() > kLarge
                                            ? picture.scaled(kLarge, kLarge, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                                            : picture));
    auto* caption = new QLabel(captionOf(m_photographs, row), dialog);
    caption->setAlignment(Qt::AlignCenter);
    caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(close, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(image, 1);
    layout->addWidget(caption);
    layout->addWidget(close);
    return dialog;
}

} // namespace ocms
