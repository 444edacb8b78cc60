#pragma once

#include <core/domain/source.h>

#include <QSet>
#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTimer;

namespace podtrends::core {
class ScrapeService;
class Workspace;
struct ScrapeSummary;
}

namespace podtrends::ui {

class PageHeader;
class Services;
class SourceDialog;
class SourceMarketplaceModel;
class SourceTableModel;

/**
 * Sources page: the stores and searches to collect, their schedule and status, live progress
 * with Cancel, "Scrape now", add/edit/remove, the marketplaces' status, and file imports
 * (drag-and-drop onto the window ends up in importFiles()).
 */
class SourcesPage final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(SourcesPage)
    explicit SourcesPage(Services *services, QWidget *parent = nullptr);
    ~SourcesPage() override;

    SourceTableModel *model() const { return m_model; }
    SourceMarketplaceModel *marketplaceModel() const { return m_marketplaces; }
    QTableView *view() const { return m_view; }
    /** The source of the current row (id 0 when none). */
    core::Source currentSource() const;
    /** The collection service of the open database (null while none is open). */
    core::ScrapeService *scrapeService() const { return m_service; }

public Q_SLOTS:
    /** Reloads sources and marketplaces from the database (F5). */
    void refresh();
    /** Imports saved pages, products.json files, Etsy JSON/CSV or folders, with progress. */
    void importFiles(const QStringList &paths);
    void addSource();
    void editCurrentSource();
    /** Asks, then removes the current source. */
    void removeCurrentSource();
    void scrapeCurrentSource();
    void cancelCurrentSource();

    /** Stores a new or changed source (no dialog); refreshes when done. */
    void saveSource(const core::Source &source);
    /** Removes a source without asking. */
    void removeSource(qint64 sourceId);
    /** Starts a scrape of the source now. */
    void scrapeSource(qint64 sourceId);
    void cancelSource(qint64 sourceId);

Q_SIGNALS:
    /** Sources and marketplaces were reloaded. */
    void refreshed();
    /** A save or remove finished (error empty on success). */
    void sourceSaved(qint64 sourceId, const QString &error);
    /** An import ended. */
    void importFinished(int products, const QString &error);

private:
    void updateActions();
    void updateEmptyState();
    void connectDialog(SourceDialog *dialog);
    void showImportProgress(bool visible, const QString &text = {});
    void takeServices();
    void onProgress(qint64 sourceId, int items, const QString &text);
    void onFinished(qint64 sourceId, core::ScrapeStatus status, const QString &message);
    void onRunFinished(const core::ScrapeSummary &summary);

    Services *m_services;
    core::Workspace *m_workspace;
    PageHeader *m_header = nullptr;
    SourceTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    SourceMarketplaceModel *m_marketplaces;
    QLineEdit *m_filter = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_view = nullptr;
    QTableView *m_marketView = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_scrape = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
    QWidget *m_importBar = nullptr;
    QLabel *m_importLabel = nullptr;
    QProgressBar *m_importProgress = nullptr;
    QTimer *m_refreshTimer = nullptr;
    bool m_loadedOnce = false;
    core::ScrapeService *m_service = nullptr;
    QSet<qint64> m_importRuns;
};

} // namespace podtrends::ui
