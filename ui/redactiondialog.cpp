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
#include <QSet>
#include <QVBoxLayout>

namespace ocms {

RedactionDialog::RedactionDialog(const QUuid& documentId, const QString& suggestedPath, QWidget* parent)
    : QDialog(parent), m_documentId(documentId), m_phrases(new QPlainTextEdit(this)), m_recipient(new QLineEdit(this)),
      m_organization(new QLineEdit(this)), m_basis(new QLineEdit(this)), m_path(new QLineEdit(this)),
      m_markedAreas(new QLabel(this)), m_message(new MessageBanner(this))
{
    setWindowTitle(tr("Redacted copy for disclosure"));
    setMinimumWidth(560);
    auto* explanation = new QLabel(tr("Every page of the copy becomes an image with the marked words and areas blacked out: "
                                      "nothing under the boxes can be recovered, and the copy has no text layer."),
                                   this);
    explanation->setWordWrap(true);
    m_phrases->setObjectName(QStringLiteral("redactPhrases"));
    m_phrases->setPlaceholderText(tr("One word or phrase per line: names, A-Numbers, addresses…"));
    m_phrases->setTabChangesFocus(true);
    m_markedAreas->setObjectName(QStringLiteral("redactMarkedAreas"));
    m_markedAreas->setWordWrap(true);
    setMarkedAreas({}, {});
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
    form->addRow(tr("Areas:"), m_markedAreas);
    form->addRow(tr("&Recipient:"), m_recipient);
    form->addRow(tr("&Organization:"), m_organization);
    form->addRow(tr("Legal &basis:"), m_basis);
    auto* saveAs = new QLabel(tr("&Save as:"), this); // a label for a row of two widgets needs its buddy named
    saveAs->setBuddy(m_path);
    form->addRow(saveAs, pathRow);
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
    copy.areas = m_areas;
    copy.areasVersionId = m_areasVersionId;
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
    if (copy.phrases.isEmpty() && copy.areas.isEmpty()) {
        problem = tr("Type the words or phrases to remove, or mark areas on the pages with “Mark for redaction”.");
    } else if (copy.recipientName.isEmpty()) {
        problem = tr("Say who receives the copy: every disclosure is accounted for on the case.");
    } else if (copy.outputPath.isEmpty() || !QFileInfo(QFileInfo(copy.outputPath).absolutePath()).isDir()) {
        problem = tr("Choose where to save the copy.");
    }
    if (!problem.isEmpty()) {
        showProblem(problem);
        return fail(Error::validation(problem));
    }
    m_message->showMessage(QString(), false); // an earlier problem is solved
    return copy;
}

void RedactionDialog::setMarkedAreas(const QList<Redactor::Box>& areas, const QUuid& versionId)
{
    m_areas = areas;
    m_areasVersionId = versionId;
    m_markedAreas->setText(markedAreasText(areas));
}

QString RedactionDialog::markedAreasText(const QList<Redactor::Box>& areas)
{
    if (areas.isEmpty()) {
        return tr("None. To black out an area, turn on “Mark for redaction” above the pages, drag over it, "
                  "then open this again.");
    }
    QSet<int> pages;
    for (const Redactor::Box& area : areas) {
        pages.insert(area.pageIndex);
    }
    const QString marked = areas.size() == 1 ? tr("1 area marked") : tr("%1 areas marked").arg(areas.size());
    const QString onPages = pages.size() == 1 ? tr("on 1 page") : tr("on %1 pages").arg(pages.size());
    return marked + u' ' + onPages;
}

void RedactionDialog::showProblem(const QString& text)
{
    m_message->showMessage(text, true);
}

} // namespace ocms
