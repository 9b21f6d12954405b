#include "eoirhearingservice.h"

#include "domain/anumber.h"
#include "jsonfields.h"
#include "net/httpsjsonclient.h"

#include <QTimeZone>
#include <QUrlQuery>

#include <algorithm>
#include <variant>

namespace ocms {

namespace {

QString day(const QDate& date)
{
    return date.toString(QStringLiteral("yyyy-MM-dd"));
}

// One hearing record, or why it is refused.
std::variant<EoirHearing, QString> readHearing(const QJsonObject& object, const EoirHearingService::Expect& expect)
{
    JsonFields fields(object);
    EoirHearing hearing;
    const QString aNumber = fields.text(QStringLiteral("a_number"), true, 20);
    if (fields.ok()) {
        const auto parsed = ANumber::parse(aNumber);
        if (!parsed) {
            fields.refuse(QStringLiteral("a_number"), QStringLiteral("is not an A-Number (nine digits): \"%1\"").arg(aNumber));
        } else {
            hearing.aNumber = parsed->digits();
        }
    }
    hearing.hearingId = fields.text(QStringLiteral("hearing_id"), false, 64);
    hearing.date = fields.date(QStringLiteral("date"), true);
    hearing.time = fields.time(QStringLiteral("time"), true);
    const QJsonObject location = fields.object(QStringLiteral("location"), true);
    if (fields.ok()) {
        JsonFields place(location, QStringLiteral("location."));
        hearing.court = place.text(QStringLiteral("court"), true);
        hearing.courtroom = place.text(QStringLiteral("courtroom"), false, 40);
        hearing.address = place.text(QStringLiteral("address"), false, 300);
        if (!place.ok()) {
            fields.refuse({}, place.problem());
        }
    }
    hearing.judge = fields.text(QStringLiteral("judge"), true);
    hearing.hearingType = fields.text(QStringLiteral("hearing_type"), false, 40);

    const QJsonArray attorneys = fields.array(QStringLiteral("attorneys"), false);
    for (qsizetype i = 0; fields.ok() && i < attorneys.size(); ++i) {
        const QString prefix = QStringLiteral("attorneys[%1].").arg(i + 1);
        if (!attorneys.at(i).isObject()) {
            fields.refuse({}, QStringLiteral("\"attorneys[%1]\" should be an object").arg(i + 1));
            break;
        }
        JsonFields one(attorneys.at(i).toObject(), prefix);
        EoirHearing::Attorney attorney;
        attorney.name = one.text(QStringLiteral("name"), true);
        attorney.represents = one.text(QStringLiteral("represents"), true, 20);
        if (one.ok() && attorney.represents != QLatin1String("respondent") && attorney.represents != QLatin1String("government")) {
            one.refuse(QStringLiteral("represents"), QStringLiteral("should be \"respondent\" or \"government\", not \"%1\"").arg(attorney.represents));
        }
        attorney.eoirId = one.text(QStringLiteral("eoir_id"), false, 20);
        if (!one.ok()) {
            fields.refuse({}, one.problem());
        }
        hearing.attorneys.append(attorney);
    }

    const QJsonArray history = fields.array(QStringLiteral("case_history"), false);
    for (qsizetype i = 0; fields.ok() && i < history.size(); ++i) {
        if (!history.at(i).isObject()) {
            fields.refuse({}, QStringLiteral("\"case_history[%1]\" should be an object").arg(i + 1));
            break;
        }
        JsonFields one(history.at(i).toObject(), QStringLiteral("case_history[%1].").arg(i + 1));
        EoirHearing::HistoryEvent event;
        event.date = one.date(QStringLiteral("date"), true);
        event.event = one.text(QStringLiteral("event"), true, 500);
        if (!one.ok()) {
            fields.refuse({}, one.problem());
        }
        hearing.caseHistory.append(event);
    }
    std::stable_sort(hearing.caseHistory.begin(), hearing.caseHistory.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });

