#include "comparerowdelegate.h"

#include "comparerowmodel.h"

#include <QPainter>
#include <QTextLayout>

namespace ocms {

namespace {

constexpr int kFoldExtra = 4;

// Lays text out to width; returns its height (at least one line, so empty rows keep their place).
qreal layOut(QTextLayout& layout, qreal width, const QFontMetrics& metrics)
{
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal y = 0;
    for (;;) {
        QTextLine line = layout.createLine();
        if (!line.isValid()) {
            break;
        }
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
    }
    layout.endLayout();
    return std::max<qreal>(y, metrics.height());
}

QList<QTextLayout::FormatRange> marks(const QList<TextRange>& ranges, const QColor& colour)
{
    QList<QTextLayout::FormatRange> formats;
    for (const TextRange& range : ranges) {
        QTextLayout::FormatRange format;
        format.start = static_cast<int>(range.start);
        format.length = static_cast<int>(range.length);
        format.format.setBackground(colour);
        formats.append(format);
    }
    return formats;
}

} // namespace

QColor CompareRowDelegate::deletedRow() { return QColor(0xfd, 0xec, 0xee); }
QColor CompareRowDelegate::deletedWords() { return QColor(0xf5, 0xb7, 0xbf); }
QColor CompareRowDelegate::insertedRow() { return QColor(0xe7, 0xf5, 0xea); }
QColor CompareRowDelegate::insertedWords() { return QColor(0xa9, 0xdc, 0xb6); }
QColor CompareRowDelegate::filler() { return QColor(0xf3, 0xf4, 0xf6); }
QColor CompareRowDelegate::fold() { return QColor(0xee, 0xf2, 0xf7); }

CompareRowDelegate::CompareRowDelegate(QWidget* viewport, QObject* parent)
    : QStyledItemDelegate(parent), m_viewport(viewport)
{
}

int CompareRowDelegate::textWidth(int rowWidth) const
{
    return std::max(40, rowWidth / 2 - kGutter - 2 * kPadding);
}

QSize CompareRowDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const auto* model = qobject_cast<const CompareRowModel*>(index.model());
    const int width = m_viewport->width();
    const QFontMetrics metrics(option.font);
    const SideBySideRow* row = model ? model->rowAt(index.row()) : nullptr;
    if (row == nullptr) {
        return {width, metrics.height() + 2 * kPadding + kFoldExtra};
    }
    QTextLayout left(model->oldText(*row), option.font);
    QTextLayout right(model->newText(*row), option.font);
    const qreal height = std::max(layOut(left, textWidth(width), metrics), layOut(right, textWidth(width), metrics));
    return {width, static_cast<int>(std::ceil(height)) + 2 * kPadding};
}

void CompareRowDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const auto* model = qobject_cast<const CompareRowModel*>(index.model());
    if (model == nullptr) {
        return;
    }
    painter->save();
    const QRect rect = option.rect;
    const int half = rect.width() / 2;
    const QRect left(rect.left(), rect.top(), half, rect.height());
    const QRect right(rect.left() + half, rect.top(), rect.width() - half, rect.height());
    const QFontMetrics metrics(option.font);
    const SideBySideRow* row = model->rowAt(index.row());
    if (row == nullptr) {
        painter->fillRect(rect, fold());
        painter->setPen(QColor(0x5b, 0x66, 0x78));
        painter->drawText(rect, Qt::AlignCenter, model->foldText(model->entry(index.row()).folded));
        painter->restore();
        return;
    }
    QColor leftBackground = Qt::white;
    QColor rightBackground = Qt::white;
    switch (row->kind) {
    case SideBySideRow::Kind::Same:
        break;
    case SideBySideRow::Kind::Deleted:
        leftBackground = deletedRow();
        rightBackground = filler();
        break;
    case SideBySideRow::Kind::Inserted:
        leftBackground = filler();
        rightBackground = insertedRow();
        break;
    case SideBySideRow::Kind::Changed:
        leftBackground = deletedRow();
        rightBackground = insertedRow();
        break;
    }
    painter->fillRect(left, leftBackground);
    painter->fillRect(right, rightBackground);
    painter->setPen(QColor(0xe1, 0xe4, 0xe8));
    painter->drawLine(right.topLeft(), right.bottomLeft());

    const auto drawSide = [&](const QRect& side, qsizetype line, const QString& text, const QList<TextRange>& ranges,
                              const QColor& markColour) {
        if (line < 0) {
            return;
        }
        painter->setPen(QColor(0x8a, 0x93, 0xa3));
        painter->drawText(QRect(side.left(), side.top() + kPadding, kGutter - 2 * kPadding, metrics.height()),
                          Qt::AlignRight | Qt::AlignTop, QString::number(line + 1));
        QTextLayout layout(text, option.font);
        layout.setFormats(marks(ranges, markColour));
        layOut(layout, textWidth(rect.width()), metrics);
        painter->setPen(QColor(0x1d, 0x25, 0x30));
        layout.draw(painter, QPointF(side.left() + kGutter, side.top() + kPadding));
    };
    drawSide(left, row->oldLine, model->oldText(*row), row->oldChanges, deletedWords());
    drawSide(right, row->newLine, model->newText(*row), row->newChanges, insertedWords());

    if ((option.state & QStyle::State_Selected) != 0) {
        painter->setPen(QPen(QColor(0x1f, 0x5f, 0xa8), 1));
        painter->drawRect(rect.adjusted(0, 0, -1, -1));
    }
    painter->restore();
}

} // namespace ocms
