#pragma once

#include "importrejection.h"
#include "rapsreferral.h"
#include "result.h"

#include <QByteArray>
#include <QFuture>
#include <QList>

namespace ocms {

class OpenPgpDecryptor;

// The RAPS asylum referral file: OpenPGP-encrypted to OCMS's key; inside, UTF-8 text with a header line, one
// referral a line (fields separated by |) and an END line counting them (core/imports/FORMATS.md, "RAPS
// asylum referrals"). A file that cannot be decrypted, lacks its header, is cut off before its END line or
// whose count disagrees is refused whole; otherwise each line is checked and bad ones are reported with their
// line number and reason, the good ones kept. Blocking (decryption runs gpg): use on a worker thread.
class RapsReferralFile
{
public:
    struct Parsed
    {
        QDate fileDate;                   // from the header
        QList<RapsReferral> referrals;
        QList<ImportRejection> rejected;
        qint64 dataLines = 0;             // referral lines read (accepted + rejected)
    };

    // fileName names the file in messages; today bounds dates of birth and referral dates.
    static Result<Parsed> parse(const QByteArray& text, const QString& fileName, QDate today = QDate::currentDate());
    static Result<Parsed> decryptAndParse(const QByteArray& cipher, const OpenPgpDecryptor& decryptor, const QString& fileName,
                                          QDate today = QDate::currentDate());
    // Reads the file at path (at most 256 MB), decrypts and parses it: blocking.
    static Result<Parsed> load(const QString& path, const OpenPgpDecryptor& decryptor);
    // The same on a pool thread, for the GUI thread (with whenReady).
    static QFuture<Result<Parsed>> loadInBackground(const QString& path, const OpenPgpDecryptor& decryptor);
};

} // namespace ocms
