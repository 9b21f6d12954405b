// Catch2 entry point for tests without widgets: a QCoreApplication so Qt plugins (QPSQL) and threads work.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "lsansuppressions.h"

#include <QCoreApplication>
#include <QThreadPool>

#include <openssl/crypto.h>

int main(int argc, char** argv)
{
    // No OpenSSL clean-up at exit: a pool thread still finishing (its OpenSSL thread-local destructor runs
    // after QThread has reported it done) raced it, crashed, and deadlocked LeakSanitizer's exit check.
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr);
    QCoreApplication app(argc, argv);
    const int failed = Catch::Session().run(argc, argv);
    // Pool threads end here, not during exit: a thread still running its TLS destructors while the exit
    // handlers (OpenSSL's cleanup, LeakSanitizer) run can free twice or deadlock.
    QThreadPool::globalInstance()->waitForDone();
    return failed;
}
