#pragma once

#include "security/session.h"

#include <QWidget>

namespace ocms {

// The first page after sign-in: who is signed in, with which roles, on which server.
class HomePage final : public QWidget
{
    Q_OBJECT

public:
    explicit HomePage(const Session& session, QWidget* parent = nullptr);
};

} // namespace ocms
