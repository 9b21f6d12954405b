#pragma once

// Lets Catch2 print Qt values in failure messages.
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <catch2/catch.hpp>

namespace Catch {

template <>
struct StringMaker<QString>
{
    static std::string convert(const QString& value) { return '"' + value.toStdString() + '"'; }
};

template <>
struct StringMaker<QStringList>
{
    static std::string convert(const QStringList& value)
    {
        return "[" + value.join(QStringLiteral(", ")).toStdString() + "]";
    }
};

template <>
struct StringMaker<QByteArray>
{
    static std::string convert(const QByteArray& value) { return '"' + value.toStdString() + '"'; }
};

} // namespace Catch

// REQUIRE that a Result holds a value; on failure the report shows the error's message and detail.
#define REQUIRE_OK(expression)                                                                           \
    do {                                                                                                 \
        const auto& ocmsOutcome_ = (expression);                                                         \
        INFO((ocmsOutcome_ ? std::string() : ocmsOutcome_.error().describe().toStdString()));            \
        REQUIRE(ocmsOutcome_.has_value());                                                               \
    } while (false)
