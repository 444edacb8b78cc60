#include "emptystate.h"

#include <QDesktopServices>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace podtrends::ui {

namespace {
// A splitter takes every child widget as a pane: the overlay lives on the first ancestor that
// is not one.
QWidget *hostFor(QWidget *covered)
{
    QWidget *host = covered->parentWidget();
    while (host && qobject_cast<QSplitter *>(host))
        host = host->parentWidget();
    return host ? host : covered;
}
} // namespace

EmptyState::EmptyState(QWidget *covered)
    : QWidget(hostFor(covered))
    , m_covered(covered)
{
    setObjectName(QStringLiteral("emptyState"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 8, 24, 8);
    layout->addStretch(1);
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("emptyStateHeading"));
    QFont f = m_heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setWeight(QFont::DemiBold);
    m_heading->setFont(f);
    m_heading->setAlignment(Qt::AlignCenter);
    m_heading->setWordWrap(true);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("emptyStateText"));
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_buttons = new QHBoxLayout;
    m_buttons->addStretch(1);
    m_buttons->addStretch(1);
    layout->addWidget(m_heading);
    layout->addWidget(m_text); // full width: a centred word-wrapped label would take its narrow size hint
    layout->addSpacing(4);
    layout->addLayout(m_buttons);
    layout->addStretch(1);
    covered->installEventFilter(this);
    if (parentWidget() != covered->parentWidget() && covered->parentWidget())
        covered->parentWidget()->installEventFilter(this);
    hide();
}

void EmptyState::setText(const QString &heading, const QString &text)
{
    m_heading->setText(heading);
    m_text->setText(text);
    setAccessibleName(heading);
    setAccessibleDescription(text);
}

void EmptyState::setLinks(const QList<QPair<QString, QUrl>> &links)
{
    while (m_buttons->count() > 2) {
        QLayoutItem *item = m_buttons->takeAt(1);
        delete item->widget();
        delete item;
    }
    int at = 1;
    for (const auto &link : links) {
        auto *button = new QPushButton(link.first, this);
        button->setProperty("link", link.second);
        connect(button, &QPushButton::clicked, this, [url = link.second] { QDesktopServices::openUrl(url); });
        m_buttons->insertWidget(at++, button);
    }
}

void EmptyState::setActive(bool active)
{
    m_active = active;
    if (active) {
        follow();
        show();
        raise();
    } else {
        hide();
    }
}

QString EmptyState::heading() const
{
    return m_heading->text();
}

QString EmptyState::text() const
{
    return m_text->text();
}

bool EmptyState::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Resize:
    case QEvent::Move:
    case QEvent::LayoutRequest:
        if (m_active)
            follow();
        break;
    case QEvent::Show:
        if (watched == m_covered && m_active) {
            follow();
            show();
        }
        break;
    case QEvent::Hide:
        if (watched == m_covered)
            hide();
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void EmptyState::follow()
{
    if (parentWidget() == m_covered)
        setGeometry(m_covered->rect());
    else
        setGeometry(QRect(m_covered->mapTo(parentWidget(), QPoint(0, 0)), m_covered->size()));
}

namespace links {
QUrl importFiles() { return QUrl(QStringLiteral("podtrends:import")); }
QUrl sampleWorkspace() { return QUrl(QStringLiteral("podtrends:sample")); }
QUrl analyze() { return QUrl(QStringLiteral("podtrends:analyze")); }
QUrl addSource() { return QUrl(QStringLiteral("podtrends:sources/add")); }
QUrl generate() { return QUrl(QStringLiteral("podtrends:generate")); }
QUrl trends() { return QUrl(QStringLiteral("podtrends:trends")); }
} // namespace links

} // namespace podtrends::ui
