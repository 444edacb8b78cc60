#pragma once

#include <core/domain/product.h>

#include <QAbstractTableModel>

namespace podtrends::ui {

/**
 * One product's snapshots as a table the history chart reads through QVXYModelMapper.
 * DisplayRole is numeric (the mappers convert it to qreal); Time is milliseconds since epoch.
 */
class ProductHistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ProductHistoryModel)
    enum Column { Time, Price, Reviews, Rating, ColumnCount };
    enum Role { RawRole = Qt::UserRole + 1 };

    explicit ProductHistoryModel(QObject *parent = nullptr);

    void setSnapshots(const QList<core::ProductSnapshot> &snapshots);
    const QList<core::ProductSnapshot> &snapshots() const { return m_snapshots; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<core::ProductSnapshot> m_snapshots;
};

} // namespace podtrends::ui
