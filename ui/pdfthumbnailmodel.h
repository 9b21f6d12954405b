#pragma once

#include "documents/pdfrenderkey.h"

#include <QAbstractListModel>
#include <QImage>
#include <QList>

#include <memory>

namespace ocms {

class PdfRenderQueue;
class PdfSource;
struct PdfPageImage;

// One row per page for the thumbnail strip. A thumbnail is asked of the render queue (lane 1, after the
// visible pages) only when the view asks for the row's picture, so only thumbnails scrolled into sight
// are ever rendered.
class PdfThumbnailModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int kThumbnailWidth = 96;
    static constexpr int kThumbnailLane = 1;

    explicit PdfThumbnailModel(PdfRenderQueue* queue, QObject* parent = nullptr);

    void setSource(std::shared_ptr<const PdfSource> source);
    void setPageSizes(const QList<QSizeF>& pageSizesPoints);
    void setQuarterTurns(int quarterTurns);
    // Forget requests for rows scrolled out of sight; the rows painted next ask again.
    void forgetPending();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    PdfRenderKey keyFor(int page) const;
    QSize thumbnailSize(int page) const;
    void flushRequests();
    void onRendered(const PdfRenderKey& key, const PdfPageImage& image);

    PdfRenderQueue* m_queue;
    std::shared_ptr<const PdfSource> m_source;
    QList<QSizeF> m_pageSizes;
    int m_quarterTurns = 0;
    mutable QList<PdfRenderKey> m_pending;
    mutable bool m_flushScheduled = false;
};

} // namespace ocms
