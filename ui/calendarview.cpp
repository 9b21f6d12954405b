#include "calendarview.h"

#include "calendar/icalendarwriter.h"
#include "models/calendarmodel.h"
#include "whenready.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace ocms {

CalendarView::CalendarView(const ConnectionSettings& settings, QWidget* parent)
    : QWidget(parent), m_service(settings), m_labels(settings), m_model(new CalendarModel(this)), m_scopeKind(new QComboBox(this)),
      m_scopeValue(new QComboBox(this)), m_modes(new QButtonGroup(this)), m_range(new QLabel(this)), m_status(new QLabel(this)),
      m_pages(new QStackedWidget(this)), m_agenda(new QTableView(this)), m_grid(new QTableWidget(this))
{
    auto* title = new QLabel(tr("Calendar"), this);
    title->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: 600;"));
    m_scopeKind->setAccessibleName(tr("Whose calendar"));
    m_scopeKind->addItem(tr("My calendar"));
    m_scopeKind->addItem(tr("An attorney's"));
    m_scopeKind->addItem(tr("An office's"));
    m_scopeKind->addItem(tr("A court's"));
    m_scopeValue->setAccessibleName(tr("Attorney, office or court"));
    m_scopeValue->setMinimumWidth(260);
    m_scopeValue->setEnabled(false);
    auto* top = new QHBoxLayout;
    top->addWidget(title);
    top->addSpacing(16);
    top->addWidget(m_scopeKind);
    top->addWidget(m_scopeValue, 1);
    for (const auto& [mode, text] : {std::pair{Mode::Day, tr("&Day")}, std::pair{Mode::Week, tr("&Week")}, std::pair{Mode::Month, tr("&Month")}}) {
        auto* button = new QToolButton(this);
        button->setText(text);
        button->setCheckable(true);
        button->setChecked(mode == m_mode);
        m_modes->addButton(button, int(mode));
        top->addWidget(button);
    }
    auto* previousButton = new QPushButton(tr("◀ &Previous"), this);
    auto* todayButton = new QPushButton(tr("&Today"), this);
    auto* nextButton = new QPushButton(tr("&Next ▶"), this);
    auto* exportButton = new QPushButton(tr("&Export iCalendar…"), this);
    exportButton->setObjectName(QStringLiteral("exportCalendarButton"));
    auto* navigation = new QHBoxLayout;
    navigation->addWidget(previousButton);
    navigation->addWidget(todayButton);
    navigation->addWidget(nextButton);
    navigation->addSpacing(12);
    m_range->setStyleSheet(QStringLiteral("font-size: 12pt; font-weight: 600;"));
    m_range->setObjectName(QStringLiteral("calendarRange"));
    navigation->addWidget(m_range, 1);
    navigation->addWidget(m_status);
    navigation->addWidget(exportButton);

    m_agenda->setModel(m_model);
    m_agenda->setObjectName(QStringLiteral("calendarAgenda"));
    m_agenda->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_agenda->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_agenda->verticalHeader()->hide();
    m_agenda->horizontalHeader()->setStretchLastSection(true);
    m_agenda->setWordWrap(false);
    m_grid->setObjectName(QStringLiteral("calendarGrid"));
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->setSelectionMode(QAbstractItemView::NoSelection);
    m_grid->verticalHeader()->hide();
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_pages->addWidget(m_agenda);
    m_pages->addWidget(m_grid);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(navigation);
    layout->addWidget(m_pages, 1);

    connect(m_modes, &QButtonGroup::idClicked, this, [this](int id) { setMode(Mode(id)); });
    connect(previousButton, &QPushButton::clicked, this, &CalendarView::previous);
    connect(todayButton, &QPushButton::clicked, this, &CalendarView::today);
    connect(nextButton, &QPushButton::clicked, this, &CalendarView::next);
    connect(m_scopeKind, &QComboBox::currentIndexChanged, this, [this] { fillScopeValues(); });
    connect(m_scopeValue, &QComboBox::activated, this, [this] {
        m_scope.value = m_scopeValue->currentData().toString();
        reload();
    });
    connect(m_agenda, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        Q_EMIT caseActivated(m_model->entries().at(index.row()).caseId);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export iCalendar"), QStringLiteral("ocms-calendar.ics"),
                                                          tr("iCalendar files (*.ics)"));
        QString problem;
        if (!path.isEmpty() && !exportTo(path, &problem)) {
            m_status->setText(problem);
        }
    });
}

