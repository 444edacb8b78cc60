#pragma once

#include <core/domain/source.h>

#include <QAbstractTableModel>

namespace podtrends::ui {

/** The seed's marketplaces table on the Sources page: status, last and next scrape, last error. */
class SourceMarketplaceModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(SourceMarketplaceModel)
    enum Column { Name, Status, LastScraped, NextScrape, Error, ColumnCount };
    enum Role { RawRole = Qt::UserRole + 1 };

    explicit SourceMarketplaceModel(QObject *parent = nullptr);
    void setMarketplaces(const QList<core::MarketplaceRecord> &marketplaces);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<core::MarketplaceRecord> m_rows;
};

} // namespace podtrends::ui
