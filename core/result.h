#pragma once

#include "error.h"

#include <expected>

namespace ocms {

// Errors cross module borders as values, never as exceptions (DESIGN.md).
template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(Error error)
{
    return std::unexpected<Error>(std::move(error));
}

} // namespace ocms
