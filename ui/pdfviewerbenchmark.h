#pragma once

#include "db/benchmarkline.h"
#include "result.h"

#include <QByteArray>

#include <functional>

namespace ocms {

struct PdfViewerBenchmarkOptions
{
    int pages = 1000;
    int openRuns = 15;   // opens at page 500, measured after one warm-up
    int renderRuns = 25; // renders through the pipeline and bare, alternating
    double renderDpi = 150.0;
    std::function<void(const QString&)> progress;
};

// `ocms --bench pdf-viewer`: a generated text PDF opened in the real PdfViewer at its middle page until that
// page is painted; and one page rendered through the viewer's pipeline (request, worker thread, cache,
// delivery to the GUI thread and drawn) against a bare Poppler::Page::renderToImage of the same page at
// the same resolution and render hints in the same run (the baseline).
class PdfViewerBenchmark
{
public:
    explicit PdfViewerBenchmark(PdfViewerBenchmarkOptions options) : m_options(std::move(options)) {}

    Result<QList<BenchmarkLine>> run(const std::function<void(const BenchmarkLine&)>& report);
    // A PDF of `pages` pages of text (every page says which page it is).
    static QByteArray makeDocument(int pages);

private:
    PdfViewerBenchmarkOptions m_options;
};

} // namespace ocms
