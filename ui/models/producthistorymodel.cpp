#include "producthistorymodel.h"

namespace podtrends::ui {

ProductHistoryModel::ProductHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ProductHistoryModel::setSnapshots(const QList<core::ProductSnapshot> &snapshots)
{
    beginResetModel();
    m_snapshots = snapshots;
    endResetModel();
}

int ProductHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_snapshots.size());
}

int ProductHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProductHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != RawRole)
        return {};
    const core::ProductSnapshot &s = m_snapshots.at(index.row());
    switch (index.column()) {
    case Time:
        if (role == RawRole)
            return s.scrapedAt;
        return double(s.scrapedAt.toMSecsSinceEpoch());
    case Price: return s.price;
    case Reviews: return double(s.reviewsCount);
    case Rating: return s.rating;
    default: return {};
    }
}

QVariant ProductHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time: return tr("Time");
    case Price: return tr("Price");
    case Reviews: return tr("Reviews");
    case Rating: return tr("Rating");
    default: return {};
    }
}

} // namespace podtrends::ui
