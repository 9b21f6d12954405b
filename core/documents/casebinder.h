#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>

namespace ocms {

// Joins a case's chosen documents into one PDF for a hearing or a filing: contents page(s) first (title,
// then each document's title, number and first page, each row a link), then every document's pages, with
// a bookmark per document and one for the contents. Built with qpdf; no GUI needed.
// A broken or password-protected entry stops the build with an Error naming it: a binder silently
// missing an exhibit is worse than no binder, and the user can remove or replace the document.
class CaseBinder
{
public:
    struct Entry
    {
        QString title;
        QString documentNumber;
        QByteArray pdf;   // the PDF itself...
        QString filePath; // ...or where it is on disk (read lazily: big files are not loaded whole)
    };

    // Where things ended up in the binder, 1-based page numbers as a reader sees them.
    struct Layout
    {
        int contentsPageCount = 0;
        QList<int> firstPages;
        int pageCount = 0;
    };

    explicit CaseBinder(QString binderTitle) : m_title(std::move(binderTitle)) {}

    void addDocument(Entry entry) { m_entries.append(std::move(entry)); }
    qsizetype documentCount() const { return m_entries.size(); }

    // Writes the binder to outputPath (through a temporary file, so a failure never leaves half a binder).
    Result<Layout> writeTo(const QString& outputPath, const std::atomic<bool>* cancel = nullptr) const;

private:
    QString m_title;
    QList<Entry> m_entries;
};

} // namespace ocms
