#include "trendtablemodel.h"

#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QStyle>

namespace podtrends::ui {

namespace {

core::ScoreComponent componentOf(int column)
{
    switch (column) {
    case TrendTableModel::Demand: return core::ScoreComponent::Demand;
    case TrendTableModel::Growth: return core::ScoreComponent::Growth;
    case TrendTableModel::Competition: return core::ScoreComponent::Competition;
    case TrendTableModel::Profitability: return core::ScoreComponent::Profitability;
    default: return core::ScoreComponent::Overall;
    }
}

// The opportunity and its parts; the seed's overall score in its own column.
std::optional<double> scoreOf(const core::Trend &t, int column)
{
    switch (column) {
    case TrendTableModel::Opportunity: return t.opportunityScore;
    case TrendTableModel::Overall: return t.overallScore;
    default: return t.opportunity.part(componentOf(column)).value;
    }
}

const core::ScorePart &partOf(const core::Trend &t, int column)
{
    return column == TrendTableModel::Overall ? t.scoreInputs.part(core::ScoreComponent::Overall) : t.opportunity.part(componentOf(column));
}

QString typeName(const core::ProductTypeShare &share)
{
    if (!share.kind)
        return TrendTableModel::tr("Other products");
    QString name = core::pluralName(*share.kind);
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

// "T-shirts, mugs": the niche's product types, most listings first.
QString typesText(const core::Trend &t)
{
    QStringList names;
    for (const core::ProductTypeShare &share : t.productTypes)
        names << typeName(share);
    return names.join(QStringLiteral(", "));
}

} // namespace

TrendTableModel::TrendTableModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void TrendTableModel::setTrends(const QList<core::Trend> &trends)
{
    beginResetModel();
    m_trends = trends;
    buildRows();
    endResetModel();
}

void TrendTableModel::setView(View view)
{
    if (view == m_view)
        return;
    beginResetModel();
    m_view = view;
    buildRows();
    endResetModel();
}

void TrendTableModel::buildRows()
{
    m_rows.clear();
    m_topLevel.clear();
    if (m_view == View::NichesByProductType) {
        for (int t = 0; t < m_trends.size(); ++t) {
            const int types = int(m_trends.at(t).productTypes.size());
            for (int k = 0; k < std::max(1, types); ++k) {
                Row row;
                row.trend = t;
                row.type = types ? k : -1;
                row.position = int(m_topLevel.size());
                m_topLevel << int(m_rows.size());
                m_rows << row;
            }
        }
        return;
    }
    // The niche tree: a refinement under the niche it refines (when that niche is listed).
    QHash<qint64, int> rowOfTrend;
    for (int t = 0; t < m_trends.size(); ++t) {
        Row row;
        row.trend = t;
        rowOfTrend.insert(m_trends.at(t).id, t);
        m_rows << row;
    }
    for (int t = 0; t < m_trends.size(); ++t) {
        const std::optional<qint64> parentId = m_trends.at(t).parentId;
        const int parent = parentId ? rowOfTrend.value(*parentId, -1) : -1;
        if (parent >= 0 && parent != t && !m_trends.at(parent).parentId) {
            m_rows[t].parent = parent;
            m_rows[t].position = int(m_rows.at(parent).children.size());
            m_rows[parent].children << t;
        } else {
            m_rows[t].position = int(m_topLevel.size());
            m_topLevel << t;
        }
    }
}

const TrendTableModel::Row *TrendTableModel::rowOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() >= quintptr(m_rows.size()))
        return nullptr;
    return &m_rows.at(qsizetype(index.internalId()));
}

const core::Trend *TrendTableModel::trendAt(const QModelIndex &index) const
{
    const Row *row = rowOf(index);
    return row ? &m_trends.at(row->trend) : nullptr;
}

const core::Trend *TrendTableModel::trend(qint64 trendId) const
{
    for (const core::Trend &t : m_trends)
        if (t.id == trendId)
            return &t;
    return nullptr;
}

QModelIndex TrendTableModel::indexOf(qint64 trendId) const
{
    for (int r = 0; r < m_rows.size(); ++r)
        if (m_trends.at(m_rows.at(r).trend).id == trendId)
            return createIndex(m_rows.at(r).position, 0, quintptr(r));
    return {};
}

bool TrendTableModel::isScoreColumn(int column)
{
    return column >= Opportunity && column <= Overall;
}

QModelIndex TrendTableModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_topLevel.size() ? createIndex(row, column, quintptr(m_topLevel.at(row))) : QModelIndex();
    const Row *p = rowOf(parent);
    if (!p || parent.column() != 0 || row >= p->children.size())
        return {};
    return createIndex(row, column, quintptr(p->children.at(row)));
}

QModelIndex TrendTableModel::parent(const QModelIndex &child) const
{
    const Row *row = rowOf(child);
    if (!row || row->parent < 0)
        return {};
    return createIndex(m_rows.at(row->parent).position, 0, quintptr(row->parent));
}

int TrendTableModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_topLevel.size());
    const Row *row = rowOf(parent);
    return row && parent.column() == 0 ? int(row->children.size()) : 0;
}

int TrendTableModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant TrendTableModel::data(const QModelIndex &index, int role) const
{
    const Row *row = checkIndex(index, CheckIndexOption::IndexIsValid) ? rowOf(index) : nullptr;
    if (!row)
        return {};
    const core::Trend &t = m_trends.at(row->trend);
    const core::ProductTypeShare *type = row->type >= 0 ? &t.productTypes.at(row->type) : nullptr;
    const int products = type ? type->products : t.productCount;
    const double avgPrice = type ? type->avgPrice : t.avgPrice;
    const int c = index.column();
    const QList<int> &months = t.season.peakMonths;
    switch (role) {
    case TrendIdRole:
        return t.id;
    case MeasuredRole:
        return isScoreColumn(c) ? QVariant(partOf(t, c).isMeasured()) : QVariant();
    case NoDataRole:
        return isScoreColumn(c) ? QVariant(!scoreOf(t, c).has_value()) : QVariant();
    case WarningsRole:
        return t.protectedNames();
    case Qt::DecorationRole:
        if (c == Niche && !t.warnings.isEmpty())
            return QIcon::fromTheme(QStringLiteral("dialog-warning"), QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning));
        return {};
    case SeasonalRole:
        return !months.isEmpty();
    case MarketplacesRole: {
        QStringList keys;
        for (core::Marketplace m : t.marketplaceCounts.marketplaces())
            keys << core::toKey(m);
        return keys;
    }
    case RawRole:
        switch (c) {
        case Niche: return t.niche;
        case ProductType: return type ? typeName(*type) : typesText(t);
        case Category: return t.category;
        case Products: return products;
        case AvgPrice: return avgPrice;
        case Season: return months.isEmpty() ? 0 : months.first();
        case Marketplaces: return int(t.marketplaceCounts.marketplaces().size());
        default: return scoreOf(t, c).value_or(-1.0);
        }
    case Qt::DisplayRole:
        switch (c) {
        case Niche: return t.niche;
        case ProductType: return type ? typeName(*type) : typesText(t);
        case Category: return t.category;
        case Products: return products;
        case AvgPrice: return QLocale().toString(avgPrice, 'f', 2);
        case Season: {
            if (months.isEmpty())
                return tr("Evergreen");
            QStringList names;
            for (int m : months)
                names << QLocale().monthName(m, QLocale::ShortFormat);
            return names.join(QStringLiteral(", "));
        }
        case Marketplaces: {
            QStringList parts;
            for (core::Marketplace m : t.marketplaceCounts.marketplaces())
                parts << QStringLiteral("%1 %2").arg(core::displayName(m)).arg(t.marketplaceCounts.count(m));
            return parts.join(QStringLiteral(" · "));
        }
        default: {
            const std::optional<double> v = scoreOf(t, c);
            return v ? QLocale().toString(*v, 'f', 1) : tr("no data");
        }
        }
    case Qt::ToolTipRole:
        if (isScoreColumn(c)) {
            const core::ScorePart &part = partOf(t, c);
            const std::optional<double> v = scoreOf(t, c);
            const QString value = v ? QLocale().toString(*v, 'f', 1) : tr("no data");
            const QString evidence = part.evidence();
            if (c == Overall)
                return tr("The seed's overall score: %1").arg(value);
            if (type)
                return tr("The niche's score across all its product types. %1").arg(evidence.isEmpty() || !v ? value : tr("%1: %2").arg(value, evidence));
            return evidence.isEmpty() || !v ? tr("%1 (%2)").arg(value, core::displayName(part.provenance))
                                            : tr("%1 (%2): %3").arg(value, core::displayName(part.provenance), evidence);
        }
        if (c == Niche) {
            QString tip = t.summary;
            if (!t.parentNiche.isEmpty())
                tip = tr("Refines \"%1\"; its listings count in \"%1\" too. %2").arg(t.parentNiche, tip);
            if (!t.warnings.isEmpty())
                tip = tr("Careful: carries the protected name %1. %2").arg(t.protectedNames().join(QStringLiteral(", ")), tip);
            return tip;
        }
        if (c == ProductType || c == Category)
            return data(index, Qt::DisplayRole); // the whole text where the column is narrow
        if (type && (c == Products || c == AvgPrice))
            return tr("%1 of the niche's %2 listings are %3").arg(type->products).arg(t.productCount).arg(typeName(*type).toLower());
        return {};
    case Qt::TextAlignmentRole:
        return (c == Niche || c == ProductType || c == Category || c == Season || c == Marketplaces) ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                                                : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant TrendTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case Niche: return tr("Niche");
    case ProductType: return m_view == View::NichesByProductType ? tr("Product type") : tr("Product types");
    case Category: return tr("Category");
    case Opportunity: return tr("Opportunity");
    case Overall: return tr("Seed score");
    case Demand: return tr("Demand");
    case Growth: return tr("Growth");
    case Competition: return tr("Competition");
    case Profitability: return tr("Profit");
    case Products: return tr("Products");
    case AvgPrice: return tr("Avg price");
    case Season: return tr("Season");
    case Marketplaces: return tr("Marketplaces");
    default: return {};
    }
}

} // namespace podtrends::ui
