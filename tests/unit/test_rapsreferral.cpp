// RAPS asylum referrals: OpenPGP decryption with GPGME (core/field/openpgpdecryptor.h) with keys made by the test
// with gpg in temporary GNUPGHOMEs, and the referral file format (core/imports/rapsreferralfile.h).
#include "catchqt.h"
#include "eventwait.h"

#include "field/openpgpdecryptor.h"
#include "field/openpgpencryptor.h"
#include "imports/rapsreferralfile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace ocms;

namespace {

// A GNUPGHOME with one key pair made by `gpg --batch --quick-gen-key` (no passphrase); its agent is stopped at the end.
class GpgHome
{
public:
    explicit GpgHome(const QString& userId) : m_dir(QDir::tempPath() + QStringLiteral("/ocms-raps-XXXXXX"))
    {
        REQUIRE(m_dir.isValid());
        gpg({QStringLiteral("--pinentry-mode"), QStringLiteral("loopback"), QStringLiteral("--passphrase"), QString(),
             QStringLiteral("--quick-gen-key"), userId, QStringLiteral("default"), QStringLiteral("default"), QStringLiteral("never")});
        const QByteArray listing = gpg({QStringLiteral("--with-colons"), QStringLiteral("--list-secret-keys")});
        for (const QByteArray& line : listing.split('\n')) {
            if (line.startsWith("fpr:")) {
                m_fingerprint = QString::fromLatin1(line.split(':').value(9));
                break;
            }
        }
        REQUIRE(m_fingerprint.size() == 40);
    }
    ~GpgHome()
    {
        QProcess::execute(QStringLiteral("gpgconf"), {QStringLiteral("--homedir"), m_dir.path(), QStringLiteral("--kill"), QStringLiteral("all")});
    }

    QByteArray publicKey() { return gpg({QStringLiteral("--armor"), QStringLiteral("--export"), m_fingerprint}); }
    QString path() const { return m_dir.path(); }
    const QString& fingerprint() const { return m_fingerprint; }

private:
    QByteArray gpg(QStringList arguments)
    {
        arguments.prepend(QStringLiteral("--batch"));
        arguments.prepend(m_dir.path());
        arguments.prepend(QStringLiteral("--homedir"));
        QProcess process;
        process.start(QStringLiteral("gpg"), arguments);
        REQUIRE(process.waitForFinished(120000));
        INFO(process.readAllStandardError().toStdString());
        REQUIRE(process.exitCode() == 0);
        return process.readAllStandardOutput();
    }

    QTemporaryDir m_dir;
    QString m_fingerprint;
};

// What RAPS does: encrypt to OCMS's public key (here with OCMS's own encryptor, in a keyring of its own).
QByteArray encryptTo(GpgHome& recipient, const QByteArray& plaintext, bool armor = false)
{
    QTemporaryDir sender(QDir::tempPath() + QStringLiteral("/ocms-raps-sender-XXXXXX"));
    REQUIRE(sender.isValid());
    OpenPgpEncryptor encryptor(sender.path());
    const auto key = encryptor.importPublicKey(recipient.publicKey());
    REQUIRE_OK(key);
    const auto cipher = encryptor.encrypt(plaintext, key->fingerprint, armor);
    REQUIRE_OK(cipher);
    return *cipher;
}

const QDate today(2026, 3, 20);

const QByteArray goodFile = "RAPS-REFERRALS|1|2026-03-15\n"
                            "012345678|GARCIA LOPEZ|MARIA|1985-04-12|MX|2026-03-10|ZLA|Not found credible at interview\n"
                            "A-098-765-432|Okafor|Chidi|1990-01-31|NG|2026-03-11|ZNY|One-year filing deadline not met\n"
                            "END|2\n";

} // namespace

