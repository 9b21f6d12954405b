#pragma once

#include "result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUuid>

namespace ocms {

// Unsaved editor work as last autosaved: enough to put it back in the editor after a crash.
struct AutosavedDraft
{
    QString key;              // DraftAutosave::keyForDocument or keyForNewDraft
    QUuid documentId;         // null while the document has never been saved
    int baseVersion = 0;      // the version the edits started from; 0 for a new document
    QString title;
    QString html;
    QDateTime savedAt;        // UTC
};

// Keeps autosaved drafts as one JSON file each under <AppLocalData>/drafts, readable by the user only
// (0600), written atomically (QSaveFile) so a crash during the write leaves the previous copy intact.
// Drafts hold client data: they stay on this machine and are removed once the version is saved.
class DraftAutosave final
{
public:
    explicit DraftAutosave(QString folder = defaultFolder());

    static QString defaultFolder();
    // The drafts of one signed-in user: a folder of their own under the default one.
    static DraftAutosave forUser(const QString& userName);
    static QString keyForDocument(const QUuid& documentId);
    static QString keyForNewDraft(); // a fresh random key, so a never-saved draft is recoverable too
    static bool isValidKey(const QString& key);

    QString folder() const { return m_folder; }
    QString filePath(const QString& key) const;

    Result<void> save(AutosavedDraft draft) const; // stamps savedAt when empty
    Result<AutosavedDraft> load(const QString& key) const;
    bool contains(const QString& key) const;
    // Every readable draft, newest first. Unreadable files are skipped, not deleted.
    QList<AutosavedDraft> list() const;
    Result<void> discard(const QString& key) const;

private:
    QString m_folder;
};

} // namespace ocms
