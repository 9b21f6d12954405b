#pragma once

#include "imports/leadimport.h"
#include "result.h"

#include <QSqlDatabase>
#include <QUuid>

class QIODevice;

namespace ocms {

// A provider's answer to an address-search extract, brought in through the lead import (FORMATS.md, "Results
// of an address-search extract"; `ocmsctl import leads FILE --extract ID`). The extract carried no A-Number,
// so the provider names each subject by the extract's subject_ref: each line's reference is turned back into
// its fugitive's A-Number here, in memory, and the lines go through LeadImport unchanged otherwise (relevance
// score kept, the extract's provider as the lead source; a line naming another source is rejected). Line
// numbers in the report are the provider file's own. Once the import commits, the extract is marked answered
// (field.mark_extract_answered). Headquarters (full field access) or the import role.
class AddressSearchResults
{
public:
    AddressSearchResults(QSqlDatabase database, QUuid extractId, LeadImportOptions options);

    Result<LeadImportReport> run(QIODevice* input);

private:
    QSqlDatabase m_database;
    QUuid m_extractId;
    LeadImportOptions m_options;
};

} // namespace ocms
