#pragma once

#include <QWidget>

namespace ocms {

// Stands in for a workspace that a later release fills: says what will be here, so nothing pretends to work.
class WorkspacePlaceholder final : public QWidget
{
    Q_OBJECT

public:
    WorkspacePlaceholder(const QString& title, const QString& description, QWidget* parent = nullptr);
};

} // namespace ocms
