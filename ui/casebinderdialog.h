#pragma once

#include "db/documentservice.h"

#include <QDialog>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace ocms {

class MessageBanner;

// "Binder PDF": a case's documents to tick and put in order (drag to reorder), joined into one PDF with a
// contents page and bookmarks, saved where the user says.
class CaseBinderDialog final : public QDialog
{
    Q_OBJECT
public:
    CaseBinderDialog(const ConnectionSettings& settings, const QUuid& caseId, const QString& caseNumber,
                     QWidget* parent = nullptr);

    QListWidget* documents() const { return m_documents; }
    QLineEdit* pathEdit() const { return m_path; }
    MessageBanner* message() const { return m_message; }
    bool isBusy() const { return m_pending > 0; }
    void makeBinder();

Q_SIGNALS:
    void made(const QString& path, int pages);

private:
    DocumentService m_service;
    QString m_caseNumber;
    QListWidget* m_documents;
    QLineEdit* m_path;
    MessageBanner* m_message;
    QPushButton* m_make;
    int m_pending = 0;
};

} // namespace ocms
