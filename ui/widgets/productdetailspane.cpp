#include "productdetailspane.h"

#include "wording.h"

#include <core/storage/productqueries.h>
#include <core/util/whenready.h>
#include <ui/models/producthistorymodel.h>
#include <ui/models/producttablemodel.h>
#include <ui/widgets/chartstyle.h>

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QThreadPool>
#include <QVBoxLayout>
#include <QVXYModelMapper>
#include <QValueAxis>
#include <QtConcurrent>

namespace podtrends::ui {

namespace {
struct Details
{
    core::Product product;
    QList<core::ProductSnapshot> snapshots;
};
} // namespace

ProductDetailsPane::ProductDetailsPane(QWidget *parent)
    : QWidget(parent)
    , m_pool(QThreadPool::globalInstance())
    , m_history(new ProductHistoryModel(this))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    m_placeholder = new QLabel(tr("Select a product to see its details, history and raw data."), m_stack);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);
    m_stack->addWidget(m_placeholder);

    auto *content = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(8, 0, 0, 0);
    m_title = new QLabel(content);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_link = new QLabel(content);
    m_link->setOpenExternalLinks(true);
    m_link->setTextFormat(Qt::RichText);
    layout->addWidget(m_link);

    m_tabs = new QTabWidget(content);
    auto *fieldsPage = new QWidget;
    m_fields = new QFormLayout(fieldsPage);
    m_fields->setLabelAlignment(Qt::AlignRight);
    m_fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *scroll = new QScrollArea;
    scroll->setWidget(fieldsPage);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(scroll, tr("Details"));

    auto *historyPage = new QWidget;
    auto *historyLayout = new QVBoxLayout(historyPage);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *price = new QLineSeries(chart);
    price->setName(tr("Price"));
    price->setPointsVisible(true);
    auto *reviews = new QLineSeries(chart);
    reviews->setName(tr("Reviews"));
    reviews->setPointsVisible(true);
    chart->addSeries(price);
    chart->addSeries(reviews);
    auto *timeAxis = new QDateTimeAxis(chart);
    timeAxis->setFormat(dayMonthFormat());
    timeAxis->setTickCount(5);
    auto *priceAxis = new QValueAxis(chart);
    priceAxis->setLabelFormat(QStringLiteral("%.2f"));
    priceAxis->setTitleText(tr("Price"));
    auto *reviewsAxis = new QValueAxis(chart);
    reviewsAxis->setLabelFormat(QStringLiteral("%d"));
    reviewsAxis->setTitleText(tr("Reviews"));
    chart->addAxis(timeAxis, Qt::AlignBottom);
    chart->addAxis(priceAxis, Qt::AlignLeft);
    chart->addAxis(reviewsAxis, Qt::AlignRight);
    price->attachAxis(timeAxis);
    price->attachAxis(priceAxis);
    reviews->attachAxis(timeAxis);
    reviews->attachAxis(reviewsAxis);
    styleChart(chart, palette());
    // The chart reads the history model directly instead of copying points.
    auto *priceMapper = new QVXYModelMapper(this);
    priceMapper->setXColumn(ProductHistoryModel::Time);
    priceMapper->setYColumn(ProductHistoryModel::Price);
    priceMapper->setSeries(price);
    priceMapper->setModel(m_history);
    auto *reviewsMapper = new QVXYModelMapper(this);
    reviewsMapper->setXColumn(ProductHistoryModel::Time);
    reviewsMapper->setYColumn(ProductHistoryModel::Reviews);
    reviewsMapper->setSeries(reviews);
    reviewsMapper->setModel(m_history);
    m_chartView = new QChartView(chart, historyPage);
    describeChart(m_chartView, tr("Price and reviews over time"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);
    historyLayout->addWidget(m_chartView, 1);
    m_chartEmpty = new QLabel(historyPage);
    m_chartEmpty->setWordWrap(true);
    m_chartEmpty->setEnabled(false);
    historyLayout->addWidget(m_chartEmpty);
    m_tabs->addTab(historyPage, tr("History"));

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_rawJson = new QPlainTextEdit;
    m_rawJson->setReadOnly(true);
    m_rawJson->setFont(mono);
    m_rawJson->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_tabs->addTab(m_rawJson, tr("Raw JSON"));
    m_description = new QPlainTextEdit;
    m_description->setReadOnly(true);
    m_tabs->addTab(m_description, tr("Description"));
    layout->addWidget(m_tabs, 1);
    m_stack->addWidget(content);
    setMinimumWidth(320);
}

void ProductDetailsPane::setDatabase(std::shared_ptr<core::Database> database)
{
    m_database = std::move(database);
    showProduct(0);
}

void ProductDetailsPane::setPool(QThreadPool *pool)
{
    m_pool = pool ? pool : QThreadPool::globalInstance();
}

QString ProductDetailsPane::rawJsonText() const
{
    return m_rawJson->toPlainText();
}

QString ProductDetailsPane::titleText() const
{
    return m_title->text();
}