TEST_CASE("RAPS referrals: a file encrypted to OCMS's key is decrypted with GPGME and parsed", "[raps]")
{
    GpgHome ocmsKey(QStringLiteral("OCMS RAPS Test <raps-test@ocms.invalid>"));
    const OpenPgpDecryptor decryptor(ocmsKey.path());

    const QByteArray cipher = encryptTo(ocmsKey, goodFile);
    CHECK_FALSE(cipher.contains("GARCIA"));
    const auto plain = decryptor.decrypt(cipher, QStringLiteral("The test file"));
    REQUIRE_OK(plain);
    CHECK(*plain == goodFile);

    const auto parsed = RapsReferralFile::decryptAndParse(encryptTo(ocmsKey, goodFile, true), decryptor, QStringLiteral("r.txt.asc"), today);
    REQUIRE_OK(parsed);
    CHECK(parsed->fileDate == QDate(2026, 3, 15));
    CHECK(parsed->rejected.isEmpty());
    REQUIRE(parsed->referrals.size() == 2);
    const RapsReferral& first = parsed->referrals[0];
    CHECK(first.line == 2);
    CHECK(first.aNumber == QStringLiteral("012345678"));
    CHECK(first.familyName == QStringLiteral("GARCIA LOPEZ"));
    CHECK(first.givenName == QStringLiteral("MARIA"));
    CHECK(first.dateOfBirth == QDate(1985, 4, 12));
    CHECK(first.country == QStringLiteral("MX"));
    CHECK(first.referralDate == QDate(2026, 3, 10));
    CHECK(first.asylumOffice == QStringLiteral("ZLA"));
    CHECK(first.reason == QStringLiteral("Not found credible at interview"));
    CHECK(parsed->referrals[1].aNumber == QStringLiteral("098765432"));

    SECTION("from a file, on a pool thread")
    {
        QTemporaryDir folder;
        REQUIRE(folder.isValid());
        const QString path = folder.filePath(QStringLiteral("referrals-2026-03-15.txt.gpg"));
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(encryptTo(ocmsKey, goodFile));
        file.close();
        auto future = RapsReferralFile::loadInBackground(path, decryptor);
        REQUIRE(ocms::test::waitUntil([&] { return future.isFinished(); }, 60000));
        const auto loaded = future.result();
        REQUIRE_OK(loaded);
        CHECK(loaded->referrals.size() == 2);

        const auto missing = RapsReferralFile::load(folder.filePath(QStringLiteral("none.gpg")), decryptor);
        REQUIRE_FALSE(missing);
        CHECK(missing.error().userMessage.startsWith(QStringLiteral("The RAPS referral file ")));
        CHECK(missing.error().userMessage.endsWith(QStringLiteral("none.gpg cannot be read.")));
    }
}

TEST_CASE("RAPS referrals: a file encrypted to another key is refused with a clear error", "[raps]")
{
    GpgHome ocmsKey(QStringLiteral("OCMS RAPS Test <raps-test@ocms.invalid>"));
    GpgHome someoneElse(QStringLiteral("Someone Else <else@example.invalid>"));
    const QByteArray cipher = encryptTo(someoneElse, goodFile);
    const auto result = RapsReferralFile::decryptAndParse(cipher, OpenPgpDecryptor(ocmsKey.path()), QStringLiteral("r.gpg"), today);
    REQUIRE_FALSE(result);
    INFO(result.error().describe().toStdString());
    CHECK(result.error().userMessage.startsWith(QStringLiteral("The RAPS referral file r.gpg is encrypted to a key OCMS does not hold (key id ")));
    CHECK(result.error().userMessage.endsWith(QStringLiteral("): ask the sender to encrypt it to OCMS's key.")));
    // The key id named is the other key's encryption subkey, not OCMS's.
    CHECK_FALSE(result.error().userMessage.contains(ocmsKey.fingerprint().right(16)));
}

