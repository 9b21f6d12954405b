#include "redactor.h"

#include "documents/ocrengine.h"
#include "documents/popplerlog.h"

#include <QImage>
#include <QVariant>

#include <poppler-qt6.h>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <cmath>

namespace ocms {

namespace {

bool popplerShouldAbort(const QVariant& flag)
{
    return reinterpret_cast<const std::atomic<bool>*>(flag.value<quintptr>())->load(std::memory_order_relaxed);
}

Result<std::unique_ptr<Poppler::Document>> openPdf(const QByteArray& pdf)
{
    if (pdf.isEmpty()) {
        return fail(Error::validation(QStringLiteral("The document is empty: there is nothing to redact.")));
    }
    PopplerLog::install();
    std::unique_ptr<Poppler::Document> document = Poppler::Document::loadFromData(pdf);
    if (!document) {
        return fail(Error::validation(QStringLiteral("The document is damaged or not a PDF: it cannot be redacted.")));
    }
    if (document->isLocked()) {
        return fail(Error::validation(
            QStringLiteral("The PDF is protected by a password: unlock it before making a redacted copy.")));
    }
    if (document->numPages() == 0) {
        return fail(Error::validation(QStringLiteral("The PDF has no pages: there is nothing to redact.")));
    }
    return document;
}

// Blackens whole pixels: the box is widened outward to pixel edges, so no anti-aliased fringe of a glyph
// under its border survives.
void burnIn(QImage& image, const QRectF& points, double scale)
{
    const int left = std::max(0, int(std::floor(points.left() * scale)));
    const int top = std::max(0, int(std::floor(points.top() * scale)));
    const int right = std::min(image.width(), int(std::ceil(points.right() * scale)));
    const int bottom = std::min(image.height(), int(std::ceil(points.bottom() * scale)));
    for (int y = top; y < bottom; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        std::fill(line + left, line + std::max(left, right), qRgb(0, 0, 0));
    }
}

// A page image as a PDF image XObject: 8-bit grey when the page has no colour, else RGB; Flate-compressed.
QPDFObjectHandle imageStream(QPDF& pdf, const QImage& page)
{
    const bool grey = page.allGray();
    const QImage pixels = page.convertToFormat(grey ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    const qsizetype rowBytes = qsizetype(pixels.width()) * (grey ? 1 : 3);
    QByteArray raw;
    raw.reserve(rowBytes * pixels.height());
    for (int y = 0; y < pixels.height(); ++y) {
        raw.append(reinterpret_cast<const char*>(pixels.constScanLine(y)), rowBytes); // rows without padding
    }
    const QByteArray compressed = qCompress(raw, 6).mid(4); // qCompress prefixes the length to a zlib stream
    QPDFObjectHandle image = QPDFObjectHandle::newStream(&pdf, std::string(compressed.constData(), size_t(compressed.size())));
    QPDFObjectHandle dictionary = image.getDict();
    dictionary.replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
    dictionary.replaceKey("/Subtype", QPDFObjectHandle::newName("/Image"));
    dictionary.replaceKey("/Width", QPDFObjectHandle::newInteger(pixels.width()));
    dictionary.replaceKey("/Height", QPDFObjectHandle::newInteger(pixels.height()));
    dictionary.replaceKey("/ColorSpace", QPDFObjectHandle::newName(grey ? "/DeviceGray" : "/DeviceRGB"));
    dictionary.replaceKey("/BitsPerComponent", QPDFObjectHandle::newInteger(8));
    dictionary.replaceKey("/Filter", QPDFObjectHandle::newName("/FlateDecode"));
    return image;
}

} // namespace

Result<QList<Redactor::Box>> Redactor::findText(const QByteArray& pdf, const QStringList& phrases)
{
    Result<std::unique_ptr<Poppler::Document>> document = openPdf(pdf);
    if (!document) {
        return fail(document.error());
    }
    QList<Box> boxes;
    for (int index = 0; index < (*document)->numPages(); ++index) {
        const std::unique_ptr<Poppler::Page> page = (*document)->page(index);
        if (!page) {
            continue;
        }
        for (const QString& phrase : phrases) {
            if (phrase.trimmed().isEmpty()) {
                continue;
            }
            const QList<QRectF> found =
                page->search(phrase.trimmed(), Poppler::Page::IgnoreCase | Poppler::Page::AcrossLines);
            for (const QRectF& rect : found) {
                boxes.append({index, rect.adjusted(-kTextMargin, -kTextMargin, kTextMargin, kTextMargin)});
            }
        }
    }
    return boxes;
}

Result<QByteArray> Redactor::redact(const QByteArray& pdf, const QList<Box>& boxes, const std::atomic<bool>* cancel,
                                    const Progress& progress) const
{
    Result<std::unique_ptr<Poppler::Document>> opened = openPdf(pdf);
    if (!opened) {
        return fail(opened.error());
    }
    Poppler::Document& document = **opened;
    const int pageCount = document.numPages();
    for (const Box& box : boxes) {
        if (box.pageIndex < 0 || box.pageIndex >= pageCount || !box.rect.isValid()) {
            return fail(Error::validation(
                QStringLiteral("A redaction mark is not on a page of this document (page %1 of %2): mark the areas again.")
                    .arg(box.pageIndex + 1)
                    .arg(pageCount)));
        }
    }
    document.setRenderHint(Poppler::Document::Antialiasing);
    document.setRenderHint(Poppler::Document::TextAntialiasing);
    const std::atomic<bool> neverCancelled{false};
    const std::atomic<bool>* abortFlag = cancel != nullptr ? cancel : &neverCancelled;
    const Error cancelledError{ErrorCode::Cancelled, QStringLiteral("Redaction was cancelled."), {}};

    try {
        QPDF copy;
        copy.emptyPDF();
        QPDFPageDocumentHelper copyPages(copy);
        for (int index = 0; index < pageCount; ++index) {
            if (abortFlag->load(std::memory_order_relaxed)) {
                return fail(cancelledError);
            }
            const std::unique_ptr<Poppler::Page> page = document.page(index);
            const QSizeF size = page ? page->pageSizeF() : QSizeF();
            if (!page || size.isEmpty()) {
                return fail(Error::validation(QStringLiteral("Page %1 of the PDF is damaged: it cannot be redacted.").arg(index + 1)));
            }
            const double dpi = OcrEngine::renderDpi(size, m_options.dpi, m_options.maxPixelsPerPage);
            QImage image = page->renderToImage(dpi, dpi, -1, -1, -1, -1, Poppler::Page::Rotate0, nullptr, nullptr,
                                               &popplerShouldAbort,
                                               QVariant::fromValue(reinterpret_cast<quintptr>(abortFlag)));
            if (abortFlag->load(std::memory_order_relaxed)) {
                return fail(cancelledError);
            }
            if (image.isNull()) {
                return fail(Error::validation(QStringLiteral("Page %1 of the PDF cannot be drawn: it cannot be redacted.").arg(index + 1)));
            }
            image = image.convertToFormat(QImage::Format_RGB32);
            for (const Box& box : boxes) {
                if (box.pageIndex == index) {
                    burnIn(image, box.rect, dpi / 72.0);
                }
            }

            QPDFObjectHandle xobjects = QPDFObjectHandle::newDictionary();
            xobjects.replaceKey("/Im0", imageStream(copy, image));
            QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
            resources.replaceKey("/XObject", xobjects);
            const QByteArray width = QByteArray::number(size.width(), 'f', 3);
            const QByteArray height = QByteArray::number(size.height(), 'f', 3);
            const QByteArray drawing = "q " + width + " 0 0 " + height + " 0 0 cm /Im0 Do Q\n";
            QPDFObjectHandle pageObject = QPDFObjectHandle::newDictionary();
            pageObject.replaceKey("/Type", QPDFObjectHandle::newName("/Page"));
            pageObject.replaceKey("/MediaBox", QPDFObjectHandle::newArray(QPDFObjectHandle::Rectangle(0, 0, size.width(), size.height())));
            pageObject.replaceKey("/Resources", resources);
            pageObject.replaceKey("/Contents", QPDFObjectHandle::newStream(&copy, drawing.toStdString()));
            copyPages.addPage(QPDFPageObjectHelper(copy.makeIndirectObject(pageObject)), false);
            if (progress) {
                progress(index + 1, pageCount);
            }
        }
        QPDFWriter writer(copy);
        writer.setOutputMemory();
        writer.write();
        const std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
        return QByteArray(reinterpret_cast<const char*>(buffer->getBuffer()), qsizetype(buffer->getSize()));
    } catch (const std::exception& exception) {
        return fail(Error{ErrorCode::Internal, QStringLiteral("The redacted copy could not be written."),
                          QString::fromUtf8(exception.what())});
    }
}

} // namespace ocms
