// ctnn/detail/atomic_file.hpp: `replace_file`, which puts bytes in a file so that the file holds
// either its old contents or all of the new ones, whatever happens: a full disk, a file-size
// limit, a crash or a kill in the middle. Every save to a path (ctnn::save, ctnn::save_rtneural)
// goes through it.
//
// How (POSIX): the bytes go to a new file in the target's own directory (an unnamed one,
// O_TMPFILE, where Linux and the file system allow it, so a process killed mid-write leaves no
// trace; otherwise a named ".<name>.ctnn-<pid>-<n>" that every failure path removes), are flushed
// with fsync, and the new file is renamed over the target, which is atomic within a directory;
// then the directory is synced so the rename itself survives a power cut. An unnamed file must
// be given a name before the rename: a process killed in the two system calls between leaves
// that temporary, and the next save to the same file removes it (its process is gone). The new file takes the
// old one's permission bits. A symbolic link is followed, so the file it names is replaced and the
// link kept.
//
// Targets that are not regular files are never replaced: a directory, a block device or a socket
// is refused; a character device or a FIFO (/dev/stdout, a pipe) has no old contents to protect
// and is written directly.
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>

#if defined(__unix__) || defined(__APPLE__)
#define CTNN_DETAIL_POSIX_FILES 1
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#else
#include <fstream>
#endif

#include <atomic>

namespace ctnn::detail {

// What replace_file reports: success, or a sentence saying which step failed and errno's text.
struct file_outcome {
    const char* failure = nullptr; // "cannot create a temporary file beside the target", ...
    int error = 0;                 // errno (0 where none applies)

    explicit operator bool() const noexcept { return failure == nullptr; }
};

#if defined(CTNN_DETAIL_POSIX_FILES)

namespace posix {

inline bool write_all(int fd, const unsigned char* data, std::size_t size, int& error) noexcept
{
    while (size > 0) {
        // At most 1 GiB a call: some kernels cap a single write below SSIZE_MAX.
        const std::size_t chunk = size < (std::size_t{1} << 30) ? size : (std::size_t{1} << 30);
        const ssize_t written = ::write(fd, data, chunk);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            error = errno;
            return false;
        }
        if (written == 0) {
            error = EIO;
            return false;
        }
        data += written;
        size -= static_cast<std::size_t>(written);
    }
    return true;
}

inline int open_retrying(const char* path, int flags, mode_t mode) noexcept
{
    int fd;
    do
        fd = ::open(path, flags, mode);
    while (fd < 0 && errno == EINTR);
    return fd;
}

// A name for a temporary beside the target: ".<name>.ctnn-<pid>-<n>", unique within this process
// by the counter and across processes by the pid (O_EXCL settles any remaining race).
inline std::filesystem::path temporary_name(const std::filesystem::path& target)
{
    static std::atomic<std::uint64_t> counter{0};
    char suffix[64];
    std::snprintf(suffix, sizeof suffix, ".ctnn-%ld-%llu", static_cast<long>(::getpid()),
                  static_cast<unsigned long long>(counter.fetch_add(1)));
    std::string leaf(1, '.'); // appended piecewise: GCC 12 misreads "." + string (-Wrestrict)
    leaf.append(target.filename().native());
    leaf.append(suffix);
    return target.parent_path() / leaf;
}

// Gives an O_TMPFILE file a name in its directory. Linux only; false where it cannot.
inline bool link_unnamed(int fd, const std::filesystem::path& name) noexcept
{
#if defined(__linux__) && defined(O_TMPFILE)
    char proc[64];
    std::snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (::linkat(AT_FDCWD, proc, AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0)
        return true;
#if defined(AT_EMPTY_PATH)
    return ::linkat(fd, "", AT_FDCWD, name.c_str(), AT_EMPTY_PATH) == 0; // needs privilege
#else
    return false;
#endif
#else
    (void)fd;
    (void)name;
    return false;
#endif
}

// Removes the temporaries ".<name>.ctnn-<pid>-<n>" that a process killed between naming its
// new file and renaming it (a window of two system calls) left beside `target`: those whose
// process no longer exists. A live process's temporary, or a name not of this form, is kept.
inline void remove_stale_temporaries(const std::filesystem::path& target)
{
    namespace fs = std::filesystem;
    std::string prefix(1, '.');
    prefix.append(target.filename().native());
    prefix.append(".ctnn-");
    std::error_code ec;
    const fs::path directory = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().native();
        if (name.compare(0, prefix.size(), prefix) != 0)
            continue;
        long pid = 0;
        char dash = 0;
        if (std::sscanf(name.c_str() + prefix.size(), "%ld%c", &pid, &dash) != 2 || dash != '-' ||
            pid <= 0 || pid == static_cast<long>(::getpid()))
            continue;
        if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
            ::unlink(it->path().c_str());
    }
}

inline void sync_directory(const std::filesystem::path& directory) noexcept
{
    const int fd = open_retrying(directory.c_str(), O_RDONLY | O_CLOEXEC
#if defined(O_DIRECTORY)
                                                        | O_DIRECTORY
#endif
                                 ,
                                 0);
    if (fd >= 0) {
        ::fsync(fd); // best effort: some file systems refuse fsync on a directory
        ::close(fd);
    }
}

} // namespace posix

