#pragma once

#include "documents/redactor.h"

#include <QList>
#include <QPointF>
#include <QRectF>

namespace ocms {

// The areas a reader has marked on a PDF's pages for a redacted copy, in the Redactor's terms (page index
// and PDF points, origin at the page's top left, as the viewer shows the page unrotated). Kept in the
// order drawn: a later mark lies on top of an earlier one when they overlap. Value type, no GUI.
class RedactionMarks
{
public:
    // Anything narrower or lower than this (points) is a slip of the mouse, not a mark.
    static constexpr double kSmallestSide = 2.0;

    // Adds the box (normalised) and returns its index, or -1 when it is too small or not on a page.
    int add(int pageIndex, const QRectF& points);
    bool removeAt(int index);
    void clear() { m_boxes.clear(); }

    // The topmost mark containing the point, -1 when none does.
    int markAt(int pageIndex, const QPointF& points) const;
    const QList<Redactor::Box>& boxes() const { return m_boxes; }
    const Redactor::Box& at(int index) const { return m_boxes.at(index); }
    int count() const { return int(m_boxes.size()); }
    bool isEmpty() const { return m_boxes.isEmpty(); }
    int markedPageCount() const; // pages with at least one mark

private:
    QList<Redactor::Box> m_boxes;
};

} // namespace ocms
