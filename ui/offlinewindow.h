#pragma once

#include <QMainWindow>

#include <memory>

namespace ocms {

class OfflineSession;
class OfflineWorkspace;

// The window of a field officer who started without the server: the offline copy only. Syncs by itself as
// soon as the server answers again.
class OfflineWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit OfflineWindow(std::unique_ptr<OfflineSession> session, QWidget* parent = nullptr);
    ~OfflineWindow() override;

    OfflineWorkspace* workspace() const { return m_workspace; }

private:
    std::unique_ptr<OfflineSession> m_session;
    OfflineWorkspace* m_workspace;
};

} // namespace ocms
