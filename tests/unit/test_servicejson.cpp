// The EOIR hearing and eService submission JSON formats (core/imports/FORMATS.md), parsed without a server.
#include "catchqt.h"

#include "imports/eoirhearingservice.h"
#include "imports/eserviceexchange.h"

using namespace ocms;

namespace {

QStringList report(const QList<ImportRejection>& rejected)
{
    QStringList lines;
    for (const ImportRejection& rejection : rejected) {
        lines.append(QStringLiteral("%1: %2").arg(rejection.line).arg(rejection.reason));
    }
    return lines;
}

const QString eoir = QStringLiteral("the EOIR hearings service");
const QString eservice = QStringLiteral("the eService exchange");

} // namespace

TEST_CASE("EOIR hearing JSON: each bad record is rejected with its position and the field at fault", "[servicejson]")
{
    const QByteArray json = R"({"hearings": [
        {"a_number": "012345678", "date": "2026-03-14", "time": "09:30", "location": {"court": "Baltimore"}, "judge": "J"},
        {"a_number": "12", "date": "2026-03-14", "time": "09:30", "location": {"court": "B"}, "judge": "J"},
        {"a_number": "012345678", "date": "2026-13-01", "time": "09:30", "location": {"court": "B"}, "judge": "J"},
        {"a_number": "012345678", "date": "2026-03-14", "time": "9.30am", "location": {"court": "B"}, "judge": "J"},
        {"a_number": "012345678", "date": "2026-03-14", "time": "09:30", "location": {"courtroom": "4"}, "judge": "J"},
        {"a_number": "012345678", "date": "2026-03-14", "time": "09:30", "location": {"court": "B"}},
        {"a_number": "012345678", "date": "2026-03-14", "time": "09:30", "location": {"court": "B"}, "judge": "J",
         "attorneys": [{"name": "A", "represents": "respondent"}, {"name": "B", "represents": "judge"}]},
        {"a_number": "012345678", "date": "2026-03-14", "time": "09:30", "location": {"court": "B"}, "judge": "J",
         "dispositions": [{"date": "2026-03-14", "code": "RM"}]},
        {"a_number": 12345678, "date": "2026-03-14", "time": "09:30", "location": {"court": "B"}, "judge": "J"},
        "not an object",
        {"a_number": "098765432", "date": "2026-03-14", "time": "14:00:00", "location": {"court": "B"}, "judge": "J",
         "case_history": "none"}
    ]})";
    const auto reply = EoirHearingService::parse(json, eoir);
    REQUIRE_OK(reply);
    REQUIRE(reply->hearings.size() == 1);
    CHECK(reply->hearings[0].court == QStringLiteral("Baltimore"));
    CHECK(report(reply->rejected)
          == QStringList{
              QStringLiteral("2: Hearing 2 was not taken: \"a_number\" is not an A-Number (nine digits): \"12\"."),
              QStringLiteral("3: Hearing 3 was not taken: \"date\" is not a date (YYYY-MM-DD): \"2026-13-01\"."),
              QStringLiteral("4: Hearing 4 was not taken: \"time\" is not a time of day (HH:MM, 24-hour): \"9.30am\"."),
              QStringLiteral("5: Hearing 5 was not taken: \"location.court\" is missing."),
              QStringLiteral("6: Hearing 6 was not taken: \"judge\" is missing."),
              QStringLiteral("7: Hearing 7 was not taken: \"attorneys[2].represents\" should be \"respondent\" or \"government\", not \"judge\"."),
              QStringLiteral("8: Hearing 8 was not taken: \"dispositions[1].decision\" is missing."),
              QStringLiteral("9: Hearing 9 was not taken: \"a_number\" should be text, not 12345678."),
              QStringLiteral("10: Hearing 10 is not a JSON object."),
              QStringLiteral("11: Hearing 11 was not taken: \"case_history\" should be a list, not \"none\"."),
          });
}

TEST_CASE("EOIR hearing JSON: a reply that is not the format is refused whole", "[servicejson]")
{
    const auto notJson = EoirHearingService::parse("<html>", eoir);
    REQUIRE_FALSE(notJson);
    CHECK(notJson.error().userMessage.startsWith(QStringLiteral("The EOIR hearings service sent a reply that is not valid JSON (")));
    INFO(notJson.error().userMessage.toStdString());
    CHECK(notJson.error().userMessage.contains(QStringLiteral("(illegal value at byte 1)")));

    const auto noList = EoirHearingService::parse(R"({"hearing": []})", eoir);
    REQUIRE_FALSE(noList);
    CHECK(noList.error().userMessage == QStringLiteral("The EOIR hearings service sent JSON without a \"hearings\" list; nothing was taken from it."));

    const auto array = EoirHearingService::parse("[]", eoir);
    REQUIRE_FALSE(array);
    CHECK(array.error().userMessage.contains(QStringLiteral("not an object")));

    const auto empty = EoirHearingService::parse("", eoir);
    REQUIRE_FALSE(empty);
    CHECK(empty.error().userMessage == QStringLiteral("The EOIR hearings service sent an empty reply instead of JSON."));

    const auto none = EoirHearingService::parse(R"({"hearings": []})", eoir);
    REQUIRE_OK(none);
    CHECK(none->hearings.isEmpty());
}

