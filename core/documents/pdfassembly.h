#pragma once

#include <QByteArray>
#include <QList>

namespace ocms {

// A complete PDF file from its objects: object i + 1 is objects[i], object 1 is the catalog. Writes the
// header, each object, the cross-reference table and the trailer (with trailerEntries, e.g. "/Info 4 0 R").
// For the small PDFs OCMS writes itself (generated demo memos, a binder's contents page, test fixtures).
QByteArray assemblePdf(const QList<QByteArray>& objects, const QByteArray& trailerEntries = {});

} // namespace ocms
