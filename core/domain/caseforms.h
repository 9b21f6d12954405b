#pragma once

#include "fieldspec.h"

namespace ocms {

// The forms of the case workspace, one list of field specs each: the form widget builds its editors from
// them and the validator checks them, so both always agree. Keys are the columns the values are stored in.
namespace CaseForms {

FormSpec newImmigrationCase();   // after the A-Number step: case, respondent
FormSpec newOtherCase();         // tort (SF-95), FOIA, Privacy Act, contract, employment, EEO, MSPB…
FormSpec trackingProject();      // an immigration matter without an A-Number yet
FormSpec summary(bool immigration);
FormSpec transfer();
FormSpec hearing();
FormSpec hearingEdit();   // also the outcome, once held
FormSpec deadline();
FormSpec note();
FormSpec person();
FormSpec personEdit();    // the person's own record (their role on the case is not edited here)
FormSpec alias();
FormSpec address();
FormSpec phone();
FormSpec application();
FormSpec visa();
FormSpec disclosure();
FormSpec afileLocation();
FormSpec staff();
FormSpec grant();
FormSpec linkProject();
FormSpec timeEntry();
FormSpec deadlineEvent(); // an event the deadline rules count from

// The columns of legal.cases a summary save may write (never the keys, creator, office or bookkeeping).
QStringList editableCaseColumns();

} // namespace CaseForms

} // namespace ocms
