#include "ocrengine.h"

#include "documents/popplerlog.h"

#include <QVariant>

#include <poppler-qt6.h>

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <dlfcn.h>

#include <cmath>
#include <cstdio>

namespace ocms {

namespace {

bool isCancelled(const std::atomic<bool>* cancel)
{
    return cancel != nullptr && cancel->load(std::memory_order_relaxed);
}

Error cancelledError()
{
    return {ErrorCode::Cancelled, QStringLiteral("Text recognition (OCR) was cancelled."), {}};
}

// Tesseract asks this between words; Poppler between render steps.
bool tesseractShouldCancel(void* flag, int /*words*/)
{
    return static_cast<const std::atomic<bool>*>(flag)->load(std::memory_order_relaxed);
}

bool popplerShouldAbort(const QVariant& flag)
{
    return reinterpret_cast<const std::atomic<bool>*>(flag.value<quintptr>())->load(std::memory_order_relaxed);
}

// Debian's Tesseract runs its LSTM with OpenMP teams of a fixed size. On a busy two-core desktop those threads
// spin against the GUI and each other: one page cost 14 s of CPU instead of 4.5 s. Dynamic adjustment lets
// OpenMP use only idle cores. The setting is per thread, so it is made on the thread that recognises; looked
// up at run time because OCMS does not link OpenMP itself (and a Tesseract without OpenMP needs nothing).
void letOpenMpUseIdleCoresOnly()
{
    using SetDynamic = void (*)(int);
    static const auto setDynamic = reinterpret_cast<SetDynamic>(dlsym(RTLD_DEFAULT, "omp_set_dynamic"));
    if (setDynamic != nullptr) {
        setDynamic(1);
    }
}

struct PixDeleter
{
    void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

struct FileCloser
{
    void operator()(FILE* file) const { std::fclose(file); }
};

bool isTiff(int format)
{
    return format == IFF_TIFF || format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE || format == IFF_TIFF_G3
        || format == IFF_TIFF_G4 || format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP || format == IFF_TIFF_JPEG;
}

} // namespace

OcrEngine::OcrEngine() : OcrEngine(Options{}) {}

OcrEngine::OcrEngine(Options options) : m_options(std::move(options)) {}

OcrEngine::~OcrEngine() = default; // TessBaseAPI's destructor ends it

double OcrEngine::renderDpi(QSizeF pagePoints, int wantedDpi, qint64 maxPixels)
{
    const double pixelsAtWanted = (pagePoints.width() / 72.0 * wantedDpi) * (pagePoints.height() / 72.0 * wantedDpi);
    if (pixelsAtWanted <= double(maxPixels) || pixelsAtWanted <= 0) {
        return wantedDpi;
    }
    return wantedDpi * std::sqrt(double(maxPixels) / pixelsAtWanted);
}

Result<void> OcrEngine::ensureStarted()
{
    if (m_started) {
        return {};
    }
    m_api = std::make_unique<tesseract::TessBaseAPI>();
    const QByteArray dataPath = m_options.dataPath.toLocal8Bit();
    const QByteArray language = m_options.language.toUtf8();
    if (m_api->Init(dataPath.isEmpty() ? nullptr : dataPath.constData(), language.constData()) != 0) {
        m_api.reset();
        return fail(Error{ErrorCode::Internal,
                          QStringLiteral("Text recognition (OCR) is not available on this computer: Tesseract's "
                                         "\"%1\" language data is missing (Debian package tesseract-ocr-%1).")
                              .arg(m_options.language),
                          QStringLiteral("TessBaseAPI::Init failed, data path \"%1\"").arg(m_options.dataPath)});
    }
    // Tesseract reports resolution guesses and the like on stderr; a background job has no use for them.
    m_api->SetVariable("debug_file", "/dev/null");
    m_api->SetPageSegMode(tesseract::PSM_AUTO);
    m_started = true;
    return {};
}

Result<QString> OcrEngine::recogniseCurrentImage(const std::atomic<bool>* cancel)
{
    tesseract::ETEXT_DESC monitor;
    if (cancel != nullptr) {
        monitor.cancel = &tesseractShouldCancel;
        monitor.cancel_this = const_cast<std::atomic<bool>*>(cancel);
    }
    letOpenMpUseIdleCoresOnly();
    const int status = m_api->Recognize(&monitor);
    if (isCancelled(cancel)) {
        m_api->Clear();
        return fail(cancelledError());
    }
    if (status != 0) {
        m_api->Clear();
        return fail(Error{ErrorCode::Internal, QStringLiteral("Text recognition (OCR) failed on a page."),
                          QStringLiteral("TessBaseAPI::Recognize returned %1").arg(status)});
    }
    const std::unique_ptr<char[]> text(m_api->GetUTF8Text());
    m_api->Clear();
    return text ? QString::fromUtf8(text.get()).trimmed() : QString();
}

Result<QString> OcrEngine::recogniseImage(const QImage& image, int dpi, const std::atomic<bool>* cancel)
{
    if (image.isNull()) {
        return fail(Error::validation(QStringLiteral("The image is empty or could not be decoded.")));
    }
    if (qint64(image.width()) * image.height() > m_options.maxPixels) {
        return fail(Error::validation(QStringLiteral("The image is too large to read (%1 × %2 pixels).")
                                          .arg(image.width())
                                          .arg(image.height())));
    }
    if (isCancelled(cancel)) {
        return fail(cancelledError());
    }
    if (Result<void> started = ensureStarted(); !started) {
        return fail(started.error());
    }
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    m_api->SetImage(grey.constBits(), grey.width(), grey.height(), 1, int(grey.bytesPerLine()));
    m_api->SetSourceResolution(dpi);
    return recogniseCurrentImage(cancel);
}

Result<QStringList> OcrEngine::recogniseImageFile(const QByteArray& content, const std::atomic<bool>* cancel,
                                                  const Progress& progress)
{
    const auto* data = reinterpret_cast<const l_uint8*>(content.constData());
    const size_t size = size_t(content.size());
    l_int32 format = 0, width = 0, height = 0, bitsPerSample = 0, samplesPerPixel = 0, colourMapped = 0;
    if (content.isEmpty()
        || pixReadHeaderMem(data, size, &format, &width, &height, &bitsPerSample, &samplesPerPixel, &colourMapped)
               != 0) {
        return fail(Error::validation(QStringLiteral("The image is damaged or in a format that cannot be read.")));
    }
    // Checked before decoding: a small file can declare a gigantic picture.
    if (qint64(width) * height > m_options.maxPixels) {
        return fail(Error::validation(
            QStringLiteral("The image is too large to read (%1 × %2 pixels).").arg(width).arg(height)));
    }
    if (Result<void> started = ensureStarted(); !started) {
        return fail(started.error());
    }

    int pageCount = 1;
    if (isTiff(format)) {
        // Leptonica counts TIFF pages from a FILE*; fmemopen lends it the bytes without a copy.
        std::unique_ptr<FILE, FileCloser> file(fmemopen(const_cast<char*>(content.constData()), size, "rb"));
        l_int32 count = 0;
        if (file && tiffGetCount(file.get(), &count) == 0 && count > 0) {
            pageCount = count;
        }
    }
    const int pagesToRead = std::min(pageCount, m_options.maxPages);
    QStringList pages;
    for (int page = 0; page < pagesToRead; ++page) {
        if (isCancelled(cancel)) {
            return fail(cancelledError());
        }
        const PixPtr pix(isTiff(format) ? pixReadMemTiff(data, size, page) : pixReadMem(data, size));
        if (!pix) {
            return fail(Error::validation(QStringLiteral("Page %1 of the image cannot be decoded.").arg(page + 1)));
        }
        if (qint64(pixGetWidth(pix.get())) * pixGetHeight(pix.get()) > m_options.maxPixels) {
            return fail(Error::validation(QStringLiteral("Page %1 of the image is too large to read.").arg(page + 1)));
        }
        m_api->SetImage(pix.get());
        // 72 dpi is what many writers store when they know nothing; 0 lets Tesseract judge from letter sizes.
        const l_int32 resolution = pixGetXRes(pix.get());
        m_api->SetSourceResolution(resolution > 72 ? resolution : 0);
        Result<QString> text = recogniseCurrentImage(cancel);
        if (!text) {
            return fail(text.error());
        }
        pages.append(*text);
        if (progress) {
            progress(page + 1, pagesToRead);
        }
    }
    return pages;
}

Result<QStringList> OcrEngine::recognisePdfPages(const QByteArray& pdf, const QList<int>& pageIndexes,
                                                 const std::atomic<bool>* cancel, const Progress& progress)
{
    PopplerLog::install();
    const std::unique_ptr<Poppler::Document> document = Poppler::Document::loadFromData(pdf);
    if (!document || document->isLocked()) {
        return fail(Error::validation(QStringLiteral("The PDF cannot be opened for text recognition (OCR).")));
    }
    document->setRenderHint(Poppler::Document::Antialiasing);
    document->setRenderHint(Poppler::Document::TextAntialiasing);
    if (Result<void> started = ensureStarted(); !started) {
        return fail(started.error());
    }
    const std::atomic<bool> neverCancelled{false};
    const std::atomic<bool>* abortFlag = cancel != nullptr ? cancel : &neverCancelled;
    QStringList pages;
    const int total = int(pageIndexes.size());
    for (int i = 0; i < total; ++i) {
        if (isCancelled(cancel)) {
            return fail(cancelledError());
        }
        const int index = pageIndexes[i];
        const std::unique_ptr<Poppler::Page> page =
            index >= 0 && index < document->numPages() && i < m_options.maxPages ? document->page(index) : nullptr;
        if (!page) {
            pages.append(QString());
            continue;
        }
        const double dpi = renderDpi(page->pageSizeF(), m_options.dpi, m_options.maxPixels);
        const QImage image =
            page->renderToImage(dpi, dpi, -1, -1, -1, -1, Poppler::Page::Rotate0, nullptr, nullptr, &popplerShouldAbort,
                                QVariant::fromValue(reinterpret_cast<quintptr>(abortFlag)));
        if (isCancelled(cancel)) {
            return fail(cancelledError());
        }
        if (image.isNull()) {
            pages.append(QString()); // a page Poppler cannot draw has nothing to read either
            continue;
        }
        Result<QString> text = recogniseImage(image, int(std::lround(dpi)), cancel);
        if (!text) {
            return fail(text.error());
        }
        pages.append(*text);
        if (progress) {
            progress(i + 1, total);
        }
    }
    return pages;
}

} // namespace ocms
