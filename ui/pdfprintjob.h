#pragma once

#include "documents/pdfrenderqueue.h"

#include <memory>

class QPrinter;

namespace ocms {

class PdfSource;

// Prints an open PDF as the viewer shows it (turned the same way): the printer's page range, each page
// rendered at the printer's resolution (capped at maxDpi, and by the viewer's pixel limits) and fitted to the
// paper. A page that cannot be rendered prints the reason instead. Runs on the GUI thread, as printing does.
class PdfPrintJob
{
public:
    PdfPrintJob(std::shared_ptr<const PdfSource> source, int quarterTurns, PdfRenderLimits limits)
        : m_source(std::move(source)), m_quarterTurns(quarterTurns), m_limits(limits)
    {
    }

    void printTo(QPrinter* printer, int maxDpi) const;

private:
    std::shared_ptr<const PdfSource> m_source;
    int m_quarterTurns;
    PdfRenderLimits m_limits;
};

} // namespace ocms
