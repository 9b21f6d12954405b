#include "recordform.h"

#include "domain/formvalidator.h"
#include "models/recordtablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace ocms {

namespace {

QString placeholderFor(FieldKind kind)
{
    switch (kind) {
    case FieldKind::Date: return QStringLiteral("YYYY-MM-DD");
    case FieldKind::DateTime: return QStringLiteral("YYYY-MM-DD HH:MM");
    case FieldKind::ANumber: return QStringLiteral("A-012-345-678");
    case FieldKind::Ssn: return QStringLiteral("123-45-6789");
    case FieldKind::Score: return QStringLiteral("0–100");
    case FieldKind::Money: return QStringLiteral("0.00");
    case FieldKind::State: return QStringLiteral("GA");
    case FieldKind::Zip: return QStringLiteral("30303");
    case FieldKind::Country: return QStringLiteral("HN");
    default: return {};
    }
}

// How a stored value is written into a line editor.
QString lineText(FieldKind kind, const QVariant& value)
{
    if (value.isNull() || !value.isValid()) {
        return {};
    }
    if (kind == FieldKind::DateTime) {
        const QDateTime moment = value.typeId() == QMetaType::QDateTime ? value.toDateTime()
                                                                         : QDateTime::fromString(value.toString(), Qt::ISODate);
        return moment.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    if (kind == FieldKind::Date) {
        return value.toDate().toString(Qt::ISODate);
    }
    if (kind == FieldKind::Money) {
        return QString::number(value.toDouble(), 'f', 2);
    }
    return value.toString();
}

} // namespace

RecordForm::RecordForm(FormSpec spec, QWidget* parent)
    : QWidget(parent), m_spec(std::move(spec)), m_catalog(DropdownCatalog::fixedLists()), m_layout(new QFormLayout)
{
    // Fields keep their natural height; spare room stays below the form.
    auto* outer = new QVBoxLayout(this);
    outer->addLayout(m_layout);
    outer->addStretch(1);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_layout->setRowWrapPolicy(QFormLayout::DontWrapRows);
    for (const FieldSpec& field : m_spec) {
        auto* holder = new QWidget(this);
        auto* column = new QVBoxLayout(holder);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(2);
        QWidget* editor = makeEditor(field);
        editor->setParent(holder);
        editor->setObjectName(field.key);
        editor->setAccessibleName(field.label);
        if (!field.help.isEmpty()) {
            editor->setToolTip(field.help);
        }
        auto* problem = new QLabel(holder);
        problem->setObjectName(field.key + QStringLiteral("Problem"));
        problem->setStyleSheet(QStringLiteral("color: #b00020;"));
        problem->setWordWrap(true);
        problem->hide();
        column->addWidget(editor);
        column->addWidget(problem);
        auto* label = new QLabel(field.label + (field.required ? QStringLiteral(" *") : QString()) + u':', this);
        label->setBuddy(editor);
        m_layout->addRow(label, holder);
        m_editors.insert(field.key, editor);
        m_problems.insert(field.key, problem);
        m_labels.insert(field.key, label);
    }
    for (const FieldSpec& field : m_spec) {
        if (field.kind == FieldKind::Choice) {
            fillChoices(field);
        }
    }
}

QWidget* RecordForm::makeEditor(const FieldSpec& field)
{
    switch (field.kind) {
    case FieldKind::LongText: {
        auto* edit = new QPlainTextEdit;
        edit->setTabChangesFocus(true);
        edit->setFixedHeight(fontMetrics().height() * 4 + 12);
        connect(edit, &QPlainTextEdit::textChanged, this, &RecordForm::edited);
        return edit;
    }
    case FieldKind::Choice: {
        auto* combo = new QComboBox;
        connect(combo, &QComboBox::currentIndexChanged, this, [this, key = field.key] {
            refreshDependents(key);
            Q_EMIT edited();
        });
        return combo;
    }
    case FieldKind::Bool: {
        auto* box = new QCheckBox;
        connect(box, &QCheckBox::toggled, this, &RecordForm::edited);
        return box;
    }
    default: {
        auto* edit = new QLineEdit;
        edit->setPlaceholderText(placeholderFor(field.kind));
        if (field.maxLength > 0) {
            edit->setMaxLength(field.maxLength);
        }
        connect(edit, &QLineEdit::textEdited, this, &RecordForm::edited);
        // Checked as soon as the user leaves the field, so the problem shows where it is.
        connect(edit, &QLineEdit::editingFinished, this, [this, field] { checkField(field); });
        return edit;
    }
    }
}

void RecordForm::setCatalog(const DropdownCatalog& catalog)
{
    m_catalog = catalog;
    for (const FieldSpec& field : m_spec) {
        if (field.kind == FieldKind::Choice) {
            fillChoices(field);
        }
    }
}

void RecordForm::setContext(const QVariantMap& context)
{
    m_context = context;
    for (const FieldSpec& field : m_spec) {
        if (field.kind == FieldKind::Choice && !field.parentKey.isEmpty() && !m_editors.contains(field.parentKey)) {
            fillChoices(field);
        }
    }
}

void RecordForm::fillChoices(const FieldSpec& field)
{
    auto* combo = qobject_cast<QComboBox*>(m_editors.value(field.key));
    if (!combo) {
        return;
    }
    const QString kept = combo->currentData().toString();
    QString parent;
    if (!field.parentKey.isEmpty()) {
        parent = m_editors.contains(field.parentKey) ? editorValue(*std::find_if(m_spec.begin(), m_spec.end(), [&](const FieldSpec& f) {
                                                           return f.key == field.parentKey;
                                                       })).toString()
                                                     : m_context.value(field.parentKey).toString();
    }
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(field.required ? tr("— choose —") : QString(), QString());
    for (const DropdownChoice& choice : m_catalog.choices(field.listCode, parent)) {
        combo->addItem(choice.label, choice.code);
    }
    const int index = combo->findData(kept);
    // A value no longer offered (retired, or not allowed by the new parent) stays visible until changed,
    // so opening a record never silently alters it.
    if (index < 0 && !kept.isEmpty()) {
        combo->addItem(m_catalog.label(field.listCode, kept), kept);
        combo->setCurrentIndex(combo->count() - 1);
    } else {
        combo->setCurrentIndex(std::max(index, 0));
    }
}

void RecordForm::refreshDependents(const QString& parentKey)
{
    for (const FieldSpec& field : m_spec) {
        if (field.parentKey == parentKey) {
            fillChoices(field);
        }
    }
}

void RecordForm::setAccess(const FieldAccess& access)
{
    for (const FieldSpec& field : m_spec) {
        const FieldAccess::Level level = field.table.isEmpty() ? FieldAccess::Level::Editable : access.level(field.table, field.key);
        m_levels.insert(field.key, level);
        const bool shown = level != FieldAccess::Level::Hidden;
        m_layout->setRowVisible(m_labels.value(field.key), shown);
        setEditorReadOnly(m_editors.value(field.key), m_allReadOnly || level != FieldAccess::Level::Editable);
        if (level == FieldAccess::Level::ReadOnly) {
            m_editors.value(field.key)->setToolTip(tr("You may read this field but not change it."));
        }
    }
}

void RecordForm::setAllReadOnly(bool readOnly)
{
    m_allReadOnly = readOnly;
    for (const FieldSpec& field : m_spec) {
        setEditorReadOnly(m_editors.value(field.key), readOnly || m_levels.value(field.key, FieldAccess::Level::Editable) !=
                                                                     FieldAccess::Level::Editable);
    }
}

void RecordForm::setEditorReadOnly(QWidget* editor, bool readOnly)
{
    if (auto* line = qobject_cast<QLineEdit*>(editor)) {
        line->setReadOnly(readOnly);
    } else if (auto* text = qobject_cast<QPlainTextEdit*>(editor)) {
        text->setReadOnly(readOnly);
    } else {
        editor->setEnabled(!readOnly);
    }
}

void RecordForm::setFieldUsed(const QString& key, bool used)
{
    if (used) {
        m_unused.remove(key);
    } else {
        m_unused.insert(key);
    }
    if (QWidget* editor = m_editors.value(key)) {
        editor->setEnabled(used);
    }
    if (QLabel* problem = m_problems.value(key); problem && !used) {
        problem->hide();
    }
}

bool RecordForm::isShown(const QString& key) const
{
    return m_levels.value(key, FieldAccess::Level::Editable) != FieldAccess::Level::Hidden;
}

bool RecordForm::isEditable(const QString& key) const
{
    return !m_allReadOnly && !m_unused.contains(key) && m_levels.value(key, FieldAccess::Level::Editable) == FieldAccess::Level::Editable;
}

QVariant RecordForm::editorValue(const FieldSpec& field) const
{
    QWidget* editor = m_editors.value(field.key);
    if (auto* line = qobject_cast<QLineEdit*>(editor)) {
        return line->text();
    }
    if (auto* text = qobject_cast<QPlainTextEdit*>(editor)) {
        return text->toPlainText();
    }
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        return combo->currentData().toString();
    }
    if (auto* box = qobject_cast<QCheckBox*>(editor)) {
        return box->isChecked();
    }
    return {};
}

