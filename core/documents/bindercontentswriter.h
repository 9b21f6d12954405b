#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace ocms {

// Writes the table-of-contents pages of a case binder as a small PDF (Letter, standard Helvetica, WinAnsi
// text), without Qt's font system: binders are built by background jobs and ocmsctl, where no
// QGuiApplication exists. The text is real text, so the contents are searchable and copyable.
class BinderContentsWriter
{
public:
    struct Row
    {
        QString title;
        QString documentNumber;
        int firstPage = 0; // 1-based page number in the finished binder
    };

    explicit BinderContentsWriter(QString binderTitle) : m_binderTitle(std::move(binderTitle)) {}

    // How many contents pages rows need (known before the page numbers are, which depend on it).
    static int pageCount(int rowCount);
    // Where row i sits on its contents page, in PDF points from the bottom left: for link areas.
    static int pageOfRow(int row);
    static double baselineOfRow(int row);

    QByteArray toPdf(const QList<Row>& rows) const;

    // Approximate width of text in Helvetica at a size, in points (Adobe's Helvetica metrics).
    static double textWidth(const QString& text, double fontSize);
    // The text, cut with an ellipsis so it fits width.
    static QString elide(const QString& text, double fontSize, double width);

private:
    QString m_binderTitle;
};

} // namespace ocms
