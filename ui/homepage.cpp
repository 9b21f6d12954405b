#include "homepage.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace ocms {

HomePage::HomePage(const Session& session, QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(u"<h2>" + tr("Welcome, %1").arg(session.fullName()).toHtmlEscaped() + u"</h2>", this));
    auto* form = new QFormLayout();
    form->addRow(tr("User name:"), new QLabel(session.login(), this));
    form->addRow(tr("Office:"), new QLabel(session.officeName().isEmpty() ? tr("(none)") : session.officeName(), this));
    form->addRow(tr("Roles:"), new QLabel(session.roles().join(QStringLiteral(", ")), this));
    form->addRow(tr("Server:"), new QLabel(tr("PostgreSQL %1").arg(session.serverVersion()), this));
    layout->addLayout(form);
    layout->addStretch();
}

} // namespace ocms
