#pragma once

#include <QStyledItemDelegate>

class QTextLayout;

namespace ocms {

// Paints one comparison row: line number and text of the old version on the left half, of the new on the
// right, wrapped to the half width. Removed text is tinted red, added green, changed words marked darker.
class CompareRowDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int kGutter = 44;
    static constexpr int kPadding = 4;

    static QColor deletedRow();
    static QColor deletedWords();
    static QColor insertedRow();
    static QColor insertedWords();
    static QColor filler();
    static QColor fold();

    // viewport: whose width the rows wrap to.
    explicit CompareRowDelegate(QWidget* viewport, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int textWidth(int rowWidth) const;

    QWidget* m_viewport;
};

} // namespace ocms
