#pragma once

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>
#include <QWidget>

#include <algorithm>

#include "catchqt.h"

namespace ocms::test {

// Types into a form's editor as a user would (QTest types ASCII only; other letters are inserted as an
// input method would), then leaves the field.
inline void type(QWidget* editor, const QString& text)
{
    REQUIRE(editor != nullptr);
    if (auto* line = qobject_cast<QLineEdit*>(editor)) {
        line->clear();
        const bool ascii = std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 128; });
        if (ascii) {
            QTest::keyClicks(line, text);
        } else {
            line->insert(text);
        }
        Q_EMIT line->editingFinished();
    } else if (auto* plain = qobject_cast<QPlainTextEdit*>(editor)) {
        plain->setPlainText(text);
    }
}

// Picks the choice with this code in a dropdown editor.
inline void choose(QWidget* editor, const QString& code)
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    REQUIRE(combo != nullptr);
    const int index = combo->findData(code);
    REQUIRE(index >= 0);
    combo->setCurrentIndex(index);
}

// Saves what a widget shows under the temp folder's ocms-shots, to look at.
inline void saveShot(QWidget& widget, const QString& name)
{
    const QString folder = QDir::temp().filePath(QStringLiteral("ocms-shots"));
    QDir().mkpath(folder);
    widget.grab().save(QDir(folder).filePath(name));
}

} // namespace ocms::test
