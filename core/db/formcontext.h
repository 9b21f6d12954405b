#pragma once

#include "connectionsettings.h"
#include "dropdowncatalog.h"
#include "security/fieldaccess.h"
#include "threadconnection.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

namespace ocms {

// What forms need besides the record: dropdown lists and the user's column rules, read off the GUI thread.
struct FormContext
{
    DropdownCatalog catalog;
    FieldAccess access;

    static QFuture<Result<FormContext>> load(const ConnectionSettings& settings)
    {
        return QtConcurrent::run([settings]() {
            return withThreadConnection<FormContext>(settings, QStringLiteral("form-context"), [](QSqlDatabase& database) -> Result<FormContext> {
                auto catalog = DropdownCatalog::load(database);
                if (!catalog) {
                    return fail(catalog.error());
                }
                auto access = FieldAccess::load(database);
                if (!access) {
                    return fail(access.error());
                }
                return FormContext{*catalog, *access};
            });
        });
    }
};

} // namespace ocms
