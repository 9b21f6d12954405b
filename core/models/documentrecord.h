#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QStringList>
#include <QUuid>

namespace ocms {

// One version of a document as its history lists it.
struct DocumentVersion
{
    QUuid id;
    int versionNo = 0;
    QUuid contentId;
    QString fileName;
    QString mimeType;
    QString comment;
    QString createdByName;
    QDateTime createdAt;
    qint64 byteSize = 0;
    int restoredFrom = 0; // 0: not a restore
    QString textState;    // pending, ocr, done, none, failed
    bool current = false;
};

// A document with its metadata, who holds it checked out, and its versions (newest first).
struct DocumentRecord
{
    QUuid id;
    QString documentNumber;
    QString title;
    QString documentType;
    QString authorName;
    QUuid officeId;
    QString officeName;
    QUuid caseId;
    QString caseNumber;
    QUuid projectId;
    QString projectNumber;
    QString aNumber;
    QStringList tags;
    QUuid checkedOutById;
    QString checkedOutByName;
    QDateTime checkedOutAt;
    bool checkedOutByMe = false;
    QDateTime updatedAt;
    qint64 rowVersion = 0;
    QList<DocumentVersion> versions;

    const DocumentVersion* current() const { return versions.isEmpty() ? nullptr : &versions.first(); }
    // "case 2024-ATL-000123", "project P-…", "A-Number 012345678": where the document is filed.
    QString parentLabel() const;
};

// Where a document is filed: a case, a project or an A-Number alone, and how to say it.
struct DocumentParent
{
    QUuid caseId;
    QUuid projectId;
    QString aNumber;
    QString label;
};

// What a new document is filed with; its content is uploaded first (ContentStore).
struct NewDocument
{
    QString title;
    QString documentType;
    QString authorName;
    QUuid officeId;
    QUuid caseId;
    QUuid projectId;
    QString aNumber;
    QStringList tags;
    QString fileName;
    QString mimeType;
    QString comment;
};

// Full-text search with optional metadata filters (empty = any).
struct DocumentSearchQuery
{
    QString text;
    QString documentType;
    QString caseNumber;
    QString aNumber;
    QString projectNumber;
    QUuid officeId;
    QString author;
    QString tag;
    QDate from;
    QDate to;
    int limit = 50;
};

// One ranked hit; the snippet marks matched words with [[ and ]].
struct DocumentSearchHit
{
    QUuid documentId;
    QUuid versionId;
    QString documentNumber;
    QString title;
    QString documentType;
    QString parent;
    QString authorName;
    QDateTime updatedAt;
    int versionNo = 0;
    QString fileName;
    QString mimeType;
    double rank = 0;
    QString snippet;
    // More documents matched than the server ranks (3,000): these are the best of those it ranked.
    bool partial = false;
};

} // namespace ocms

Q_DECLARE_METATYPE(ocms::DocumentRecord)
