#include "secretkey.h"

#include <sodium.h>

#include <stdexcept>
#include <utility>

namespace ocms {

SecretKey SecretKey::allocate()
{
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
    SecretKey key;
    key.m_bytes = static_cast<unsigned char*>(sodium_malloc(kBytes));
    if (key.m_bytes == nullptr) {
        throw std::bad_alloc();
    }
    return key;
}

SecretKey SecretKey::random()
{
    SecretKey key = allocate();
    randombytes_buf(key.m_bytes, kBytes);
    return key;
}

SecretKey SecretKey::fromBytes(const unsigned char* raw)
{
    SecretKey key = allocate();
    std::copy(raw, raw + kBytes, key.m_bytes);
    return key;
}

SecretKey::~SecretKey()
{
    if (m_bytes != nullptr) {
        sodium_free(m_bytes); // zeroes before freeing
    }
}

SecretKey::SecretKey(SecretKey&& other) noexcept : m_bytes(std::exchange(other.m_bytes, nullptr)) {}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept
{
    if (this != &other) {
        if (m_bytes != nullptr) {
            sodium_free(m_bytes);
        }
        m_bytes = std::exchange(other.m_bytes, nullptr);
    }
    return *this;
}

QByteArray SecretKey::sqlcipherRawKey() const
{
    QByteArray text("x'");
    char hex[kBytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, m_bytes, kBytes);
    text.append(hex, kBytes * 2);
    text.append('\'');
    sodium_memzero(hex, sizeof hex);
    return text;
}

} // namespace ocms
