#pragma once

#include <QWidget>

class QLabel;
class QHBoxLayout;

namespace podtrends::ui {

/** A page title with an optional subtitle and room for action buttons on the right. */
class PageHeader final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(PageHeader)
    explicit PageHeader(const QString &title, const QString &subtitle = {}, QWidget *parent = nullptr);
    void setSubtitle(const QString &subtitle);
    /** Adds a widget (usually a button) to the right side. */
    void addAction(QWidget *widget);

private:
    QLabel *m_subtitle;
    QHBoxLayout *m_actions;
};

} // namespace podtrends::ui
