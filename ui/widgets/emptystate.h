#pragma once

#include <QUrl>
#include <QWidget>

class QHBoxLayout;
class QLabel;

namespace podtrends::ui {

/**
 * What a page shows instead of bare axes and empty tables: a heading, a sentence saying what to
 * do next, and buttons for it. It lies over the widget it covers (a chart, a table, a splitter)
 * and follows its geometry, so a page adds one with two lines and no change to its layout.
 * Buttons open internal links ("podtrends:import", "podtrends:sample", …) that the window
 * handles (MainWindow::openInternalUrl), so pages need no new signals for them.
 */
class EmptyState final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(EmptyState)
    explicit EmptyState(QWidget *covered);

    /** The heading and the sentence below it (plain text). */
    void setText(const QString &heading, const QString &text);
    /** Replaces the buttons: each opens its link with QDesktopServices::openUrl. */
    void setLinks(const QList<QPair<QString, QUrl>> &links);
    /** Shows (on top of the covered widget) or hides the empty state. */
    void setActive(bool active);
    bool isActive() const { return m_active; }
    QString heading() const;
    QString text() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void follow();

    QWidget *m_covered;
    QLabel *m_heading;
    QLabel *m_text;
    QHBoxLayout *m_buttons;
    bool m_active = false;
};

/** The internal links the empty states and the window share. */
namespace links {
QUrl importFiles();
QUrl sampleWorkspace();
QUrl analyze();
QUrl addSource();
QUrl generate();
QUrl trends();
} // namespace links

} // namespace podtrends::ui
