#include "openaiprovider.h"

#include <core/design/openaiclient.h>
#include <core/design/promptbuilder.h>
#include <core/design/textsafety.h>
#include <core/secrets/secretstore.h>
#include <core/util/settings.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace podtrends::core {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(OpenAiProvider)
};

/** "camping is my therapy" → "CAMPING\nIS MY\nTHERAPY" (at most three lines). */
QString toSloganLines(const QString &text)
{
    const QStringList w = text.simplified().toUpper().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (w.size() <= 2)
        return w.join(QLatin1Char('\n'));
    const int perLine = int(std::ceil(w.size() / 3.0));
    QStringList lines;
    for (int i = 0; i < w.size(); i += perLine)
        lines << w.mid(i, perLine).join(QLatin1Char(' '));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

OpenAiSettings OpenAiSettings::load()
{
    OpenAiSettings s;
    s.baseUrl = settings::envOrSetting("POD_OPENAI_BASE", QStringLiteral("openai/base_url"), s.baseUrl);
    s.chatModel = settings::value(QStringLiteral("openai/chat_model"), s.chatModel).toString();
    s.imageModel = settings::value(QStringLiteral("openai/image_model"), s.imageModel).toString();
    s.timeoutMs = settings::value(QStringLiteral("openai/timeout_ms"), s.timeoutMs).toInt();
    if (auto key = SecretStore::read(SecretStore::Key::OpenAiApiKey))
        s.apiKey = *key;
    return s;
}

void OpenAiSettings::saveSettings() const
{
    settings::setValue(QStringLiteral("openai/base_url"), baseUrl);
    settings::setValue(QStringLiteral("openai/chat_model"), chatModel);
    settings::setValue(QStringLiteral("openai/image_model"), imageModel);
}

OpenAiProvider::OpenAiProvider(OpenAiSettings settings)
    : m_settings(std::move(settings))
{
}

Result<QPair<QString, QStringList>> OpenAiProvider::parseConcept(const QJsonObject &reply)
{
    using R = Result<QPair<QString, QStringList>>;
    const QJsonObject choice = reply.value(QStringLiteral("choices")).toArray().at(0).toObject();
    const QJsonObject message = choice.value(QStringLiteral("message")).toObject();
    if (choice.isEmpty() || message.isEmpty())
        return R::failure(Tr::tr("The chat answer has no message"));
    const QString refusal = message.value(QStringLiteral("refusal")).toString();
    if (!refusal.isEmpty() || choice.value(QStringLiteral("finish_reason")).toString() == QLatin1String("content_filter"))
        return R::failure(Tr::tr("The model refused the request: %1")
                              .arg(refusal.isEmpty() ? Tr::tr("content filter") : refusal.left(160).simplified()));
    QString content = message.value(QStringLiteral("content")).toString().trimmed();
    // Some local models wrap JSON in a Markdown code fence.
    if (content.startsWith(QLatin1String("```"))) {
        content = content.section(QLatin1Char('\n'), 1);
        content = content.left(content.lastIndexOf(QLatin1String("```"))).trimmed();
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(content.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return R::failure(Tr::tr("The model's answer is not the JSON object asked for"));
    const QJsonObject o = doc.object();
    const QString conceptText = o.value(QStringLiteral("concept")).toString().simplified();
    QStringList slogans;
    for (const QJsonValue &v : o.value(QStringLiteral("slogans")).toArray()) {
        const QString s = v.toString().simplified();
        if (!s.isEmpty() && s.size() <= 48)
            slogans << s;
    }
    if (conceptText.isEmpty() || slogans.isEmpty())
        return R::failure(Tr::tr("The model's JSON lacks a concept or usable slogans"));
    return qMakePair(conceptText, slogans);
}

Result<QImage> OpenAiProvider::parseImage(const QJsonObject &reply)
{
    const QJsonObject item = reply.value(QStringLiteral("data")).toArray().at(0).toObject();
    const QString b64 = item.value(QStringLiteral("b64_json")).toString();
    if (b64.isEmpty()) {
        if (item.contains(QStringLiteral("url")))
            return Result<QImage>::failure(Tr::tr("The image server sent a URL instead of image data (b64_json)"));
        return Result<QImage>::failure(Tr::tr("The image server's answer has no image data"));
    }
    const QByteArray bytes = QByteArray::fromBase64(b64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    QImage image;
    if (bytes.isEmpty() || !image.loadFromData(bytes) || image.width() < 64 || image.height() < 64)
        return Result<QImage>::failure(Tr::tr("The image server's data is not a usable image"));
    return image;
}

QImage OpenAiProvider::keyOutBackground(const QImage &source)
{
    QImage image = source.convertToFormat(QImage::Format_ARGB32);
    const int w = image.width(), h = image.height();
    const QRgb corners[] = {image.pixel(0, 0), image.pixel(w - 1, 0), image.pixel(0, h - 1), image.pixel(w - 1, h - 1)};
    auto dist = [](QRgb a, QRgb b) {
        return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) + std::abs(qBlue(a) - qBlue(b));
    };
    for (const QRgb c : corners)
        if (qAlpha(c) < 250 || dist(c, corners[0]) > 30)
            return image; // already transparent or not a flat background: leave it alone
    const QRgb key = corners[0];
    for (int y = 0; y < h; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < w; ++x) {
            const int d = dist(line[x], key);
            if (d < 24)
                line[x] = qRgba(qRed(line[x]), qGreen(line[x]), qBlue(line[x]), 0);
            else if (d < 60)
                line[x] = qRgba(qRed(line[x]), qGreen(line[x]), qBlue(line[x]), (d - 24) * 255 / 36);
        }
    }
    return image;
}

Result<ArtworkPtr> OpenAiProvider::create(const DesignBrief &brief, const std::atomic_bool *cancel)
{
    using R = Result<ArtworkPtr>;
    DesignBrief b = brief;
    b.provider = name();

    const QJsonObject chat{
        {QStringLiteral("model"), m_settings.chatModel},
        {QStringLiteral("messages"),
         QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                {QStringLiteral("content"),
                                 QStringLiteral("You write original print-on-demand t-shirt concepts. Never use brand names, "
                                                "trademarks, famous characters or text copied from other products. Answer with "
                                                "a JSON object only.")}},
                    QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                {QStringLiteral("content"),
                                 QStringLiteral("Niche: %1. Audience: %2. Style: %3. Starting idea: %4\nReturn {\"concept\": one "
                                                "sentence, \"slogans\": 3 to 5 original slogans of at most 5 words}.")
                                     .arg(b.niche, b.audience.isEmpty() ? QStringLiteral("general") : b.audience, b.style, b.conceptText)}}}},
        {QStringLiteral("temperature"), 0.8},
        {QStringLiteral("max_tokens"), 400},
        {QStringLiteral("stream"), false},
        {QStringLiteral("response_format"), QJsonObject{{QStringLiteral("type"), QStringLiteral("json_object")}}}};
    auto chatReply = openaiclient::postJson(openaiclient::endpoint(m_settings.baseUrl, QStringLiteral("chat/completions")), chat,
                                            m_settings.apiKey, m_settings.timeoutMs, cancel);
    if (!chatReply)
        return R::failure(Tr::tr("Concept request failed: %1").arg(chatReply.errorMessage()), chatReply.error().code);
    auto idea = parseConcept(*chatReply);
    if (!idea)
        return idea.error();
    TextSafety safety;
    QStringList slogans;
    for (const QString &s : idea->second)
        if (safety.check(s).isEmpty())
            slogans << s;
    if (slogans.isEmpty())
        return R::failure(Tr::tr("Every slogan the model suggested names a protected brand or character"));
    b.conceptText = idea->first;
    b.slogan = toSloganLines(slogans.first());
    b.sloganOptions.clear();
    for (const QString &s : std::as_const(slogans))
        b.sloganOptions << toSloganLines(s);
    b.textPrompt = PromptBuilder::imagePrompt(b);

    if (cancel && cancel->load())
        return R::failure(Tr::tr("Cancelled"));
    const QJsonObject imageRequest{{QStringLiteral("model"), m_settings.imageModel},
                                   {QStringLiteral("prompt"), b.textPrompt},
                                   {QStringLiteral("n"), 1},
                                   {QStringLiteral("size"), m_settings.imageSize},
                                   {QStringLiteral("response_format"), QStringLiteral("b64_json")}};
    auto imageReply = openaiclient::postJson(openaiclient::endpoint(m_settings.baseUrl, QStringLiteral("images/generations")),
                                             imageRequest, m_settings.apiKey, m_settings.timeoutMs, cancel);
    if (!imageReply)
        return R::failure(Tr::tr("Image request failed: %1").arg(imageReply.errorMessage()), imageReply.error().code);
    auto image = parseImage(*imageReply);
    if (!image)
        return image.error();
    return ArtworkPtr(std::make_shared<RasterArtwork>(std::move(b), keyOutBackground(*image)));
}

} // namespace podtrends::core