void RecordForm::setEditorValue(const FieldSpec& field, const QVariant& value)
{
    QWidget* editor = m_editors.value(field.key);
    if (auto* line = qobject_cast<QLineEdit*>(editor)) {
        line->setText(lineText(field.kind, value));
    } else if (auto* text = qobject_cast<QPlainTextEdit*>(editor)) {
        text->setPlainText(value.toString());
    } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        const QString code = value.toString();
        int index = combo->findData(code);
        if (index < 0 && !code.isEmpty()) {
            combo->addItem(m_catalog.label(field.listCode, code), code);
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(std::max(index, 0));
    } else if (auto* box = qobject_cast<QCheckBox*>(editor)) {
        box->setChecked(value.toBool());
    }
}

void RecordForm::setValues(const QVariantMap& values)
{
    // Parents first, so dependent lists hold the right choices when their own value is set.
    for (const bool dependents : {false, true}) {
        for (const FieldSpec& field : m_spec) {
            if (values.contains(field.key) && field.parentKey.isEmpty() != dependents) {
                setEditorValue(field, values.value(field.key));
            }
        }
    }
    m_baseline = normalisedValues();
    showProblems({});
}

QVariantMap RecordForm::values() const
{
    QVariantMap typed;
    for (const FieldSpec& field : m_spec) {
        if (!m_unused.contains(field.key)) {
            typed.insert(field.key, editorValue(field));
        }
    }
    return typed;
}

