#include "casebinder.h"

#include "documents/bindercontentswriter.h"

#include <QFile>
#include <QFileInfo>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <memory>
#include <vector>

namespace ocms {

namespace {

QString describeEntry(const CaseBinder::Entry& entry, int index)
{
    QString name = entry.title.isEmpty() ? QStringLiteral("Document %1").arg(index + 1) : u'"' + entry.title + u'"';
    if (!entry.documentNumber.isEmpty()) {
        name += QStringLiteral(" (") + entry.documentNumber + u')';
    }
    return name;
}

std::string utf8(const QString& text)
{
    return text.toStdString();
}

QPDFObjectHandle fitDestination(const QPDFObjectHandle& page)
{
    QPDFObjectHandle destination = QPDFObjectHandle::newArray();
    destination.appendItem(page);
    destination.appendItem(QPDFObjectHandle::newName("/Fit"));
    return destination;
}

// The document outline: flat, one item per (title, page), in order (PDF 1.7, 12.3.3).
void addOutline(QPDF& pdf, const std::vector<std::pair<QString, QPDFObjectHandle>>& items)
{
    QPDFObjectHandle outlines = pdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
    outlines.replaceKey("/Type", QPDFObjectHandle::newName("/Outlines"));
    std::vector<QPDFObjectHandle> nodes;
    for (const auto& [title, page] : items) {
        QPDFObjectHandle node = pdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
        node.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(utf8(title)));
        node.replaceKey("/Parent", outlines);
        node.replaceKey("/Dest", fitDestination(page));
        if (!nodes.empty()) {
            node.replaceKey("/Prev", nodes.back());
            nodes.back().replaceKey("/Next", node);
        }
        nodes.push_back(node);
    }
    if (!nodes.empty()) {
        outlines.replaceKey("/First", nodes.front());
        outlines.replaceKey("/Last", nodes.back());
        outlines.replaceKey("/Count", QPDFObjectHandle::newInteger(qint64(nodes.size())));
    }
    QPDFObjectHandle root = pdf.getRoot();
    root.replaceKey("/Outlines", outlines);
    root.replaceKey("/PageMode", QPDFObjectHandle::newName("/UseOutlines"));
}

// Each contents row becomes a link to its document's first page.
void addContentsLinks(std::vector<QPDFPageObjectHelper>& pages, const QList<int>& firstPageIndexes)
{
    for (int row = 0; row < firstPageIndexes.size(); ++row) {
        QPDFObjectHandle page = pages[size_t(BinderContentsWriter::pageOfRow(row))].getObjectHandle();
        const double baseline = BinderContentsWriter::baselineOfRow(row);
        QPDFObjectHandle link = QPDFObjectHandle::newDictionary();
        link.replaceKey("/Type", QPDFObjectHandle::newName("/Annot"));
        link.replaceKey("/Subtype", QPDFObjectHandle::newName("/Link"));
        link.replaceKey("/Rect", QPDFObjectHandle::newArray(QPDFObjectHandle::Rectangle(72, baseline - 4, 540, baseline + 11)));
        link.replaceKey("/Border", QPDFObjectHandle::parse("[0 0 0]"));
        link.replaceKey("/Dest", fitDestination(pages[size_t(firstPageIndexes[row])].getObjectHandle()));
        if (!page.getKey("/Annots").isArray()) {
            page.replaceKey("/Annots", QPDFObjectHandle::newArray());
        }
        page.getKey("/Annots").appendItem(page.getOwningQPDF()->makeIndirectObject(link));
    }
}

} // namespace