void ProductDetailsPane::showProduct(qint64 id)
{
    const quint64 generation = ++m_generation;
    if (id <= 0 || !m_database) {
        m_product = {};
        m_history->setSnapshots({});
        m_stack->setCurrentWidget(m_placeholder);
        return;
    }
    const auto db = m_database;
    core::whenReady(QtConcurrent::run(m_pool, [db, id]() -> core::Result<Details> {
        core::ProductQueries repo(db);
        auto product = repo.findById(id);
        if (!product)
            return product.error();
        if (!product->has_value())
            return core::Error{tr("This product no longer exists."), 2};
        auto snapshots = repo.snapshots(id);
        if (!snapshots)
            return snapshots.error();
        return Details{**product, *snapshots};
    }), this, [this, generation](core::Result<Details> details) {
        if (generation != m_generation)
            return;
        if (!details) {
            m_product = {};
            m_history->setSnapshots({});
            m_placeholder->setText(details.errorMessage());
            m_stack->setCurrentWidget(m_placeholder);
            return;
        }
        display(details->product, details->snapshots);
        Q_EMIT loaded(details->product.id);
    });
}

void ProductDetailsPane::clearFields()
{
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
}

void ProductDetailsPane::addField(const QString &label, const QString &value)
{
    auto *field = new QLabel(value.isEmpty() ? QStringLiteral("\u2014") : value);
    field->setWordWrap(true);
    field->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fields->addRow(label, field);
}

void ProductDetailsPane::display(const core::Product &p, const QList<core::ProductSnapshot> &snapshots)
{
    m_product = p;
    const QLocale locale;
    m_title->setText(p.title.isEmpty() ? tr("(untitled)") : p.title);
    const QUrl url(p.productUrl);
    if (url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")))
        m_link->setText(QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(), tr("Open in browser")));
    else
        m_link->setText(tr("No product page address"));

    clearFields();
    const auto orDash = [](int v) { return v < 0 ? QString() : QLocale().toString(v); };
    addField(tr("Marketplace:"), marketplaceLabel(p.marketplace));
    addField(tr("External id:"), p.externalId);
    addField(tr("Shop / brand:"), p.vendor);
    addField(tr("Category:"), p.category);
    addField(tr("Price:"), formatPrice(p.price, p.currency));
    addField(tr("Rating:"), p.rating > 0 ? locale.toString(p.rating, 'f', 1) : QString());
    addField(tr("Reviews:"), locale.toString(p.reviewsCount));
    addField(tr("Favorites:"), orDash(p.favorites));
    addField(tr("Rank:"), orDash(p.rank));
    addField(tr("Sponsored:"), p.sponsored ? tr("Yes") : tr("No"));
    addField(tr("Tags:"), p.tags.join(QStringLiteral(", ")));
    addField(tr("Keywords:"), p.keywords.join(QStringLiteral(", ")));
    addField(tr("Image:"), p.imageUrl);
    addField(tr("First seen:"), p.createdAt.isValid() ? locale.toString(p.createdAt.toLocalTime(), QLocale::ShortFormat) : QString());
    addField(tr("Last seen:"), p.lastSeenAt.isValid() ? locale.toString(p.lastSeenAt.toLocalTime(), QLocale::ShortFormat) : QString());
    addField(tr("Trend:"), p.trendId ? QString::number(*p.trendId) : QString());
    addField(tr("Source:"), p.sourceId ? QString::number(*p.sourceId) : QString());
    addField(tr("Snapshots:"), locale.toString(snapshots.size()));

    const QJsonObject record = core::rawRecordObject(p.rawData);
    m_rawJson->setPlainText(record.isEmpty() ? tr("(no raw record stored)")
                                             : QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Indented)));
    m_description->setPlainText(p.description);
    m_history->setSnapshots(snapshots);
    updateChartAxes();
    describeChart(m_chartView, tr("Price and reviews over time"));
    m_stack->setCurrentIndex(1);
}

void ProductDetailsPane::updateChartAxes()
{
    QChart *chart = m_chartView->chart();
    const auto &snapshots = m_history->snapshots();
    if (snapshots.isEmpty()) {
        m_chartEmpty->setText(tr("No history yet: every scrape or import adds a point."));
        return;
    }
    m_chartEmpty->setText(snapshots.size() == 1 ? tr("One observation so far: the next scrape adds a second point.") : QString());
    QDateTime first = snapshots.first().scrapedAt;
    QDateTime last = snapshots.last().scrapedAt;
    if (first == last) {
        first = first.addSecs(-12 * 3600);
        last = last.addSecs(12 * 3600);
    }
    double minPrice = snapshots.first().price, maxPrice = minPrice;
    double minReviews = snapshots.first().reviewsCount, maxReviews = minReviews;
    for (const auto &s : snapshots) {
        minPrice = std::min(minPrice, s.price);
        maxPrice = std::max(maxPrice, s.price);
        minReviews = std::min<double>(minReviews, s.reviewsCount);
        maxReviews = std::max<double>(maxReviews, s.reviewsCount);
    }
    const double pricePad = std::max(1.0, (maxPrice - minPrice) * 0.15);
    const double reviewsPad = std::max(5.0, (maxReviews - minReviews) * 0.15);
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        if (auto *time = qobject_cast<QDateTimeAxis *>(axis))
            time->setRange(first, last);
        else if (auto *value = qobject_cast<QValueAxis *>(axis); value && axis->alignment() == Qt::AlignLeft)
            value->setRange(std::max(0.0, minPrice - pricePad), maxPrice + pricePad);
        else if (value)
            value->setRange(std::max(0.0, minReviews - reviewsPad), maxReviews + reviewsPad);
    }
}

} // namespace podtrends::ui
