#pragma once

#include "db/connectionsettings.h"
#include "result.h"

namespace ocms {

// The signed-in user changes their own password: the current one is checked by signing on with it, the new
// one is sent to the server as a SCRAM-SHA-256 verifier computed here (the clear text never reaches the
// server's statement log), and the user's offline copy on this computer, if any, is re-locked with it —
// the same data key re-wrapped, nothing re-encrypted. Blocking: call off the GUI thread.
class PasswordChange
{
public:
    static constexpr int kMinimumLength = 12; // as core.create_login

    static Result<void> run(const ConnectionSettings& user, const QString& currentPassword, const QString& newPassword,
                            const QString& offlineDirectory);
};

} // namespace ocms
