#pragma once

#include "db/caseservice.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace ocms {

class RecordForm;
class RecordTableModel;

// "Compute deadlines from an event": the user says what happened and when (a motion served by mail, a
// decision issued…); the rules table gives the due dates, each with the rule and the arithmetic behind it.
// Nothing is written until the user adds them; adding twice adds nothing new.
class DeadlineEventDialog final : public QDialog
{
    Q_OBJECT
public:
    DeadlineEventDialog(CaseService service, QUuid caseId, const DropdownCatalog& catalog, QWidget* parent = nullptr);

    RecordForm* form() const { return m_form; }
    RecordTableModel* preview() const { return m_preview; }
    QString message() const;
    void showPreview();
    void addDeadlines();

Q_SIGNALS:
    void deadlinesAdded(int count);

private:
    void setMessage(const QString& text, bool problem);

    CaseService m_service;
    QUuid m_caseId;
    RecordForm* m_form;
    RecordTableModel* m_preview;
    class MessageBanner* m_message;
    QPushButton* m_add;
};

} // namespace ocms
