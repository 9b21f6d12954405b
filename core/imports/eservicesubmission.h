#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace ocms {

// A filing an outside party made through the eService exchange (PIA appendix item 11), as the exchange
// sends it (core/imports/FORMATS.md, "eService exchange"). Validated by EServiceExchange::parse: a known
// kind, a nine-digit A-Number, at least one party and one attachment, attachments decoded from base64 with a
// safe file name, a MIME type and (when the exchange sends one) a matching SHA-256.
struct EServiceSubmission
{
    enum class Kind { Motion, Brief, Application, NoticeOfAppearance, NoticeOfAppeal };

    struct Party
    {
        QString role; // "respondent", "attorney", "representative", "government", "other"
        QString name;
    };
    struct Attachment
    {
        QString fileName; // no folders
        QString mimeType; // e.g. application/pdf
        QByteArray content;
        QByteArray sha256; // hex, computed from content
    };

    QString submissionId; // the exchange's key: receiving the same one twice is a repeat, not a new filing
    Kind kind = Kind::Motion;
    QDateTime submittedAt; // UTC
    QString aNumber;       // nine digits
    QString office;        // the Office of Chief Counsel it is addressed to, may be empty
    QString title;
    QList<Party> parties;
    QList<Attachment> attachments;

    // "motion", "brief", "application", "notice_of_appearance", "notice_of_appeal" and back.
    static QString kindCode(Kind kind);
    static bool kindFromCode(const QString& code, Kind* kind);
    // "motion", "notice of appearance"... for messages.
    static QString kindName(Kind kind);
};

} // namespace ocms
