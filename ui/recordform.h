#pragma once

#include "db/dropdowncatalog.h"
#include "domain/fieldspec.h"
#include "security/fieldaccess.h"

#include <QHash>
#include <QSet>
#include <QVariantMap>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace ocms {

// A form built from field specs: one editor per field, its problem shown right under it, dropdowns from
// the catalog (dependent ones follow their parent), and fields the user may not write read-only or, if
// they may not read them, absent. What is typed stays typed whatever the checks say.
class RecordForm final : public QWidget
{
    Q_OBJECT
public:
    explicit RecordForm(FormSpec spec, QWidget* parent = nullptr);

    void setCatalog(const DropdownCatalog& catalog);
    void setAccess(const FieldAccess& access);
    // Values of fields not on this form that dependent dropdowns read (e.g. the case category).
    void setContext(const QVariantMap& context);
    void setValues(const QVariantMap& values); // also the baseline for changedValues()
    void setAllReadOnly(bool readOnly);
    // A field not in use (e.g. a person's details when a person on record is chosen) is disabled, not
    // checked and not part of the values.
    void setFieldUsed(const QString& key, bool used);

    QVariantMap values() const;               // as typed (text, codes, booleans)
    QVariantMap normalisedValues() const;      // as stored; call after validate()
    QVariantMap changedValues() const;         // normalised, writable fields that differ from the baseline
    bool validate();                           // shows every field's problem; true when none
    void showProblems(const QHash<QString, QString>& problems);

    const FormSpec& spec() const { return m_spec; }
    QWidget* editor(const QString& key) const { return m_editors.value(key); }
    QString problem(const QString& key) const;
    bool isShown(const QString& key) const;
    bool isEditable(const QString& key) const;

Q_SIGNALS:
    void edited();

private:
    QWidget* makeEditor(const FieldSpec& field);
    void fillChoices(const FieldSpec& field);
    void refreshDependents(const QString& parentKey);
    void checkField(const FieldSpec& field);
    QVariant editorValue(const FieldSpec& field) const;
    void setEditorValue(const FieldSpec& field, const QVariant& value);
    void setEditorReadOnly(QWidget* editor, bool readOnly);

    FormSpec m_spec;
    DropdownCatalog m_catalog;
    QVariantMap m_context;
    QVariantMap m_baseline;
    QFormLayout* m_layout;
    QHash<QString, QWidget*> m_editors;
    QHash<QString, QLabel*> m_problems;
    QHash<QString, QLabel*> m_labels;
    QHash<QString, FieldAccess::Level> m_levels;
    bool m_allReadOnly = false;
    QSet<QString> m_unused;
};

} // namespace ocms
