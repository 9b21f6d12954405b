#include "eserviceexchange.h"

#include "domain/anumber.h"
#include "jsonfields.h"
#include "net/httpsjsonclient.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QUrlQuery>

#include <limits>
#include <variant>

namespace ocms {

namespace {

const QStringList partyRoles{QStringLiteral("respondent"), QStringLiteral("attorney"), QStringLiteral("representative"),
                             QStringLiteral("government"), QStringLiteral("other")};

// Why a file name cannot be kept as given, or empty.
QString unsafeFileName(const QString& name)
{
    if (name.contains(u'/') || name.contains(u'\\')) {
        return QStringLiteral("names a folder; give the file name alone");
    }
    if (name.startsWith(u'.')) {
        return QStringLiteral("begins with a dot");
    }
    if (name.contains(u':')) {
        return QStringLiteral("holds a colon");
    }
    return {};
}

void readAttachment(JsonFields& fields, const QJsonValue& value, int position, EServiceSubmission::Attachment* attachment)
{
    if (!value.isObject()) {
        fields.refuse({}, QStringLiteral("\"attachments[%1]\" should be an object").arg(position));
        return;
    }
    JsonFields one(value.toObject(), QStringLiteral("attachments[%1].").arg(position));
    attachment->fileName = one.text(QStringLiteral("file_name"), true, 255);
    if (one.ok()) {
        if (const QString why = unsafeFileName(attachment->fileName); !why.isEmpty()) {
            one.refuse(QStringLiteral("file_name"), QStringLiteral("\"%1\" %2").arg(attachment->fileName, why));
        }
    }
    attachment->mimeType = one.text(QStringLiteral("mime_type"), true, 127).toLower();
    static const QRegularExpression mime(QStringLiteral("^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$"));
    if (one.ok() && !mime.match(attachment->mimeType).hasMatch()) {
        one.refuse(QStringLiteral("mime_type"), QStringLiteral("is not a MIME type (like application/pdf): \"%1\"").arg(attachment->mimeType));
    }
    const QString encoded = one.text(QStringLiteral("content_base64"), true, std::numeric_limits<int>::max());
    if (one.ok()) {
        auto decoded = QByteArray::fromBase64Encoding(encoded.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || encoded.size() % 4 != 0) {
            one.refuse(QStringLiteral("content_base64"), QStringLiteral("is not valid base64"));
        } else if (decoded.decoded.isEmpty()) {
            one.refuse(QStringLiteral("content_base64"), QStringLiteral("is empty: the file has no content"));
        } else {
            attachment->content = std::move(decoded.decoded);
            attachment->sha256 = QCryptographicHash::hash(attachment->content, QCryptographicHash::Sha256).toHex();
        }
    }
    const QString sha256 = one.text(QStringLiteral("sha256"), false, 64).toLower();
    if (one.ok() && !sha256.isEmpty() && sha256.toLatin1() != attachment->sha256) {
        one.refuse(QStringLiteral("sha256"), QStringLiteral("does not match the content: the file was damaged on the way"));
    }
    if (!one.ok()) {
        fields.refuse({}, one.problem());
    }
}

std::variant<EServiceSubmission, QString> readSubmission(const QJsonObject& object)
{
    JsonFields fields(object);
    EServiceSubmission submission;
    submission.submissionId = fields.text(QStringLiteral("id"), true, 64);
    const QString kind = fields.text(QStringLiteral("kind"), true, 40);
    if (fields.ok() && !EServiceSubmission::kindFromCode(kind, &submission.kind)) {
        fields.refuse(QStringLiteral("kind"), QStringLiteral("\"%1\" is not one of motion, brief, application, notice_of_appearance, "
                                                             "notice_of_appeal")
                                                  .arg(kind));
    }
    submission.submittedAt = fields.timestamp(QStringLiteral("submitted_at"), true);
    const QString aNumber = fields.text(QStringLiteral("a_number"), true, 20);
    if (fields.ok()) {
        if (const auto parsed = ANumber::parse(aNumber); parsed) {
            submission.aNumber = parsed->digits();
        } else {
            fields.refuse(QStringLiteral("a_number"), QStringLiteral("is not an A-Number (nine digits): \"%1\"").arg(aNumber));
        }
    }
    submission.office = fields.text(QStringLiteral("office"), false, 20);
    submission.title = fields.text(QStringLiteral("title"), true, 300);

    const QJsonArray parties = fields.array(QStringLiteral("parties"), true);
    if (fields.ok() && parties.isEmpty()) {
        fields.refuse(QStringLiteral("parties"), QStringLiteral("is empty: a submission names at least the party filing it"));
    }
    for (qsizetype i = 0; fields.ok() && i < parties.size(); ++i) {
        if (!parties.at(i).isObject()) {
            fields.refuse({}, QStringLiteral("\"parties[%1]\" should be an object").arg(i + 1));
            break;
        }
        JsonFields one(parties.at(i).toObject(), QStringLiteral("parties[%1].").arg(i + 1));
        EServiceSubmission::Party party;
        party.role = one.text(QStringLiteral("role"), true, 20);
        if (one.ok() && !partyRoles.contains(party.role)) {
            one.refuse(QStringLiteral("role"), QStringLiteral("\"%1\" is not one of %2").arg(party.role, partyRoles.join(QStringLiteral(", "))));
        }
        party.name = one.text(QStringLiteral("name"), true);
        if (!one.ok()) {
            fields.refuse({}, one.problem());
        }
        submission.parties.append(party);
    }

    const QJsonArray attachments = fields.array(QStringLiteral("attachments"), true);
    if (fields.ok() && attachments.isEmpty()) {
        fields.refuse(QStringLiteral("attachments"), QStringLiteral("is empty: a %1 comes with its document")
                                                         .arg(EServiceSubmission::kindName(submission.kind)));
    }
    QSet<QString> names;
    for (qsizetype i = 0; fields.ok() && i < attachments.size(); ++i) {
        EServiceSubmission::Attachment attachment;
        readAttachment(fields, attachments.at(i), int(i + 1), &attachment);
        if (fields.ok() && names.contains(attachment.fileName.toLower())) {
            fields.refuse({}, QStringLiteral("two attachments are named \"%1\"").arg(attachment.fileName));
        }
        names.insert(attachment.fileName.toLower());
        submission.attachments.append(std::move(attachment));
    }
    if (!fields.ok()) {
        return fields.problem();
    }
    return submission;
}

} // namespace

Result<EServiceExchange::Reply> EServiceExchange::parse(const QByteArray& json, const QString& serviceName)
{
    auto list = JsonFields::replyList(json, QStringLiteral("submissions"), serviceName);
    if (!list) {
        return fail(list.error());
    }
    Reply reply;
    reply.raw = json;
    reply.received = QDateTime::currentDateTimeUtc();
    QHash<QString, qsizetype> seen;
    for (qsizetype i = 0; i < list->size(); ++i) {
        const QJsonValue value = list->at(i);
        if (!value.isObject()) {
            reply.rejected.append({i + 1, QStringLiteral("Submission %1 is not a JSON object.").arg(i + 1)});
            continue;
        }
        auto submission = readSubmission(value.toObject());
        if (auto* why = std::get_if<QString>(&submission)) {
            reply.rejected.append({i + 1, QStringLiteral("Submission %1 was not taken: %2.").arg(i + 1).arg(*why)});
            continue;
        }
        auto& accepted = std::get<EServiceSubmission>(submission);
        if (const auto first = seen.constFind(accepted.submissionId); first != seen.constEnd()) {
            reply.rejected.append({i + 1, QStringLiteral("Submission %1 was not taken: its id %2 was already used by submission %3.")
                                              .arg(i + 1)
                                              .arg(accepted.submissionId)
                                              .arg(*first)});
            continue;
        }
        seen.insert(accepted.submissionId, i + 1);
        reply.submissions.append(std::move(accepted));
    }
    return reply;
}

QFuture<Result<EServiceExchange::Reply>> EServiceExchange::fetchSubmissions(const QDateTime& since)
{
    QUrlQuery query;
    if (since.isValid()) {
        query.addQueryItem(QStringLiteral("since"), since.toUTC().toString(Qt::ISODate));
    }
    const QString name = m_client.endpoint().serviceName;
    return m_client.get(QStringLiteral("/submissions"), query)
        .then(QtFuture::Launch::Async, [name](Result<HttpsJsonClient::Response> response) -> Result<Reply> {
            if (!response) {
                return fail(response.error());
            }
            auto reply = parse(response->body, name);
            if (reply) {
                reply->attempts = response->attempts;
            }
            return reply;
        });
}

} // namespace ocms
