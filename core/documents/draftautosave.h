#pragma once

#include "result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace ocms {

// Unsaved editor work as last autosaved: enough to put it back in the editor after a crash.
struct AutosavedDraft
{
    QString key;              // DraftAutosave::keyForDocument or keyForNewDraft
    qint64 documentId = 0;    // 0 while the document has never been saved
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
    static QString keyForDocument(qint64 documentId);
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
