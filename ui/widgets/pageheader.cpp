#include "pageheader.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace podtrends::ui {

PageHeader::PageHeader(const QString &title, const QString &subtitle, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 4);
    auto *texts = new QVBoxLayout;
    auto *titleLabel = new QLabel(title, this);
    QFont f = titleLabel->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setWeight(QFont::DemiBold);
    titleLabel->setFont(f);
    m_subtitle = new QLabel(subtitle, this);
    m_subtitle->setWordWrap(true);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setVisible(!subtitle.isEmpty());
    texts->addWidget(titleLabel);
    texts->addWidget(m_subtitle);
    layout->addLayout(texts, 1);
    m_actions = new QHBoxLayout;
    layout->addLayout(m_actions);
}

void PageHeader::setSubtitle(const QString &subtitle)
{
    m_subtitle->setText(subtitle);
    m_subtitle->setVisible(!subtitle.isEmpty());
}

void PageHeader::addAction(QWidget *widget)
{
    m_actions->addWidget(widget);
}

} // namespace podtrends::ui
