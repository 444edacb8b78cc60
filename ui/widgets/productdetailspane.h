#pragma once

#include <core/domain/product.h>
#include <core/storage/database.h>

#include <QWidget>

#include <memory>

class QChartView;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QThreadPool;

namespace podtrends::ui {

class ProductHistoryModel;

/**
 * The selected product: every field, the raw source record as JSON, a price/reviews history
 * chart from its snapshots and an "Open in browser" link. Loads on the pool.
 */
class ProductDetailsPane final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ProductDetailsPane)
    explicit ProductDetailsPane(QWidget *parent = nullptr);

    void setDatabase(std::shared_ptr<core::Database> database);
    void setPool(QThreadPool *pool);
    /** Loads and shows a product (0 clears the pane). */
    void showProduct(qint64 id);

    qint64 productId() const { return m_product.id; }
    QString rawJsonText() const;
    QString titleText() const;
    ProductHistoryModel *historyModel() const { return m_history; }

Q_SIGNALS:
    /** The product and its history are on screen. */
    void loaded(qint64 id);

private:
    void display(const core::Product &product, const QList<core::ProductSnapshot> &snapshots);
    void clearFields();
    void addField(const QString &label, const QString &value);
    void updateChartAxes();

    std::shared_ptr<core::Database> m_database;
    QThreadPool *m_pool;
    core::Product m_product;
    quint64 m_generation = 0;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_link;
    QFormLayout *m_fields;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_rawJson;
    QPlainTextEdit *m_description;
    QChartView *m_chartView;
    QLabel *m_chartEmpty;
    ProductHistoryModel *m_history;
};

} // namespace podtrends::ui
