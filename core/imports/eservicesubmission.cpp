#include "eservicesubmission.h"

#include <array>
#include <utility>

namespace ocms {

namespace {

constexpr std::array<std::pair<EServiceSubmission::Kind, const char*>, 5> kinds{{
    {EServiceSubmission::Kind::Motion, "motion"},
    {EServiceSubmission::Kind::Brief, "brief"},
    {EServiceSubmission::Kind::Application, "application"},
    {EServiceSubmission::Kind::NoticeOfAppearance, "notice_of_appearance"},
    {EServiceSubmission::Kind::NoticeOfAppeal, "notice_of_appeal"},
}};

} // namespace

QString EServiceSubmission::kindCode(Kind kind)
{
    for (const auto& [value, code] : kinds) {
        if (value == kind) {
            return QString::fromLatin1(code);
        }
    }
    return {};
}

bool EServiceSubmission::kindFromCode(const QString& code, Kind* kind)
{
    for (const auto& [value, name] : kinds) {
        if (code == QLatin1String(name)) {
            *kind = value;
            return true;
        }
    }
    return false;
}

QString EServiceSubmission::kindName(Kind kind)
{
    return kindCode(kind).replace(u'_', u' ');
}

} // namespace ocms
