#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QRectF>
#include <QStringList>

#include <atomic>
#include <functional>

namespace ocms {

// Makes the disclosure copy of a PDF with marked areas truly removed: every page is rendered to an image,
// the boxes are burnt in as solid black pixels, and the copy is written as image-only pages of the
// original sizes. Nothing of the original survives except what was visible outside the boxes — no text
// layer, no metadata, no annotations, no hidden layers, no attachments. (The copy is not searchable; run
// OCR on it if a searchable disclosure copy is wanted.) No GUI needed.
class Redactor
{
public:
    struct Box
    {
        int pageIndex = 0; // 0-based
        QRectF rect;       // PDF points, origin at the page's top left, as Poppler reports word boxes
    };

    struct Options
    {
        int dpi = 200;
        qint64 maxPixelsPerPage = 25LL * 1000 * 1000; // ~100 MB per page image; bigger pages get a lower resolution
    };

    // How far (points) a box over found or selected text reaches beyond the glyphs, so the ink of accents and
    // descenders is covered too.
    static constexpr double kTextMargin = 1.5;

    // Called after each page with (pages done, page count).
    using Progress = std::function<void(int, int)>;

    Redactor() = default;
    explicit Redactor(Options options) : m_options(options) {}

    // Boxes over every occurrence of each phrase (case-insensitive), enlarged by kTextMargin.
    static Result<QList<Box>> findText(const QByteArray& pdf, const QStringList& phrases);

    Result<QByteArray> redact(const QByteArray& pdf, const QList<Box>& boxes, const std::atomic<bool>* cancel = nullptr,
                              const Progress& progress = {}) const;

private:
    Options m_options;
};

} // namespace ocms
