#pragma once

#include <QDate>
#include <QList>
#include <QString>

namespace ocms {

// What kind of value a form field holds; decides the editor and the checks.
enum class FieldKind {
    Text,       // one line
    LongText,   // several lines
    Date,
    DateTime,
    Choice,     // a code from a rules dropdown list, or from a fixed set of choices
    Bool,
    Money,      // non-negative amount with cents
    Hours,      // 0 < h <= 24, quarter hours
    ANumber,    // normalised to nine digits
    Ssn,        // Social Security number: nine digits (FCMS 1.5), stored without dashes
    Score,      // a number from 0 to 100 with up to two decimals (relevance)
    Phone,
    Email,
    State,      // two-letter postal code
    Zip,        // five digits
    Country,    // two-letter ISO code
};

// One field of a form: its key (the column it is stored in), label and rules. A form is a list of these;
// the validator and the form widget read the same list, so what is refused is what is shown refused.
struct FieldSpec
{
    QString key;
    QString label;
    FieldKind kind = FieldKind::Text;
    bool required = false;
    QString listCode;    // Choice: the rules.dropdown_values list, or a fixed list known to the catalog
    QString parentKey;   // Choice: the field whose value the choices depend on (dependent dropdown)
    QDate earliest = QDate(1900, 1, 1);
    QDate latest = QDate(2199, 12, 31);
    bool notInFuture = false; // e.g. a date of birth
    int maxLength = 0;        // 0: no limit
    QString table;            // the table.column the field policy is looked up under (empty: none)
    QString help;             // shown as the tooltip
    QString pattern;          // Text: a regular expression the whole (upper-cased) value must match
    QString patternProblem;   // the message when it does not

    static FieldSpec make(QString key, QString label, FieldKind kind = FieldKind::Text)
    {
        FieldSpec spec;
        spec.key = std::move(key);
        spec.label = std::move(label);
        spec.kind = kind;
        return spec;
    }
    FieldSpec& require() { required = true; return *this; }
};

using FormSpec = QList<FieldSpec>;

} // namespace ocms
