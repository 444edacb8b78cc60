// JsonArrayStream, the reader behind the streaming import: elements found whole across the
// reader's 1 MB chunks (escapes, quotes and brackets inside strings included), the structure
// around them checked, truncation and garbage named with their byte.
#include <core/scraping/jsonarraystream.h>

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using podtrends::core::JsonArrayStream;

namespace {

struct Read
{
    QByteArrayList elements;
    QList<qint64> offsets;
    JsonArrayStream::Next last = JsonArrayStream::Next::End;
    QJsonParseError error{};
    QByteArrayList after;
};

Read readAll(const QByteArray &json, qint64 maxBytes = 64ll * 1024 * 1024)
{
    QBuffer buffer;
    buffer.setData(json);
    buffer.open(QIODevice::ReadOnly);
    JsonArrayStream stream(&buffer, QByteArrayLiteral("products"), maxBytes);
    Read read;
    QByteArray element;
    qint64 offset = 0;
    for (;;) {
        read.last = stream.next(&element, &offset);
        if (read.last != JsonArrayStream::Next::Element)
            break;
        read.elements << element;
        read.offsets << offset;
    }
    read.error = stream.error();
    read.after = stream.membersAfter();
    return read;
}

} // namespace

class TstJsonArrayStream final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void elementsAreFoundWholeAcrossChunks()
    {
        // A string whose escapes fall on each byte around the 1 MB chunk boundary.
        for (int shift = -4; shift <= 4; ++shift) {
            const QByteArray head = "{\"products\": [{\"id\": 1, \"t\": \"";
            const qsizetype pad = (1 << 20) - head.size() + shift;
            const QByteArray text = QByteArray(pad, 'a') + "\\\"]}\\\\" + QByteArray(10, 'b') + "[{\\\"";
            const QByteArray first = "{\"id\": 1, \"t\": \"" + text + "\"}";
            const QByteArray second = "{\"id\": 2, \"t\": \"x]}\"}";
            const QByteArray json = "{\"products\": [" + first + ", " + second + "]}";
            const Read read = readAll(json);
            QCOMPARE(read.last, JsonArrayStream::Next::End);
            QCOMPARE(read.elements.size(), 2);
            QCOMPARE(read.elements.at(0), first);
            QCOMPARE(read.elements.at(1), second);
            QCOMPARE(read.offsets.at(0), 14);
            QCOMPARE(json.mid(read.offsets.at(1), second.size()), second);
            const QString t = QJsonDocument::fromJson(read.elements.at(0)).object().value(QStringLiteral("t")).toString();
            QVERIFY(t.endsWith(QStringLiteral("a\"]}\\bbbbbbbbbb[{\"")));
            QCOMPARE(t.size(), pad + 17);
        }
    }

    void manyElementsOverManyChunks()
    {
        QByteArray json = "{\"products\":[";
        for (int i = 0; i < 20000; ++i)
            json += (i ? "," : "") + QByteArray("{\"id\":") + QByteArray::number(i) + ",\"nested\":{\"a\":[1,2,{\"b\":\"}]\"}]},\"s\":\"" + QByteArray(100, 'x') + "\"}";
        json += "]}";
        const Read read = readAll(json);
        QCOMPARE(read.last, JsonArrayStream::Next::End);
        QCOMPARE(read.elements.size(), 20000);
        QCOMPARE(QJsonDocument::fromJson(read.elements.last()).object().value(QStringLiteral("id")).toInt(), 19999);
    }

    void membersAfterTheArrayAreNamedAndChecked()
    {
        Read read = readAll("{\"products\": [], \"next\": {\"page\": 2}, \"product\": [1]}  \n");
        QCOMPARE(read.last, JsonArrayStream::Next::End);
        QCOMPARE(read.after, (QByteArrayList{"next", "product"}));

        read = readAll("{\"products\": [{\"id\": 1}], \"next\": {\"page\": 2]}");
        QCOMPARE(read.last, JsonArrayStream::Next::Invalid);
        QCOMPARE(read.elements.size(), 1);
        QVERIFY(read.error.offset >= 43 && read.error.offset <= 46);

        read = readAll("{\"products\": [{\"id\": 1}]} x");
        QCOMPARE(read.last, JsonArrayStream::Next::Invalid);
        QCOMPARE(read.error.error, QJsonParseError::GarbageAtEnd);
        QCOMPARE(read.error.offset, 26);
    }

    void truncationIsInvalidWithItsByte()
    {
        const QByteArray whole = "{\"products\": [{\"id\": 1, \"title\": \"Tee\"}, {\"id\": 2, \"title\": \"Mug\"}]}";
        for (qsizetype cut = 14; cut < whole.size(); ++cut) {
            const Read read = readAll(whole.left(cut));
            QVERIFY2(read.last == JsonArrayStream::Next::Invalid, qPrintable(QString::number(cut)));
            QVERIFY2(read.error.error != QJsonParseError::NoError, qPrintable(QString::number(cut)));
            QVERIFY2(read.error.offset <= cut + 1, qPrintable(QStringLiteral("%1: %2").arg(cut).arg(read.error.offset)));
        }
        const Read trailingComma = readAll("{\"products\": [{\"id\": 1},]}");
        QCOMPARE(trailingComma.last, JsonArrayStream::Next::Invalid);
        const Read noComma = readAll("{\"products\": [{\"id\": 1} {\"id\": 2}]}");
        QCOMPARE(noComma.last, JsonArrayStream::Next::Invalid);
        QCOMPARE(noComma.error.error, QJsonParseError::MissingValueSeparator);
        QCOMPARE(noComma.error.offset, 24);
    }

    void otherShapesAreLeftToTheWholeFileReader()
    {
        for (const QByteArray &json : {QByteArray("[{\"id\": 1}]"), QByteArray("{\"product\": {\"id\": 1}}"), QByteArray("{\"count\": 1, \"products\": []}"),
                                       QByteArray("{\"products\": {}}"), QByteArray("\xEF\xBB\xBF{\"products\": []}"), QByteArray("{\"prod\\u0075cts\": []}"),
                                       QByteArray(""), QByteArray("{\"products\"")}) {
            const Read read = readAll(json);
            QVERIFY2(read.last == JsonArrayStream::Next::NotThisShape, json.constData());
            QVERIFY(read.elements.isEmpty());
        }
    }

    void readingStopsPastTheLimit()
    {
        QByteArray json = "{\"products\":[";
        for (int i = 0; i < 30000; ++i)
            json += (i ? "," : "") + QByteArray("{\"id\":") + QByteArray::number(i) + ",\"s\":\"" + QByteArray(100, 'x') + "\"}";
        json += "]}";
        const Read read = readAll(json, 2 * 1024 * 1024);
        QCOMPARE(read.last, JsonArrayStream::Next::TooLarge);
        QVERIFY(read.elements.size() < 30000);
    }
};

QTEST_GUILESS_MAIN(TstJsonArrayStream)
#include "tst_jsonarraystream.moc"
