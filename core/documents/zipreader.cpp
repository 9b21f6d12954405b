#include "zipreader.h"

#include <zip.h>

namespace ocms {

namespace {

struct ZipFileCloser
{
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

QString zipErrorText(zip_error_t* error)
{
    return QString::fromUtf8(zip_error_strerror(error));
}

} // namespace

void ZipReader::Closer::operator()(zip* archive) const
{
    zip_discard(archive); // read-only: nothing to write back
}

Result<ZipReader> ZipReader::open(const QByteArray& archive)
{
    if (archive.isEmpty()) {
        return fail(Error::validation(QStringLiteral("The file is empty.")));
    }
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(archive.constData(), zip_uint64_t(archive.size()), 0, &error);
    if (source == nullptr) {
        const QString detail = zipErrorText(&error);
        zip_error_fini(&error);
        return fail(Error::io(QStringLiteral("The document could not be read."), detail));
    }
    zip* handle = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (handle == nullptr) {
        const QString detail = zipErrorText(&error);
        zip_error_fini(&error);
        zip_source_free(source); // still ours when opening failed
        return fail(Error{ErrorCode::Validation,
                          QStringLiteral("The document is damaged or not an office document (its zip package "
                                         "cannot be opened)."),
                          detail});
    }
    zip_error_fini(&error);
    return ZipReader(handle);
}

ZipReader::ZipReader(ZipReader&&) noexcept = default;
ZipReader& ZipReader::operator=(ZipReader&&) noexcept = default;
ZipReader::~ZipReader() = default;

bool ZipReader::contains(const QString& entryName) const
{
    return zip_name_locate(m_archive.get(), entryName.toUtf8().constData(), 0) >= 0;
}

Result<QByteArray> ZipReader::read(const QString& entryName, qint64 maxBytes) const
{
    std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen(m_archive.get(), entryName.toUtf8().constData(), 0));
    if (!file) {
        return fail(Error::validation(QStringLiteral("The document is incomplete: it has no %1.").arg(entryName)));
    }
    QByteArray data;
    char chunk[64 * 1024];
    for (;;) {
        const zip_int64_t got = zip_fread(file.get(), chunk, sizeof chunk);
        if (got < 0) {
            return fail(Error{ErrorCode::Validation,
                              QStringLiteral("The document is damaged (%1 cannot be inflated).").arg(entryName),
                              zipErrorText(zip_file_get_error(file.get()))});
        }
        if (got == 0) {
            break;
        }
        if (data.size() + got > maxBytes) {
            return fail(Error::validation(
                QStringLiteral("The document's text is too large to index (%1 inflates to more than %2 MB).")
                    .arg(entryName)
                    .arg(maxBytes / (1024 * 1024))));
        }
        data.append(chunk, qsizetype(got));
    }
    return data;
}

} // namespace ocms
