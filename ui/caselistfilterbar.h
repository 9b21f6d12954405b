#pragma once

#include "models/caselistfilter.h"
#include "models/caselistlabels.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace ocms {

// The filter fields above the case list. Typing waits a moment, then asks for the new filter; a field
// holding something that cannot be searched turns red, says why, and keeps what was typed.
class CaseListFilterBar final : public QWidget
{
    Q_OBJECT
public:
    explicit CaseListFilterBar(QWidget* parent = nullptr);

    void setChoices(const CaseListLabels& labels);
    CaseListFilter filter() const;
    void setFilter(const CaseListFilter& filter);
    void clear();
    // The message shown for the field in error; empty when every field is fine.
    QString problem() const;

    QLineEdit* aNumberField() const { return m_aNumber; }
    QLineEdit* nameField() const { return m_name; }
    QLineEdit* hearingFromField() const { return m_hearingFrom; }

Q_SIGNALS:
    void filterChanged(const ocms::CaseListFilter& filter);

private:
    void scheduleChange();
    void emitIfValid();
    QDate dateOf(QLineEdit* field, bool* ok) const;
    void markField(QLineEdit* field, bool bad);
    static void fillCombo(QComboBox* combo, const QList<Choice>& choices, const QString& any);

    QLineEdit* m_aNumber;
    QLineEdit* m_name;
    QCheckBox* m_similar;
    QComboBox* m_caseType;
    QComboBox* m_court;
    QComboBox* m_office;
    QComboBox* m_attorney;
    QComboBox* m_status;
    QLineEdit* m_hearingFrom;
    QLineEdit* m_hearingTo;
    QLineEdit* m_deadlineFrom;
    QLineEdit* m_deadlineTo;
    QLabel* m_problem;
    QTimer m_typingPause;
    bool m_applying = false;
};

} // namespace ocms
