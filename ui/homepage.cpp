#include "homepage.h"

#include "myworkview.h"

#include <QLabel>
#include <QVBoxLayout>

namespace ocms {

HomePage::HomePage(const Session& session, QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(u"<h2>" + tr("Welcome, %1").arg(session.fullName()).toHtmlEscaped() + u"</h2>", this));
    auto* facts = new QLabel(tr("%1 · %2 · %3 · PostgreSQL %4")
                                 .arg(session.login(), session.officeName().isEmpty() ? tr("(no office)") : session.officeName(),
                                      session.roles().join(QStringLiteral(", ")), session.serverVersion()),
                             this);
    facts->setObjectName(QStringLiteral("homeFacts"));
    facts->setWordWrap(true);
    layout->addWidget(facts);
    if (session.isLegalStaff()) {
        m_myWork = new MyWorkView(session.settings(), this);
        layout->addWidget(m_myWork, 1);
    } else {
        layout->addStretch();
    }
}

} // namespace ocms
