#pragma once

#include "db/caseservice.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace ocms {

class RecordForm;

// Opening a case. An immigration case starts with its A-Number: the cases already on record for it are
// offered first and an open one cannot be duplicated; a person already known by that number is reused.
// Without an A-Number the matter is tracked as a project, which the case takes over later. Other litigation
// (tort with the SF-95 data, FOIA, Privacy Act, contract, employment, EEO, MSPB) needs no A-Number.
class NewCaseDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit NewCaseDialog(CaseService service, QWidget* parent = nullptr);

    // The steps, reachable from tests as a user reaches them.
    QLineEdit* aNumberEdit() const { return m_aNumber; }
    QRadioButton* otherLitigationChoice() const { return m_other; }
    void lookUp();
    void continueToCase();
    void startProject();
    void create();
    QString lookupText() const;
    QString problemText() const;
    QListWidget* matches() const { return m_matches; }
    QPushButton* continueButton() const { return m_continue; }
    RecordForm* caseForm() const { return m_caseForm; }
    RecordForm* projectForm() const { return m_projectForm; }
    QComboBox* personChoice() const { return m_person; }
    QComboBox* projectChoice() const { return m_project; }
    bool isReady() const { return m_ready; }

Q_SIGNALS:
    void caseCreated(const QUuid& caseId, const QString& caseNumber);
    void projectCreated(const QString& projectNumber);
    void openCaseRequested(const QUuid& caseId);

private:
    QWidget* buildStart();
    QWidget* buildCase();
    QWidget* buildProject();
    void showProblem(const QString& text);
    void setBusy(bool busy);

    CaseService m_service;
    CaseService::FormContext m_context;
    ANumberLookup m_lookup;
    bool m_ready = false;
    QStackedWidget* m_pages;
    QRadioButton* m_immigration;
    QRadioButton* m_other;
    QLineEdit* m_aNumber;
    QLabel* m_aNumberProblem;
    QLabel* m_lookupResult;
    QListWidget* m_matches;
    QPushButton* m_find;
    QPushButton* m_openMatch;
    QPushButton* m_continue;
    QPushButton* m_trackAsProject;
    QWidget* m_casePage;
    RecordForm* m_caseForm = nullptr;
    QComboBox* m_person;
    QComboBox* m_project;
    class MessageBanner* m_problem;
    QPushButton* m_create;
    RecordForm* m_projectForm;
    QPushButton* m_createProject;
};

} // namespace ocms
