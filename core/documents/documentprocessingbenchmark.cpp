#include "documentprocessingbenchmark.h"

#include "documents/casebinder.h"
#include "documents/documenttextjob.h"
#include "documents/redactor.h"
#include "documents/simplepdfwriter.h"
#include "documents/textextractor.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <ctime>
#include <optional>

namespace ocms {

namespace {

constexpr auto kBench = "document-processing";

QByteArray generatedPdf(const QString& title, int pages)
{
    SimplePdfWriter writer(title);
    for (int i = 0; i < pages * 24; ++i) { // 24 two-line paragraphs fill a page
        writer.addParagraph(QStringLiteral("Paragraph %1 of %2: the respondent fears persecution on account of a "
                                           "particular social group and the police did not protect the family.")
                                .arg(i)
                                .arg(title));
    }
    return writer.toPdf();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Milliseconds of one run of a command-line tool, or nothing when it is not installed or fails.
std::optional<double> timeTool(const QString& program, const QStringList& arguments)
{
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        return std::nullopt;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    process.start(path, arguments);
    if (!process.waitForFinished(600'000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return std::nullopt;
    }
    return double(timer.nsecsElapsed()) / 1e6;
}

// CPU time of the whole process: on a shared machine it says what the work costs, whatever the load.
double processCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

template <class Work>
Result<QList<double>> timeRuns(int runs, Work&& work, QList<double>* cpuSamples = nullptr)
{
    QList<double> samples;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        const double cpuStart = processCpuMs();
        timer.start();
        if (Result<void> done = work(); !done) {
            return fail(done.error());
        }
        samples.append(double(timer.nsecsElapsed()) / 1e6);
        if (cpuSamples != nullptr) {
            cpuSamples->append(processCpuMs() - cpuStart);
        }
    }
    return samples;
}

std::optional<double> medianOf(const QList<std::optional<double>>& samples)
{
    QList<double> values;
    for (const auto& sample : samples) {
        if (!sample) {
            return std::nullopt;
        }
        values.append(*sample);
    }
    return values.isEmpty() ? std::nullopt : std::optional<double>(BenchmarkLine::median(values));
}

BenchmarkLine line(const QString& metric, const QList<double>& samples, double goal, std::optional<double> baseline)
{
    BenchmarkLine result;
    result.bench = QString::fromLatin1(kBench);
    result.metric = metric;
    result.value = BenchmarkLine::median(samples);
    result.unit = QStringLiteral("ms");
    result.goal = goal;
    result.baseline = baseline;
    return result;
}

} // namespace

Result<QList<BenchmarkLine>> DocumentProcessingBenchmark::run(const std::function<void(const BenchmarkLine&)>& report)
{
    QTemporaryDir dir;
    if (!dir.isValid()) {
        return fail(Error::io(QStringLiteral("No temporary folder for the benchmark."), dir.errorString()));
    }
    const auto say = [this](const QString& message) {
        if (m_options.progress) {
            m_options.progress(message);
        }
    };
    const int runs = std::max(1, m_options.runs);
    QList<BenchmarkLine> lines;
    const auto add = [&](const BenchmarkLine& measured) {
        lines.append(measured);
        if (report) {
            report(measured);
        }
    };

    // Text layer of a 10-page PDF (what every upload pays).
    say(QStringLiteral("extracting the text of a 10-page PDF"));
    const QByteArray tenPages = generatedPdf(QStringLiteral("Brief"), 10);
    const QString tenPagesPath = dir.filePath(QStringLiteral("brief.pdf"));
    if (!writeFile(tenPagesPath, tenPages)) {
        return fail(Error::io(QStringLiteral("The benchmark cannot write its files.")));
    }
    const TextExtractor extractor;
    auto extraction = timeRuns(runs, [&]() -> Result<void> {
        const auto text = extractor.extract(tenPages, QStringLiteral("brief.pdf"), QString());
        return text ? Result<void>() : fail(text.error());
    });
    if (!extraction) {
        return fail(extraction.error());
    }
    QList<std::optional<double>> pdftotext;
    for (int run = 0; run < runs; ++run) {
        pdftotext.append(timeTool(QStringLiteral("pdftotext"), {tenPagesPath, dir.filePath(QStringLiteral("brief.txt"))}));
    }
    add(line(QStringLiteral("extract_pdf_10_pages_ms"), *extraction, 200, medianOf(pdftotext)));

    // OCR of one scanned Letter page at 300 dpi, Tesseract already loaded (as in a running job).
    say(QStringLiteral("OCR of a scanned page at 300 dpi"));
    Redactor::Options scanOptions;
    scanOptions.dpi = 300;
    const auto scan = Redactor(scanOptions).redact(generatedPdf(QStringLiteral("Declaration"), 1), {});
    if (!scan) {
        return fail(scan.error());
    }
    const QString scanPath = dir.filePath(QStringLiteral("scan.pdf"));
    writeFile(scanPath, *scan);
    DocumentTextJob job;
    if (const auto warmUp = job.run(*scan, QStringLiteral("scan.pdf"), QString()); !warmUp || !warmUp->warning.isEmpty()) {
        return fail(warmUp ? Error::validation(warmUp->warning) : warmUp.error());
    }
    QList<double> ocrCpu;
    auto ocr = timeRuns(
        runs,
        [&]() -> Result<void> {
            const auto text = job.run(*scan, QStringLiteral("scan.pdf"), QString());
            return text ? Result<void>() : fail(text.error());
        },
        &ocrCpu);
    if (!ocr) {
        return fail(ocr.error());
    }
    QList<std::optional<double>> cliOcr;
    for (int run = 0; run < runs; ++run) {
        const auto render = timeTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("300"), QStringLiteral("-gray"),
                                                                  QStringLiteral("-png"), QStringLiteral("-singlefile"), scanPath,
                                                                  dir.filePath(QStringLiteral("scan"))});
        const auto read = timeTool(QStringLiteral("tesseract"), {dir.filePath(QStringLiteral("scan.png")),
                                                                 dir.filePath(QStringLiteral("scan-ocr")), QStringLiteral("--dpi"),
                                                                 QStringLiteral("300")});
        cliOcr.append(render && read ? std::optional<double>(*render + *read) : std::nullopt);
    }
    add(line(QStringLiteral("ocr_page_300dpi_ms"), *ocr, 5000, medianOf(cliOcr)));
    add(line(QStringLiteral("ocr_page_300dpi_cpu_ms"), ocrCpu, 5000, std::nullopt));

