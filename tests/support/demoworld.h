#pragma once

#include "db/syntheticdataseeder.h"
#include "security/demoaccounts.h"
#include "testdatabase.h"

#include "catchqt.h"

namespace ocms::test {

// The synthetic world, small, with the demo accounts (attorney.demo, support.demo, …) signed in as in the app.
inline void seedDemoWorld(TestDatabase& database, int cases, int documents, quint64 seed, int leads = 0)
{
    SeedOptions options;
    options.cases = cases;
    options.leads = leads;
    options.documents = documents;
    options.seed = seed;
    options.asOf = QDate(2026, 11, 21);
    REQUIRE_OK(SyntheticDataSeeder(database.connection()).run(options));
    REQUIRE_OK(DemoAccounts::create(database.connection()));
}

inline ConnectionSettings demoLogin(TestDatabase& database, const char* login)
{
    return database.settingsFor(QString::fromLatin1(login), QString::fromLatin1(DemoAccounts::kPassword));
}

} // namespace ocms::test
