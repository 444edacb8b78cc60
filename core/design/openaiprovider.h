#pragma once

#include <core/design/designprovider.h>

#include <QString>

namespace podtrends::core {

/** Where and how to reach an OpenAI-compatible server (OpenAI, Ollama, LocalAI, …). */
struct OpenAiSettings
{
    QString baseUrl = QStringLiteral("https://api.openai.com/v1");  ///< POD_OPENAI_BASE or openai/base_url
    QString chatModel = QStringLiteral("gpt-4o-mini");              ///< openai/chat_model
    QString imageModel = QStringLiteral("gpt-image-1");             ///< openai/image_model
    QString imageSize = QStringLiteral("1024x1024");
    QString apiKey;                                                 ///< SecretStore OpenAiApiKey (POD_OPENAI_API_KEY)
    int timeoutMs = 120000;                                         ///< per request

    /** Settings and environment; reads the key from SecretStore (blocking: not on the GUI thread). */
    static OpenAiSettings load();
    /** Stores base URL and models (never the key). */
    void saveSettings() const;
};

/**
 * The OpenAI-compatible provider: POST {base}/chat/completions for the concept and slogan
 * options (a JSON object, validated), then POST {base}/images/generations for the artwork
 * (b64_json). The illustration's flat background is keyed out and our typesetter sets the slogan
 * under it. Every failure (timeout, refusal, invalid JSON, a reply that is not an image) is one
 * clear line for that variant.
 */
class OpenAiProvider final : public DesignProvider
{
public:
    explicit OpenAiProvider(OpenAiSettings settings);
    QString name() const override { return QStringLiteral("openai"); }
    Result<ArtworkPtr> create(const DesignBrief &brief, const std::atomic_bool *cancel) override;

    /** Validates a chat answer's content: {"concept": "...", "slogans": ["...", ...]}. */
    static Result<QPair<QString, QStringList>> parseConcept(const QJsonObject &chatReply);
    /** Decodes images/generations data[0].b64_json into an image. */
    static Result<QImage> parseImage(const QJsonObject &imageReply);
    /** Makes the illustration's flat corner-coloured background transparent. */
    static QImage keyOutBackground(const QImage &image);

private:
    OpenAiSettings m_settings;
};

} // namespace podtrends::core
