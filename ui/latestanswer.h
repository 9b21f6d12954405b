#pragma once

#include "whenready.h"

namespace ocms {

// For loads that may overlap (a reload asked for while the previous one still runs, each on its own worker
// connection): only the answer to the latest load asked for is delivered, so an older answer arriving late
// never replaces a newer one on screen.
class LatestAnswer
{
public:
    template <typename T, typename Then>
    void whenReady(QObject* context, QFuture<T> future, Then then)
    {
        const quint64 asked = ++m_latest;
        ocms::whenReady(context, std::move(future), [this, asked, then](const T& answer) {
            if (asked == m_latest) {
                then(answer);
            }
        });
    }

private:
    quint64 m_latest = 0;
};

} // namespace ocms
