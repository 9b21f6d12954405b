#include "pdfviewerbenchmark.h"

#include "documents/pdfpagecache.h"
#include "documents/pdfrenderqueue.h"
#include "documents/pdfsource.h"
#include "documents/simplepdfwriter.h"
#include "pdfviewer.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QPainter>
#include <QTemporaryDir>
#include <QTimer>

#include <poppler-qt6.h>

namespace ocms {

namespace {

const QString kBench = QStringLiteral("pdf-viewer");
constexpr int kTimeoutMs = 30000;

double elapsedMs(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// Sleeps in the event loop until condition holds (false on timeout). Never spins: the render workers need
// both cores, and a busy GUI thread would slow the very thing measured.
bool settle(const std::function<bool()>& condition)
{
    QElapsedTimer timer;
    timer.start();
    QTimer wake; // wakes the loop now and then to check the time
    wake.start(50);
    while (!condition()) {
        if (timer.elapsed() > kTimeoutMs) {
            return false;
        }
        QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

Error timedOut(const QString& what)
{
    return Error{ErrorCode::Internal, QStringLiteral("The PDF viewer benchmark timed out: %1.").arg(what), {}};
}

} // namespace

QByteArray PdfViewerBenchmark::makeDocument(int pages)
{
    // SimplePdfWriter fills 48 lines a page; a paragraph and its blank line take two.
    SimplePdfWriter writer(QStringLiteral("Benchmark binder"));
    const int paragraphs = pages * 24 - 2;
    for (int i = 0; i < paragraphs; ++i) {
        writer.addParagraph(QStringLiteral("Paragraph %1 of the record of proceedings: the respondent testified about the "
                                           "events described in the declaration, exhibit %2.")
                                .arg(i + 1)
                                .arg(i % 97));
    }
    return writer.toPdf();
}

Result<QList<BenchmarkLine>> PdfViewerBenchmark::run(const std::function<void(const BenchmarkLine&)>& report)
{
    QList<BenchmarkLine> lines;
    const auto emitLine = [&](const BenchmarkLine& line) {
        lines.append(line);
        report(line);
    };
    const auto progress = [&](const QString& step) {
        if (m_options.progress) {
            m_options.progress(step);
        }
    };

    progress(QStringLiteral("generating a %1-page PDF").arg(m_options.pages));
    QTemporaryDir directory;
    if (!directory.isValid()) {
        return fail(Error::io(QStringLiteral("No temporary folder for the benchmark PDF."), directory.errorString()));
    }
    const QString path = directory.filePath(QStringLiteral("binder.pdf"));
    const QByteArray bytes = makeDocument(m_options.pages);
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
            return fail(Error::io(QStringLiteral("The benchmark PDF could not be written."), file.errorString()));
        }
    }
    const int middle = m_options.pages / 2 - 1; // "page 500" of 1,000, 0-based

    // (a) Open at the middle page until it is painted.
    progress(QStringLiteral("opening at page %1").arg(middle + 1));
    QList<double> openTimes;
    QList<double> loadCalls;
    {
        // In its own scope: the viewer (and its background page-size scan) is gone before part (b).
        PdfViewer viewer;
        viewer.resize(1200, 900);
        viewer.show();
        QApplication::processEvents();
        int paintedPage = -1;
        QObject::connect(&viewer, &PdfViewer::pagePainted, [&](int page) {
            if (page == middle) {
                paintedPage = page;
            }
        });
        for (int run = 0; run <= m_options.openRuns; ++run) {
            paintedPage = -1;
            QElapsedTimer timer;
            timer.start();
            if (auto loaded = viewer.loadFile(path); !loaded) {
                return fail(loaded.error());
            }
            const double loadCall = elapsedMs(timer);
            viewer.goToPage(middle);
            if (!settle([&] { return paintedPage == middle; })) {
                return fail(timedOut(QStringLiteral("page %1 was never painted").arg(middle + 1)));
            }
            if (run > 0) { // the first run warms fonts and caches
                openTimes.append(elapsedMs(timer));
                loadCalls.append(loadCall);
            }
        }
    }

    // (b) One page at 150 dpi through the pipeline against bare Poppler, alternating, same page, same hints.
    progress(QStringLiteral("rendering page %1 at %2 dpi").arg(middle + 1).arg(m_options.renderDpi));
    auto source = PdfSource::fromBytes(bytes);
    if (!source) {
        return fail(source.error());
    }
    auto cache = std::make_shared<PdfPageCache>();
    PdfRenderQueue queue(cache, 2);
    queue.setSource(*source);
    const PdfRenderKey key = PdfRenderKey::make((*source)->id(), middle, m_options.renderDpi, 0);
    bool delivered = false;
    QImage canvas;
    QList<double> drawTimes;
    QImage::Format imageFormat = QImage::Format_Invalid;
    QObject guiThread; // the context makes the delivery queued to this thread, as it is for the view
    QObject::connect(&queue, &PdfRenderQueue::rendered, &guiThread, [&](const PdfRenderKey& renderedKey, const PdfPageImage& image) {
        if (renderedKey != key) {
            return;
        }
        // What the view does with it: draw it where the page goes.
        if (canvas.size() != image.image.size()) {
            canvas = QImage(image.image.size(), QImage::Format_ARGB32_Premultiplied);
        }
        QElapsedTimer draw;
        draw.start();
        QPainter painter(&canvas);
        painter.drawImage(QRect(QPoint(0, 0), image.image.size()), image.image);
        painter.end();
        drawTimes.append(elapsedMs(draw));
        imageFormat = image.image.format();
        delivered = true;
    });
    std::unique_ptr<Poppler::Document> bare = (*source)->openDocument();
    if (!bare) {
        return fail(Error::validation(QStringLiteral("The benchmark PDF did not open in Poppler.")));
    }
    QList<double> pipelineTimes;
    QList<double> bareTimes;
    for (int run = 0; run <= m_options.renderRuns; ++run) {
        cache->clear();
        delivered = false;
        QElapsedTimer pipeline;
        pipeline.start();
        queue.setWanted(0, {key});
        if (!settle([&] { return delivered; })) {
            return fail(timedOut(QStringLiteral("the pipeline never delivered the page")));
        }
        const double pipelineMs = elapsedMs(pipeline);
        queue.setWanted(0, {});

        QElapsedTimer plain;
        plain.start();
        std::unique_ptr<Poppler::Page> page = bare->page(middle);
        const QImage image = page ? page->renderToImage(m_options.renderDpi, m_options.renderDpi) : QImage();
        const double bareMs = elapsedMs(plain);
        if (image.isNull()) {
            return fail(Error::validation(QStringLiteral("Poppler rendered no image of the benchmark page.")));
        }
        if (run > 0) {
            pipelineTimes.append(pipelineMs);
            bareTimes.append(bareMs);
        }
    }

    emitLine({kBench, QStringLiteral("open_at_page_500_painted_median_ms"), BenchmarkLine::median(openTimes), QStringLiteral("ms"),
              150.0, false, std::nullopt, false});
    emitLine({kBench, QStringLiteral("open_at_page_500_painted_p95_ms"), BenchmarkLine::percentile(openTimes, 0.95),
              QStringLiteral("ms"), std::nullopt, false, std::nullopt, false});
    emitLine({kBench, QStringLiteral("load_call_median_ms"), BenchmarkLine::median(loadCalls), QStringLiteral("ms"), std::nullopt,
              false, std::nullopt, false});
    emitLine({kBench, QStringLiteral("render_150dpi_pipeline_median_ms"), BenchmarkLine::median(pipelineTimes), QStringLiteral("ms"),
              1.25, false, BenchmarkLine::median(bareTimes), true});
    emitLine({kBench, QStringLiteral("render_150dpi_pipeline_p95_ms"), BenchmarkLine::percentile(pipelineTimes, 0.95),
              QStringLiteral("ms"), std::nullopt, false, BenchmarkLine::percentile(bareTimes, 0.95), false});
    emitLine({kBench, QStringLiteral("render_150dpi_pipeline_draw_step_median_ms"), BenchmarkLine::median(drawTimes), QStringLiteral("ms"),
              std::nullopt, false, std::nullopt, false});
    progress(QStringLiteral("rendered image format %1").arg(int(imageFormat)));
    return lines;
}

} // namespace ocms
