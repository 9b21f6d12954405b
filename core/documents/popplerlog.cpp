#include "popplerlog.h"

#include <QLoggingCategory>
#include <QVariant>

#include <poppler-qt6.h>

#include <mutex>

namespace ocms {

namespace {

Q_LOGGING_CATEGORY(lcPoppler, "ocms.documents.poppler", QtWarningMsg)

void forwardToCategory(const QString& message, const QVariant& /*closure*/)
{
    qCDebug(lcPoppler).noquote() << message;
}

} // namespace

void PopplerLog::install()
{
    static std::once_flag installed;
    std::call_once(installed, [] { Poppler::setDebugErrorFunction(&forwardToCategory, QVariant()); });
}

} // namespace ocms
