#pragma once

#include <QByteArray>
#include <QByteArrayView>

struct evp_md_ctx_st;

namespace ocms {

// SHA-256 through OpenSSL (hardware-accelerated where the CPU has it): the audit verifier hashes
// millions of rows and Qt's portable implementation is the bottleneck there.
class Sha256Hasher
{
public:
    Sha256Hasher();
    ~Sha256Hasher();
    Sha256Hasher(const Sha256Hasher&) = delete;
    Sha256Hasher& operator=(const Sha256Hasher&) = delete;

    void reset();
    void addData(QByteArrayView data);
    QByteArray result(); // 32 bytes; call reset() before the next message

private:
    evp_md_ctx_st* m_context;
};

} // namespace ocms
