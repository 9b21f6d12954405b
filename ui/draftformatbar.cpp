#include "draftformatbar.h"

#include <QAction>
#include <QComboBox>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextEdit>
#include <QTextList>
#include <QToolButton>

#include <algorithm>

namespace ocms {

DraftFormatBar::DraftFormatBar(QTextEdit* edit, QWidget* parent) : QToolBar(tr("Formatting"), parent), m_edit(edit)
{
    setIconSize(QSize(18, 18));
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setStyleSheet(QStringLiteral(
        "QToolBar { background: #f6f7f9; border-bottom: 1px solid #d9dce1; padding: 3px 6px; spacing: 2px; }"
        "QToolButton { padding: 3px 7px; border: 1px solid transparent; border-radius: 3px; min-width: 18px; }"
        "QToolButton:hover { border-color: #c3c8d0; background: #ffffff; }"
        "QToolButton:checked { background: #dde6f3; border-color: #9fb3d1; }"));

    m_styleCombo = new QComboBox(this);
    m_styleCombo->setObjectName(QStringLiteral("paragraphStyle"));
    m_styleCombo->addItem(tr("Body text"), 0);
    m_styleCombo->addItem(tr("Heading 1"), 1);
    m_styleCombo->addItem(tr("Heading 2"), 2);
    m_styleCombo->addItem(tr("Heading 3"), 3);
    m_styleCombo->setToolTip(tr("Paragraph style"));
    addWidget(m_styleCombo);
    connect(m_styleCombo, &QComboBox::activated, this,
            [this](int index) { applyHeadingLevel(m_styleCombo->itemData(index).toInt()); });

    m_sizeCombo = new QComboBox(this);
    m_sizeCombo->setObjectName(QStringLiteral("fontSize"));
    for (const int size : {9, 10, 11, 12, 14, 16, 18, 24}) {
        m_sizeCombo->addItem(QString::number(size), size);
    }
    m_sizeCombo->setCurrentText(QStringLiteral("12"));
    m_sizeCombo->setToolTip(tr("Font size (points)"));
    addWidget(m_sizeCombo);
    connect(m_sizeCombo, &QComboBox::activated, this, [this](int index) {
        QTextCharFormat format;
        format.setFontPointSize(m_sizeCombo->itemData(index).toInt());
        mergeCharFormat(format);
    });
    addSeparator();

    m_bold = addToggle(tr("B"), tr("Bold"), QKeySequence::Bold, [](QFont& font) { font.setBold(true); });
    m_italic = addToggle(tr("I"), tr("Italic"), QKeySequence::Italic, [](QFont& font) { font.setItalic(true); });
    m_underline = addToggle(tr("U"), tr("Underline"), QKeySequence::Underline, [](QFont& font) { font.setUnderline(true); });
    connect(m_bold, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat format;
        format.setFontWeight(on ? QFont::Bold : QFont::Normal);
        mergeCharFormat(format);
    });
    connect(m_italic, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat format;
        format.setFontItalic(on);
        mergeCharFormat(format);
    });
    connect(m_underline, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat format;
        format.setFontUnderline(on);
        mergeCharFormat(format);
    });
    addSeparator();
    m_bulletList = addAction(tr("• List"), this, &DraftFormatBar::toggleBulletList);
    m_bulletList->setToolTip(tr("Bulleted list"));
    m_bulletList->setCheckable(true);
    m_numberedList = addAction(tr("1. List"), this, &DraftFormatBar::toggleNumberedList);
    m_numberedList->setToolTip(tr("Numbered list"));
    m_numberedList->setCheckable(true);
    m_editingActions << m_bulletList << m_numberedList;
    addSeparator();
    m_undo = addAction(tr("Undo"), this, [this] { m_edit->undo(); });
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setEnabled(false);
    m_redo = addAction(tr("Redo"), this, [this] { m_edit->redo(); });
    m_redo->setShortcut(QKeySequence::Redo);
    m_redo->setEnabled(false);

    connect(m_edit, &QTextEdit::currentCharFormatChanged, this, &DraftFormatBar::showFormatAtCursor);
    connect(m_edit, &QTextEdit::cursorPositionChanged, this, &DraftFormatBar::showFormatAtCursor);
    connect(m_edit->document(), &QTextDocument::undoAvailable, this, [this](bool available) { m_undo->setEnabled(m_editable && available); });
    connect(m_edit->document(), &QTextDocument::redoAvailable, this, [this](bool available) { m_redo->setEnabled(m_editable && available); });
}

QAction* DraftFormatBar::addToggle(const QString& text, const QString& tip, const QKeySequence& keys, void (*styleLabel)(QFont&))
{
    QAction* action = addAction(text);
    action->setCheckable(true);
    action->setShortcut(keys);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, keys.toString(QKeySequence::NativeText)));
    if (auto* button = qobject_cast<QToolButton*>(widgetForAction(action))) {
        QFont font = button->font();
        styleLabel(font);
        button->setFont(font);
    }
    m_editingActions.append(action);
    return action;
}

