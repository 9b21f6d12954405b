#pragma once

#include "documents/textdiff.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QListView;
class QPushButton;

namespace ocms {

class CompareRowModel;

// Two versions' text side by side: old on the left, new on the right, one list row per paragraph (painted by
// CompareRowDelegate, laid out lazily, so a 10,000-paragraph text stays quick) so both sides scroll together. Removed paragraphs are tinted red on the left, added ones green on the right, and the
// words that changed within a rewritten paragraph are marked. Long unchanged stretches fold away unless
// "Show unchanged text" is on; Previous/Next walk the changes.
class VersionCompareView final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kContextRows = 2;

    explicit VersionCompareView(QWidget* parent = nullptr);

    void compare(const QString& oldLabel, const QString& oldText, const QString& newLabel, const QString& newText);
    void setShowUnchanged(bool show);

    const QList<SideBySideRow>& rows() const { return m_rows; }
    // For each table row shown: the index into rows(), or -1 for a folded stretch of unchanged text.
    const QList<qsizetype>& displayedRows() const { return m_displayed; }
    int changeCount() const { return static_cast<int>(m_changeStarts.size()); }
    int currentChange() const { return m_current; }
    QString summary() const;
    QListView* listView() const { return m_list; }
    CompareRowModel* model() const { return m_model; }
    QString oldLabel() const;
    QString newLabel() const;

public Q_SLOTS:
    void nextChange();
    void previousChange();

Q_SIGNALS:
    void currentChangeChanged(int index);

private:
    void render();
    void goToChange(int index);
    void updateNavigation();

    QStringList m_oldLines;
    QStringList m_newLines;
    TextDiffResult m_diff;
    QList<SideBySideRow> m_rows;
    QList<qsizetype> m_displayed;
    QList<int> m_changeStarts; // table rows where each change begins
    int m_current = -1;
    bool m_showUnchanged = false;

    QLabel* m_oldHeader = nullptr;
    QLabel* m_newHeader = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_position = nullptr;
    QCheckBox* m_showUnchangedBox = nullptr;
    QPushButton* m_previous = nullptr;
    QPushButton* m_next = nullptr;
    QListView* m_list = nullptr;
    CompareRowModel* m_model = nullptr;
};

} // namespace ocms
