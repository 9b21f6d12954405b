#pragma once

#include "db/benchmarkline.h"
#include "result.h"

#include <QList>
#include <QString>

#include <functional>

namespace ocms {

// `bench documents`: the upload and disclosure work of issue 6 on generated documents, each measured
// several times, against the same work done by the command-line tools (pdftotext, pdftoppm + tesseract,
// qpdf --pages, pdftoppm) in the same run. Needs no database. The OCR baseline needs the tesseract command
// (Debian package tesseract-ocr); without it that line has no baseline. OCR is also reported in CPU time,
// which a shared machine's load does not inflate.
class DocumentProcessingBenchmark
{
public:
    struct Options
    {
        int runs = 5;
        std::function<void(const QString&)> progress;
    };

    explicit DocumentProcessingBenchmark(Options options) : m_options(std::move(options)) {}

    Result<QList<BenchmarkLine>> run(const std::function<void(const BenchmarkLine&)>& report);

private:
    Options m_options;
};

} // namespace ocms
