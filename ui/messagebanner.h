#pragma once

#include <QLabel>

namespace ocms {

// The line above a form or list that says what just happened: green when done, red when refused. Hidden
// while there is nothing to say.
class MessageBanner final : public QLabel
{
    Q_OBJECT
public:
    explicit MessageBanner(QWidget* parent = nullptr);

    void showMessage(const QString& text, bool problem);
    QString message() const { return isHidden() ? QString() : text(); }
};

} // namespace ocms