void DraftFormatBar::setEditable(bool editable)
{
    m_editable = editable;
    m_styleCombo->setEnabled(editable);
    m_sizeCombo->setEnabled(editable);
    for (QAction* action : std::as_const(m_editingActions)) {
        action->setEnabled(editable);
    }
    m_undo->setEnabled(editable && m_edit->document()->isUndoAvailable());
    m_redo->setEnabled(editable && m_edit->document()->isRedoAvailable());
}

void DraftFormatBar::applyHeadingLevel(int level)
{
    if (!m_editable) {
        return;
    }
    QTextCursor cursor = m_edit->textCursor();
    cursor.beginEditBlock();
    const QTextBlock first = m_edit->document()->findBlock(cursor.selectionStart());
    const QTextBlock last = m_edit->document()->findBlock(cursor.selectionEnd());
    for (QTextBlock block = first; block.isValid(); block = block.next()) {
        QTextCursor blockCursor(block);
        QTextBlockFormat blockFormat = block.blockFormat();
        blockFormat.setHeadingLevel(level);
        blockFormat.setTopMargin(level > 0 ? 12 : 0);
        blockFormat.setBottomMargin(level > 0 ? 6 : 0);
        blockCursor.setBlockFormat(blockFormat);
        // Heading sizes as in Qt's own rich text: level 1 largest; body text back to normal.
        QTextCharFormat charFormat;
        charFormat.setFontWeight(level > 0 ? QFont::Bold : QFont::Normal);
        charFormat.setProperty(QTextFormat::FontSizeAdjustment, level > 0 ? 4 - level : 0);
        blockCursor.movePosition(QTextCursor::StartOfBlock);
        blockCursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        blockCursor.mergeCharFormat(charFormat);
        if (block == last) {
            break;
        }
    }
    cursor.endEditBlock();
    QTextCharFormat typing;
    typing.setFontWeight(level > 0 ? QFont::Bold : QFont::Normal);
    typing.setProperty(QTextFormat::FontSizeAdjustment, level > 0 ? 4 - level : 0);
    m_edit->mergeCurrentCharFormat(typing);
    showFormatAtCursor();
}

void DraftFormatBar::toggleBulletList()
{
    toggleList(QTextListFormat::ListDisc);
}

void DraftFormatBar::toggleNumberedList()
{
    toggleList(QTextListFormat::ListDecimal);
}

void DraftFormatBar::toggleList(int style)
{
    if (!m_editable) {
        return;
    }
    QTextCursor cursor = m_edit->textCursor();
    cursor.beginEditBlock();
    QTextList* list = cursor.currentList();
    if (list != nullptr && list->format().style() == style) {
        // Same list again: the paragraphs leave the list.
        const QTextBlock first = m_edit->document()->findBlock(cursor.selectionStart());
        const QTextBlock last = m_edit->document()->findBlock(cursor.selectionEnd());
        for (QTextBlock block = first; block.isValid(); block = block.next()) {
            if (QTextList* owner = block.textList()) {
                owner->remove(block);
            }
            QTextCursor blockCursor(block);
            QTextBlockFormat format = block.blockFormat();
            format.setIndent(0);
            blockCursor.setBlockFormat(format);
            if (block == last) {
                break;
            }
        }
    } else if (list != nullptr) {
        QTextListFormat format = list->format();
        format.setStyle(static_cast<QTextListFormat::Style>(style));
        list->setFormat(format);
    } else {
        QTextListFormat format;
        format.setStyle(static_cast<QTextListFormat::Style>(style));
        format.setIndent(1);
        cursor.createList(format);
    }
    cursor.endEditBlock();
    showFormatAtCursor();
}

void DraftFormatBar::mergeCharFormat(const QTextCharFormat& format)
{
    if (!m_editable) {
        return;
    }
    QTextCursor cursor = m_edit->textCursor();
    if (!cursor.hasSelection()) {
        cursor.select(QTextCursor::WordUnderCursor);
    }
    cursor.mergeCharFormat(format);
    m_edit->mergeCurrentCharFormat(format);
}

void DraftFormatBar::showFormatAtCursor()
{
    const QTextCharFormat format = m_edit->currentCharFormat();
    m_bold->setChecked(format.fontWeight() >= QFont::DemiBold);
    m_italic->setChecked(format.fontItalic());
    m_underline->setChecked(format.fontUnderline());
    const QTextCursor cursor = m_edit->textCursor();
    const int level = cursor.blockFormat().headingLevel();
    m_styleCombo->setCurrentIndex(std::clamp(level, 0, 3));
    const QTextList* list = cursor.currentList();
    m_bulletList->setChecked(list != nullptr && list->format().style() == QTextListFormat::ListDisc);
    m_numberedList->setChecked(list != nullptr && list->format().style() == QTextListFormat::ListDecimal);
    if (format.fontPointSize() > 0) {
        m_sizeCombo->setCurrentText(QString::number(qRound(format.fontPointSize())));
    }
}

} // namespace ocms
