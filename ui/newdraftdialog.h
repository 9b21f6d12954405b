#pragma once

#include "db/documentservice.h"
#include "db/dropdowncatalog.h"
#include "models/documentrecord.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace ocms {

class MessageBanner;

// "New draft": what the draft is (title, type from the rules — a legal memorandum unless chosen otherwise),
// who wrote it, where it is filed (a case, project or A-Number; fixed when started from one) and its tags.
// Where it is filed is checked with the server before the editor opens, so a wrong case number is said now,
// not at the first save. Also asks where a recovered, never-saved draft goes.
class NewDraftDialog final : public QDialog
{
    Q_OBJECT
public:
    NewDraftDialog(const ConnectionSettings& settings, const DropdownCatalog& catalog, const DocumentParent& parent,
                   QWidget* parentWidget = nullptr);

    QLineEdit* titleEdit() const { return m_title; }
    QComboBox* typeBox() const { return m_type; }
    QLineEdit* authorEdit() const { return m_author; }
    QLineEdit* parentEdit() const { return m_parent; }
    QLineEdit* tagsEdit() const { return m_tags; }
    QPushButton* startButton() const { return m_start; }
    MessageBanner* message() const { return m_message; }

    void setStartText(const QString& text);
    void start(); // what the button does: check, resolve where it is filed, then filed()

Q_SIGNALS:
    // Everything but the content: the parent ids are resolved, the title is the draft's first title;
    // filedUnder says where, for people ("case 2024-ATL-000123").
    void filed(const ocms::NewDocument& filing, const QString& filedUnder);

private:
    DocumentService m_service;
    DocumentParent m_fixedParent;
    QLineEdit* m_title;
    QComboBox* m_type;
    QLineEdit* m_author;
    QLineEdit* m_parent;
    QLineEdit* m_tags;
    QPushButton* m_start;
    MessageBanner* m_message;
    bool m_resolving = false;
};

} // namespace ocms
