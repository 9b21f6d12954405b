#pragma once

#include "messagebanner.h"
#include "recordform.h"
#include "whenready.h"

#include <QCoreApplication>
#include <QPushButton>

namespace ocms {

// Saves a record's summary form the same way on every record screen: the fields are checked first, only
// what changed is sent, the button waits for the server, and a refusal (a conflict included) is shown with
// everything typed still in the form. launch(changes) starts the save and returns its future;
// saved() runs once the server took it.
template <class Launch, class Saved>
void saveSummaryForm(QWidget* owner, RecordForm* form, QPushButton* button, MessageBanner* banner, Launch launch, Saved saved)
{
    const auto tr = [](const char* text) { return QCoreApplication::translate("ocms::SummarySave", text); };
    if (!form->validate()) {
        banner->showMessage(tr("Some fields need attention; nothing was saved yet."), true);
        return;
    }
    const QVariantMap changes = form->changedValues();
    if (changes.isEmpty()) {
        banner->showMessage(tr("Nothing to save: no field was changed."), false);
        return;
    }
    button->setEnabled(false);
    whenReady(owner, launch(changes), [button, banner, saved, tr](const auto& result) {
        button->setEnabled(true);
        if (!result) {
            banner->showMessage(result.error().userMessage, true);
            return;
        }
        banner->showMessage(tr("Saved."), false);
        saved();
    });
}

} // namespace ocms
