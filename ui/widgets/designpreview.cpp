#include "designpreview.h"

#include <core/domain/productkind.h>
#include <ui/widgets/imagecache.h>
#include <ui/widgets/wording.h>

#include <QColor>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSlider>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <climits>

namespace podtrends::ui {

namespace {

constexpr int PreviewDecodeSize = 1400;

// A garment colour in words: the mockup files carry a name ("navy") or, for a palette colour,
// its hex code ("8e1b2a"), which is named after the nearest common garment colour.
QString colourWords(const QString &colour)
{
    struct Named
    {
        const char *name;
        QRgb rgb;
    };
    static const Named named[] = {
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "white"), 0xffffff},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "off-white"), 0xf5f1e8},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "cream"), 0xefe6d8},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "natural"), 0xe8dcc4},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "sand"), 0xd6c4a0},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "light grey"), 0xc8c8c8},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "grey"), 0x8c8c8c},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "charcoal"), 0x3c3c3c},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "black"), 0x141414},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "navy"), 0x1f2a44},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "royal blue"), 0x2f56a6},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "light blue"), 0x9cc3e6},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "red"), 0xc0392b},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "maroon"), 0x6d1f2a},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "pink"), 0xf2b6c6},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "orange"), 0xe67e22},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "yellow"), 0xf1c40f},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "forest green"), 0x2e5e3a},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "olive"), 0x6b6b3a},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "purple"), 0x6c3483},
        {QT_TRANSLATE_NOOP("podtrends::ui::DesignPreview", "brown"), 0x6e4b32},
    };
    for (const Named &n : named)
        if (colour.compare(QLatin1String(n.name), Qt::CaseInsensitive) == 0)
            return DesignPreview::tr(n.name);
    if (colour.size() != 6 || !QColor::isValidColorName(QLatin1Char('#') + colour))
        return colour;
    const QColor c(QLatin1Char('#') + colour);
    const Named *best = &named[0];
    int bestDistance = INT_MAX;
    for (const Named &n : named) {
        const QColor o(n.rgb);
        const int d = (c.red() - o.red()) * (c.red() - o.red()) + (c.green() - o.green()) * (c.green() - o.green())
                    + (c.blue() - o.blue()) * (c.blue() - o.blue());
        if (d < bestDistance) {
            bestDistance = d;
            best = &n;
        }
    }
    return DesignPreview::tr(best->name);
}

QString productWords(const QString &key)
{
    const auto kind = core::productKindFromKey(key);
    return kind ? capitalised(core::displayName(*kind)) : key;
}

QString viewLabel(const QString &path)
{
    const QString base = QFileInfo(path).completeBaseName(); // mockup-tshirt-navy, print-tshirt-front
    const QStringList parts = base.split(QLatin1Char('-'));
    const QString rest = parts.mid(2).join(QLatin1Char('-'));
    if (parts.value(0) == QLatin1String("print")) {
        if (rest == QLatin1String("front"))
            return DesignPreview::tr("Print file: %1, front").arg(productWords(parts.value(1)));
        if (rest == QLatin1String("back"))
            return DesignPreview::tr("Print file: %1, back").arg(productWords(parts.value(1)));
        if (rest == QLatin1String("wrap"))
            return DesignPreview::tr("Print file: %1, all around").arg(productWords(parts.value(1)));
        return DesignPreview::tr("Print file: %1").arg(productWords(parts.value(1)));
    }
    if (rest.isEmpty())
        return DesignPreview::tr("Mockup: %1").arg(productWords(parts.value(1)));
    return DesignPreview::tr("Mockup: %1 in %2").arg(productWords(parts.value(1)), colourWords(rest));
}

} // namespace

