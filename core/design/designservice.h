#pragma once

#include <core/design/openaiprovider.h>
#include <core/domain/design.h>
#include <core/storage/database.h>

#include <memory>

namespace podtrends::core {

/**
 * What a user does to a generated design: mark it ready (after the print and text checks),
 * change the slogan and re-render, regenerate a variant with a new seed, export its files,
 * delete it. Blocking (disk, rendering, database): call from worker threads or the CLI.
 */
class DesignService final
{
public:
    explicit DesignService(std::shared_ptr<Database> db, QString outputRoot = QString());

    /**
     * draft → ready. Refused with a message naming the problem when a print check failed or the
     * title or slogan contains a protected name (the message names the match).
     */
    Status markReady(qint64 designId);
    /** Why a design cannot be ready (empty when it can). */
    static QString readinessProblem(const Design &design);

    /** Sets the slogan ("\n" separates lines), re-renders files and mockups; the design goes back to draft. */
    Result<Design> editSlogan(qint64 designId, const QString &slogan);
    /** Re-renders the same variant with a new seed (built-in) or a new request (openai). */
    Result<Design> regenerate(qint64 designId, quint32 seed, const OpenAiSettings &openai = {});
    /** Copies the print files and mockups into dir; returns the copied paths. */
    Result<QStringList> exportFiles(qint64 designId, const QString &dir);
    /** Deletes the row and its folder. */
    Status remove(qint64 designId);

    /** The folder holding a design's files. */
    QString folderFor(qint64 designId) const;

private:
    Result<Design> load(qint64 designId);
    Result<Design> rerender(Design design, const class Artwork &artwork);

    std::shared_ptr<Database> m_db;
    QString m_root;
};

} // namespace podtrends::core
