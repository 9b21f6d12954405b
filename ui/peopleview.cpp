#include "peopleview.h"

#include "domain/fieldspec.h"
#include "messagebanner.h"
#include "models/duplicatepairsmodel.h"
#include "models/recordtablemodel.h"
#include "recordform.h"
#include "recordformdialog.h"
#include "whenready.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ocms {

namespace {

QTableView* listView(QAbstractItemModel* model, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultSectionSize(150);
    return view;
}

QLabel* detailLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setMinimumWidth(260);
    return label;
}

} // namespace

PeopleView::PeopleView(const ConnectionSettings& settings, QWidget* parent)
    : QWidget(parent), m_service(settings), m_pairs(new DuplicatePairsModel(this)), m_merges(new RecordTableModel(this)),
      m_pairsTable(listView(m_pairs, this)), m_mergesTable(listView(m_merges, this)), m_first(detailLabel(this)),
      m_second(detailLabel(this)), m_message(new MessageBanner(this)), m_keepFirst(new QPushButton(tr("Keep &left, merge right into it…"), this)),
      m_keepSecond(new QPushButton(tr("Keep &right, merge left into it…"), this)), m_dismiss(new QPushButton(tr("&Not the same person"), this))
{
    auto* title = new QLabel(tr("People: likely duplicates"), this);
    title->setStyleSheet(QStringLiteral("font-size: 16pt; font-weight: 600;"));
    auto* refreshButton = new QPushButton(tr("Re&fresh"), this);
    connect(refreshButton, &QPushButton::clicked, this, &PeopleView::refresh);
    auto* heading = new QHBoxLayout;
    heading->addWidget(title);
    heading->addStretch(1);
    heading->addWidget(refreshButton);
    m_pairsTable->setObjectName(QStringLiteral("duplicatePairs"));
    m_pairsTable->setAccessibleName(tr("Likely duplicates"));
    m_mergesTable->setObjectName(QStringLiteral("recentMerges"));
    m_mergesTable->setAccessibleName(tr("Recent merges"));

    auto* compare = new QWidget(this);
    auto* sides = new QHBoxLayout(compare);
    for (auto [box, label] : {std::pair{new QGroupBox(tr("Left record"), compare), m_first},
                              std::pair{new QGroupBox(tr("Right record"), compare), m_second}}) {
        auto* inside = new QVBoxLayout(box);
        inside->addWidget(label);
        sides->addWidget(box, 1);
    }
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_keepFirst);
    actions->addWidget(m_keepSecond);
    actions->addStretch(1);
    actions->addWidget(m_dismiss);
    for (QPushButton* button : {m_keepFirst, m_keepSecond, m_dismiss}) {
        button->setEnabled(false);
    }
    auto* review = new QWidget(this);
    auto* reviewLayout = new QVBoxLayout(review);
    reviewLayout->setContentsMargins(0, 0, 0, 0);
    reviewLayout->addWidget(m_pairsTable, 2);
    reviewLayout->addWidget(compare, 2);
    reviewLayout->addLayout(actions);

    auto* history = new QGroupBox(tr("Recent merges"), this);
    auto* historyLayout = new QVBoxLayout(history);
    auto* undo = new QPushButton(tr("&Undo merge"), history);
    undo->setObjectName(QStringLiteral("undoMergeButton"));
    historyLayout->addWidget(m_mergesTable);
    historyLayout->addWidget(undo, 0, Qt::AlignRight);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(review);
    split->addWidget(history);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(heading);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(m_pairsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { selectPair(current.row()); });
    connect(m_keepFirst, &QPushButton::clicked, this, [this] {
        if (RecordFormDialog* dialog = merge(true)) {
            dialog->open();
        }
    });
    connect(m_keepSecond, &QPushButton::clicked, this, [this] {
        if (RecordFormDialog* dialog = merge(false)) {
            dialog->open();
        }
    });
    connect(m_dismiss, &QPushButton::clicked, this, &PeopleView::dismissSelected);
    connect(undo, &QPushButton::clicked, this, &PeopleView::undoSelectedMerge);
}

void PeopleView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_started) {
        m_started = true;
        refresh();
    }
}

QString PeopleView::message() const
{
    return m_message->message();
}

QString PeopleView::detailText(bool first) const
{
    return (first ? m_first : m_second)->text();
}

void PeopleView::showMessage(const QString& text, bool problem)
{
    m_message->showMessage(text, problem);
}

void PeopleView::refresh()
{
    m_loaded = false;
    whenReady(this, m_service.run<QList<DuplicatePair>>([](PersonRepository& repository) { return repository.duplicateCandidates(); }),
              [this](const Result<QList<DuplicatePair>>& pairs) {
                  if (!pairs) {
                      showMessage(pairs.error().userMessage, true);
                      return;
                  }
                  m_pairs->setPairs(*pairs);
                  m_first->clear();
                  m_second->clear();
                  for (QPushButton* button : {m_keepFirst, m_keepSecond, m_dismiss}) {
                      button->setEnabled(false);
                  }
                  whenReady(this, m_service.run<RecordTable>([](PersonRepository& repository) { return repository.recentMerges(); }),
                            [this](const Result<RecordTable>& merges) {
                                if (!merges) {
                                    showMessage(merges.error().userMessage, true);
                                    return;
                                }
                                m_merges->setTable(*merges);
                                m_loaded = true;
                            });
              });
}