DesignPreview::DesignPreview(QWidget *parent)
    : QWidget(parent)
    , m_view(new QComboBox(this))
    , m_zoom(new QSlider(Qt::Horizontal, this))
    , m_zoomLabel(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_image(new QLabel(this))
    , m_details(new QPlainTextEdit(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_view->setAccessibleName(tr("Mockup or print file shown"));
    // The view's name can be long ("Mockup: Long-sleeve shirt in forest green"): the combo shrinks
    // with the pane instead of pushing the zoom controls out of a 1024-pixel window.
    m_view->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_view->setMinimumContentsLength(14);
    bar->addWidget(m_view, 1);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Zoom:"), this));
    m_zoom->setRange(25, 400);
    m_zoom->setValue(100);
    m_zoom->setMaximumWidth(120);
    m_zoom->setAccessibleName(tr("Zoom"));
    m_zoom->setMinimumWidth(60);
    bar->addWidget(m_zoom);
    m_zoomLabel->setMinimumWidth(44);
    bar->addWidget(m_zoomLabel);
    auto *fit = new QToolButton(this);
    fit->setText(tr("Fit"));
    bar->addWidget(fit);
    layout->addLayout(bar);

    m_image->setAlignment(Qt::AlignCenter);
    m_image->setBackgroundRole(QPalette::Base); // with Text: readable on light, dark and high-contrast palettes
    m_image->setForegroundRole(QPalette::Text);
    m_image->setAutoFillBackground(true);
    m_scroll->setWidget(m_image);
    m_scroll->setAlignment(Qt::AlignCenter);
    m_scroll->setWidgetResizable(false);
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select a design to see its prompt and print specifications."));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_scroll);
    split->addWidget(m_details);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setSizes({640, 180});
    m_details->setMinimumHeight(80);
    layout->addWidget(split, 1);

    connect(m_view, &QComboBox::currentIndexChanged, this, &DesignPreview::showCurrent);
    connect(m_zoom, &QSlider::valueChanged, this, &DesignPreview::showCurrent);
    connect(fit, &QToolButton::clicked, this, [this] { m_zoom->setValue(100); });
    // The members are made before the bar: Tab goes along the bar, then to the image and the text.
    setTabOrder(m_view, m_zoom);
    setTabOrder(m_zoom, fit);
    setTabOrder(fit, m_scroll);
    setTabOrder(m_scroll, m_details);
    connect(ImageCache::instance(), &ImageCache::imageReady, this, &DesignPreview::onImageReady);
    clear();
}

void DesignPreview::clear()
{
    m_paths.clear();
    m_view->clear();
    m_image->setPixmap({});
    m_image->setText(tr("No design selected"));
    m_image->adjustSize();
    m_details->clear();
}

void DesignPreview::setDesign(const core::Design &d)
{
    const QString previous = m_paths.value(m_view->currentIndex());
    QStringList paths = d.printSpecifications.paths();
    if (paths.isEmpty() && !d.imageUrl.isEmpty())
        paths << d.imageUrl;
    // The t-shirt mockup is what a seller looks at first, then the print files.
    paths = d.mockupUrls + paths;
    m_paths = paths;
    m_version = d.updatedAt;
    {
        const QSignalBlocker block(m_view);
        m_view->clear();
        for (const QString &p : std::as_const(paths))
            m_view->addItem(viewLabel(p));
        const int keep = int(paths.indexOf(previous));
        m_view->setCurrentIndex(keep >= 0 ? keep : 0);
    }

    const core::DesignBrief &brief = d.designMetadata.brief;
    QString text;
    text += tr("Slogan: %1\n").arg(QString(brief.slogan).replace(QLatin1Char('\n'), QStringLiteral(" / ")));
    const QString maker = brief.provider == QLatin1String("openai") ? tr("an OpenAI-compatible server")
                        : brief.provider == QLatin1String("builtin") ? tr("the built-in renderer")
                                                                     : brief.provider;
    text += tr("Style: %1 · palette: %2 · made by %3\n").arg(core::designstyle::displayName(brief.style), brief.palette.name, maker);
    if (const QString &warning = d.designMetadata.safety.warning; !warning.isEmpty())
        text += tr("⚠ %1\n").arg(warning);
    text += tr("\nConcept: %1\n\nPrompt: %2\n\nNegative prompt: %3\n\nPrint files:\n")
                .arg(d.description, d.designPrompt, brief.negativePrompt);
    for (const core::PrintFile &f : d.printSpecifications.files) {
        const QSizeF area = f.printAreaInches();
        text += tr("  %1 %2: %3×%4 px, %5 DPI, %6×%7 in, %8\n")
                    .arg(core::displayName(f.product), f.placement)
                    .arg(f.pixels.width())
                    .arg(f.pixels.height())
                    .arg(f.dpi)
                    .arg(area.width())
                    .arg(area.height())
                    .arg(f.passed() ? tr("checks passed") : tr("checks failed: %1").arg(f.failures().join(QStringLiteral("; "))));
    }
    m_details->setPlainText(text);
    showCurrent();
}

int DesignPreview::currentView() const
{
    return m_view->currentIndex();
}

void DesignPreview::setCurrentView(int index)
{
    m_view->setCurrentIndex(index);
}

void DesignPreview::setZoom(int percent)
{
    m_zoom->setValue(percent);
}

void DesignPreview::showCurrent()
{
    m_zoomLabel->setText(tr("%1%").arg(m_zoom->value()));
    const QString path = m_paths.value(m_view->currentIndex());
    if (path.isEmpty())
        return;
    const QImage img = ImageCache::instance()->request(path, QSize(PreviewDecodeSize, PreviewDecodeSize), m_version);
    if (img.isNull()) {
        m_image->setPixmap({});
        m_image->setText(tr("Loading…"));
        m_image->resize(m_scroll->viewport()->size());
        return;
    }
    QSize fit = img.size();
    fit.scale(m_scroll->viewport()->size() - QSize(8, 8), Qt::KeepAspectRatio);
    const QSize target = fit * (m_zoom->value() / 100.0);
    QPixmap pm = QPixmap::fromImage(img.scaled(target, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    m_image->setText(QString());
    m_image->setPixmap(pm);
    m_image->resize(pm.size().expandedTo(m_scroll->viewport()->size()));
}

void DesignPreview::onImageReady(const QString &path)
{
    if (path == m_paths.value(m_view->currentIndex()))
        showCurrent();
}

} // namespace podtrends::ui
