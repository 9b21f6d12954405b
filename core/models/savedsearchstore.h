#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace ocms {

struct SavedSearch
{
    QString name;
    QJsonObject definition;
};

// A user's saved searches for one screen (core.saved_searches; row security keeps each user to their own).
// Blocking: use it off the GUI thread, on a connection of that thread.
class SavedSearchStore
{
public:
    SavedSearchStore(QSqlDatabase database, QString screen);

    Result<QList<SavedSearch>> list();
    // Saves under a name, replacing a search of the same name.
    Result<void> save(const QString& name, const QJsonObject& definition);
    Result<void> remove(const QString& name);

    static constexpr int kMaxNameLength = 80;

private:
    QSqlDatabase m_database;
    QString m_screen;
};

} // namespace ocms
