#pragma once

#include "result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

namespace ocms {

// The signed-in user's column rules as the server reports them (rules.my_field_access): what a form shows
// hidden or read-only. The server enforces the same rules; this only keeps the form honest about them.
class FieldAccess
{
public:
    enum class Level { Hidden, ReadOnly, Editable };

    // Blocking: run off the GUI thread, on a connection of that thread (signed in as the user).
    static Result<FieldAccess> load(QSqlDatabase& database);

    // "legal.cases", "national_security_notes". Columns without rules are editable.
    Level level(const QString& table, const QString& column) const;
    bool canRead(const QString& table, const QString& column) const { return level(table, column) != Level::Hidden; }
    bool canWrite(const QString& table, const QString& column) const { return level(table, column) == Level::Editable; }

    void set(const QString& table, const QString& column, Level level) { m_levels.insert(table + u'.' + column, level); }

private:
    QHash<QString, Level> m_levels;
};

} // namespace ocms