void CalendarView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_started) {
        return;
    }
    m_started = true;
    whenReady(this, m_labels.loadLabels(), [this](const Result<CaseListLabels>& labels) {
        if (labels) {
            m_choices = *labels;
        }
        m_choicesLoaded = true;
    });
    reload();
}

QDate CalendarView::from() const
{
    switch (m_mode) {
    case Mode::Day: return m_anchor;
    case Mode::Week: return m_anchor.addDays(1 - m_anchor.dayOfWeek());
    case Mode::Month: {
        const QDate first(m_anchor.year(), m_anchor.month(), 1);
        return first.addDays(1 - first.dayOfWeek());
    }
    }
    return m_anchor;
}

QDate CalendarView::to() const
{
    switch (m_mode) {
    case Mode::Day: return m_anchor;
    case Mode::Week: return from().addDays(6);
    case Mode::Month: return from().addDays(41); // six weeks: every month fits
    }
    return m_anchor;
}

void CalendarView::setMode(Mode mode)
{
    m_mode = mode;
    if (QAbstractButton* button = m_modes->button(int(mode))) {
        button->setChecked(true);
    }
    reload();
}

void CalendarView::setAnchor(const QDate& day)
{
    m_anchor = day;
    reload();
}

void CalendarView::setScope(const CalendarScope& scope)
{
    m_scope = scope;
    reload();
}

void CalendarView::previous()
{
    setAnchor(m_mode == Mode::Day ? m_anchor.addDays(-1) : m_mode == Mode::Week ? m_anchor.addDays(-7) : m_anchor.addMonths(-1));
}

void CalendarView::next()
{
    setAnchor(m_mode == Mode::Day ? m_anchor.addDays(1) : m_mode == Mode::Week ? m_anchor.addDays(7) : m_anchor.addMonths(1));
}

void CalendarView::today()
{
    setAnchor(QDate::currentDate());
}

void CalendarView::fillScopeValues()
{
    const CalendarScope::Kind kind = CalendarScope::Kind(m_scopeKind->currentIndex());
    m_scopeValue->clear();
    m_scopeValue->setEnabled(kind != CalendarScope::Kind::Mine);
    if (kind == CalendarScope::Kind::Attorney) {
        for (const Choice& choice : m_choices.attorneys) {
            m_scopeValue->addItem(choice.label, choice.value);
        }
    } else if (kind == CalendarScope::Kind::Office) {
        for (const Choice& choice : m_choices.offices) {
            m_scopeValue->addItem(choice.label, choice.value);
        }
    } else if (kind == CalendarScope::Kind::Court) {
        for (const QString& court : m_choices.courts) {
            if (!court.isEmpty()) {
                m_scopeValue->addItem(court, court);
            }
        }
    }
    m_scope = {kind, m_scopeValue->currentData().toString()};
    reload();
}

void CalendarView::reload()
{
    const int generation = ++m_generation;
    m_loaded = false;
    const QLocale locale;
    m_range->setText(m_mode == Mode::Day     ? locale.toString(m_anchor, QLocale::LongFormat)
                     : m_mode == Mode::Month ? locale.standaloneMonthName(m_anchor.month()) + u' ' + QString::number(m_anchor.year())
                                             : tr("Week of %1").arg(locale.toString(from(), QLocale::ShortFormat)));
    if (m_scope.kind != CalendarScope::Kind::Mine && m_scope.value.isEmpty()) {
        m_model->setEntries({});
        m_problem = tr("Choose whose calendar to show.");
        render();
        m_loaded = true;
        return;
    }
    whenReady(this,
              m_service.run<QList<CalendarEntry>>([from = from(), to = to(), scope = m_scope](CalendarRepository& repository) {
                  return repository.entries(from, to, scope);
              }),
              [this, generation](const Result<QList<CalendarEntry>>& entries) {
                  if (generation != m_generation) {
                      return; // a newer period or scope was asked for meanwhile
                  }
                  m_problem = entries ? QString() : entries.error().userMessage;
                  m_model->setEntries(entries ? *entries : QList<CalendarEntry>{});
                  render();
                  m_loaded = true;
              });
}

