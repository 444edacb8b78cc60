#include "publishstepswidget.h"

#include <ui/widgets/textcolors.h>

#include <QGridLayout>
#include <QJsonObject>
#include <QLabel>

namespace podtrends::ui {

using State = core::PublishProgress::State;

PublishStepsWidget::PublishStepsWidget(QWidget *parent)
    : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(10);
    grid->setColumnStretch(2, 1);
    int r = 0;
    for (core::PublishStep step : core::allPublishSteps()) {
        Row row;
        row.mark = new QLabel(this);
        row.mark->setFixedWidth(22);
        row.mark->setAlignment(Qt::AlignCenter);
        auto *label = new QLabel(core::publishStepLabel(step), this);
        row.message = new QLabel(this);
        row.message->setWordWrap(true);
        row.message->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(row.mark, r, 0, Qt::AlignTop);
        grid->addWidget(label, r, 1, Qt::AlignTop);
        grid->addWidget(row.message, r, 2, Qt::AlignTop);
        m_rows.insert(int(step), row);
        ++r;
    }
    reset();
}

void PublishStepsWidget::reset()
{
    for (core::PublishStep step : core::allPublishSteps())
        setRow(step, State::Skipped, {}, true);
}

void PublishStepsWidget::setRow(core::PublishStep step, State state, const QString &message, bool pending)
{
    Row &row = m_rows[int(step)];
    row.state = state;
    row.pending = pending;
    QString mark;
    QString colour;
    if (pending) {
        mark = QStringLiteral("○");
        colour = QStringLiteral("#8a8f98");
    } else {
        switch (state) {
        case State::Running: mark = QStringLiteral("●"); colour = QStringLiteral("#2f6fdb"); break;
        case State::Waiting: mark = QStringLiteral("⏳"); colour = QStringLiteral("#c98a00"); break;
        case State::Done: mark = QStringLiteral("✓"); colour = QStringLiteral("#1e8e3e"); break;
        case State::Skipped: mark = QStringLiteral("–"); colour = QStringLiteral("#8a8f98"); break;
        case State::Failed: mark = QStringLiteral("✗"); colour = QStringLiteral("#c5221f"); break;
        }
    }
    row.mark->setText(QStringLiteral("<span style=\"color:%1;font-weight:bold\">%2</span>").arg(colour, mark));
    row.message->setText(message.toHtmlEscaped());
    row.message->setStyleSheet(state == State::Failed && !pending ? errorStyleSheet(palette()) : QString());
}

void PublishStepsWidget::apply(const core::PublishProgress &p)
{
    QString text = p.message;
    if (text.isEmpty()) {
        switch (p.state) {
        case State::Running: text = tr("working…"); break;
        case State::Skipped: text = tr("not needed for the chosen targets"); break;
        default: break;
        }
    }
    setRow(p.step, p.state, text);
}

void PublishStepsWidget::showSavedState(const core::PublishState &publishState)
{
    reset();
    for (core::PublishStep step : core::allPublishSteps()) {
        const core::PublishStepRecord &record = publishState.record(step);
        switch (record.status) {
        case core::PublishStepStatus::Done: setRow(step, State::Done, tr("done earlier")); break;
        case core::PublishStepStatus::Failed:
        case core::PublishStepStatus::Cancelled: setRow(step, State::Failed, record.error); break;
        case core::PublishStepStatus::NotStarted:
        case core::PublishStepStatus::Waiting: break;
        }
    }
}

QString PublishStepsWidget::message(core::PublishStep step) const
{
    return m_rows.value(int(step)).message ? m_rows.value(int(step)).message->text() : QString();
}

State PublishStepsWidget::state(core::PublishStep step) const
{
    return m_rows.value(int(step)).state;
}

} // namespace podtrends::ui
