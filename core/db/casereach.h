#pragma once

namespace ocms {

// What a user's roles let them read of a case beyond the case itself: legal staff everything their row
// security allows; external users (ERO/HSI) status, people's names and hearings.
enum class CaseReach { LegalStaff, External };

} // namespace ocms
