#include "projectforms.h"

#include "caseforms.h"
#include "formfields.h"

namespace ocms::ProjectForms {

using FormFields::choice;
using FormFields::field;

namespace {

FieldSpec onProjects(FieldSpec spec)
{
    spec.table = QStringLiteral("legal.projects");
    return spec;
}

FieldSpec clientOffice()
{
    FieldSpec spec = onProjects(field("client_office", "Client office"));
    spec.help = QStringLiteral("The program office the project supports, e.g. ERO Field Operations.");
    return spec;
}

} // namespace

FormSpec newProject()
{
    FieldSpec division = onProjects(choice("division_id", "Owning division", "my_division").require());
    division.help = QStringLiteral("Members of this division see the project; others only if you grant them access.");
    return {onProjects(choice("project_type", "Project type", "project_type").require()),
            onProjects(field("title", "Title").require()),
            onProjects(field("description", "Description", FieldKind::LongText)),
            clientOffice(),
            division,
            onProjects(choice("office_id", "Office", "legal_office").require()),
            onProjects(field("opened_on", "Opened on", FieldKind::Date).require())};
}

FormSpec summary()
{
    return {onProjects(field("title", "Title").require()),
            onProjects(choice("project_type", "Project type", "project_type").require()),
            onProjects(choice("status", "Status", "project_status").require()),
            clientOffice(),
            onProjects(field("description", "Description", FieldKind::LongText)),
            onProjects(choice("office_id", "Office", "legal_office").require()),
            onProjects(choice("division_id", "Owning division", "division").require()),
            onProjects(field("opened_on", "Opened on", FieldKind::Date).require()),
            onProjects(field("closed_on", "Closed on", FieldKind::Date))};
}

QStringList editableProjectColumns()
{
    QStringList columns;
    for (const FieldSpec& spec : summary()) {
        columns.append(spec.key);
    }
    return columns;
}

FormSpec assignment()
{
    return {choice("user_id", "Staff member", "project_staff").require(), choice("role", "Role", "project_role").require()};
}

FormSpec task()
{
    FieldSpec waits = choice("depends_on_id", "Waits for", "project_task");
    waits.help = QStringLiteral("Optional: another task of this project that must be done first.");
    return {field("title", "Task").require(), choice("assignee_id", "Assigned to", "project_staff").require(),
            field("due_on", "Due on", FieldKind::Date), waits};
}

FormSpec taskEdit()
{
    FormSpec form = task();
    form.insert(2, choice("status", "Status", "task_status").require());
    return form;
}

FormSpec event()
{
    return {field("title", "Event").require(), field("occurs_at", "When", FieldKind::DateTime).require(),
            field("notes", "Notes", FieldKind::LongText)};
}

FormSpec person()
{
    FieldSpec family = field("family_name", "Family name").require();
    family.maxLength = 100;
    FieldSpec given = field("given_name", "Given name");
    given.maxLength = 100;
    FieldSpec role = choice("role", "Involved as", "project_person_role").require();
    role.help = QStringLiteral("Record only what the matter needs: a name and how to reach them is usually enough.");
    return {role, family, given, field("title", "Title (business)"), field("employer", "Organisation"),
            field("business_phone", "Business phone", FieldKind::Phone), field("business_email", "Business e-mail", FieldKind::Email)};
}

FormSpec linkCase()
{
    FieldSpec number = field("case_number", "Case number").require();
    number.help = QStringLiteral("The case's number, e.g. CASE-2026-000123; you must be able to see the case.");
    return {number};
}

FormSpec grant()
{
    return CaseForms::grant();
}

FormSpec timeEntry()
{
    return CaseForms::timeEntry();
}

} // namespace ocms::ProjectForms
