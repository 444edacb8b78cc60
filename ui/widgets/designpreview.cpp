#include "designpreview.h"

#include <ui/widgets/imagecache.h>

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

namespace podtrends::ui {

namespace {

constexpr int PreviewDecodeSize = 1400;

QString viewLabel(const QString &path)
{
    const QString base = QFileInfo(path).completeBaseName(); // mockup-tshirt-navy, print-tshirt-front
    const QStringList parts = base.split(QLatin1Char('-'));
    if (parts.value(0) == QLatin1String("print"))
        return QObject::tr("Print file: %1").arg(parts.mid(1).join(QLatin1Char(' ')));
    return QObject::tr("Mockup: %1").arg(parts.mid(1).join(QLatin1Char(' ')));
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
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(m_view, 1);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Zoom:"), this));
    m_zoom->setRange(25, 400);
    m_zoom->setValue(100);
    m_zoom->setMaximumWidth(160);
    bar->addWidget(m_zoom);
    m_zoomLabel->setMinimumWidth(44);
    bar->addWidget(m_zoomLabel);
    auto *fit = new QToolButton(this);
    fit->setText(tr("Fit"));
    bar->addWidget(fit);
    layout->addLayout(bar);

    m_image->setAlignment(Qt::AlignCenter);
    m_image->setBackgroundRole(QPalette::Dark);
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
    QStringList paths;
    // Print files first (unique), then the mockups.
    for (const QJsonValue &v : d.printSpecifications.value(QStringLiteral("products")).toArray()) {
        const QString f = v.toObject().value(QStringLiteral("file")).toString();
        if (!f.isEmpty() && !paths.contains(f))
            paths << f;
    }
    if (paths.isEmpty() && !d.imageUrl.isEmpty())
        paths << d.imageUrl;
    QStringList mockups;
    for (const QJsonValue &v : d.mockupUrls)
        mockups << v.toString();
    // The t-shirt mockup is what a seller looks at first.
    paths = mockups + paths;
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

    const QJsonObject meta = d.designMetadata;
    QString text;
    text += tr("Slogan: %1\n").arg(QString(meta.value(QStringLiteral("slogan")).toString()).replace(QLatin1Char('\n'), QStringLiteral(" / ")));
    text += tr("Style: %1 · palette: %2 · provider: %3 · seed: %4\n")
                .arg(meta.value(QStringLiteral("style")).toString(), meta.value(QStringLiteral("palette")).toString(),
                     meta.value(QStringLiteral("provider")).toString())
                .arg(meta.value(QStringLiteral("seed")).toInteger());
    const QString warning = meta.value(QStringLiteral("safety")).toObject().value(QStringLiteral("warning")).toString();
    if (!warning.isEmpty())
        text += tr("⚠ %1\n").arg(warning);
    text += tr("\nConcept: %1\n\nPrompt: %2\n\nNegative prompt: %3\n\nPrint files:\n")
                .arg(d.description, d.designPrompt, meta.value(QStringLiteral("negative_prompt")).toString());
    for (const QJsonValue &v : d.printSpecifications.value(QStringLiteral("products")).toArray()) {
        const QJsonObject o = v.toObject();
        const QJsonObject area = o.value(QStringLiteral("print_area_in")).toObject();
        text += tr("  %1 %2: %3×%4 px, %5 DPI, %6×%7 in, %8\n")
                    .arg(o.value(QStringLiteral("product")).toString(), o.value(QStringLiteral("placement")).toString())
                    .arg(o.value(QStringLiteral("width_px")).toInt())
                    .arg(o.value(QStringLiteral("height_px")).toInt())
                    .arg(o.value(QStringLiteral("dpi")).toInt())
                    .arg(area.value(QStringLiteral("width")).toDouble())
                    .arg(area.value(QStringLiteral("height")).toDouble())
                    .arg(o.value(QStringLiteral("passed")).toBool() ? tr("checks passed") : tr("CHECKS FAILED"));
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
