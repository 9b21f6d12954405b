#include "fixturefile.h"

#include <QSettings>

namespace ocms::test {

QString FixtureFile::path()
{
    return qEnvironmentVariable("OCMS_PG_FIXTURE_FILE");
}

FixtureFile FixtureFile::read(const QString& path)
{
    QSettings settings(path, QSettings::IniFormat);
    return {settings.value(QStringLiteral("cluster/data")).toString()};
}

bool FixtureFile::write(const QString& path) const
{
    QSettings settings(path, QSettings::IniFormat);
    settings.setValue(QStringLiteral("cluster/data"), dataDirectory);
    settings.sync();
    return settings.status() == QSettings::NoError;
}

} // namespace ocms::test
