#pragma once

#include "result.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <atomic>

namespace ocms {

// The batch extract a commercial address provider needs to search for fugitives (issue 7 item 6; FCMS PIA
// 2.3, 5.1, 5.3): the minimum fields only — a per-extract reference, name, aliases, date of birth, last known
// addresses (FORMATS.md, "Address-search extract") — built in memory, OpenPGP-encrypted to the provider's key
// (OpenPgpEncryptor) and written to one file; the plaintext never touches the disk. Each extract is recorded
// by the server as a disclosure (field.record_provider_extract: who, when, to which provider, which
// fugitives, the SHA-256 of the file), in the same transaction that writes the file: no file without its
// record, no record without its file. Only headquarters (full field access) may send one; the server refuses
// anyone else. Blocking: use on a worker thread (BackgroundService<AddressSearchExtract>).
class AddressSearchExtract
{
public:
    // Which fugitives: the ones chosen by hand, else every one with the status (and of the office, if given).
    struct Selection
    {
        QList<QUuid> fugitiveIds;
        QString officeCode;
        QString status = QStringLiteral("at_large");
        QString describe() const;
    };

    struct Request
    {
        Selection selection;
        QString provider;          // commercial lead source code (field.lead_sources)
        QByteArray providerKey;    // the provider's OpenPGP public key (armored or binary)
        QString outputPath;        // the encrypted file; written whole or not at all
        bool armor = false;        // ASCII-armored output instead of binary
        QString keyringDirectory;  // OCMS's keyring; empty: a private throwaway one for this extract
    };

    struct Preview
    {
        int records = 0;
        QStringList fields;         // the columns that go out
        QString providerName;       // empty when the provider code is unknown (the extract would be refused)
        bool mayDisclose = false;   // the signed-in user is headquarters
    };

    struct Report
    {
        QUuid extractId;
        int records = 0;
        QString provider;
        QString keyFingerprint;
        QString keyUserId;
        QByteArray sha256;          // of the encrypted file
        qint64 bytes = 0;
        QDateTime recordedAt;
        QString outputPath;
    };

    // One subject as it goes out (also what tests compare the decrypted file with).
    struct Subject
    {
        QUuid fugitiveId;
        QString reference;
        QString familyName, givenName, middleName;
        QDate dateOfBirth;
        QStringList aliases;        // "Family, Given"
        struct Address
        {
            QString line1, line2, city, state, zip;
        };
        QList<Address> addresses;   // most recent first, at most kMaxAddresses
    };

    static constexpr int kMaxAddresses = 3;

    explicit AddressSearchExtract(QSqlDatabase& database) : m_database(database) {}

    // The columns of the file, in order.
    static QStringList fields();
    // The CSV (RFC 4180, UTF-8, CRLF) of the subjects: what gets encrypted.
    static QByteArray toCsv(const QList<Subject>& subjects);

    struct Provider
    {
        QString code, name;
    };
    // The commercial lead sources an extract can go to.
    Result<QList<Provider>> providers();

    // How many records a selection holds, which fields go out, whether the provider is known.
    Result<Preview> preview(const Selection& selection, const QString& provider);

    // Builds, encrypts, writes and records the extract. A wrong key, an unknown provider, an empty selection
    // or a user who is not headquarters: a clear Error, nothing written, nothing recorded.
    Result<Report> run(const Request& request, const std::atomic<bool>* cancel = nullptr);

private:
    Result<QList<Subject>> load(const Selection& selection);
    Result<QString> providerName(const QString& provider);

    QSqlDatabase& m_database;
};

} // namespace ocms
