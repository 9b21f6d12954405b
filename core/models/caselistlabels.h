#pragma once

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QUuid>

#include "result.h"

namespace ocms {

// A choice in a filter: what is stored (code or id) and what is shown.
struct Choice
{
    QString value;
    QString label;
};

// What the case list shows in words instead of codes, and what its filter bar offers: read once per
// session from the rules lists and the organisation.
struct CaseListLabels
{
    QList<Choice> caseTypes;
    QList<Choice> statuses = caseStatuses();
    QList<Choice> offices;   // value: office id
    QList<Choice> attorneys; // value: user id
    QStringList courts;

    QString caseTypeLabel(const QString& code) const;
    QString statusLabel(const QString& code) const;
    QString officeName(const QString& officeId) const;

    // Blocking: run off the GUI thread, on a connection of that thread.
    static Result<CaseListLabels> load(QSqlDatabase& database);
    // The statuses a case can have (fixed by the schema).
    static QList<Choice> caseStatuses();

private:
    static QString labelOf(const QList<Choice>& choices, const QString& value);
};

} // namespace ocms
