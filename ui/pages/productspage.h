#pragma once

#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace podtrends::core {
class Workspace;
struct ProductFilter;
}

namespace podtrends::ui {

class PageHeader;
class ProductDetailsPane;
class ProductTableModel;
class ThumbnailCache;

/**
 * Products page: every collected listing in a lazy table (millions of rows), a debounced
 * search, marketplace/category/price/rating filters, server-side sorting, a details pane with
 * history and raw JSON, and CSV export of the current filter.
 */
class ProductsPage final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(ProductsPage)
    explicit ProductsPage(core::Workspace *workspace, QWidget *parent = nullptr);
    ~ProductsPage() override;

    ProductTableModel *model() const { return m_model; }
    ProductDetailsPane *detailsPane() const { return m_details; }
    QTableView *view() const { return m_view; }
    QLineEdit *searchEdit() const { return m_search; }
    /** The filter the controls describe (search, marketplace, category, ranges) with the current order. */
    core::ProductFilter filterFromControls() const;

public Q_SLOTS:
    /** Applies the filter controls now (the search box calls it after a short pause). */
    void applyFilters();
    /** Clears search and filters. */
    void resetFilters();
    /** Asks for a file name and exports the current filter. */
    void exportCsvInteractive();
    /** Exports the products of the current filter to `path` on the pool, with progress. */
    void exportCsv(const QString &path);
    void cancelExport();

Q_SIGNALS:
    /** An export ended: rows written, or a one-line error (empty on success). */
    void exportFinished(const QString &path, qint64 rows, const QString &error);

private:
    QWidget *buildFilterBar();
    void onDatabaseChanged();
    void onLoadFinished(qint64 total);
    void onCurrentRowChanged();
    void restoreSelection();
    void reloadCategories();
    void openCurrentInBrowser();

    core::Workspace *m_workspace;
    ProductTableModel *m_model;
    ThumbnailCache *m_thumbnails;
    PageHeader *m_header = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_marketplace = nullptr;
    QComboBox *m_category = nullptr;
    QDoubleSpinBox *m_minPrice = nullptr;
    QDoubleSpinBox *m_maxPrice = nullptr;
    QDoubleSpinBox *m_minRating = nullptr;
    QDoubleSpinBox *m_maxRating = nullptr;
    QStackedWidget *m_tableStack = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_empty = nullptr;
    ProductDetailsPane *m_details = nullptr;
    QPushButton *m_exportButton = nullptr;
    QWidget *m_exportBar = nullptr;
    QProgressBar *m_exportProgress = nullptr;
    QLabel *m_exportLabel = nullptr;
    QTimer *m_searchTimer = nullptr;
    QTimer *m_refreshTimer = nullptr;
    std::shared_ptr<std::atomic_bool> m_exportCancel;
    qint64 m_selectedId = 0;
};

} // namespace podtrends::ui