Result<CaseBinder::Layout> CaseBinder::writeTo(const QString& outputPath, const std::atomic<bool>* cancel) const
{
    if (m_entries.isEmpty()) {
        return fail(Error::validation(QStringLiteral("Choose at least one document for the binder.")));
    }
    const auto cancelled = [cancel] { return cancel != nullptr && cancel->load(std::memory_order_relaxed); };
    const Error cancelledError{ErrorCode::Cancelled, QStringLiteral("Building the binder was cancelled."), {}};

    // Sources stay open until the binder is written: qpdf copies their objects lazily.
    std::vector<std::unique_ptr<QPDF>> sources;
    std::vector<int> pageCounts;
    for (int index = 0; index < m_entries.size(); ++index) {
        if (cancelled()) {
            return fail(cancelledError);
        }
        const Entry& entry = m_entries[index];
        auto source = std::make_unique<QPDF>();
        source->setSuppressWarnings(true);
        try {
            if (!entry.filePath.isEmpty()) {
                if (!QFileInfo::exists(entry.filePath)) {
                    return fail(Error::validation(QStringLiteral("The file of %1 cannot be found: remove the document "
                                                                 "from the binder or restore its file.")
                                                      .arg(describeEntry(entry, index))));
                }
                source->processFile(QFile::encodeName(entry.filePath).constData());
            } else {
                if (entry.pdf.isEmpty()) {
                    return fail(Error::validation(
                        QStringLiteral("%1 is empty: remove it from the binder.").arg(describeEntry(entry, index))));
                }
                source->processMemoryFile(utf8(entry.title).c_str(), entry.pdf.constData(), size_t(entry.pdf.size()));
            }
            pageCounts.push_back(int(QPDFPageDocumentHelper(*source).getAllPages().size()));
        } catch (const std::exception& exception) {
            const QString what = QString::fromUtf8(exception.what());
            const bool password = what.contains(QStringLiteral("password"), Qt::CaseInsensitive);
            return fail(Error{ErrorCode::Validation,
                              password ? QStringLiteral("%1 is protected by a password and cannot be put in the "
                                                        "binder. Replace it with an unprotected copy.")
                                             .arg(describeEntry(entry, index))
                                       : QStringLiteral("%1 is not a readable PDF and cannot be put in the binder. "
                                                        "Remove it or replace it with a PDF.")
                                             .arg(describeEntry(entry, index)),
                              what});
        }
        if (pageCounts.back() == 0) {
            return fail(Error::validation(
                QStringLiteral("%1 has no pages: remove it from the binder.").arg(describeEntry(entry, index))));
        }
        sources.push_back(std::move(source));
    }

    Layout layout;
    layout.contentsPageCount = BinderContentsWriter::pageCount(int(m_entries.size()));
    QList<BinderContentsWriter::Row> rows;
    int nextPage = layout.contentsPageCount + 1;
    for (int index = 0; index < m_entries.size(); ++index) {
        layout.firstPages.append(nextPage);
        rows.append({m_entries[index].title, m_entries[index].documentNumber, nextPage});
        nextPage += pageCounts[size_t(index)];
    }
    layout.pageCount = nextPage - 1;

    const QByteArray contentsPdf = BinderContentsWriter(m_title).toPdf(rows);
    const QString partPath = outputPath + QStringLiteral(".part");
    try {
        QPDF contents;
        contents.setSuppressWarnings(true);
        contents.processMemoryFile("contents", contentsPdf.constData(), size_t(contentsPdf.size()));

        QPDF binder;
        binder.emptyPDF();
        binder.setSuppressWarnings(true);
        QPDFPageDocumentHelper binderPages(binder);
        for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(contents).getAllPages()) {
            binderPages.addPage(page, false);
        }
        for (const std::unique_ptr<QPDF>& source : sources) {
            if (cancelled()) {
                return fail(cancelledError);
            }
            for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(*source).getAllPages()) {
                binderPages.addPage(page, false); // copies the page and what it uses from the source
            }
        }

        std::vector<QPDFPageObjectHelper> pages = binderPages.getAllPages();
        std::vector<std::pair<QString, QPDFObjectHandle>> bookmarks;
        bookmarks.emplace_back(QStringLiteral("Contents"), pages.front().getObjectHandle());
        QList<int> firstPageIndexes;
        for (int index = 0; index < m_entries.size(); ++index) {
            const int pageIndex = layout.firstPages[index] - 1;
            firstPageIndexes.append(pageIndex);
            const Entry& entry = m_entries[index];
            const QString title = entry.documentNumber.isEmpty()
                ? entry.title
                : entry.title + QStringLiteral(" (") + entry.documentNumber + u')';
            bookmarks.emplace_back(title, pages[size_t(pageIndex)].getObjectHandle());
        }
        addOutline(binder, bookmarks);
        addContentsLinks(pages, firstPageIndexes);

        QPDFObjectHandle info = binder.makeIndirectObject(QPDFObjectHandle::newDictionary());
        info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(utf8(m_title)));
        info.replaceKey("/Producer", QPDFObjectHandle::newUnicodeString("OCMS case binder"));
        binder.getTrailer().replaceKey("/Info", info);

        const QByteArray partFileName = QFile::encodeName(partPath); // QPDFWriter keeps the pointer until write()
        QPDFWriter writer(binder, partFileName.constData());
        writer.setObjectStreamMode(qpdf_o_generate); // smaller file; readers since PDF 1.5 handle it
        writer.write();
    } catch (const std::exception& exception) {
        QFile::remove(partPath);
        return fail(Error{ErrorCode::Io,
                          QStringLiteral("The binder could not be written to \"%1\".").arg(QFileInfo(outputPath).fileName()),
                          QString::fromUtf8(exception.what())});
    }
    QFile::remove(outputPath);
    if (!QFile::rename(partPath, outputPath)) {
        QFile::remove(partPath);
        return fail(Error::io(QStringLiteral("The binder could not be saved as \"%1\".").arg(outputPath)));
    }
    return layout;
}

} // namespace ocms
