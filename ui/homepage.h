#pragma once

#include "security/session.h"

#include <QWidget>

namespace ocms {

class MyWorkView;

// The first page after sign-in: who is signed in, with which roles, on which server and, for legal staff,
// their work: hearings, deadlines and tasks.
class HomePage final : public QWidget
{
    Q_OBJECT

public:
    explicit HomePage(const Session& session, QWidget* parent = nullptr);

    MyWorkView* myWork() const { return m_myWork; }

private:
    MyWorkView* m_myWork = nullptr;
};

} // namespace ocms
