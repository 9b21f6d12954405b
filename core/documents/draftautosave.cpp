#include "draftautosave.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

namespace ocms {

namespace {

constexpr int kFormat = 1;
constexpr qint64 kMaxDraftFileBytes = 128LL * 1024 * 1024;

Error autosaveError(const QString& what, const QString& detail)
{
    return Error::io(QObject::tr("Unsaved work could not be %1 on this computer.").arg(what), detail);
}

} // namespace

DraftAutosave::DraftAutosave(QString folder) : m_folder(std::move(folder)) {}

QString DraftAutosave::defaultFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath(QStringLiteral("drafts"));
}

DraftAutosave DraftAutosave::forUser(const QString& userName)
{
    // Hex of the name: any sign-in name becomes a safe, distinct folder name.
    const QString folder = QStringLiteral("user-") + QString::fromLatin1(userName.trimmed().toLower().toUtf8().toHex());
    return DraftAutosave(QDir(defaultFolder()).filePath(folder));
}

QString DraftAutosave::keyForDocument(const QUuid& documentId)
{
    return QStringLiteral("document-") + documentId.toString(QUuid::Id128);
}

QString DraftAutosave::keyForNewDraft()
{
    return QStringLiteral("new-") + QUuid::createUuid().toString(QUuid::Id128);
}

bool DraftAutosave::isValidKey(const QString& key)
{
    // Keys become file names: no separators, no dots, nothing that could leave the folder.
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,100}$"));
    return pattern.match(key).hasMatch();
}

QString DraftAutosave::filePath(const QString& key) const
{
    return QDir(m_folder).filePath(key + QStringLiteral(".json"));
}

Result<void> DraftAutosave::save(AutosavedDraft draft) const
{
    if (!isValidKey(draft.key)) {
        return fail(Error{ErrorCode::Internal, QObject::tr("Unsaved work could not be kept: bad draft key."), draft.key});
    }
    if (!QDir().mkpath(m_folder)) {
        return fail(autosaveError(QObject::tr("kept"), m_folder));
    }
    // The folder holds client text: owner only.
    QFile::setPermissions(m_folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (!draft.savedAt.isValid()) {
        draft.savedAt = QDateTime::currentDateTimeUtc();
    }
    const QJsonObject object{
        {QStringLiteral("format"), kFormat},
        {QStringLiteral("key"), draft.key},
        {QStringLiteral("documentId"), draft.documentId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("baseVersion"), draft.baseVersion},
        {QStringLiteral("title"), draft.title},
        {QStringLiteral("html"), draft.html},
        {QStringLiteral("savedAt"), draft.savedAt.toUTC().toString(Qt::ISODateWithMs)},
    };
    QSaveFile file(filePath(draft.key));
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(autosaveError(QObject::tr("kept"), file.errorString()));
    }
    // Restrict before any byte is written; QSaveFile's temporary file becomes the draft on commit.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QByteArray bytes = QJsonDocument(object).toJson(QJsonDocument::Compact);
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        return fail(autosaveError(QObject::tr("kept"), file.errorString()));
    }
    return {};
}

Result<AutosavedDraft> DraftAutosave::load(const QString& key) const
{
    if (!isValidKey(key)) {
        return fail(Error{ErrorCode::NotFound, QObject::tr("There is no unsaved work for this draft."), key});
    }
    QFile file(filePath(key));
    if (!file.exists()) {
        return fail(Error{ErrorCode::NotFound, QObject::tr("There is no unsaved work for this draft."), key});
    }
    if (file.size() > kMaxDraftFileBytes || !file.open(QIODevice::ReadOnly)) {
        return fail(autosaveError(QObject::tr("read"), file.errorString()));
    }
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject object = json.object();
    if (parseError.error != QJsonParseError::NoError || object.value(QStringLiteral("format")).toInt() != kFormat) {
        return fail(autosaveError(QObject::tr("read"), parseError.errorString()));
    }
    AutosavedDraft draft;
    draft.key = key;
    draft.documentId = QUuid::fromString(object.value(QStringLiteral("documentId")).toString());
    draft.baseVersion = object.value(QStringLiteral("baseVersion")).toInt();
    draft.title = object.value(QStringLiteral("title")).toString();
    draft.html = object.value(QStringLiteral("html")).toString();
    draft.savedAt = QDateTime::fromString(object.value(QStringLiteral("savedAt")).toString(), Qt::ISODateWithMs);
    return draft;
}

bool DraftAutosave::contains(const QString& key) const
{
    return isValidKey(key) && QFile::exists(filePath(key));
}

QList<AutosavedDraft> DraftAutosave::list() const
{
    QList<AutosavedDraft> drafts;
    const QStringList files = QDir(m_folder).entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString& name : files) {
        auto draft = load(name.chopped(5));
        if (draft) {
            drafts.append(*draft);
        }
    }
    std::sort(drafts.begin(), drafts.end(),
              [](const AutosavedDraft& a, const AutosavedDraft& b) { return a.savedAt > b.savedAt; });
    return drafts;
}

Result<void> DraftAutosave::discard(const QString& key) const
{
    if (!contains(key)) {
        return {};
    }
    QFile file(filePath(key));
    if (!file.remove()) {
        return fail(autosaveError(QObject::tr("removed"), file.errorString()));
    }
    return {};
}

} // namespace ocms
