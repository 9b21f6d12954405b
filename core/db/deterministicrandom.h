#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QUuid>

#include <cstdint>

namespace ocms {

// xoshiro256** seeded through splitmix64: the same seed gives the same stream on every machine and
// compiler (std:: distributions do not promise that), which the deterministic seed relies on.
class DeterministicRandom
{
public:
    explicit DeterministicRandom(std::uint64_t seed)
    {
        for (auto& word : m_state) {
            seed += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            word = z ^ (z >> 31);
        }
    }

    // A child stream for item `index` of a named sequence: regenerating item i never depends on items < i.
    DeterministicRandom fork(std::uint64_t index) const { return DeterministicRandom(m_state[0] ^ (index * 0xd1b54a32d192ed03ULL)); }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, bound).
    std::uint64_t below(std::uint64_t bound) { return bound == 0 ? 0 : next() % bound; }
    int between(int low, int high) { return low + int(below(std::uint64_t(high - low + 1))); } // inclusive
    bool chance(double probability) { return double(next() >> 11) * 0x1.0p-53 < probability; }
    double unit() { return double(next() >> 11) * 0x1.0p-53; }

    template <class T>
    const T& pick(const QList<T>& items) { return items[qsizetype(below(std::uint64_t(items.size())))]; }

    QUuid uuid()
    {
        const std::uint64_t high = next();
        const std::uint64_t low = next();
        QUuid id(uint(high >> 32), ushort(high >> 16), ushort((high & 0x0fff) | 0x4000), uchar(0x80 | ((low >> 56) & 0x3f)),
                 uchar(low >> 48), uchar(low >> 40), uchar(low >> 32), uchar(low >> 24), uchar(low >> 16),
                 uchar(low >> 8), uchar(low));
        return id;
    }

    QDate dateBetween(const QDate& first, const QDate& last)
    {
        return first.addDays(qint64(below(std::uint64_t(first.daysTo(last) + 1))));
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_state[4]{};
};

} // namespace ocms
