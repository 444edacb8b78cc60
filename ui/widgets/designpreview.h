#pragma once

#include <core/domain/design.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QSlider;

namespace podtrends::ui {

/**
 * The preview pane of the Designs page: switches between the print file and each mockup, zooms,
 * and shows the prompt, metadata and print specifications. Images come from ImageCache.
 */
class DesignPreview final : public QWidget
{
    Q_OBJECT
public:
    Q_DISABLE_COPY_MOVE(DesignPreview)
    explicit DesignPreview(QWidget *parent = nullptr);

    void setDesign(const core::Design &design);
    void clear();
    /** The files the view can show, in the switcher's order. */
    QStringList viewPaths() const { return m_paths; }
    int currentView() const;
    void setCurrentView(int index);
    /** Zoom in percent of "fit" (100 = fit the pane). */
    void setZoom(int percent);

private:
    void showCurrent();
    void onImageReady(const QString &path);

    QComboBox *m_view;
    QSlider *m_zoom;
    QLabel *m_zoomLabel;
    QScrollArea *m_scroll;
    QLabel *m_image;
    QPlainTextEdit *m_details;
    QStringList m_paths;
    QDateTime m_version;
};

} // namespace podtrends::ui
