#pragma once

#include "calendar/calendarservice.h"
#include "models/caselistdataservice.h"

#include <QDate>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLabel;
class QStackedWidget;
class QTableView;
class QTableWidget;

namespace ocms {

class CalendarModel;

// Hearings and open deadlines by day, week or month, for the user, an attorney, an office or a court.
// Double bookings are highlighted and say with what; a deadline shows the rule and arithmetic behind it.
// Double-click opens the case; the shown range exports to an iCalendar file.
class CalendarView final : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Day, Week, Month };

    explicit CalendarView(const ConnectionSettings& settings, QWidget* parent = nullptr);

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void setAnchor(const QDate& day); // any day of the period to show
    void setScope(const CalendarScope& scope);
    void previous();
    void next();
    void today();
    bool exportTo(const QString& path, QString* problem = nullptr) const;

    QDate from() const;
    QDate to() const;
    CalendarModel* model() const { return m_model; }
    QTableWidget* grid() const { return m_grid; }
    QString statusText() const;
    bool isLoaded() const { return m_loaded; }
    bool choicesLoaded() const { return m_choicesLoaded; }
    QComboBox* scopeKind() const { return m_scopeKind; }
    QComboBox* scopeValue() const { return m_scopeValue; }

Q_SIGNALS:
    void caseActivated(const QUuid& caseId);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void reload();
    void fillScopeValues();
    void render();
    void renderGrid(int rows);

    CalendarService m_service;
    CaseListDataService m_labels;
    CaseListLabels m_choices;
    CalendarModel* m_model;
    CalendarScope m_scope;
    Mode m_mode = Mode::Week;
    QDate m_anchor = QDate::currentDate();
    QComboBox* m_scopeKind;
    QComboBox* m_scopeValue;
    QButtonGroup* m_modes;
    QLabel* m_range;
    QLabel* m_status;
    QStackedWidget* m_pages;
    QTableView* m_agenda;
    QTableWidget* m_grid;
    QString m_problem;
    int m_generation = 0;
    bool m_loaded = false;
    bool m_choicesLoaded = false;
    bool m_started = false;
};

} // namespace ocms
