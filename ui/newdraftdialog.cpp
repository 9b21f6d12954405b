#include "newdraftdialog.h"

#include "documentfields.h"
#include "messagebanner.h"
#include "whenready.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ocms {

NewDraftDialog::NewDraftDialog(const ConnectionSettings& settings, const DropdownCatalog& catalog,
                               const DocumentParent& parent, QWidget* parentWidget)
    : QDialog(parentWidget), m_service(settings), m_fixedParent(parent), m_title(new QLineEdit(this)),
      m_type(new QComboBox(this)), m_author(new QLineEdit(this)), m_parent(new QLineEdit(this)),
      m_tags(new QLineEdit(this)), m_start(new QPushButton(tr("&Start writing"), this)), m_message(new MessageBanner(this))
{
    setWindowTitle(tr("New draft"));
    setMinimumWidth(520);
    m_title->setObjectName(QStringLiteral("draftTitle"));
    m_title->setPlaceholderText(tr("e.g. Memorandum on particular social group"));
    m_type->setObjectName(QStringLiteral("draftType"));
    fillDocumentTypes(m_type, catalog);
    m_type->setCurrentIndex(std::max(0, m_type->findData(QStringLiteral("memorandum"))));
    m_author->setObjectName(QStringLiteral("draftAuthor"));
    m_parent->setObjectName(QStringLiteral("draftParent"));
    m_parent->setPlaceholderText(tr("Case number, project number or A-Number"));
    if (!parent.label.isEmpty()) {
        m_parent->setText(parent.label);
        m_parent->setReadOnly(true);
    }
    m_tags->setObjectName(QStringLiteral("draftTags"));
    m_tags->setPlaceholderText(tr("Words separated by commas"));
    m_start->setObjectName(QStringLiteral("startDraftButton"));
    m_start->setDefault(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("T&ype:"), m_type);
    form->addRow(tr("&Author:"), m_author);
    form->addRow(tr("Filed &under:"), m_parent);
    form->addRow(tr("Ta&gs:"), m_tags);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_start, QDialogButtonBox::AcceptRole);
    connect(m_start, &QPushButton::clicked, this, &NewDraftDialog::start);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewDraftDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void NewDraftDialog::setStartText(const QString& text)
{
    m_start->setText(text);
}

void NewDraftDialog::start()
{
    if (m_resolving) {
        return;
    }
    QString problem;
    QWidget* culprit = nullptr;
    if (m_title->text().trimmed().isEmpty()) {
        problem = tr("Give the draft a title.");
        culprit = m_title;
    } else if (m_type->currentData().toString().isEmpty()) {
        problem = tr("Choose the type of document.");
        culprit = m_type;
    } else if (m_fixedParent.label.isEmpty() && m_parent->text().trimmed().isEmpty()) {
        problem = tr("Say where the draft is filed: a case number, project number or A-Number.");
        culprit = m_parent;
    }
    if (!problem.isEmpty()) {
        m_message->showMessage(problem, true);
        culprit->setFocus();
        return;
    }
    NewDocument filing;
    filing.title = m_title->text().trimmed();
    filing.documentType = m_type->currentData().toString();
    filing.authorName = m_author->text().trimmed();
    filing.tags = tagsFromText(m_tags->text());
    if (!m_fixedParent.label.isEmpty()) {
        filing.caseId = m_fixedParent.caseId;
        filing.projectId = m_fixedParent.projectId;
        filing.aNumber = m_fixedParent.aNumber;
        Q_EMIT filed(filing, m_fixedParent.label);
        accept();
        return;
    }
    m_resolving = true;
    m_start->setEnabled(false);
    m_message->showMessage(tr("Checking where the draft is filed…"), false);
    const QString reference = m_parent->text().trimmed();
    whenReady(this, m_service.run<DocumentParent>([reference](DocumentRepository& repository) { return repository.resolveParent(reference); }),
              [this, filing](const Result<DocumentParent>& where) {
                  m_resolving = false;
                  m_start->setEnabled(true);
                  if (!where) {
                      m_message->showMessage(where.error().userMessage, true);
                      m_parent->setFocus();
                      return;
                  }
                  NewDocument resolved = filing;
                  resolved.caseId = where->caseId;
                  resolved.projectId = where->projectId;
                  resolved.aNumber = where->aNumber;
                  Q_EMIT filed(resolved, where->label);
                  accept();
              });
}

} // namespace ocms
