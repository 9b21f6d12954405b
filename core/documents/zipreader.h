#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <memory>

struct zip;

namespace ocms {

// Reads single entries of a zip archive held in memory (ODT and DOCX are zip packages). Entry sizes are
// capped while inflating, never trusted from the archive's own header, so a zip bomb costs at most the cap.
class ZipReader
{
public:
    // The archive's bytes must outlive the reader (libzip reads them in place).
    static Result<ZipReader> open(const QByteArray& archive);

    ZipReader(ZipReader&&) noexcept;
    ZipReader& operator=(ZipReader&&) noexcept;
    ~ZipReader();

    bool contains(const QString& entryName) const;
    // The inflated entry; an Error when it is missing, damaged or larger than maxBytes.
    Result<QByteArray> read(const QString& entryName, qint64 maxBytes) const;

private:
    struct Closer
    {
        void operator()(zip* archive) const;
    };
    explicit ZipReader(zip* archive) : m_archive(archive) {}

    std::unique_ptr<zip, Closer> m_archive;
};

} // namespace ocms
