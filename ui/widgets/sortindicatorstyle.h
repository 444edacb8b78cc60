#pragma once

#include <QProxyStyle>

class QHeaderView;

namespace podtrends::ui {

/**
 * Draws a header's sort arrow the way the column is sorted: pointing down for highest first
 * (descending), up for lowest first (ascending). QHeaderView hands the style "SortUp" for a
 * descending column and Fusion on Linux draws that as an up arrow, which reads as the opposite of
 * what the list shows.
 */
class SortIndicatorStyle final : public QProxyStyle
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(SortIndicatorStyle)
    /** A proxy over `base` (taking ownership of it), or over the application's style when null. */
    explicit SortIndicatorStyle(QStyle *base = nullptr);
    /** Installs the style on a header; the header owns it. */
    static void install(QHeaderView *header);

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget = nullptr) const override;
};

} // namespace podtrends::ui