TEST_CASE("RAPS referrals: a damaged, cut-off or unencrypted file is refused with a clear error", "[raps]")
{
    GpgHome ocmsKey(QStringLiteral("OCMS RAPS Test <raps-test@ocms.invalid>"));
    const OpenPgpDecryptor decryptor(ocmsKey.path());
    const QByteArray cipher = encryptTo(ocmsKey, goodFile);
    const QString damaged = QStringLiteral("The RAPS referral file r.gpg is damaged or cut off, so it cannot be decrypted; nothing was "
                                           "taken from it. Ask the sender for the file again.");

    // Bytes from the encrypted session key (after its key id) to the integrity check at the end.
    for (const qsizetype at : {qsizetype(24), cipher.size() / 4, cipher.size() / 2, cipher.size() * 3 / 4, cipher.size() - 30,
                               cipher.size() - 5}) {
        QByteArray flipped = cipher;
        flipped[at] = char(flipped.at(at) ^ 0x5A);
        const auto bitFlip = RapsReferralFile::decryptAndParse(flipped, decryptor, QStringLiteral("r.gpg"), today);
        REQUIRE_FALSE(bitFlip);
        INFO("byte " << at << " of " << cipher.size() << ": " << bitFlip.error().describe().toStdString());
        CHECK(bitFlip.error().userMessage == damaged);
    }

    const auto cut = RapsReferralFile::decryptAndParse(cipher.first(cipher.size() - 20), decryptor, QStringLiteral("r.gpg"), today);
    REQUIRE_FALSE(cut);
    INFO(cut.error().describe().toStdString());
    CHECK(cut.error().userMessage == damaged);

    const auto plain = RapsReferralFile::decryptAndParse(goodFile, decryptor, QStringLiteral("r.gpg"), today);
    REQUIRE_FALSE(plain);
    INFO(plain.error().describe().toStdString());
    CHECK(plain.error().userMessage.contains(QStringLiteral("is not an OpenPGP-encrypted file")));

    const auto empty = RapsReferralFile::decryptAndParse({}, decryptor, QStringLiteral("r.gpg"), today);
    REQUIRE_FALSE(empty);
    CHECK(empty.error().userMessage == QStringLiteral("The RAPS referral file r.gpg is empty."));
}

TEST_CASE("RAPS referrals: bad lines are rejected with their line numbers, the good ones kept", "[raps]")
{
    const QByteArray text = "\xEF\xBB\xBFRAPS-REFERRALS|1|2026-03-15\r\n"
                            "012345678|GARCIA LOPEZ|MARIA|1985-04-12|MX|2026-03-10|ZLA|Not credible\r\n"
                            "12|Short|A|1985-04-12|MX|2026-03-10|ZLA|x\r\n"
                            "098765432|Okafor|Chidi|1990-02-30|NG|2026-03-11|ZNY|x\r\n"
                            "\r\n"
                            "111111111|Nowhere|N|1990-01-01|QQ|2026-03-11|ZNY|x\r\n"
                            "222222222|Late|L|1990-01-01|SV|2026-03-16|ZNY|x\r\n"
                            "333333333|Office|O|1990-01-01|SV|2026-03-01|NY|x\r\n"
                            "444444444|Fields|F|1990-01-01|SV|2026-03-01|ZNY\r\n"
                            "A012345678|Again|A|1985-04-12|MX|2026-03-10|ZLA|x\r\n"
                            "555555555|\xC3\x28|bad|1990-01-01|SV|2026-03-01|ZNY|x\r\n"
                            "666666666||NoFamily|1990-01-01|SV|2026-03-01|ZNY|x\r\n"
                            "777777777|Reason|R|1990-01-01|SV|2026-03-01|ZNY|\r\n"
                            "888888888|Before|B|2026-03-05|SV|2026-03-01|ZNY|x\r\n"
                            "999999999|Single||2000-06-30|sv|2026-03-01|zny|Failure to appear\r\n"
                            "END|13\r\n";
    const auto parsed = RapsReferralFile::parse(text, QStringLiteral("r.txt"), today);
    REQUIRE_OK(parsed);
    CHECK(parsed->dataLines == 13);
    REQUIRE(parsed->referrals.size() == 2);
    CHECK(parsed->referrals[0].line == 2);
    CHECK(parsed->referrals[1].line == 15);
    CHECK(parsed->referrals[1].givenName.isEmpty());
    CHECK(parsed->referrals[1].country == QStringLiteral("SV"));
    CHECK(parsed->referrals[1].asylumOffice == QStringLiteral("ZNY"));

    QStringList report;
    for (const ImportRejection& rejection : parsed->rejected) {
        report.append(QStringLiteral("%1: %2").arg(rejection.line).arg(rejection.reason));
    }
    CHECK(report
          == QStringList{
              QStringLiteral("3: The A-Number \"12\" is not valid (nine digits, like A-012-345-678)."),
              QStringLiteral("4: The date of birth \"1990-02-30\" is not a date (YYYY-MM-DD)."),
              QStringLiteral("6: The country \"QQ\" is not a two-letter ISO 3166 country code (like MX or SV)."),
              QStringLiteral("7: The referral date 2026-03-16 is after the file's date 2026-03-15."),
              QStringLiteral("8: The asylum office \"NY\" is not an asylum office code (Z and two letters, like ZNY)."),
              QStringLiteral("9: It has 7 fields; a referral line has 8, separated by |."),
              QStringLiteral("10: The A-Number 012345678 was already referred on line 2 of this file."),
              QStringLiteral("11: It is not valid UTF-8 text."),
              QStringLiteral("12: The family name is missing."),
              QStringLiteral("13: The referral reason is missing."),
              QStringLiteral("14: The referral date 2026-03-01 is before the date of birth 2026-03-05."),
          });
}