    // A binder of 20 three-page documents.
    say(QStringLiteral("binding 20 documents of 3 pages"));
    CaseBinder binder(QStringLiteral("CASE-2026-000001 Benchmark"));
    QStringList qpdfArguments = {QStringLiteral("--empty"), QStringLiteral("--pages")};
    for (int i = 0; i < 20; ++i) {
        const QString path = dir.filePath(QStringLiteral("exhibit%1.pdf").arg(i));
        const QByteArray pdf = generatedPdf(QStringLiteral("Exhibit %1").arg(i), 3);
        writeFile(path, pdf);
        binder.addDocument({QStringLiteral("Exhibit %1").arg(i), QStringLiteral("DOC-2026-%1").arg(i), pdf, QString()});
        qpdfArguments.append(path);
    }
    qpdfArguments << QStringLiteral("--") << dir.filePath(QStringLiteral("joined.pdf"));
    auto binding = timeRuns(runs, [&]() -> Result<void> {
        const auto layout = binder.writeTo(dir.filePath(QStringLiteral("binder.pdf")));
        return layout ? Result<void>() : fail(layout.error());
    });
    if (!binding) {
        return fail(binding.error());
    }
    QList<std::optional<double>> qpdfJoin;
    for (int run = 0; run < runs; ++run) {
        qpdfJoin.append(timeTool(QStringLiteral("qpdf"), qpdfArguments));
    }
    add(line(QStringLiteral("binder_20_documents_60_pages_ms"), *binding, 2000, medianOf(qpdfJoin)));

    // Redacted copy of a 10-page PDF at 200 dpi; the floor is rendering the same pages.
    say(QStringLiteral("redacting a 10-page PDF at 200 dpi"));
    const auto boxes = Redactor::findText(tenPages, {QStringLiteral("persecution")});
    if (!boxes) {
        return fail(boxes.error());
    }
    const Redactor redactor;
    auto redaction = timeRuns(runs, [&]() -> Result<void> {
        const auto copy = redactor.redact(tenPages, *boxes);
        return copy ? Result<void>() : fail(copy.error());
    });
    if (!redaction) {
        return fail(redaction.error());
    }
    QList<std::optional<double>> render;
    for (int run = 0; run < runs; ++run) {
        render.append(timeTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("200"), QStringLiteral("-png"),
                                                            tenPagesPath, dir.filePath(QStringLiteral("render"))}));
    }
    add(line(QStringLiteral("redact_10_pages_200dpi_ms"), *redaction, 10000, medianOf(render)));
    return lines;
}

} // namespace ocms
