#pragma once

#include <QByteArray>

#include <cstddef>

namespace ocms {

// A 256-bit key held in memory libsodium guards: locked so it is never swapped to disk, and zeroed when
// freed. Move-only; an empty SecretKey holds nothing.
class SecretKey
{
public:
    static constexpr std::size_t kBytes = 32;

    SecretKey() = default;
    ~SecretKey();
    SecretKey(SecretKey&& other) noexcept;
    SecretKey& operator=(SecretKey&& other) noexcept;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;

    // Fresh random bytes from the system's generator.
    static SecretKey random();
    // A key of exactly kBytes copied from raw (the caller zeroes its copy).
    static SecretKey fromBytes(const unsigned char* raw);

    bool isEmpty() const { return m_bytes == nullptr; }
    const unsigned char* data() const { return m_bytes; }
    unsigned char* data() { return m_bytes; }
    // "x'…'" for SQLCipher's PRAGMA key with a raw key (no key derivation by SQLCipher). The text is
    // itself secret: the caller zeroes it after use.
    QByteArray sqlcipherRawKey() const;

private:
    static SecretKey allocate();

    unsigned char* m_bytes = nullptr;
};

} // namespace ocms
