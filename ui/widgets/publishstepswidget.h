#pragma once

#include <core/publishing/publisher.h>

#include <QHash>
#include <QWidget>

class QLabel;

namespace podtrends::ui {

/** The publisher's steps with their state (pending, running, waiting, done, skipped, failed) and message. */
class PublishStepsWidget final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(PublishStepsWidget)
    explicit PublishStepsWidget(QWidget *parent = nullptr);

    void reset();
    void apply(const core::PublishProgress &progress);
    /** Shows what an earlier attempt saved (done and failed steps). */
    void showSavedState(const core::PublishState &publishState);
    /** The message shown next to a step (the service's reason when it failed). */
    QString message(core::PublishStep step) const;
    core::PublishProgress::State state(core::PublishStep step) const;

private:
    struct Row
    {
        QLabel *mark = nullptr;
        QLabel *message = nullptr;
        core::PublishProgress::State state = core::PublishProgress::State::Skipped;
        bool pending = true;
    };
    void setRow(core::PublishStep step, core::PublishProgress::State state, const QString &message, bool pending = false);
    QHash<int, Row> m_rows;
};

} // namespace podtrends::ui
