#pragma once

#include "result.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace ocms {

// One choice of a dropdown: the stored code and the label shown.
struct DropdownChoice
{
    QString code;
    QString label;
};

// Every dropdown a form offers: the administrators' lists (rules.dropdown_values with their dependent
// rules), the fixed sets the schema's CHECK constraints allow, and the organisation (offices, staff).
// Read once per form session off the GUI thread; then answered from memory.
class DropdownCatalog
{
public:
    // Blocking: run off the GUI thread, on a connection of that thread.
    static Result<DropdownCatalog> load(QSqlDatabase& database);
    // The fixed lists only (tests, and forms before the server answered).
    static DropdownCatalog fixedLists();

    // Active choices of a list; with a parent code, only those its dependent rules allow.
    QList<DropdownChoice> choices(const QString& listCode, const QString& parentCode = {}) const;
    bool allows(const QString& listCode, const QString& code, const QString& parentCode = {}) const;
    QString label(const QString& listCode, const QString& code) const;
    bool hasList(const QString& listCode) const { return m_lists.contains(listCode); }

    void addList(const QString& listCode, QList<DropdownChoice> choices) { m_lists.insert(listCode, std::move(choices)); }
    // Value `code` of `listCode` may be chosen only when the parent list holds `parentCode`.
    void addDependency(const QString& listCode, const QString& code, const QString& parentCode);

private:
    QHash<QString, QList<DropdownChoice>> m_lists;
    QHash<QString, QHash<QString, QStringList>> m_parents; // list -> code -> allowed parent codes
};

} // namespace ocms