TEST_CASE("RAPS referrals: a file without its header or END line, or with a wrong count, is refused whole", "[raps]")
{
    const auto noHeader = RapsReferralFile::parse("012345678|A|B|1985-04-12|MX|2026-03-10|ZLA|x\nEND|1\n", QStringLiteral("r.txt"), today);
    REQUIRE_FALSE(noHeader);
    CHECK(noHeader.error().userMessage
          == QStringLiteral("The RAPS referral file r.txt does not begin with the line RAPS-REFERRALS|1|YYYY-MM-DD (line 1): it is not a "
                            "RAPS referral file."));

    const auto version = RapsReferralFile::parse("RAPS-REFERRALS|2|2026-03-15\nEND|0\n", QStringLiteral("r.txt"), today);
    REQUIRE_FALSE(version);
    CHECK(version.error().userMessage == QStringLiteral("The RAPS referral file r.txt is in format version 2; OCMS reads version 1."));

    QByteArray cutOff = goodFile;
    cutOff.chop(QByteArray("END|2\n").size() + 10);
    const auto truncated = RapsReferralFile::parse(cutOff, QStringLiteral("r.txt"), today);
    REQUIRE_FALSE(truncated);
    CHECK(truncated.error().userMessage.startsWith(QStringLiteral("The RAPS referral file r.txt has no END line after its referrals: it is cut off.")));

    QByteArray miscounted = goodFile;
    miscounted.replace("END|2", "END|3");
    const auto count = RapsReferralFile::parse(miscounted, QStringLiteral("r.txt"), today);
    REQUIRE_FALSE(count);
    CHECK(count.error().userMessage.startsWith(QStringLiteral("The RAPS referral file r.txt's END line counts 3 referrals but the file holds 2 lines")));

    const auto empty = RapsReferralFile::parse("\n\n", QStringLiteral("r.txt"), today);
    REQUIRE_FALSE(empty);
    CHECK(empty.error().userMessage.contains(QStringLiteral("holds no header line")));

    const auto headerOnly = RapsReferralFile::parse("RAPS-REFERRALS|1|2026-03-15\nEND|0\n", QStringLiteral("r.txt"), today);
    REQUIRE_OK(headerOnly);
    CHECK(headerOnly->referrals.isEmpty());
}