    const QJsonArray dispositions = fields.array(QStringLiteral("dispositions"), false);
    for (qsizetype i = 0; fields.ok() && i < dispositions.size(); ++i) {
        if (!dispositions.at(i).isObject()) {
            fields.refuse({}, QStringLiteral("\"dispositions[%1]\" should be an object").arg(i + 1));
            break;
        }
        JsonFields one(dispositions.at(i).toObject(), QStringLiteral("dispositions[%1].").arg(i + 1));
        EoirHearing::Disposition disposition;
        disposition.date = one.date(QStringLiteral("date"), true);
        disposition.code = one.text(QStringLiteral("code"), true, 10);
        disposition.decision = one.text(QStringLiteral("decision"), true, 500);
        if (!one.ok()) {
            fields.refuse({}, one.problem());
        }
        hearing.dispositions.append(disposition);
    }

    if (fields.ok() && !expect.aNumber.isEmpty() && hearing.aNumber != expect.aNumber) {
        fields.refuse({}, QStringLiteral("it is for A-Number %1, not %2 that was asked for").arg(hearing.aNumber, expect.aNumber));
    }
    if (fields.ok() && expect.from.isValid() && (hearing.date < expect.from || hearing.date > expect.to)) {
        fields.refuse({}, QStringLiteral("its date %1 is outside %2 to %3 that was asked for")
                              .arg(day(hearing.date), day(expect.from), day(expect.to)));
    }
    if (!fields.ok()) {
        return fields.problem();
    }
    return hearing;
}

} // namespace

Result<EoirHearingService::Reply> EoirHearingService::parse(const QByteArray& json, const QString& serviceName, const Expect& expect)
{
    auto list = JsonFields::replyList(json, QStringLiteral("hearings"), serviceName);
    if (!list) {
        return fail(list.error());
    }
    Reply reply;
    reply.raw = json;
    reply.received = QDateTime::currentDateTimeUtc();
    for (qsizetype i = 0; i < list->size(); ++i) {
        const QJsonValue value = list->at(i);
        if (!value.isObject()) {
            reply.rejected.append({i + 1, QStringLiteral("Hearing %1 is not a JSON object.").arg(i + 1)});
            continue;
        }
        auto hearing = readHearing(value.toObject(), expect);
        if (auto* why = std::get_if<QString>(&hearing)) {
            reply.rejected.append({i + 1, QStringLiteral("Hearing %1 was not taken: %2.").arg(i + 1).arg(*why)});
        } else {
            reply.hearings.append(std::get<EoirHearing>(std::move(hearing)));
        }
    }
    return reply;
}

QFuture<Result<EoirHearingService::Reply>> EoirHearingService::byANumber(const ANumber& aNumber)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("a_number"), aNumber.digits());
    return fetch(query, Expect{aNumber.digits(), {}, {}});
}

QFuture<Result<EoirHearingService::Reply>> EoirHearingService::byDateRange(QDate from, QDate to)
{
    if (!from.isValid() || !to.isValid() || from > to) {
        return QtFuture::makeReadyFuture(Result<Reply>(fail(Error::validation(
            QStringLiteral("Give a date range for the hearing look-up whose first day is not after its last.")))));
    }
    if (from.daysTo(to) > 366) {
        return QtFuture::makeReadyFuture(Result<Reply>(fail(Error::validation(
            QStringLiteral("Look up hearings at most a year at a time (%1 to %2 is longer).").arg(day(from), day(to))))));
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("from"), day(from));
    query.addQueryItem(QStringLiteral("to"), day(to));
    return fetch(query, Expect{{}, from, to});
}

QFuture<Result<EoirHearingService::Reply>> EoirHearingService::fetch(const QUrlQuery& query, Expect expect)
{
    const QString name = m_client.endpoint().serviceName;
    return m_client.get(QStringLiteral("/hearings"), query)
        .then(QtFuture::Launch::Async, [name, expect](Result<HttpsJsonClient::Response> response) -> Result<Reply> {
            if (!response) {
                return fail(response.error());
            }
            auto reply = parse(response->body, name, expect);
            if (reply) {
                reply->attempts = response->attempts;
            }
            return reply;
        });
}

} // namespace ocms
