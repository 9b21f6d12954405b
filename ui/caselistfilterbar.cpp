#include "caselistfilterbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>

namespace ocms {

namespace {

constexpr int kTypingPauseMs = 250;

QLineEdit* dateField(QWidget* parent, const QString& name)
{
    auto* field = new QLineEdit(parent);
    field->setPlaceholderText(QStringLiteral("YYYY-MM-DD"));
    field->setAccessibleName(name);
    field->setClearButtonEnabled(true);
    field->setMaximumWidth(120);
    return field;
}

} // namespace

CaseListFilterBar::CaseListFilterBar(QWidget* parent)
    : QWidget(parent), m_aNumber(new QLineEdit(this)), m_name(new QLineEdit(this)),
      m_similar(new QCheckBox(tr("Similar"), this)), m_caseType(new QComboBox(this)), m_court(new QComboBox(this)),
      m_office(new QComboBox(this)), m_attorney(new QComboBox(this)), m_status(new QComboBox(this)),
      m_hearingFrom(dateField(this, tr("Next hearing from"))), m_hearingTo(dateField(this, tr("Next hearing to"))),
      m_deadlineFrom(dateField(this, tr("Deadline from"))), m_deadlineTo(dateField(this, tr("Deadline to"))),
      m_problem(new QLabel(this))
{
    m_aNumber->setPlaceholderText(tr("A-Number or its first digits"));
    m_aNumber->setAccessibleName(tr("A-Number"));
    m_aNumber->setClearButtonEnabled(true);
    m_name->setPlaceholderText(tr("Name or alias (family given)"));
    m_name->setAccessibleName(tr("Name"));
    m_name->setClearButtonEnabled(true);
    m_similar->setToolTip(tr("Also find names spelled differently (at least three letters)"));
    m_problem->setObjectName(QStringLiteral("filterProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problem->setVisible(false);
    for (QComboBox* combo : {m_caseType, m_court, m_office, m_attorney, m_status}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
    }
    m_caseType->setAccessibleName(tr("Case type"));
    m_court->setAccessibleName(tr("Court"));
    m_office->setAccessibleName(tr("Office"));
    m_attorney->setAccessibleName(tr("Attorney"));
    m_status->setAccessibleName(tr("Status"));
    setChoices({});

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(8);
    const auto label = [this](const QString& text, QWidget* buddy) {
        auto* caption = new QLabel(text, this);
        caption->setBuddy(buddy);
        return caption;
    };
    grid->addWidget(label(tr("&A-Number"), m_aNumber), 0, 0);
    grid->addWidget(m_aNumber, 0, 1);
    grid->addWidget(label(tr("&Name"), m_name), 0, 2);
    grid->addWidget(m_name, 0, 3);
    grid->addWidget(m_similar, 0, 4);
    grid->addWidget(label(tr("&Type"), m_caseType), 0, 5);
    grid->addWidget(m_caseType, 0, 6);
    grid->addWidget(label(tr("Stat&us"), m_status), 0, 7);
    grid->addWidget(m_status, 0, 8);
    grid->addWidget(label(tr("&Office"), m_office), 1, 0);
    grid->addWidget(m_office, 1, 1);
    grid->addWidget(label(tr("Cou&rt"), m_court), 1, 2);
    grid->addWidget(m_court, 1, 3, 1, 2);
    grid->addWidget(label(tr("A&ttorney"), m_attorney), 1, 5);
    grid->addWidget(m_attorney, 1, 6, 1, 3);
    auto* dates = new QHBoxLayout;
    dates->addWidget(label(tr("Next &hearing"), m_hearingFrom));
    dates->addWidget(m_hearingFrom);
    dates->addWidget(new QLabel(QStringLiteral("–"), this));
    dates->addWidget(m_hearingTo);
    dates->addSpacing(24);
    dates->addWidget(label(tr("&Deadline"), m_deadlineFrom));
    dates->addWidget(m_deadlineFrom);
    dates->addWidget(new QLabel(QStringLiteral("–"), this));
    dates->addWidget(m_deadlineTo);
    dates->addStretch(1);
    grid->addLayout(dates, 2, 0, 1, 9);
    grid->addWidget(m_problem, 3, 0, 1, 9);
    grid->setColumnStretch(3, 2);
    grid->setColumnStretch(1, 1);

    m_typingPause.setSingleShot(true);
    m_typingPause.setInterval(kTypingPauseMs);
    connect(&m_typingPause, &QTimer::timeout, this, &CaseListFilterBar::emitIfValid);
    for (QLineEdit* field : {m_aNumber, m_name, m_hearingFrom, m_hearingTo, m_deadlineFrom, m_deadlineTo}) {
        connect(field, &QLineEdit::textChanged, this, &CaseListFilterBar::scheduleChange);
        connect(field, &QLineEdit::returnPressed, this, &CaseListFilterBar::emitIfValid);
    }
    for (QComboBox* combo : {m_caseType, m_court, m_office, m_attorney, m_status}) {
        connect(combo, &QComboBox::currentIndexChanged, this, &CaseListFilterBar::emitIfValid);
    }
    connect(m_similar, &QCheckBox::toggled, this, &CaseListFilterBar::emitIfValid);
}

void CaseListFilterBar::fillCombo(QComboBox* combo, const QList<Choice>& choices, const QString& any)
{
    const QString current = combo->currentData().toString();
    combo->blockSignals(true);
    combo->clear();
    combo->addItem(any, QString());
    for (const Choice& choice : choices) {
        combo->addItem(choice.label, choice.value);
    }
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
    combo->blockSignals(false);
}

void CaseListFilterBar::setChoices(const CaseListLabels& labels)
{
    fillCombo(m_caseType, labels.caseTypes, tr("Any type"));
    fillCombo(m_status, labels.statuses, tr("Any status"));
    fillCombo(m_office, labels.offices, tr("Any office"));
    fillCombo(m_attorney, labels.attorneys, tr("Any attorney"));
    QList<Choice> courts;
    for (const QString& court : labels.courts) {
        courts.append({court, court});
    }
    fillCombo(m_court, courts, tr("Any court"));
}

QDate CaseListFilterBar::dateOf(QLineEdit* field, bool* ok) const
{
    const QString text = field->text().trimmed();
    if (text.isEmpty()) {
        *ok = true;
        return {};
    }
    const QDate date = QDate::fromString(text, Qt::ISODate);
    *ok = date.isValid() && date.year() >= 1900 && date.year() <= 2199;
    return *ok ? date : QDate();
}

CaseListFilter CaseListFilterBar::filter() const
{
    CaseListFilter filter;
    filter.aNumber = m_aNumber->text().trimmed();
    filter.name = m_name->text().trimmed();
    filter.similarNames = m_similar->isChecked();
    filter.caseType = m_caseType->currentData().toString();
    filter.court = m_court->currentData().toString();
    filter.officeId = QUuid::fromString(m_office->currentData().toString());
    filter.attorneyId = QUuid::fromString(m_attorney->currentData().toString());
    filter.status = m_status->currentData().toString();
    bool ok = true;
    filter.hearingFrom = dateOf(m_hearingFrom, &ok);
    filter.hearingTo = dateOf(m_hearingTo, &ok);
    filter.deadlineFrom = dateOf(m_deadlineFrom, &ok);
    filter.deadlineTo = dateOf(m_deadlineTo, &ok);
    return filter;
}

void CaseListFilterBar::setFilter(const CaseListFilter& filter)
{
    m_applying = true;
    m_aNumber->setText(filter.aNumber);
    m_name->setText(filter.name);
    m_similar->setChecked(filter.similarNames);
    const auto select = [](QComboBox* combo, const QString& value) {
        combo->setCurrentIndex(std::max(0, combo->findData(value)));
    };
    select(m_caseType, filter.caseType);
    select(m_court, filter.court);
    select(m_office, filter.officeId.isNull() ? QString() : filter.officeId.toString(QUuid::WithoutBraces));
    select(m_attorney, filter.attorneyId.isNull() ? QString() : filter.attorneyId.toString(QUuid::WithoutBraces));
    select(m_status, filter.status);
    const auto setDate = [](QLineEdit* field, QDate date) { field->setText(date.isValid() ? date.toString(Qt::ISODate) : QString()); };
    setDate(m_hearingFrom, filter.hearingFrom);
    setDate(m_hearingTo, filter.hearingTo);
    setDate(m_deadlineFrom, filter.deadlineFrom);
    setDate(m_deadlineTo, filter.deadlineTo);
    m_applying = false;
    emitIfValid();
}

void CaseListFilterBar::clear()
{
    setFilter({});
}

void CaseListFilterBar::scheduleChange()
{
    if (!m_applying) {
        m_typingPause.start();
    }
}

void CaseListFilterBar::markField(QLineEdit* field, bool bad)
{
    field->setStyleSheet(bad ? QStringLiteral("QLineEdit { border: 2px solid #b00020; }") : QString());
    field->setProperty("invalid", bad);
}

QString CaseListFilterBar::problem() const
{
    return m_problem->isVisible() ? m_problem->text() : QString();
}

void CaseListFilterBar::emitIfValid()
{
    if (m_applying) {
        return;
    }
    m_typingPause.stop();
    QString message;
    for (QLineEdit* field : {m_hearingFrom, m_hearingTo, m_deadlineFrom, m_deadlineTo}) {
        bool ok = true;
        dateOf(field, &ok);
        markField(field, !ok);
        if (!ok && message.isEmpty()) {
            message = tr("%1: enter a date as YYYY-MM-DD between 1900 and 2199.").arg(field->accessibleName());
        }
    }
    const CaseListFilter current = filter();
    const auto found = current.problem();
    const auto isAt = [&found](CaseListFilter::Field field) { return found && found->field == field; };
    markField(m_aNumber, isAt(CaseListFilter::Field::ANumber));
    markField(m_name, isAt(CaseListFilter::Field::Name));
    if (isAt(CaseListFilter::Field::HearingRange)) {
        markField(m_hearingTo, true);
    }
    if (isAt(CaseListFilter::Field::DeadlineRange)) {
        markField(m_deadlineTo, true);
    }
    if (found && message.isEmpty()) {
        message = found->message;
    }
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
    if (message.isEmpty()) {
        Q_EMIT filterChanged(current);
    }
}

} // namespace ocms
