#include "textcolors.h"

#include <ui/widgets/chartstyle.h>

#include <cmath>

namespace podtrends::ui {

namespace {
double luminance(const QColor &c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}
} // namespace

QColor errorTextColor(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(0xff, 0x9e, 0x94) : QColor(0xb3, 0x26, 0x1e);
}

QColor successTextColor(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(0x8c, 0xe0, 0x98) : QColor(0x1b, 0x6e, 0x35);
}

QString errorStyleSheet(const QPalette &palette)
{
    return QStringLiteral("color: %1;").arg(errorTextColor(palette).name());
}

QString successStyleSheet(const QPalette &palette)
{
    return QStringLiteral("color: %1;").arg(successTextColor(palette).name());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace podtrends::ui
