#pragma once

#include "documents/pdfpagescan.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QSizeF>
#include <QString>

#include <functional>
#include <memory>

namespace Poppler {
class Document;
}

namespace ocms {

// An opened PDF: its bytes, the password that unlocked it and its pages' sizes, checked once on open so
// bad input is refused with a message a user can act on. Poppler documents are not thread-safe, so each
// thread that renders or searches opens its own Poppler::Document over the same (shared) bytes.
// Reading every page object of a long document takes long (Poppler parses each one), so beyond
// kPagesMeasuredOnOpen pages every page is first taken to be the size of the first one
// (pageSizesEstimated) and scanPages() reads the true sizes off the GUI thread.
class PdfSource
{
public:
    static constexpr int kPagesMeasuredOnOpen = 64;

    // Empty, not a PDF and damaged give ErrorCode::Validation; a password wanted or wrong gives
    // ErrorCode::PermissionDenied (see needsPassword) so the caller can ask and retry.
    static Result<std::shared_ptr<const PdfSource>> fromBytes(const QByteArray& bytes, const QString& password = {});
    static Result<std::shared_ptr<const PdfSource>> fromFile(const QString& path, const QString& password = {});
    static bool needsPassword(const Error& error) { return error.code == ErrorCode::PermissionDenied; }

    // An unlocked Poppler document of its own for the caller's thread, with the viewer's render hints. The
    // first caller gets the one parsed on open (saves parsing the file again); later callers a new one.
    std::unique_ptr<Poppler::Document> openDocument() const;

    quint64 id() const { return m_id; } // unique per open, keys cached images
    int pageCount() const { return int(m_pageSizes.size()); }
    QSizeF pageSize(int page) const { return m_pageSizes.value(page); } // in points, unrotated
    const QList<QSizeF>& pageSizes() const { return m_pageSizes; }
    bool pageSizesEstimated() const { return m_pageSizesEstimated; }
    // Reads every page (slow for long documents: call it off the GUI thread).
    PdfPageScan scanPages(const std::function<bool()>& cancelled = {}) const;
    static QString unreadablePagesWarning(int unreadable, int pages);

    ~PdfSource();
    PdfSource(const PdfSource&) = delete;
    PdfSource& operator=(const PdfSource&) = delete;
    // Set when the file opened but some pages could not be read (e.g. a truncated download).
    QString warning() const { return m_warning; }
    QByteArray bytes() const { return m_bytes; }

private:
    PdfSource();

    QByteArray m_bytes;
    QByteArray m_ownerPassword;
    QByteArray m_userPassword;
    QList<QSizeF> m_pageSizes;
    QString m_warning;
    bool m_pageSizesEstimated = false;
    quint64 m_id = 0;
    mutable QMutex m_spareMutex;
    mutable std::unique_ptr<Poppler::Document> m_spareDocument;
};

} // namespace ocms
