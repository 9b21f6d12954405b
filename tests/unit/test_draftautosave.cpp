// Autosaved drafts: what is saved comes back, files are private to the user, a failed write leaves the
// previous copy whole, and discarding removes the file.
#include "documents/draftautosave.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <csignal>
#include <sys/resource.h>

#include "catchqt.h"

using namespace ocms;

namespace {

AutosavedDraft sample(const QString& key, const QString& html)
{
    AutosavedDraft draft;
    draft.key = key;
    draft.documentId = QUuid(0x9000'0001, 0, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 1);
    draft.baseVersion = 3;
    draft.title = QStringLiteral("Brief — Núñez");
    draft.html = html;
    draft.savedAt = QDateTime(QDate(2026, 11, 30), QTime(11, 5, 7, 250), Qt::UTC);
    return draft;
}

// Limits the size of files this process may write, so a write fails part-way (root ignores permissions).
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_previous);
        m_previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_previous;
        limit.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_previous);
        std::signal(SIGXFSZ, m_previousHandler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit m_previous{};
    void (*m_previousHandler)(int) = nullptr;
};

} // namespace

TEST_CASE("An autosaved draft comes back as it was saved", "[documents][autosave]")
{
    QTemporaryDir folder;
    const DraftAutosave autosave(folder.filePath(QStringLiteral("drafts")));
    const AutosavedDraft saved = sample(DraftAutosave::keyForDocument(QUuid(0x9000'0001, 0, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 1)), QStringLiteral("<p>Draft <b>text</b></p>"));
    REQUIRE_OK(autosave.save(saved));
    CHECK(autosave.contains(saved.key));

    auto loaded = autosave.load(saved.key);
    REQUIRE_OK(loaded);
    CHECK(loaded->key == saved.key);
    CHECK(loaded->documentId == saved.documentId);
    CHECK(loaded->baseVersion == 3);
    CHECK(loaded->title == saved.title);
    CHECK(loaded->html == saved.html);
    CHECK(loaded->savedAt == saved.savedAt);
}

TEST_CASE("Autosaved drafts are readable by their owner only", "[documents][autosave]")
{
    QTemporaryDir folder;
    const DraftAutosave autosave(folder.filePath(QStringLiteral("drafts")));
    const QString key = DraftAutosave::keyForNewDraft();
    REQUIRE_OK(autosave.save(sample(key, QStringLiteral("secret"))));
    const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
        | QFileDevice::WriteOther | QFileDevice::ExeOther;
    const QFileInfo file(autosave.filePath(key));
    CHECK((file.permissions() & QFileDevice::ReadOwner));
    CHECK((file.permissions() & others) == 0);
    CHECK((QFileInfo(autosave.folder()).permissions() & others) == 0);
}

TEST_CASE("A write that fails part-way leaves the previous autosave whole", "[documents][autosave]")
{
    QTemporaryDir folder;
    const DraftAutosave autosave(folder.filePath(QStringLiteral("drafts")));
    const QString key = DraftAutosave::keyForDocument(QUuid::createUuid());
    REQUIRE_OK(autosave.save(sample(key, QStringLiteral("first version"))));
    {
        FileSizeLimit limit(4096);
        const auto second = autosave.save(sample(key, QString(200'000, u'x')));
        REQUIRE_FALSE(second.has_value());
        CHECK(second.error().code == ErrorCode::Io);
    }
    auto loaded = autosave.load(key);
    REQUIRE_OK(loaded);
    CHECK(loaded->html == QStringLiteral("first version"));
    // No temporary or partial files left beside the draft.
    CHECK(QDir(autosave.folder()).entryList(QDir::Files) == QStringList{key + QStringLiteral(".json")});
}

TEST_CASE("Drafts are listed newest first, discarded on request, and keys cannot leave the folder", "[documents][autosave]")
{
    QTemporaryDir folder;
    const DraftAutosave autosave(folder.filePath(QStringLiteral("drafts")));
    AutosavedDraft older = sample(DraftAutosave::keyForNewDraft(), QStringLiteral("older"));
    AutosavedDraft newer = sample(DraftAutosave::keyForDocument(QUuid::createUuid()), QStringLiteral("newer"));
    newer.savedAt = older.savedAt.addSecs(60);
    REQUIRE_OK(autosave.save(older));
    REQUIRE_OK(autosave.save(newer));
    // A damaged file (as an older program might leave) is skipped, not fatal.
    QFile damaged(QDir(autosave.folder()).filePath(QStringLiteral("document-99.json")));
    REQUIRE(damaged.open(QIODevice::WriteOnly));
    damaged.write("{\"format\":1,\"html\":\"cut of");
    damaged.close();

    const QList<AutosavedDraft> drafts = autosave.list();
    REQUIRE(drafts.size() == 2);
    CHECK(drafts[0].html == QStringLiteral("newer"));
    CHECK(drafts[1].html == QStringLiteral("older"));
    CHECK_FALSE(autosave.load(QStringLiteral("document-99")).has_value());

    REQUIRE_OK(autosave.discard(older.key));
    CHECK_FALSE(autosave.contains(older.key));
    CHECK(autosave.load(older.key).error().code == ErrorCode::NotFound);
    REQUIRE_OK(autosave.discard(older.key)); // twice is fine

    CHECK_FALSE(DraftAutosave::isValidKey(QStringLiteral("../escape")));
    CHECK_FALSE(DraftAutosave::isValidKey(QString()));
    CHECK_FALSE(autosave.save(sample(QStringLiteral("../escape"), QStringLiteral("x"))).has_value());
    CHECK(DraftAutosave::isValidKey(DraftAutosave::keyForNewDraft()));
    CHECK(DraftAutosave::keyForNewDraft() != DraftAutosave::keyForNewDraft());
}
