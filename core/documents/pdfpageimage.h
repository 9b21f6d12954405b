#pragma once

#include <QImage>
#include <QMetaType>

namespace ocms {

// A rendered page. reducedResolution: the page would have exceeded the pixel cap at the asked resolution
// (a decompression bomb or a poster-sized page), so it was rendered smaller and is shown scaled up.
struct PdfPageImage
{
    QImage image;
    bool reducedResolution = false;

    qint64 costBytes() const { return qint64(image.sizeInBytes()); }
};

} // namespace ocms

Q_DECLARE_METATYPE(ocms::PdfPageImage)
