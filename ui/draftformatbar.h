#pragma once

#include <QToolBar>

class QAction;
class QComboBox;
class QTextCharFormat;
class QTextEdit;

namespace ocms {

// The formatting half of the draft editor's toolbar: paragraph style (body text, headings 1–3), font size,
// bold / italic / underline, bulleted and numbered lists, undo and redo — acting on one QTextEdit and
// showing the format under its cursor. The editor adds its own actions (print, export, save) after these.
class DraftFormatBar final : public QToolBar
{
    Q_OBJECT
public:
    explicit DraftFormatBar(QTextEdit* edit, QWidget* parent = nullptr);

    // Off while the draft is read-only: nothing here changes the text then.
    void setEditable(bool editable);

    QAction* boldAction() const { return m_bold; }
    QAction* italicAction() const { return m_italic; }
    QAction* underlineAction() const { return m_underline; }
    QAction* bulletListAction() const { return m_bulletList; }
    QAction* numberedListAction() const { return m_numberedList; }
    QComboBox* styleCombo() const { return m_styleCombo; }

public Q_SLOTS:
    void applyHeadingLevel(int level); // 0 = body text, 1–3 headings
    void toggleBulletList();
    void toggleNumberedList();
    // Shows the format at the cursor (bold pressed inside bold text, the heading level, the list).
    void showFormatAtCursor();

private:
    QAction* addToggle(const QString& text, const QString& tip, const QKeySequence& keys, void (*styleLabel)(QFont&));
    void toggleList(int style);
    void mergeCharFormat(const QTextCharFormat& format);

    QTextEdit* m_edit;
    bool m_editable = true;
    QComboBox* m_styleCombo = nullptr;
    QComboBox* m_sizeCombo = nullptr;
    QAction* m_bold = nullptr;
    QAction* m_italic = nullptr;
    QAction* m_underline = nullptr;
    QAction* m_bulletList = nullptr;
    QAction* m_numberedList = nullptr;
    QAction* m_undo = nullptr;
    QAction* m_redo = nullptr;
    QList<QAction*> m_editingActions;
};

} // namespace ocms
