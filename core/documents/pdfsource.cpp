#include "pdfsource.h"

#include <QAtomicInteger>
#include <QFile>
#include <QLoggingCategory>
#include <QObject>
#include <QtNumeric>

#include <poppler-qt6.h>

#include <mutex>

namespace ocms {

namespace {

Q_LOGGING_CATEGORY(pdfLog, "ocms.pdf", QtWarningMsg)

QAtomicInteger<quint64> nextSourceId{1};

// Poppler reports every damaged object on stderr; route it to a logging category instead.
void quietPoppler()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Poppler::setDebugErrorFunction([](const QString& message, const QVariant&) { qCDebug(pdfLog) << message; }, QVariant());
    });
}

// Poppler accepts the header anywhere in the first kilobyte, as Acrobat does.
bool hasPdfHeader(const QByteArray& bytes)
{
    return bytes.left(1024).contains("%PDF-");
}

Error damaged(const QString& detail)
{
    return Error{ErrorCode::Validation,
                 QObject::tr("This PDF is damaged or incomplete and cannot be shown. Ask for a new copy of the document."),
                 detail};
}

PdfPageScan scanDocument(const Poppler::Document& document, int pages, const std::function<bool()>& cancelled = {})
{
    PdfPageScan scan;
    scan.sizes.reserve(pages);
    QSizeF lastGood(612, 792); // US Letter until a page says otherwise
    for (int page = 0; page < pages; ++page) {
        if (cancelled && page % 32 == 0 && cancelled()) {
            return {};
        }
        std::unique_ptr<Poppler::Page> popplerPage = document.page(page);
        QSizeF size = popplerPage ? popplerPage->pageSizeF() : QSizeF();
        if (!popplerPage || size.isEmpty() || !qIsFinite(size.width()) || !qIsFinite(size.height())) {
            ++scan.unreadable;
            size = lastGood;
        }
        lastGood = size;
        scan.sizes.append(size);
    }
    return scan;
}

void applyRenderHints(Poppler::Document& document)
{
    document.setRenderHint(Poppler::Document::Antialiasing);
    document.setRenderHint(Poppler::Document::TextAntialiasing);
}

} // namespace

PdfSource::PdfSource() = default;
PdfSource::~PdfSource() = default;

Result<std::shared_ptr<const PdfSource>> PdfSource::fromFile(const QString& path, const QString& password)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(Error::io(QObject::tr("The file %1 could not be opened.").arg(path), file.errorString()));
    }
    return fromBytes(file.readAll(), password);
}

Result<std::shared_ptr<const PdfSource>> PdfSource::fromBytes(const QByteArray& bytes, const QString& password)
{
    quietPoppler();
    if (bytes.isEmpty()) {
        return fail(Error::validation(QObject::tr("This file is empty (0 bytes): there is no document to show.")));
    }
    if (!hasPdfHeader(bytes)) {
        return fail(Error::validation(QObject::tr("This file is not a PDF, so it cannot be shown here.")));
    }
    std::unique_ptr<Poppler::Document> document = Poppler::Document::loadFromData(bytes);
    if (!document) {
        return fail(damaged(QStringLiteral("Poppler could not load the document")));
    }
    QByteArray passwordBytes;
    if (document->isLocked()) {
        if (password.isEmpty()) {
            return fail(Error{ErrorCode::PermissionDenied,
                              QObject::tr("This PDF is protected by a password. Enter the password to open it."), {}});
        }
        // AES-256 (revision 6) passwords are UTF-8; older ones are Latin-1.
        for (const QByteArray& candidate : {password.toUtf8(), password.toLatin1()}) {
            // unlock()'s return value is not documented; isLocked() is.
            document->unlock(candidate, candidate);
            if (!document->isLocked()) {
                passwordBytes = candidate;
                break;
            }
        }
        if (document->isLocked()) {
            return fail(Error{ErrorCode::PermissionDenied, QObject::tr("The password is not correct. Try again."), {}});
        }
    }
    const int pages = document->numPages();
    if (pages <= 0) {
        return fail(damaged(QStringLiteral("no pages")));
    }

    auto source = std::shared_ptr<PdfSource>(new PdfSource);
    source->m_bytes = bytes;
    source->m_ownerPassword = passwordBytes;
    source->m_userPassword = passwordBytes;
    source->m_id = nextSourceId.fetchAndAddRelaxed(1);
    if (pages > kPagesMeasuredOnOpen) {
        const PdfPageScan first = scanDocument(*document, 1);
        if (first.unreadable == 0) {
            source->m_pageSizes = QList<QSizeF>(pages, first.sizes.first());
            source->m_pageSizesEstimated = true;
            applyRenderHints(*document);
            source->m_spareDocument = std::move(document);
            return std::shared_ptr<const PdfSource>(std::move(source));
        }
    }
    const PdfPageScan scan = scanDocument(*document, pages);
    if (scan.unreadable == pages) {
        return fail(damaged(QStringLiteral("none of %1 pages could be read").arg(pages)));
    }
    source->m_pageSizes = scan.sizes;
    source->m_warning = unreadablePagesWarning(scan.unreadable, pages);
    applyRenderHints(*document);
    source->m_spareDocument = std::move(document);
    return std::shared_ptr<const PdfSource>(std::move(source));
}

PdfPageScan PdfSource::scanPages(const std::function<bool()>& cancelled) const
{
    std::unique_ptr<Poppler::Document> document = openDocument();
    if (!document) {
        return {m_pageSizes, pageCount()};
    }
    return scanDocument(*document, pageCount(), cancelled);
}

QString PdfSource::unreadablePagesWarning(int unreadable, int pages)
{
    if (unreadable <= 0) {
        return {};
    }
    return QObject::tr("This PDF is damaged or incomplete: %1 of %2 pages could not be read and are shown blank.")
        .arg(unreadable)
        .arg(pages);
}

std::unique_ptr<Poppler::Document> PdfSource::openDocument() const
{
    {
        QMutexLocker lock(&m_spareMutex);
        if (m_spareDocument) {
            return std::move(m_spareDocument);
        }
    }
    quietPoppler();
    std::unique_ptr<Poppler::Document> document = Poppler::Document::loadFromData(m_bytes, m_ownerPassword, m_userPassword);
    if (document) {
        applyRenderHints(*document);
    }
    return document;
}

} // namespace ocms
