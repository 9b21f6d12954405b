#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

class QTextDocument;

namespace ocms {

// A rich-text draft stored as an OpenDocument text (ODT) package. Qt's ODF writer makes content.xml (what
// LibreOffice and search read); the document's HTML rides along as "ocms/draft.html" (listed in the
// manifest) so the editor reopens its own drafts with headings, lists and styles intact. An ODT made
// elsewhere opens from its content.xml: paragraphs, headings, lists, bold/italic/underline.
class OdtDraft final
{
public:
    static constexpr auto kEmbeddedHtmlPath = "ocms/draft.html";
    // Caps on what one package may unpack to, against zip bombs.
    static constexpr qint64 kMaxEntryBytes = 64LL * 1024 * 1024;
    static constexpr qint64 kMaxEntries = 2000;

    static Result<QByteArray> encode(const QTextDocument& document, const QString& title = {});
    static Result<OdtDraft> decode(const QByteArray& odt);

    QString title() const { return m_title; }
    QString html() const { return m_html; }
    // True when the HTML is the editor's own copy; false when rebuilt from content.xml.
    bool isLossless() const { return m_lossless; }
    // Plain text of the draft, paragraphs on their own lines (for comparing versions and search).
    QString plainText() const;
    void applyTo(QTextDocument& document) const;

private:
    QString m_title;
    QString m_html;
    bool m_lossless = false;
};

} // namespace ocms
