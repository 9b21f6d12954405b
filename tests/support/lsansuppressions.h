#pragma once

// Leaks LeakSanitizer reports inside system libraries at exit (OpenSSL's per-thread state from libpq's
// SCRAM, fontconfig caches): not ours. Include in exactly one file per test executable (its main).
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions()
{
    return "leak:libcrypto.so\n"
           "leak:libssl.so\n"
           "leak:libfontconfig.so\n"
           "leak:libdbus-1.so\n"
           "leak:libglib-2.0.so\n";
}
