#pragma once

#include "models/documentrecord.h"
#include "result.h"

#include <QByteArray>

namespace ocms {

class DocumentRepository;

// Keeps the editor's drafts as document versions (ODT): the first save files a new document, every later
// one checks in a version. While a draft is open for editing its writer holds the check-out — taken when
// it opens, kept across saves (check-in and check-out again in one transaction, so nobody slips in between)
// and given back when the editor closes with nothing unsaved. Blocking: use on a worker thread.
class DraftFiling
{
public:
    static constexpr auto kOdtMimeType = "application/vnd.oasis.opendocument.text";

    // What the editor opens: the document, its current version's ODT, and — when someone else holds the
    // check-out — why it opens read-only ("This document is checked out by … since …").
    struct Opened
    {
        DocumentRecord record;
        QByteArray odt;
        QString readOnlyReason;
    };

    struct Saved
    {
        QUuid documentId;
        int versionNo = 0;
        QString documentNumber;
    };

    explicit DraftFiling(DocumentRepository& repository) : m_repository(repository) {}

    // Whether a version is a draft the editor writes (ODT by type or by name).
    static bool isDraftVersion(const DocumentVersion& version);
    // A draft's title made safe as a file name on any file system (no extension; "Draft" when empty).
    static QString baseNameFor(const QString& title);
    // The file name a draft's versions get: baseNameFor(title) with ".odt".
    static QString fileNameFor(const QString& title) { return baseNameFor(title) + QStringLiteral(".odt"); }

    Result<Opened> open(const QUuid& documentId);
    // A new document filed with the draft as version 1, checked out to its writer. The parent ids of
    // `document` are used as given; its title, file name and type are taken from `title` and ODT.
    Result<Saved> fileNew(NewDocument document, const QString& title, const QByteArray& odt, const QString& comment);
    // The next version of a document the writer holds (or may take) checked out; the check-out stays.
    Result<Saved> checkIn(const QUuid& documentId, const QString& title, const QByteArray& odt, const QString& comment);
    // Gives the check-out back (editing ended with nothing unsaved). A document not held is left alone.
    Result<void> release(const QUuid& documentId);

private:
    Result<Saved> savedVersion(const QUuid& documentId);

    DocumentRepository& m_repository;
};

} // namespace ocms
