#include "versioncompareview.h"

#include "comparerowdelegate.h"
#include "comparerowmodel.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QListView>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace ocms {

namespace {

// "1 paragraph" / "3 paragraphs": the app ships no translation files, so %n plurals would show "(s)".
QString counted(qsizetype count, const QString& one, const QString& many)
{
    return count == 1 ? one : many.arg(count);
}

QLabel* versionHeader(const QString& accent, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(QStringLiteral("QLabel { background: #f6f7f9; border: 1px solid #d9dce1; border-top: 3px solid %1;"
                                        " padding: 6px 10px; font-weight: 600; color: #24303f; }")
                             .arg(accent));
    return label;
}

} // namespace

VersionCompareView::VersionCompareView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("versionCompareView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(8);

    auto* bar = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("compareSummary"));
    m_summary->setWordWrap(true);
    m_showUnchangedBox = new QCheckBox(tr("Show unchanged text"), this);
    m_position = new QLabel(this);
    m_position->setStyleSheet(QStringLiteral("color: #4a5362;"));
    m_position->setMinimumWidth(m_position->fontMetrics().horizontalAdvance(tr("Change 888 of 888")) + 8);
    m_previous = new QPushButton(tr("◀ Previous change"), this);
    m_next = new QPushButton(tr("Next change ▶"), this);
    m_previous->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F7));
    m_next->setShortcut(QKeySequence(Qt::Key_F7));
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_showUnchangedBox);
    bar->addSpacing(12);
    bar->addWidget(m_position);
    bar->addWidget(m_previous);
    bar->addWidget(m_next);
    layout->addLayout(bar);

    auto* headers = new QHBoxLayout;
    headers->setSpacing(6);
    m_oldHeader = versionHeader(QStringLiteral("#c4424f"), this);
    m_newHeader = versionHeader(QStringLiteral("#2e8b4a"), this);
    headers->addWidget(m_oldHeader, 1);
    headers->addWidget(m_newHeader, 1);
    layout->addLayout(headers);

    m_model = new CompareRowModel(this);
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("compareRows"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new CompareRowDelegate(m_list->viewport(), m_list));
    m_list->setUniformItemSizes(false);
    m_list->setResizeMode(QListView::Adjust); // rows rewrap when the width changes
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setStyleSheet(QStringLiteral("QListView { background: #ffffff; border: 1px solid #d0d4da; }"));
    auto* copy = new QAction(tr("Copy"), m_list);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    m_list->addAction(copy);
    connect(copy, &QAction::triggered, this, [this] {
        const QModelIndex current = m_list->currentIndex();
        if (current.isValid()) {
            QGuiApplication::clipboard()->setText(current.data().toString());
        }
    });
    layout->addWidget(m_list, 1);

    connect(m_showUnchangedBox, &QCheckBox::toggled, this, &VersionCompareView::setShowUnchanged);
    connect(m_previous, &QPushButton::clicked, this, &VersionCompareView::previousChange);
    connect(m_next, &QPushButton::clicked, this, &VersionCompareView::nextChange);
    updateNavigation();
}

void VersionCompareView::compare(const QString& oldLabel, const QString& oldText, const QString& newLabel,
                                 const QString& newText)
{
    m_oldHeader->setText(oldLabel);
    m_newHeader->setText(newLabel);
    m_oldLines = TextDiff::splitLines(oldText);
    m_newLines = TextDiff::splitLines(newText);
    m_diff = TextDiff::compareLines(m_oldLines, m_newLines);
    m_rows = TextDiff::sideBySide(m_diff, m_oldLines, m_newLines);
    render();
    if (!m_changeStarts.isEmpty()) {
        goToChange(0);
    }
}

void VersionCompareView::setShowUnchanged(bool show)
{
    if (show == m_showUnchanged) {
        return;
    }
    m_showUnchanged = show;
    m_showUnchangedBox->setChecked(show);
    const int current = m_current;
    render();
    if (current >= 0 && current < changeCount()) {
        goToChange(current);
    }
}

