#include "leadimportfile.h"

#include "db/threadconnection.h"

#include <QFile>
#include <QtConcurrent/QtConcurrentRun>

namespace ocms {

QFuture<Result<LeadImportReport>> LeadImportFile::start(const ConnectionSettings& settings, const QString& path, LeadImportOptions options)
{
    return QtConcurrent::run([settings, path, options = std::move(options)]() {
        return withThreadConnection<LeadImportReport>(settings, QStringLiteral("lead-import"), [&](QSqlDatabase& database) -> Result<LeadImportReport> {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                return fail(Error{ErrorCode::Io, QStringLiteral("The file %1 cannot be read: %2").arg(path, file.errorString()), {}});
            }
            return LeadImport(database, options).run(&file);
        });
    });
}

} // namespace ocms
