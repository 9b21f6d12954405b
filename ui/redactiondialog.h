#pragma once

#include "documents/disclosureexport.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace ocms {

class MessageBanner;

// "Redacted copy for disclosure": the words to remove (every occurrence) and the areas marked on the viewer's
// pages, who receives the copy and on what basis (the case's accounting of disclosures), and where the copy
// is saved.
class RedactionDialog final : public QDialog
{
    Q_OBJECT
public:
    RedactionDialog(const QUuid& documentId, const QString& suggestedPath, QWidget* parent = nullptr);

    QPlainTextEdit* phrasesEdit() const { return m_phrases; }
    QLineEdit* recipientEdit() const { return m_recipient; }
    QLineEdit* organizationEdit() const { return m_organization; }
    QLineEdit* basisEdit() const { return m_basis; }
    QLineEdit* pathEdit() const { return m_path; }
    MessageBanner* message() const { return m_message; }
    QLabel* markedAreasLabel() const { return m_markedAreas; }

    // The areas marked on the pages of a version (null: the current one), removed along with the words.
    void setMarkedAreas(const QList<Redactor::Box>& areas, const QUuid& versionId);
    // "3 areas marked on 2 pages", or how to mark some when there are none.
    static QString markedAreasText(const QList<Redactor::Box>& areas);

    // The request as typed, or the first thing missing (shown in the dialog too).
    Result<DisclosureExport::RedactedCopy> request();
    void showProblem(const QString& text);

Q_SIGNALS:
    void requested(const ocms::DisclosureExport::RedactedCopy& request);

private:
    QUuid m_documentId;
    QPlainTextEdit* m_phrases;
    QLineEdit* m_recipient;
    QLineEdit* m_organization;
    QLineEdit* m_basis;
    QLineEdit* m_path;
    QLabel* m_markedAreas;
    MessageBanner* m_message;
    QList<Redactor::Box> m_areas;
    QUuid m_areasVersionId;
};

} // namespace ocms
