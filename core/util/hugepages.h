#pragma once

#include <cstddef>

namespace podtrends::core {

/**
 * Asks the kernel to back [data, data + bytes) with huge pages where it can (Linux, transparent
 * huge pages in "madvise" mode, as Debian ships them). For a large buffer that is filled once
 * from start to end — a million analysis rows, 200 MB — this replaces tens of thousands of page
 * faults with a few hundred. Call it before the memory is first written; elsewhere it does nothing.
 */
void adviseHugePages(void *data, size_t bytes);

} // namespace podtrends::core
