#pragma once

#include <QHashFunctions>
#include <QMetaType>

#include <cmath>

namespace ocms {

// Which image of which page: the document (PdfSource::id), the page, the resolution and the rotation.
// The resolution is kept in hundredths of a dpi so equal zooms give equal keys.
struct PdfRenderKey
{
    quint64 sourceId = 0;
    int page = 0;
    int dpiHundredths = 0;
    int quarterTurns = 0; // clockwise, 0..3

    static PdfRenderKey make(quint64 sourceId, int page, double dpi, int quarterTurns)
    {
        return {sourceId, page, int(std::lround(dpi * 100.0)), ((quarterTurns % 4) + 4) % 4};
    }
    double dpi() const { return dpiHundredths / 100.0; }

    friend bool operator==(const PdfRenderKey&, const PdfRenderKey&) = default;
    friend size_t qHash(const PdfRenderKey& key, size_t seed = 0)
    {
        return qHashMulti(seed, key.sourceId, key.page, key.dpiHundredths, key.quarterTurns);
    }
};

} // namespace ocms

Q_DECLARE_METATYPE(ocms::PdfRenderKey)
