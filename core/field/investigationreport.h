#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUuid>

namespace ocms {

// One activity on a report's leads, as field.activities holds it (never edited; corrections refer back).
struct ReportActivity
{
    QDateTime occurredAt;
    QString type; // surveillance, address_check, ...
    QString officer;
    QString location;
    QString operation;
    QString leadNumber;
    QString notes;
    bool correction = false; // corrects an earlier activity
};

// A lead a report covers.
struct ReportLead
{
    QUuid id;
    QString number;
    QString source;
    QString address;
    QString status;
};

// A report of investigation: what an officer did on a fugitive's leads and the outcome. A draft is its
// author's to change; a submitted one is final (a correction is a new report referring to it).
struct InvestigationReport
{
    QUuid id; // null: not stored yet
    QString number;
    QUuid fugitiveId;
    QString fugitiveNumber;
    QString fugitiveName;
    QString aNumber;
    QString fugitiveStatus;
    QList<QUuid> leadIds;
    QList<ReportLead> leads;
    QList<ReportActivity> activities; // of the leads (of the fugitive when the report names no lead)
    QString summary;
    QString outcome; // arrested, located_not_arrested, not_located, left_area, referred, continuing, closed_other
    QString outcomeDetail;
    QDate reportDate;
    QString authorName;
    QString authorTitle;
    QString authorOffice;
    QString status = QStringLiteral("draft");
    QDateTime submittedAt;
    QUuid correctsReportId;
    QString correctsNumber;
    QString correctedByNumber; // a later correction of this report, if any

    bool isSubmitted() const { return status == u"submitted"; }
};

} // namespace ocms
