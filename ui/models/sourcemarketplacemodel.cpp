#include "sourcemarketplacemodel.h"

#include <ui/widgets/textcolors.h>

#include <QGuiApplication>

#include <ui/models/producttablemodel.h>
#include <ui/models/sourcetablemodel.h>

#include <QColor>
#include <QLocale>

namespace podtrends::ui {

SourceMarketplaceModel::SourceMarketplaceModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void SourceMarketplaceModel::setMarketplaces(const QList<core::MarketplaceRecord> &marketplaces)
{
    beginResetModel();
    m_rows = marketplaces;
    endResetModel();
}

int SourceMarketplaceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SourceMarketplaceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SourceMarketplaceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::MarketplaceRecord &m = m_rows.at(index.row());
    const auto when = [](const QDateTime &t) { return formatWhen(t); };
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return core::displayName(m.marketplace);
        case Status: return SourceTableModel::statusText(m.status);
        case LastScraped: return m.lastScraped.isValid() ? when(m.lastScraped) : tr("never");
        case NextScrape: return when(m.nextScrape);
        case Error: return m.errorMessage;
        default: return {};
        }
    }
    if (role == RawRole) {
        switch (index.column()) {
        case Name: return core::toKey(m.marketplace);
        case Status: return core::toKey(m.status);
        case LastScraped: return m.lastScraped;
        case NextScrape: return m.nextScrape;
        case Error: return m.errorMessage;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Error)
        return m.errorMessage;
    if (role == Qt::ForegroundRole && index.column() == Status) {
        if (m.status == core::ScrapeStatus::Error || m.status == core::ScrapeStatus::Blocked)
            return errorTextColor(QGuiApplication::palette());
        if (m.status == core::ScrapeStatus::Ok)
            return successTextColor(QGuiApplication::palette());
    }
    return {};
}

QVariant SourceMarketplaceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Marketplace");
    case Status: return tr("Status");
    case LastScraped: return tr("Last scraped");
    case NextScrape: return tr("Next scrape");
    case Error: return tr("Last error");
    default: return {};
    }
}

} // namespace podtrends::ui
