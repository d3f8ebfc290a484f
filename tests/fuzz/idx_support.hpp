// The IDX loaders read files only, so the fuzz targets hand them the input through a memory
// file (memfd_create): no disk traffic, and /proc/self/fd/N is an ordinary path to them.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace ctnn_fuzz {

inline std::string as_memory_file(const std::uint8_t* data, std::size_t size)
{
    static const int fd = memfd_create("ctnn_fuzz_idx", 0);
    if (fd < 0 || ftruncate(fd, 0) != 0 ||
        (size != 0 && pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))) {
        std::perror("memfd");
        std::abort();
    }
    return "/proc/self/fd/" + std::to_string(fd);
}

} // namespace ctnn_fuzz
