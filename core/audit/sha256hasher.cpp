#include "sha256hasher.h"

#include <openssl/evp.h>

namespace ocms {

Sha256Hasher::Sha256Hasher() : m_context(EVP_MD_CTX_new())
{
    reset();
}

Sha256Hasher::~Sha256Hasher()
{
    EVP_MD_CTX_free(m_context);
}

void Sha256Hasher::reset()
{
    EVP_DigestInit_ex(m_context, EVP_sha256(), nullptr);
}

void Sha256Hasher::addData(QByteArrayView data)
{
    EVP_DigestUpdate(m_context, data.data(), std::size_t(data.size()));
}

QByteArray Sha256Hasher::result()
{
    QByteArray digest(32, Qt::Uninitialized);
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_context, reinterpret_cast<unsigned char*>(digest.data()), &length);
    return digest;
}

} // namespace ocms
