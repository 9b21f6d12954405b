#include "redactiondialog.h"

#include "messagebanner.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ocms {

RedactionDialog::RedactionDialog(const QUuid& documentId, const QString& suggestedPath, QWidget* parent)
    : QDialog(parent), m_documentId(documentId), m_phrases(new QPlainTextEdit(this)), m_recipient(new QLineEdit(this)),
      m_organization(new QLineEdit(this)), m_basis(new QLineEdit(this)), m_path(new QLineEdit(this)),
      m_message(new MessageBanner(this))
{
    setWindowTitle(tr("Redacted copy for disclosure"));
    setMinimumWidth(560);
    auto* explanation = new QLabel(tr("Every page of the copy becomes an image with the marked words blacked out: "
                                      "nothing under the boxes can be recovered, and the copy has no text layer."),
                                   this);
    explanation->setWordWrap(true);
    m_phrases->setObjectName(QStringLiteral("redactPhrases"));
    m_phrases->setPlaceholderText(tr("One word or phrase per line: names, A-Numbers, addresses…"));
    m_phrases->setTabChangesFocus(true);
    m_recipient->setObjectName(QStringLiteral("redactRecipient"));
    m_organization->setObjectName(QStringLiteral("redactOrganization"));
    m_basis->setObjectName(QStringLiteral("redactBasis"));
    m_basis->setPlaceholderText(tr("e.g. routine use, court order, FOIA release"));
    m_path->setObjectName(QStringLiteral("redactPath"));
    m_path->setText(QDir::toNativeSeparators(suggestedPath));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the redacted copy"), m_path->text(), tr("PDF (*.pdf)"));
        if (!path.isEmpty()) {
            m_path->setText(QDir::toNativeSeparators(path));
        }
    });
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("&Remove:"), m_phrases);
    form->addRow(tr("&Recipient:"), m_recipient);
    form->addRow(tr("&Organization:"), m_organization);
    form->addRow(tr("Legal &basis:"), m_basis);
    form->addRow(tr("&Save as:"), pathRow);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto* make = buttons->addButton(tr("&Make redacted copy"), QDialogButtonBox::AcceptRole);
    make->setObjectName(QStringLiteral("makeRedactedCopyButton"));
    connect(make, &QPushButton::clicked, this, [this] {
        if (auto made = request()) {
            Q_EMIT requested(*made);
        }
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

Result<DisclosureExport::RedactedCopy> RedactionDialog::request()
{
    DisclosureExport::RedactedCopy copy;
    copy.documentId = m_documentId;
    for (const QString& line : m_phrases->toPlainText().split(u'\n')) {
        if (!line.trimmed().isEmpty()) {
            copy.phrases.append(line.trimmed());
        }
    }
    copy.recipientName = m_recipient->text().trimmed();
    copy.recipientOrganization = m_organization->text().trimmed();
    copy.legalBasis = m_basis->text().trimmed();
    copy.outputPath = QDir::fromNativeSeparators(m_path->text().trimmed());
    QString problem;
    if (copy.phrases.isEmpty()) {
        problem = tr("Type the words or phrases to remove.");
    } else if (copy.recipientName.isEmpty()) {
        problem = tr("Say who receives the copy: every disclosure is accounted for on the case.");
    } else if (copy.outputPath.isEmpty() || !QFileInfo(QFileInfo(copy.outputPath).absolutePath()).isDir()) {
        problem = tr("Choose where to save the copy.");
    }
    if (!problem.isEmpty()) {
        showProblem(problem);
        return fail(Error::validation(problem));
    }
    return copy;
}

void RedactionDialog::showProblem(const QString& text)
{
    m_message->showMessage(text, true);
}

} // namespace ocms