QString VersionCompareView::summary() const
{
    return m_summary->text();
}

QString VersionCompareView::oldLabel() const
{
    return m_oldHeader->text();
}

QString VersionCompareView::newLabel() const
{
    return m_newHeader->text();
}

void VersionCompareView::render()
{
    m_displayed.clear();
    m_changeStarts.clear();
    m_current = -1;

    // Which rows to show: all, or the changes with a little unchanged text around them.
    QList<bool> visible(m_rows.size(), m_showUnchanged);
    if (!m_showUnchanged) {
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            if (m_rows[i].kind != SideBySideRow::Kind::Same) {
                for (qsizetype j = std::max<qsizetype>(0, i - kContextRows);
                     j <= std::min(m_rows.size() - 1, i + kContextRows); ++j) {
                    visible[j] = true;
                }
            }
        }
    }

    qsizetype rewritten = 0;
    qsizetype added = 0;
    qsizetype removed = 0;
    QList<CompareRowModel::Entry> entries;
    qsizetype folded = 0;
    const auto flushFold = [&] {
        if (folded > 0) {
            entries.append(CompareRowModel::Entry{-1, folded});
            m_displayed.append(-1);
            folded = 0;
        }
    };
    bool previousWasChange = false;
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const SideBySideRow& row = m_rows[i];
        const bool change = row.kind != SideBySideRow::Kind::Same;
        rewritten += row.kind == SideBySideRow::Kind::Changed ? 1 : 0;
        added += row.kind == SideBySideRow::Kind::Inserted ? 1 : 0;
        removed += row.kind == SideBySideRow::Kind::Deleted ? 1 : 0;
        if (!visible[i]) {
            ++folded;
            previousWasChange = false;
            continue;
        }
        flushFold();
        if (change && !previousWasChange) {
            m_changeStarts.append(static_cast<int>(m_displayed.size()));
        }
        previousWasChange = change;
        m_displayed.append(i);
        entries.append(CompareRowModel::Entry{i, 0});
    }
    flushFold();
    m_model->setComparison(m_oldLines, m_newLines, m_rows, entries);

    QString summary;
    if (m_diff.identical()) {
        summary = m_rows.isEmpty() ? tr("Both versions are empty.") : tr("The two versions have the same text.");
    } else {
        QStringList parts;
        if (rewritten > 0) {
            parts << counted(rewritten, tr("1 paragraph changed"), tr("%1 paragraphs changed"));
        }
        if (added > 0) {
            parts << counted(added, tr("1 added"), tr("%1 added"));
        }
        if (removed > 0) {
            parts << counted(removed, tr("1 removed"), tr("%1 removed"));
        }
        summary = parts.join(QStringLiteral(", ")) + u'.';
        if (m_diff.approximate) {
            summary += u' ' + tr("Parts differ too much to align paragraph by paragraph; they are shown as removed and added.");
        }
    }
    m_summary->setText(summary);
    updateNavigation();
}

void VersionCompareView::nextChange()
{
    if (m_current + 1 < changeCount()) {
        goToChange(m_current + 1);
    }
}

void VersionCompareView::previousChange()
{
    if (m_current > 0) {
        goToChange(m_current - 1);
    }
}

void VersionCompareView::goToChange(int index)
{
    if (index < 0 || index >= changeCount()) {
        return;
    }
    m_current = index;
    const int start = m_changeStarts[index];
    // The change near the top, with a row of context above it.
    m_list->scrollTo(m_model->index(std::max(start - 1, 0)), QAbstractItemView::PositionAtTop);
    m_list->setCurrentIndex(m_model->index(start));
    updateNavigation();
    Q_EMIT currentChangeChanged(index);
}

void VersionCompareView::updateNavigation()
{
    m_previous->setEnabled(m_current > 0);
    m_next->setEnabled(m_current + 1 < changeCount());
    m_position->setText(changeCount() == 0 ? QString()
                                           : tr("Change %1 of %2").arg(std::max(m_current, 0) + 1).arg(changeCount()));
}

} // namespace ocms
