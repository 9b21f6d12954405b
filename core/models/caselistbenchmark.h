#pragma once

#include "db/benchmarkline.h"
#include "db/connectionsettings.h"
#include "result.h"

#include <QList>

#include <functional>

namespace ocms {

struct CaseListBenchmarkOptions
{
    qint64 cases = 1000000;
    int samples = 25; // per measurement
    std::function<void(const QString&)> progress;
};

// `ocmsctl bench case-list`: the case list model against the same SQL run raw on a plain connection of
// the same user, for the first window, filters (name prefix, A-Number, alias), a jump to a random row and
// a sort change; plus the client's memory after browsing. Needs a running event loop's thread (the model
// answers through queued signals).
class CaseListBenchmark
{
public:
    CaseListBenchmark(ConnectionSettings owner, CaseListBenchmarkOptions options);

    Result<QList<BenchmarkLine>> run(const std::function<void(const BenchmarkLine&)>& report);

private:
    Result<void> prepare();

    ConnectionSettings m_owner;
    CaseListBenchmarkOptions m_options;
    QString m_login;
    QString m_password;
};

} // namespace ocms
