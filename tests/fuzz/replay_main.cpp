// The ordinary build's driver for a fuzz target: feeds every file under the given folders (or
// the given files) to LLVMFuzzerTestOneInput once, so that the seeds and every input that once
// crashed a parser (regressions/<target>/) run in each ctest, with gcc and without libFuzzer.
// A crash or a failed check ends the process and fails the test.
//
//   fuzzreplay_<target> PATH... [--samples SUBFOLDER]
//
// --samples adds $PODTRENDS_REAL_SAMPLES/SUBFOLDER (the real captured pages) when that is set.

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

bool replay(const QString &path, int *count)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return false;
    }
    const QByteArray input = file.readAll();
    // A copy of its own, exactly as long as the input, so that reading past its end is caught.
    auto *copy = new uint8_t[size_t(input.size()) + 1];
    std::copy(input.cbegin(), input.cend(), copy);
    LLVMFuzzerTestOneInput(copy, size_t(input.size()));
    delete[] copy;
    ++*count;
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    int count = 0;
    bool ok = true;
    QStringList paths;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == QLatin1String("--samples") && i + 1 < argc) {
            const QString samples = qEnvironmentVariable("PODTRENDS_REAL_SAMPLES");
            const QString sub = QString::fromLocal8Bit(argv[++i]);
            if (!samples.isEmpty())
                paths << samples + QLatin1Char('/') + sub;
            continue;
        }
        paths << arg;
    }
    for (const QString &arg : paths) {
        const QFileInfo info(arg);
        if (!info.exists()) {
            std::fprintf(stderr, "missing: %s\n", qPrintable(arg));
            ok = false;
            continue;
        }
        if (info.isFile()) {
            ok = replay(arg, &count) && ok;
            continue;
        }
        QStringList files;
        QDirIterator it(arg, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
        files.sort();
        for (const QString &f : files)
            ok = replay(f, &count) && ok;
    }
    std::printf("%d inputs replayed without a crash\n", count);
    return ok && count > 0 ? 0 : 1;
}