int PeopleView::selectedPair() const
{
    const QModelIndex current = m_pairsTable->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void PeopleView::selectPair(int row)
{
    if (row < 0 || row >= m_pairs->rowCount()) {
        return;
    }
    if (selectedPair() != row) {
        m_pairsTable->selectRow(row);
        return; // the selection change calls back
    }
    const DuplicatePair& pair = m_pairs->pairAt(row);
    showDetail(pair.first.id, m_first);
    showDetail(pair.second.id, m_second);
    for (QPushButton* button : {m_keepFirst, m_keepSecond, m_dismiss}) {
        button->setEnabled(true);
    }
}

void PeopleView::showDetail(const QUuid& id, QLabel* into)
{
    into->setText(tr("Loading…"));
    whenReady(this, m_service.run<PersonDetail>([id](PersonRepository& repository) { return repository.detail(id); }),
              [into](const Result<PersonDetail>& detail) {
                  if (!detail) {
                      into->setText(detail.error().userMessage.toHtmlEscaped());
                      return;
                  }
                  QStringList lines;
                  for (const auto& [key, label] : {std::pair{"family_name", "Family name"}, std::pair{"given_name", "Given name"},
                                                   std::pair{"middle_name", "Middle name"}, std::pair{"date_of_birth", "Born"},
                                                   std::pair{"place_of_birth", "Place of birth"}, std::pair{"nationality", "Nationality"},
                                                   std::pair{"language", "Language"}, std::pair{"a_number", "A-Number"},
                                                   std::pair{"employer", "Employer"}}) {
                      const QString value = RecordTableModel::displayText(detail->fields.value(QString::fromLatin1(key)));
                      lines.append(QStringLiteral("<b>%1:</b> %2").arg(QObject::tr(label), value.isEmpty() ? QStringLiteral("—") : value.toHtmlEscaped()));
                  }
                  lines.append(QStringLiteral("<b>%1:</b> %2").arg(QObject::tr("Aliases"),
                                                                   detail->aliases.isEmpty() ? QStringLiteral("—")
                                                                                             : detail->aliases.join(u"; ").toHtmlEscaped()));
                  lines.append(QStringLiteral("<b>%1:</b> %2").arg(QObject::tr("Appears on"),
                                                                   detail->appearances.isEmpty() ? QStringLiteral("—")
                                                                                                 : detail->appearances.join(u", ").toHtmlEscaped()));
                  into->setText(lines.join(QStringLiteral("<br>")));
              });
}

RecordFormDialog* PeopleView::merge(bool keepFirst)
{
    const int row = selectedPair();
    if (row < 0) {
        showMessage(tr("Select a pair first."), true);
        return nullptr;
    }
    const DuplicatePair pair = m_pairs->pairAt(row);
    const PersonSummary keep = keepFirst ? pair.first : pair.second;
    const PersonSummary merged = keepFirst ? pair.second : pair.first;
    FieldSpec reason = FieldSpec::make(QStringLiteral("reason"), tr("Why they are the same person"), FieldKind::LongText).require();
    reason.maxLength = 2000;
    auto* dialog = new RecordFormDialog(
        tr("Merge %1 into %2").arg(merged.name, keep.name), {reason},
        [service = m_service, keep = keep.id, merged = merged.id](const QVariantMap& values) {
            return service.run<void>([keep, merged, why = values.value(QStringLiteral("reason")).toString()](PersonRepository& repository)
                                         -> Result<void> {
                auto done = repository.merge(keep, merged, why);
                if (!done) {
                    return fail(done.error());
                }
                return {};
            });
        },
        this);
    dialog->setObjectName(QStringLiteral("mergeDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto* explanation = new QLabel(tr("Every case, project, alias, address, phone, application and visa of <b>%1</b> moves to <b>%2</b>; "
                                      "%1's name is kept as an alias and empty fields of %2 are filled from it. %1's record is then "
                                      "closed. The merge can be undone from Recent merges.")
                                       .arg(merged.name.toHtmlEscaped(), keep.name.toHtmlEscaped()),
                                   dialog);
    explanation->setWordWrap(true);
    qobject_cast<QBoxLayout*>(dialog->layout())->insertWidget(0, explanation);
    connect(dialog, &RecordFormDialog::saved, this, [this, merged = merged.name, keep = keep.name] {
        showMessage(tr("%1 was merged into %2.").arg(merged, keep), false);
        refresh();
    });
    return dialog;
}

void PeopleView::dismissSelected()
{
    const int row = selectedPair();
    if (row < 0) {
        showMessage(tr("Select a pair first."), true);
        return;
    }
    const DuplicatePair pair = m_pairs->pairAt(row);
    whenReady(this,
              m_service.run<void>([first = pair.first.id, second = pair.second.id](PersonRepository& repository) {
                  return repository.dismiss(first, second);
              }),
              [this](const Result<void>& done) {
                  if (!done) {
                      showMessage(done.error().userMessage, true);
                      return;
                  }
                  showMessage(tr("Marked as different people: the pair will not be offered again."), false);
                  refresh();
              });
}

void PeopleView::undoSelectedMerge()
{
    const QModelIndex current = m_mergesTable->selectionModel()->currentIndex();
    if (!current.isValid()) {
        showMessage(tr("Select a merge first."), true);
        return;
    }
    const QUuid mergeId = m_merges->idAt(current.row());
    whenReady(this, m_service.run<void>([mergeId](PersonRepository& repository) { return repository.unmerge(mergeId); }),
              [this](const Result<void>& done) {
                  if (!done) {
                      showMessage(done.error().userMessage, true);
                      return;
                  }
                  showMessage(tr("The merge was undone: both records are as they were."), false);
                  refresh();
              });
}

} // namespace ocms