QString CalendarView::statusText() const
{
    return m_status->text();
}

void CalendarView::render()
{
    int hearings = 0;
    for (const CalendarEntry& entry : m_model->entries()) {
        hearings += entry.kind == CalendarEntry::Kind::Hearing ? 1 : 0;
    }
    const int conflicts = m_model->conflictCount();
    m_status->setText(!m_problem.isEmpty() ? m_problem
                                           : tr("%1 hearings, %2 deadlines%3")
                                                 .arg(hearings)
                                                 .arg(m_model->rowCount() - hearings)
                                                 .arg(conflicts > 0 ? tr(", %1 conflicts").arg(conflicts) : QString()));
    m_status->setStyleSheet(conflicts > 0 || !m_problem.isEmpty() ? QStringLiteral("color: #b00020; font-weight: 600;") : QString());
    if (m_mode == Mode::Day) {
        m_pages->setCurrentWidget(m_agenda);
        m_agenda->resizeColumnsToContents();
        return;
    }
    m_pages->setCurrentWidget(m_grid);
    renderGrid(m_mode == Mode::Week ? 1 : 6);
}

void CalendarView::renderGrid(int rows)
{
    m_grid->clear();
    m_grid->setRowCount(rows);
    m_grid->setColumnCount(7);
    const QLocale locale;
    for (int column = 0; column < 7; ++column) {
        m_grid->setHorizontalHeaderItem(column, new QTableWidgetItem(locale.standaloneDayName(column + 1, QLocale::ShortFormat)));
    }
    const QDate start = from();
    for (int cell = 0; cell < rows * 7; ++cell) {
        const QDate day = start.addDays(cell);
        auto* list = new QListWidget(m_grid);
        list->setObjectName(QStringLiteral("day-") + day.toString(Qt::ISODate));
        list->setAccessibleName(locale.toString(day, QLocale::LongFormat));
        list->setFrameShape(QFrame::NoFrame);
        list->setWordWrap(true);
        auto* heading = new QListWidgetItem(QString::number(day.day()), list);
        heading->setFlags(Qt::NoItemFlags);
        QFont bold = heading->font();
        bold.setBold(day == QDate::currentDate());
        heading->setFont(bold);
        heading->setForeground(m_mode == Mode::Month && day.month() != m_anchor.month() ? QColor(0x99, 0x99, 0x99) : QColor(0x33, 0x33, 0x33));
        for (const CalendarEntry& entry : m_model->entriesOn(day)) {
            auto* item = new QListWidgetItem(CalendarModel::shortText(entry), list);
            item->setToolTip(CalendarModel::tooltip(entry));
            item->setData(Qt::UserRole, entry.caseId.toString(QUuid::WithoutBraces));
            item->setData(Qt::UserRole + 1, entry.hasConflict());
            if (entry.hasConflict()) {
                item->setBackground(QColor(0xfd, 0xec, 0xea));
                item->setForeground(QColor(0x8a, 0x1c, 0x12));
            } else if (entry.allDay) {
                item->setForeground(QColor(0x6a, 0x3d, 0x00));
            }
        }
        connect(list, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
            const QString caseId = item->data(Qt::UserRole).toString();
            if (!caseId.isEmpty()) {
                Q_EMIT caseActivated(QUuid(caseId));
            }
        });
        m_grid->setCellWidget(cell / 7, cell % 7, list);
    }
}

bool CalendarView::exportTo(const QString& path, QString* problem) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (problem) {
            *problem = tr("The file %1 cannot be written: %2").arg(path, file.errorString());
        }
        return false;
    }
    file.write(ICalendarWriter::write(m_model->entries(), tr("OCMS %1").arg(m_range->text()), QDateTime::currentDateTimeUtc()));
    if (!file.commit()) {
        if (problem) {
            *problem = tr("The file %1 cannot be written: %2").arg(path, file.errorString());
        }
        return false;
    }
    return true;
}

} // namespace ocms
