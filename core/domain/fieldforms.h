#pragma once

#include "fieldspec.h"

#include <QStringList>

namespace ocms {

// The forms of the Field operations workspace (FCMS): the form widget builds its editors from these lists
// and the validator checks them before anything is sent (FCMS 1.5: nine-digit SSN, dates in range, coded
// numbers in their format, choices from lists). Keys are the columns the values are stored in.
namespace FieldForms {

FormSpec fugitiveBiography();   // core.people columns of the fugitive, with gang affiliation
FormSpec fugitiveImmigration(); // immigration case history (field.fugitives)
FormSpec fugitiveCriminal();    // criminal history identifiers (field.fugitives)
FormSpec newFugitive();         // biography + the responsible office + status
FormSpec fugitiveStatus();      // status with the reason
FormSpec conviction();
FormSpec alias();
FormSpec possibleAddress();
FormSpec photograph();     // when it was taken and a caption; the picture itself is chosen as a file

FormSpec newLead();      // a lead for a fugitive on record ("fugitive_number")
FormSpec leadStatus();   // status, with the reason when closing or marking invalid
FormSpec reassignLead(); // team (empty: headquarters queue) and reason
FormSpec pointOfContact(); // the field office officer the lead is referred to (empty: none)
FormSpec activity();
FormSpec arrest();
FormSpec nonFugitiveArrest();

// Offline (the laptop's copy): no operations or offices to choose from; the server fills in the officer's office.
FormSpec offlineActivity();
FormSpec offlineArrest();
FormSpec offlineLeadStatus();

// The person and fugitive columns a fugitive record save may write.
QStringList personColumns();
QStringList fugitiveColumns();

} // namespace FieldForms

} // namespace ocms
