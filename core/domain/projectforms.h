#pragma once

#include "fieldspec.h"

namespace ocms {

// The forms of the project workspace: the form widget builds its editors from these lists and the
// validator checks them. Keys are the columns the values are stored in.
namespace ProjectForms {

FormSpec newProject();
FormSpec summary();
FormSpec assignment(); // staff: "project_staff" holds the people who could see the project
FormSpec task();
FormSpec taskEdit();
FormSpec event();
FormSpec person();     // an individual involved: only what the matter needs
FormSpec linkCase();
FormSpec grant();
FormSpec timeEntry();

// The columns of legal.projects a summary save may write.
QStringList editableProjectColumns();

} // namespace ProjectForms

} // namespace ocms
