#pragma once

#include "caselistlabels.h"
#include "db/connectionsettings.h"
#include "result.h"
#include "savedsearchstore.h"

#include <QFuture>

namespace ocms {

// The case list's small reads and writes besides the rows (labels, saved searches), run on a pool
// thread with a connection of that thread, so a widget never blocks and never touches SQL.
class CaseListDataService
{
public:
    explicit CaseListDataService(ConnectionSettings settings) : m_settings(std::move(settings)) {}

    QFuture<Result<CaseListLabels>> loadLabels() const;
    QFuture<Result<QList<SavedSearch>>> savedSearches() const;
    QFuture<Result<void>> saveSearch(const QString& name, const QJsonObject& definition) const;
    QFuture<Result<void>> removeSearch(const QString& name) const;

    static constexpr auto kScreen = "case_list";

private:
    ConnectionSettings m_settings;
};

} // namespace ocms