TEST_CASE("EOIR hearing JSON: a hearing for another A-Number than the one asked is rejected", "[servicejson]")
{
    const QByteArray json = R"({"hearings": [
        {"a_number": "A-012-345-678", "date": "2026-03-14", "time": "09:30", "location": {"court": "B"}, "judge": "J"},
        {"a_number": "098765432", "date": "2026-03-14", "time": "09:30", "location": {"court": "B"}, "judge": "J"}]})";
    const auto reply = EoirHearingService::parse(json, eoir, EoirHearingService::Expect{QStringLiteral("012345678"), {}, {}});
    REQUIRE_OK(reply);
    CHECK(reply->hearings.size() == 1);
    CHECK(report(reply->rejected)
          == QStringList{QStringLiteral("2: Hearing 2 was not taken: it is for A-Number 098765432, not 012345678 that was asked for.")});
}

TEST_CASE("eService JSON: submissions are checked and attachments decoded", "[servicejson]")
{
    const auto submission = [](const QString& patch) {
        QString one = QStringLiteral(R"({"id": "ES-%1", "kind": "motion", "submitted_at": "2026-03-14T09:30:00Z", "a_number": "012345678",
            "title": "Motion to continue", "parties": [{"role": "attorney", "name": "Dana Lark"}],
            "attachments": [{"file_name": "motion.pdf", "mime_type": "application/pdf", "content_base64": "JVBERi0xLjQK"}]})");
        return one.arg(patch.isEmpty() ? QStringLiteral("0") : patch);
    };
    QStringList records{submission({})};
    const auto variant = [&](const QString& id, const QString& from, const QString& to) {
        QString one = submission(id);
        REQUIRE(one.contains(from));
        records.append(one.replace(from, to));
    };
    variant(QStringLiteral("2"), QStringLiteral("\"motion\""), QStringLiteral("\"complaint\""));
    variant(QStringLiteral("3"), QStringLiteral("2026-03-14T09:30:00Z"), QStringLiteral("2026-03-14T09:30:00"));
    variant(QStringLiteral("4"), QStringLiteral("\"parties\": [{\"role\": \"attorney\", \"name\": \"Dana Lark\"}]"), QStringLiteral("\"parties\": []"));
    variant(QStringLiteral("5"), QStringLiteral("\"attorney\""), QStringLiteral("\"judge\""));
    variant(QStringLiteral("6"), QStringLiteral("motion.pdf"), QStringLiteral("../etc/motion.pdf"));
    variant(QStringLiteral("7"), QStringLiteral("application/pdf"), QStringLiteral("pdf"));
    variant(QStringLiteral("8"), QStringLiteral("JVBERi0xLjQK"), QStringLiteral("JVBERi0x*jQK"));
    variant(QStringLiteral("9"), QStringLiteral("\"JVBERi0xLjQK\""), QStringLiteral("\"JVBERi0xLjQK\", \"sha256\": \"00\""));
    variant(QStringLiteral("10"), QStringLiteral("\"attachments\": [{\"file_name\": \"motion.pdf\", \"mime_type\": \"application/pdf\", "
                                                 "\"content_base64\": \"JVBERi0xLjQK\"}]"),
            QStringLiteral("\"attachments\": []"));
    variant(QStringLiteral("11"), QStringLiteral("\"012345678\""), QStringLiteral("\"0123\""));
    records.append(submission({})); // the first one's id again
    variant(QStringLiteral("13"), QStringLiteral("\"motion\""), QStringLiteral("\"notice_of_appeal\""));

    const QByteArray json = QStringLiteral(R"({"submissions": [%1]})").arg(records.join(u',')).toUtf8();
    const auto reply = EServiceExchange::parse(json, eservice);
    REQUIRE_OK(reply);
    REQUIRE(reply->submissions.size() == 2);
    CHECK(reply->submissions[0].submissionId == QStringLiteral("ES-0"));
    CHECK(reply->submissions[0].attachments[0].sha256 == QByteArray("e5c62df5dab5c87b6a015ef3d43597074d1eec433b15f51aec63b8582d0e4ab4"));
    CHECK(reply->submissions[1].kind == EServiceSubmission::Kind::NoticeOfAppeal);
    CHECK(EServiceSubmission::kindName(reply->submissions[1].kind) == QStringLiteral("notice of appeal"));
    CHECK(report(reply->rejected)
          == QStringList{
              QStringLiteral("2: Submission 2 was not taken: \"kind\" \"complaint\" is not one of motion, brief, application, "
                             "notice_of_appearance, notice_of_appeal."),
              QStringLiteral("3: Submission 3 was not taken: \"submitted_at\" is not a time stamp (ISO 8601 with Z or an offset, e.g. "
                             "2026-03-14T09:30:00Z): \"2026-03-14T09:30:00\"."),
              QStringLiteral("4: Submission 4 was not taken: \"parties\" is empty: a submission names at least the party filing it."),
              QStringLiteral("5: Submission 5 was not taken: \"parties[1].role\" \"judge\" is not one of respondent, attorney, "
                             "representative, government, other."),
              QStringLiteral("6: Submission 6 was not taken: \"attachments[1].file_name\" \"../etc/motion.pdf\" names a folder; give the "
                             "file name alone."),
              QStringLiteral("7: Submission 7 was not taken: \"attachments[1].mime_type\" is not a MIME type (like application/pdf): \"pdf\"."),
              QStringLiteral("8: Submission 8 was not taken: \"attachments[1].content_base64\" is not valid base64."),
              QStringLiteral("9: Submission 9 was not taken: \"attachments[1].sha256\" does not match the content: the file was damaged "
                             "on the way."),
              QStringLiteral("10: Submission 10 was not taken: \"attachments\" is empty: a motion comes with its document."),
              QStringLiteral("11: Submission 11 was not taken: \"a_number\" is not an A-Number (nine digits): \"0123\"."),
              QStringLiteral("12: Submission 12 was not taken: its id ES-0 was already used by submission 1."),
          });
}
