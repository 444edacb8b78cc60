#include "hugepages.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace podtrends::core {

void adviseHugePages(void *data, size_t bytes)
{
#if defined(MADV_HUGEPAGE)
    // Only whole 2 MB pages inside the buffer; a smaller buffer gains nothing.
    constexpr uintptr_t kHuge = uintptr_t(2) * 1024 * 1024;
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHuge - 1);
    if (end > begin)
        (void)madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace podtrends::core