QVariantMap RecordForm::normalisedValues() const
{
    return FormValidator::normalised(m_spec, values());
}

QVariantMap RecordForm::changedValues() const
{
    const QVariantMap now = normalisedValues();
    QVariantMap changed;
    for (const FieldSpec& field : m_spec) {
        if (!isEditable(field.key)) {
            continue;
        }
        const QVariant before = m_baseline.value(field.key);
        const QVariant after = now.value(field.key);
        if (FormValidator::isEmpty(before) && FormValidator::isEmpty(after) && field.kind != FieldKind::Bool) {
            continue;
        }
        if (lineText(field.kind, before) != lineText(field.kind, after) || before.isNull() != after.isNull()) {
            changed.insert(field.key, after);
        }
    }
    return changed;
}

void RecordForm::checkField(const FieldSpec& field)
{
    QVariantMap all = m_context;
    all.insert(values());
    const FormValidator validator([this](const QString& list, const QString& code, const QString& parent) {
        return m_catalog.allows(list, code, parent);
    });
    QLabel* label = m_problems.value(field.key);
    const QString problem = isEditable(field.key) ? validator.validateField(field, all.value(field.key), all) : QString();
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
}

bool RecordForm::validate()
{
    QVariantMap all = m_context;
    all.insert(values());
    const FormValidator validator([this](const QString& list, const QString& code, const QString& parent) {
        return m_catalog.allows(list, code, parent);
    });
    QHash<QString, QString> problems = validator.validate(m_spec, all);
    // Fields the user cannot change are not theirs to fix.
    for (auto it = problems.begin(); it != problems.end();) {
        it = isEditable(it.key()) && isShown(it.key()) ? std::next(it) : problems.erase(it);
    }
    showProblems(problems);
    if (!problems.isEmpty()) {
        for (const FieldSpec& field : m_spec) {
            if (problems.contains(field.key)) {
                m_editors.value(field.key)->setFocus();
                break;
            }
        }
    }
    return problems.isEmpty();
}

void RecordForm::showProblems(const QHash<QString, QString>& problems)
{
    for (auto it = m_problems.cbegin(); it != m_problems.cend(); ++it) {
        it.value()->setText(problems.value(it.key()));
        it.value()->setVisible(problems.contains(it.key()));
    }
}

QString RecordForm::problem(const QString& key) const
{
    const QLabel* label = m_problems.value(key);
    return label && !label->isHidden() ? label->text() : QString();
}

} // namespace ocms
