#include "messagebanner.h"

namespace ocms {

MessageBanner::MessageBanner(QWidget* parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void MessageBanner::showMessage(const QString& text, bool problem)
{
    setText(text);
    setStyleSheet(problem ? QStringLiteral("background: #fdecea; color: #611a15; padding: 6px; border-radius: 3px;")
                          : QStringLiteral("background: #e8f4ea; color: #1e4620; padding: 6px; border-radius: 3px;"));
    setAccessibleDescription(problem ? tr("Problem") : tr("Done"));
    setVisible(!text.isEmpty());
}

} // namespace ocms
