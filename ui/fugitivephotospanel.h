#pragma once

#include "field/fugitiveservice.h"
#include "models/recordtable.h"

#include <QHash>
#include <QImage>
#include <QUuid>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace ocms {

class RecordFormDialog;

// The photographs (mug shots) of a fugitive record: thumbnails newest first with when each was taken and
// its caption, a larger view on double-click, and "Add photograph…" (a JPEG or PNG file checked here
// before it is sent; the server checks it again). Pictures are fetched one by one off the GUI thread and
// kept while the record is open.
class FugitivePhotosPanel final : public QWidget
{
    Q_OBJECT
public:
    FugitivePhotosPanel(FugitiveService service, bool mayWrite, QWidget* parent = nullptr);

    void setPhotographs(const QUuid& fugitiveId, const RecordTable& photographs);
    QListWidget* list() const { return m_list; }
    QPushButton* addButton() const { return m_add; }
    // How many thumbnails show their picture (the rest are still loading or could not be read).
    int picturesShown() const;
    // A picture file checked as the Add button does: the bytes, or why it cannot be a photograph.
    static Result<QByteArray> readPicture(const QString& path);
    // The dialog for a picture already read, not yet shown (the Add button opens it after choosing a file).
    RecordFormDialog* addDialog(const QByteArray& picture, const QString& fileName);
    // The larger view of a row's picture, not yet shown; null while it is not loaded.
    QWidget* largeView(int row);

Q_SIGNALS:
    void photographAdded();
    void problem(const QString& message);

private:
    void chooseFile();
    void fetchNext();

    FugitiveService m_service;
    bool m_mayWrite;
    QUuid m_fugitiveId;
    RecordTable m_photographs;
    QListWidget* m_list;
    QLabel* m_empty;
    QPushButton* m_add;
    QHash<QString, QImage> m_pictures; // by content id; a null image: could not be read
    bool m_fetching = false;
};

} // namespace ocms
