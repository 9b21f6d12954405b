#pragma once

#include "latestanswer.h"

#include "db/formcontext.h"
#include "domain/fieldspec.h"
#include "field/fugitiveservice.h"
#include "field/fugitiverecord.h"

#include <QHash>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTabWidget;

namespace ocms {

class FugitivePhotosPanel;
class MessageBanner;
class RecordForm;
class RecordFormDialog;
class RecordListTab;

// A fugitive record: biography, immigration case history and criminal history as forms saved together
// with a row-version check (FCMS 1.5 field checks before anything is sent), status with its reason,
// convictions, photographs, aliases, possible addresses, the fugitive's leads and arrests.
class FugitiveRecordView final : public QWidget
{
    Q_OBJECT
public:
    FugitiveRecordView(FugitiveService service, FormContext context, bool mayWrite, QUuid fugitiveId, QWidget* parent = nullptr);

    const QUuid& fugitiveId() const { return m_fugitiveId; }
    const FugitiveRecord& record() const { return m_record; }
    bool isLoaded() const { return m_loaded; }
    QString message() const;
    QString heading() const;
    RecordForm* form(const QString& name) const { return m_forms.value(name); } // biography, immigration, criminal
    RecordListTab* list(const QString& name) const { return m_lists.value(name); }
    QPushButton* saveButton() const { return m_save; }
    FugitivePhotosPanel* photographs() const { return m_photos; }
    // The dialog an action opens, not yet shown: changeStatus, addConviction, addAlias, addAddress.
    RecordFormDialog* openAction(const QString& action);
    void save();
    void reload();

Q_SIGNALS:
    void loaded(const QString& title);
    void changed();
    void openLeadRequested(const QUuid& leadId);
    void newLeadRequested(const QString& fugitiveNumber);

private:
    struct Action
    {
        QString title;
        FormSpec spec;
        QString doneText;
        std::function<Result<void>(FugitiveRepository&, const QUuid& fugitive, qint64 rowVersion, const QVariantMap&)> work;
    };

    RecordForm* addForm(const QString& name, const QString& tabTitle, const FormSpec& spec);
    RecordListTab* addList(const QString& name, QWidget* page);
    QPushButton* addAction(const QString& name, const QString& buttonText, Action action);
    void show(const FugitiveRecord& record);
    void showMessage(const QString& text, bool problem);

    FugitiveService m_service;
    FormContext m_context;
    bool m_mayWrite;
    QUuid m_fugitiveId;
    FugitiveRecord m_record;
    bool m_loaded = false;
    QLabel* m_heading;
    QLabel* m_status;
    MessageBanner* m_message;
    QTabWidget* m_tabs;
    QPushButton* m_save;
    FugitivePhotosPanel* m_photos = nullptr;
    QHash<QString, RecordForm*> m_forms;
    QHash<QString, RecordListTab*> m_lists;
    QHash<QString, Action> m_actions;
    LatestAnswer m_loads; // record loads: only the latest one asked for fills the screen
};

} // namespace ocms
