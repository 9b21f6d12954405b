#pragma once

#include "db/dropdowncatalog.h"
#include "domain/fieldspec.h"

namespace ocms {

// The forms of operations plans and reports of investigation, and the fixed choices they offer (the
// schema's CHECK constraints). Keys are the columns the values are stored in.
namespace FieldPlanForms {

FormSpec operationPlan();   // name, starts_on, ends_on, scope, plan_summary
FormSpec contact();         // kind, name, agency, phone, notes
FormSpec investigationReport(); // report_date, outcome, summary, outcome_detail

// Adds "operation_contact_kind" and "investigation_outcome" to a catalog.
void addChoices(DropdownCatalog& catalog);

QString contactKindLabel(const QString& kind);
QString outcomeLabel(const QString& outcome);
QString activityTypeLabel(const QString& type);

} // namespace FieldPlanForms

} // namespace ocms
