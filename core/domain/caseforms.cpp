#include "caseforms.h"

#include "formfields.h"

namespace ocms::CaseForms {

namespace {

using FormFields::choice;
using FormFields::field;

FieldSpec onCases(FieldSpec spec)
{
    spec.table = QStringLiteral("legal.cases");
    return spec;
}

FieldSpec birthDate()
{
    FieldSpec spec = field("date_of_birth", "Date of birth", FieldKind::Date);
    spec.notInFuture = true;
    return spec;
}

FormSpec respondentFields()
{
    FieldSpec family = field("family_name", "Family name").require();
    family.maxLength = 100;
    FieldSpec given = field("given_name", "Given name");
    given.maxLength = 100;
    FieldSpec country = field("nationality", "Nationality (country code)", FieldKind::Country);
    country.help = QStringLiteral("Two-letter ISO code, e.g. HN for Honduras.");
    return {family, given, birthDate(), country, field("language", "Language"), choice("sex", "Sex", "sex")};
}

} // namespace

FormSpec newImmigrationCase()
{
    FormSpec form = {
        onCases(field("a_number", "A-Number", FieldKind::ANumber).require()),
        onCases(choice("case_type", "Case type", "case_type", "category").require()),
        onCases(choice("forum", "Forum", "forum", "category").require()),
        onCases(field("court_name", "Court")),
        onCases(field("title", "Title").require()),
        onCases(field("opened_on", "Opened on", FieldKind::Date).require()),
    };
    form.append(respondentFields());
    return form;
}

FormSpec newOtherCase()
{
    FieldSpec amount = onCases(field("claim_amount", "Amount claimed (USD)", FieldKind::Money));
    amount.help = QStringLiteral("SF-95 box 12d: total amount of the claim.");
    FieldSpec incident = onCases(field("incident_on", "Date of incident", FieldKind::Date));
    incident.notInFuture = true;
    FormSpec form = {
        onCases(choice("case_type", "Case type", "case_type", "category").require()),
        onCases(choice("forum", "Forum", "forum", "category").require()),
        onCases(field("court_name", "Court or board")),
        onCases(field("title", "Title").require()),
        onCases(choice("division_id", "Owning division", "my_division").require()),
        onCases(field("opened_on", "Opened on", FieldKind::Date).require()),
        incident,
        onCases(field("incident_summary", "What happened (injuries, damage)", FieldKind::LongText)),
        amount,
    };
    FormSpec claimant = respondentFields();
    claimant[0].label = QStringLiteral("Claimant family name");
    claimant[1].label = QStringLiteral("Claimant given name");
    claimant[0].required = true;
    form.append(claimant.mid(0, 3));
    return form;
}

FormSpec trackingProject()
{
    FormSpec form = {field("title", "Title").require(), field("description", "What the matter is about", FieldKind::LongText)};
    form.append(respondentFields());
    return form;
}

FormSpec summary(bool immigration)
{
    FieldSpec closed = onCases(field("closed_on", "Closed on", FieldKind::Date));
    FormSpec form = {
        onCases(field("title", "Title").require()),
        onCases(choice("case_type", "Case type", "case_type", "category").require()),
        onCases(choice("forum", "Forum", "forum", "category").require()),
        onCases(field("court_name", "Court")),
        onCases(choice("status", "Status", "case_status").require()),
        onCases(field("opened_on", "Opened on", FieldKind::Date).require()),
        closed,
    };
    if (immigration) {
        form.append(onCases(choice("custody_status", "Custody status", "custody_status")));
        form.append(onCases(field("national_security_flag", "National security matter", FieldKind::Bool)));
        form.append(onCases(field("national_security_notes", "National security notes", FieldKind::LongText)));
    } else {
        FieldSpec incident = onCases(field("incident_on", "Date of incident", FieldKind::Date));
        incident.notInFuture = true;
        form.append(incident);
        form.append(onCases(field("incident_summary", "What happened", FieldKind::LongText)));
        form.append(onCases(field("claim_amount", "Amount claimed (USD)", FieldKind::Money)));
        form.append(onCases(field("judgment_on", "Judgment on", FieldKind::Date)));
        form.append(onCases(field("appeals_exhausted_on", "Appeals exhausted on", FieldKind::Date)));
        form.append(onCases(field("final_order_on", "Final order on", FieldKind::Date)));
    }
    form.append(onCases(field("initial_disposition", "Initial disposition")));
    form.append(onCases(field("initial_disposition_on", "Initial disposition on", FieldKind::Date)));
    form.append(onCases(field("appeal_disposition", "Appeal disposition")));
    form.append(onCases(field("appeal_disposition_on", "Appeal disposition on", FieldKind::Date)));
    return form;
}

QStringList editableCaseColumns()
{
    return {QStringLiteral("title"), QStringLiteral("case_type"), QStringLiteral("forum"), QStringLiteral("court_name"),
            QStringLiteral("status"), QStringLiteral("opened_on"), QStringLiteral("closed_on"),
            QStringLiteral("custody_status"), QStringLiteral("national_security_flag"),
            QStringLiteral("national_security_notes"), QStringLiteral("incident_on"), QStringLiteral("incident_summary"),
            QStringLiteral("claim_amount"), QStringLiteral("judgment_on"), QStringLiteral("appeals_exhausted_on"),
            QStringLiteral("final_order_on"), QStringLiteral("initial_disposition"),
            QStringLiteral("initial_disposition_on"), QStringLiteral("appeal_disposition"),
            QStringLiteral("appeal_disposition_on")};
}

FormSpec transfer()
{
    return {choice("office_id", "Transfer to office", "legal_office").require(), field("reason", "Reason", FieldKind::LongText).require()};
}

FormSpec hearing()
{
    FieldSpec when = field("scheduled_at", "Date and time", FieldKind::DateTime).require();
    when.earliest = QDate(2000, 1, 1);
    return {choice("hearing_type", "Hearing type", "hearing_type").require(), when, field("location", "Location"),
            field("courtroom", "Courtroom"), field("judge_name", "Judge")};
}

FormSpec hearingEdit()
{
    FormSpec form = hearing();
    form.append(field("outcome", "Outcome"));
    return form;
}

FormSpec deadline()
{
    return {choice("kind", "Kind", "deadline_kind").require(), field("title", "What is due").require(),
            field("due_on", "Due on", FieldKind::Date).require(), choice("assigned_to", "Assigned to", "staff")};
}

FormSpec note()
{
    return {choice("phase", "Phase", "note_phase").require(), field("body", "Note", FieldKind::LongText).require()};
}

FormSpec person()
{
    FormSpec form = {choice("role", "Role in the case", "person_role").require()};
    form.append(respondentFields());
    form.append(field("a_number", "A-Number", FieldKind::ANumber));
    form.append(field("title", "Title (business)"));
    form.append(field("employer", "Employer or firm"));
    form.append(field("business_phone", "Business phone", FieldKind::Phone));
    form.append(field("business_email", "Business e-mail", FieldKind::Email));
    return form;
}

FormSpec personEdit()
{
    FormSpec form = person().mid(1); // without the role
    for (FieldSpec& field : form) {
        field.table = QStringLiteral("core.people");
    }
    return form;
}

FormSpec alias()
{
    return {field("family_name", "Family name").require(), field("given_name", "Given name")};
}

FormSpec address()
{
    return {choice("kind", "Kind", "address_kind").require(), field("line1", "Street").require(), field("line2", "Line 2"),
            field("city", "City"), field("state", "State", FieldKind::State), field("zip", "ZIP", FieldKind::Zip)};
}

FormSpec phone()
{
    return {choice("kind", "Kind", "phone_kind").require(), field("number", "Number", FieldKind::Phone).require()};
}

FormSpec application()
{
    FieldSpec received = field("received_on", "Received on", FieldKind::Date);
    received.notInFuture = true;
    FieldSpec filed = field("filed_on", "Filed on", FieldKind::Date);
    filed.notInFuture = true;
    return {choice("application_type", "Application", "application_type").require(), received, filed,
            field("status", "Status"), field("work_authorization", "Work authorisation", FieldKind::Bool),
            field("work_authorization_on", "Work authorisation on", FieldKind::Date)};
}

FormSpec visa()
{
    return {field("visa_class", "Visa class").require(), field("applied_on", "Applied on", FieldKind::Date),
            field("issued_on", "Issued on", FieldKind::Date), field("expires_on", "Expires on", FieldKind::Date),
            field("issuing_post", "Issuing post")};
}

FormSpec disclosure()
{
    FieldSpec when = field("disclosed_at", "Disclosed at", FieldKind::DateTime).require();
    return {field("what_disclosed", "What was disclosed", FieldKind::LongText).require(),
            field("recipient_name", "Recipient").require(), field("recipient_organization", "Recipient's organisation"),
            field("recipient_contact", "Recipient's contact (phone, e-mail, address)"), when,
            field("legal_basis", "Legal basis (routine use, court order…)"),
            choice("request_document_id", "Request letter or e-mail (a document of the case)", "case_document")};
}

FormSpec afileLocation()
{
    return {field("location", "Where the A-File is now").require()};
}

FormSpec staff()
{
    return {choice("user_id", "Staff member", "staff").require(), choice("role", "Role", "staff_role").require()};
}

FormSpec timeEntry()
{
    FieldSpec day = field("work_date", "Date worked", FieldKind::Date).require();
    day.notInFuture = true;
    FieldSpec hours = field("hours", "Hours", FieldKind::Hours).require();
    hours.help = QStringLiteral("Decimal hours, e.g. 2.5 for two and a half hours.");
    return {day, hours, field("note", "What was done")};
}

FormSpec deadlineEvent()
{
    return {choice("event", "What happened", "trigger_event").require(), field("event_on", "On", FieldKind::Date).require(),
            choice("service_method", "Served by", "service_method").require()};
}

FormSpec linkProject()
{
    FieldSpec project = choice("project_id", "Tracking project", "tracking_project").require();
    project.help = QStringLiteral("The project's people join the case; its tasks, time and documents stay with it, linked.");
    return {project};
}

FormSpec grant()
{
    return {choice("login", "Colleague", "staff_login").require()};
}

} // namespace ocms::CaseForms
