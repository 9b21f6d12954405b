#pragma once

#include "recordform.h"
#include "result.h"

#include <QDialog>
#include <QFuture>

#include <functional>

class QDialogButtonBox;
class QLabel;

namespace ocms {

// A dialog around a RecordForm that saves through a background call: problems are shown at their fields
// before anything is sent; what the server refuses is shown above the form, and the dialog stays open with
// everything typed, so nothing is lost.
class RecordFormDialog final : public QDialog
{
    Q_OBJECT
public:
    using Submit = std::function<QFuture<Result<void>>(const QVariantMap& values)>;

    RecordFormDialog(const QString& title, FormSpec spec, Submit submit, QWidget* parent = nullptr);

    RecordForm* form() const { return m_form; }
    // Editing a stored record: only the fields the user changed are sent (after setValues on the form).
    void setSendChangesOnly(bool changesOnly) { m_changesOnly = changesOnly; }
    void setSaveEnabled(bool enabled);
    QString serverMessage() const;
    // Validates and submits, as the Save button does (for tests and keyboard users alike).
    void save();

Q_SIGNALS:
    void saved();

private:
    RecordForm* m_form;
    class MessageBanner* m_message;
    QDialogButtonBox* m_buttons;
    Submit m_submit;
    bool m_changesOnly = false;
};

} // namespace ocms
