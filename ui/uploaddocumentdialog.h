#pragma once

#include "db/documentservice.h"
#include "db/dropdowncatalog.h"
#include "models/documentrecord.h"

#include <QDialog>

#include <atomic>
#include <memory>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QProgressBar;

namespace ocms {

class MessageBanner;

// "Add document": a file (chosen, or dropped on the dialog) with its metadata — title, type from the rules,
// author, where it is filed (a case, project or A-Number; fixed when opened from one), tags, a comment —
// streamed to the server in the background with progress and Cancel. Nothing is filed unless all of it
// arrived and matched its hash.
class UploadDocumentDialog final : public QDialog
{
    Q_OBJECT
public:
    UploadDocumentDialog(const ConnectionSettings& settings, const DropdownCatalog& catalog, const DocumentParent& parent,
                         QWidget* parentWidget = nullptr);
    ~UploadDocumentDialog() override;

    void setFile(const QString& path);
    QLineEdit* fileEdit() const { return m_file; }
    QLineEdit* titleEdit() const { return m_title; }
    QComboBox* typeBox() const { return m_type; }
    QLineEdit* parentEdit() const { return m_parent; }
    QLineEdit* tagsEdit() const { return m_tags; }
    MessageBanner* message() const { return m_message; }
    bool isUploading() const { return m_uploading; }
    void upload(); // what the Upload button does

Q_SIGNALS:
    void uploaded(const QUuid& documentId, const QString& title);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void reject() override;

private:
    void finishUpload(const Result<QUuid>& outcome, const QString& title);

    DocumentService m_service;
    DocumentParent m_fixedParent;
    QLineEdit* m_file;
    QLineEdit* m_title;
    QComboBox* m_type;
    QLineEdit* m_author;
    QLineEdit* m_parent;
    QLineEdit* m_tags;
    QLineEdit* m_comment;
    QProgressBar* m_progress;
    MessageBanner* m_message;
    QDialogButtonBox* m_buttons;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_uploading = false;
};

} // namespace ocms
