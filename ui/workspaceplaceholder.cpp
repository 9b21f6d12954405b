#include "workspaceplaceholder.h"

#include <QLabel>
#include <QVBoxLayout>

namespace ocms {

WorkspacePlaceholder::WorkspacePlaceholder(const QString& title, const QString& description, QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(u"<h2>" + title.toHtmlEscaped() + u"</h2>", this);
    auto* text = new QLabel(description, this);
    text->setWordWrap(true);
    auto* notice = new QLabel(tr("This workspace is not available in this version yet."), this);
    notice->setEnabled(false);
    layout->addWidget(heading);
    layout->addWidget(text);
    layout->addWidget(notice);
    layout->addStretch();
}

} // namespace ocms
