#include "recordformdialog.h"

#include "messagebanner.h"
#include "whenready.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace ocms {

RecordFormDialog::RecordFormDialog(const QString& title, FormSpec spec, Submit submit, QWidget* parent)
    : QDialog(parent), m_form(new RecordForm(std::move(spec), this)), m_message(new MessageBanner(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this)), m_submit(std::move(submit))
{
    setWindowTitle(title);
    m_message->setObjectName(QStringLiteral("serverMessage"));
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RecordFormDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, std::min(720, 120 + int(m_form->spec().size()) * 56));
}

void RecordFormDialog::setSaveEnabled(bool enabled)
{
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(enabled);
}

QString RecordFormDialog::serverMessage() const
{
    return m_message->message();
}

void RecordFormDialog::save()
{
    m_message->showMessage({}, false);
    if (!m_form->validate()) {
        return;
    }
    const QVariantMap values = m_changesOnly ? m_form->changedValues() : m_form->normalisedValues();
    if (m_changesOnly && values.isEmpty()) {
        m_message->showMessage(tr("Nothing to save: no field was changed."), true);
        return;
    }
    m_buttons->setEnabled(false);
    setCursor(Qt::BusyCursor);
    whenReady(this, m_submit(values), [this](const Result<void>& outcome) {
        m_buttons->setEnabled(true);
        unsetCursor();
        if (!outcome) {
            m_message->showMessage(outcome.error().userMessage, true);
            return;
        }
        Q_EMIT saved();
        accept();
    });
}

} // namespace ocms