inline file_outcome replace_file_posix(const std::filesystem::path& target,
                                       const unsigned char* data, std::size_t size)
{
    namespace fs = std::filesystem;
    {
        // Follow a symbolic link to the file it names (which need not exist yet).
        fs::path path = target;
        std::error_code ec;
        if (fs::is_symlink(fs::symlink_status(target, ec))) {
            path = fs::weakly_canonical(target, ec);
            if (ec)
                return {"cannot resolve the symbolic link", ec.value()};
        }
        if (path.filename().empty())
            return {"cannot open the file for writing: the path names a directory", EISDIR};

        struct stat old {};
        bool exists = ::stat(path.c_str(), &old) == 0;
        if (!exists && errno != ENOENT)
            return {"cannot open the file for writing", errno};
        if (exists && S_ISDIR(old.st_mode))
            return {"cannot open the file for writing: it is a directory", EISDIR};
        if (exists && (S_ISCHR(old.st_mode) || S_ISFIFO(old.st_mode))) {
            // A device or a pipe: nothing to keep, and nothing to rename over.
            const int fd = posix::open_retrying(path.c_str(), O_WRONLY | O_CLOEXEC, 0);
            if (fd < 0)
                return {"cannot open the file for writing", errno};
            int error = 0;
            const bool ok = posix::write_all(fd, data, size, error);
            ::close(fd);
            if (!ok)
                return {"writing the file failed", error};
            return {};
        }
        if (exists && !S_ISREG(old.st_mode))
            return {"cannot open the file for writing: it is neither a regular file, a character "
                    "device nor a FIFO, and ctnn never replaces it",
                    EINVAL};

        fs::path directory = path.parent_path();
        if (directory.empty())
            directory = ".";
        const mode_t mode = exists ? (old.st_mode & 07777) : 0666; // 0666 less the umask

        // An unnamed file first; a named one where the kernel or file system has none.
        int fd = -1;
        bool unnamed = false;
#if defined(__linux__) && defined(O_TMPFILE)
        fd = posix::open_retrying(directory.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
        unnamed = fd >= 0;
#endif
        fs::path temporary = posix::temporary_name(path);
        if (fd < 0) {
            for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
                fd = posix::open_retrying(temporary.c_str(),
                                          O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
                if (fd < 0 && errno == EEXIST)
                    temporary = posix::temporary_name(path);
                else
                    break;
            }
            if (fd < 0)
                return {"cannot create a temporary file beside the target", errno};
        }
        bool named = !unnamed; // whether `temporary` exists and must be removed on failure
        const auto fail = [&](const char* what, int error) {
            ::close(fd);
            if (named)
                ::unlink(temporary.c_str());
            return file_outcome{what, error};
        };

        int error = 0;
        if (!posix::write_all(fd, data, size, error))
            return fail("writing the file failed", error);
        if (exists) { // the old owner and permission bits, beyond the umask (best effort)
            if (::fchown(fd, old.st_uid, old.st_gid) != 0) {
            }
            if (::fchmod(fd, mode) != 0) {
            }
        }
        if (::fsync(fd) != 0)
            return fail("flushing the file to its device failed", errno);
        if (unnamed) {
            for (int attempt = 0; attempt < 100 && !named; ++attempt) {
                named = posix::link_unnamed(fd, temporary);
                if (!named && errno != EEXIST)
                    break;
                if (!named)
                    temporary = posix::temporary_name(path);
            }
            if (!named)
                return fail("cannot give the new file a name beside the target", errno);
        }
        if (::rename(temporary.c_str(), path.c_str()) != 0)
            return fail("cannot rename the new file over the target", errno);
        named = false;
        ::close(fd);
        posix::remove_stale_temporaries(path);
        posix::sync_directory(directory);
        return {};
    }
}

// Replaces the file at `target` with `size` bytes from `data`, atomically (see the top of the
// file). On failure the old file, if any, is untouched and no temporary file remains.
inline file_outcome replace_file(const std::filesystem::path& target, const unsigned char* data,
                                 std::size_t size) noexcept
{
#if defined(__cpp_exceptions)
    try {
        return replace_file_posix(target, data, size);
    }
    catch (...) { // std::bad_alloc from a path
        return {"out of memory while preparing the file names", ENOMEM};
    }
#else
    return replace_file_posix(target, data, size);
#endif
}

#else

// Without POSIX: a temporary file beside the target, renamed over it (std::filesystem::rename
// replaces the target). No fsync is available through the standard library.
inline file_outcome replace_file(const std::filesystem::path& target, const unsigned char* data,
                                 std::size_t size) noexcept
{
    namespace fs = std::filesystem;
    {
        std::error_code ec;
        if (fs::is_directory(target, ec))
            return {"cannot open the file for writing: it is a directory", 0};
        fs::path temporary = target;
        temporary += ".ctnn-tmp";
        {
            std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
            if (!out)
                return {"cannot create a temporary file beside the target", 0};
            out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
            out.close();
            if (!out) {
                fs::remove(temporary, ec);
                return {"writing the file failed", 0};
            }
        }
        fs::rename(temporary, target, ec);
        if (ec) {
            fs::remove(temporary, ec);
            return {"cannot rename the new file over the target", ec.value()};
        }
        return {};
    }
}

#endif

} // namespace ctnn::detail
