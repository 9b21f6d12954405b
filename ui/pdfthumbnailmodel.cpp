#include "pdfthumbnailmodel.h"

#include "documents/pdfpagecache.h"
#include "documents/pdfrenderqueue.h"
#include "documents/pdfsource.h"

#include <QTimer>

#include <algorithm>

namespace ocms {

PdfThumbnailModel::PdfThumbnailModel(PdfRenderQueue* queue, QObject* parent) : QAbstractListModel(parent), m_queue(queue)
{
    connect(m_queue, &PdfRenderQueue::rendered, this, &PdfThumbnailModel::onRendered);
}

void PdfThumbnailModel::setSource(std::shared_ptr<const PdfSource> source)
{
    beginResetModel();
    m_source = std::move(source);
    m_pageSizes = m_source ? m_source->pageSizes() : QList<QSizeF>();
    m_pending.clear();
    endResetModel();
    m_queue->setWanted(kThumbnailLane, {});
}

void PdfThumbnailModel::setPageSizes(const QList<QSizeF>& pageSizesPoints)
{
    if (pageSizesPoints.size() != m_pageSizes.size()) {
        return;
    }
    beginResetModel();
    m_pageSizes = pageSizesPoints;
    m_pending.clear();
    endResetModel();
}

void PdfThumbnailModel::setQuarterTurns(int quarterTurns)
{
    beginResetModel();
    m_quarterTurns = quarterTurns;
    m_pending.clear();
    endResetModel();
    m_queue->setWanted(kThumbnailLane, {});
}

void PdfThumbnailModel::forgetPending()
{
    m_pending.clear();
}

int PdfThumbnailModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_source ? 0 : m_source->pageCount();
}

QSize PdfThumbnailModel::thumbnailSize(int page) const
{
    QSizeF points = m_pageSizes.value(page);
    if (m_quarterTurns % 2 == 1) {
        points.transpose();
    }
    const double height = points.width() > 0 ? kThumbnailWidth * points.height() / points.width() : kThumbnailWidth;
    return {kThumbnailWidth, std::clamp(int(height), 8, 4 * kThumbnailWidth)};
}

PdfRenderKey PdfThumbnailModel::keyFor(int page) const
{
    QSizeF points = m_pageSizes.value(page);
    if (m_quarterTurns % 2 == 1) {
        points.transpose();
    }
    const double dpi = points.width() > 0 ? kThumbnailWidth * 72.0 / points.width() : 72.0;
    return PdfRenderKey::make(m_source->id(), page, dpi, m_quarterTurns);
}

QVariant PdfThumbnailModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_source || index.row() >= m_source->pageCount()) {
        return {};
    }
    const int page = index.row();
    switch (role) {
    case Qt::DisplayRole:
        return QString::number(page + 1);
    case Qt::AccessibleTextRole:
    case Qt::ToolTipRole:
        return tr("Page %1").arg(page + 1);
    case Qt::SizeHintRole:
        return thumbnailSize(page) + QSize(16, 28);
    case Qt::DecorationRole: {
        const PdfRenderKey key = keyFor(page);
        if (const std::optional<PdfPageImage> image = m_queue->cache()->find(key)) {
            return image->image;
        }
        if (!m_pending.contains(key)) {
            m_pending.append(key);
            if (!m_flushScheduled) {
                m_flushScheduled = true;
                QTimer::singleShot(0, this, &PdfThumbnailModel::flushRequests);
            }
        }
        QImage placeholder(thumbnailSize(page), QImage::Format_RGB32);
        placeholder.fill(Qt::white);
        return placeholder;
    }
    default:
        return {};
    }
}

void PdfThumbnailModel::flushRequests()
{
    m_flushScheduled = false;
    m_queue->setWanted(kThumbnailLane, m_pending);
}

void PdfThumbnailModel::onRendered(const PdfRenderKey& key, const PdfPageImage&)
{
    if (!m_source || key.sourceId != m_source->id() || key != keyFor(key.page)) {
        return;
    }
    m_pending.removeOne(key);
    const QModelIndex changed = index(key.page);
    Q_EMIT dataChanged(changed, changed, {Qt::DecorationRole});
}

} // namespace ocms
