#include "caselistfilter.h"

#include <QRegularExpression>

namespace ocms {

QString CaseListFilter::aNumberDigits() const
{
    QString digits;
    for (QChar c : aNumber) {
        if (c.isDigit()) {
            digits += c;
        }
    }
    return digits;
}

QString CaseListFilter::nameSearchText() const
{
    QString text = name;
    text.replace(u',', u' ');
    return text.simplified();
}

std::optional<CaseListFilter::Problem> CaseListFilter::problem() const
{
    // "A", dashes and spaces are how A-Numbers are written; anything else is a typing mistake.
    static const QRegularExpression aNumberShape(QStringLiteral("^\\s*[Aa]?[-\\s]*[0-9][0-9\\s-]*$"));
    if (!aNumber.trimmed().isEmpty()) {
        if (!aNumberShape.match(aNumber).hasMatch()) {
            return Problem{Field::ANumber, QStringLiteral("An A-Number has digits only (for example A-012-345-678).")};
        }
        if (aNumberDigits().size() > 9) {
            return Problem{Field::ANumber, QStringLiteral("An A-Number has at most nine digits.")};
        }
    }
    if (hearingFrom.isValid() && hearingTo.isValid() && hearingTo < hearingFrom) {
        return Problem{Field::HearingRange, QStringLiteral("The hearing date range ends before it starts.")};
    }
    if (deadlineFrom.isValid() && deadlineTo.isValid() && deadlineTo < deadlineFrom) {
        return Problem{Field::DeadlineRange, QStringLiteral("The deadline date range ends before it starts.")};
    }
    if (similarNames && nameSearchText().size() < 3) {
        return Problem{Field::Name, QStringLiteral("Similar-name search needs at least three letters.")};
    }
    return std::nullopt;
}

Result<void> CaseListFilter::validate() const
{
    if (const auto found = problem()) {
        return fail(Error::validation(found->message));
    }
    return {};
}

QJsonObject CaseListFilter::toJson() const
{
    QJsonObject json;
    const auto put = [&json](const char* key, const QString& value) {
        if (!value.isEmpty()) {
            json.insert(QLatin1StringView(key), value);
        }
    };
    const auto putDate = [&put](const char* key, QDate value) {
        if (value.isValid()) {
            put(key, value.toString(Qt::ISODate));
        }
    };
    const auto putUuid = [&put](const char* key, const QUuid& value) {
        if (!value.isNull()) {
            put(key, value.toString(QUuid::WithoutBraces));
        }
    };
    put("a_number", aNumber);
    put("name", name);
    if (similarNames) {
        json.insert(QLatin1StringView("similar_names"), true);
    }
    put("case_type", caseType);
    put("court", court);
    putUuid("office_id", officeId);
    putUuid("attorney_id", attorneyId);
    put("status", status);
    putDate("hearing_from", hearingFrom);
    putDate("hearing_to", hearingTo);
    putDate("deadline_from", deadlineFrom);
    putDate("deadline_to", deadlineTo);
    return json;
}

CaseListFilter CaseListFilter::fromJson(const QJsonObject& json)
{
    const auto text = [&json](const char* key) { return json.value(QLatin1StringView(key)).toString(); };
    const auto date = [&text](const char* key) { return QDate::fromString(text(key), Qt::ISODate); };
    CaseListFilter filter;
    filter.aNumber = text("a_number");
    filter.name = text("name");
    filter.similarNames = json.value(QLatin1StringView("similar_names")).toBool();
    filter.caseType = text("case_type");
    filter.court = text("court");
    filter.officeId = QUuid::fromString(text("office_id"));
    filter.attorneyId = QUuid::fromString(text("attorney_id"));
    filter.status = text("status");
    filter.hearingFrom = date("hearing_from");
    filter.hearingTo = date("hearing_to");
    filter.deadlineFrom = date("deadline_from");
    filter.deadlineTo = date("deadline_to");
    return filter;
}

} // namespace ocms
