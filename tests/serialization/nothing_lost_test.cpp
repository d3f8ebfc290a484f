// A save that fails for any reason (a refused network, a full disk or a file-size limit, a kill in
// the middle) leaves the previous file as it was and no temporary beside it; a load reads no more
// than the destination network can hold, whatever the file's header claims.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <set>
#include <streambuf>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctnn/optimizer.hpp>

#include "../support/capped_child.hpp"
#include "support.hpp"

using namespace ctnn_test;
namespace fs = std::filesystem;

namespace {

using small_type = ctnn::network<2, 3, 1>;
// About 86,000 parameters: 346 KB in binary, 1.7 MB as text, so a kill lands mid-write often.
using big_type = ctnn::network<64, 256, 256, 16>;

// A scratch directory of its own per test, removed at the end.
struct scratch_dir {
    fs::path path;
    explicit scratch_dir(const char* name)
        : path(fs::temp_directory_path() /
               (std::string("ctnn_nothing_lost_") + name + "_" + std::to_string(::getpid())))
    {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~scratch_dir() { fs::remove_all(path); }

    // The names in the directory: a leftover temporary shows here.
    std::set<std::string> names() const
    {
        std::set<std::string> out;
        for (const auto& entry : fs::directory_iterator(path))
            out.insert(entry.path().filename().string());
        return out;
    }
};

std::string file_bytes(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

template <class Net>
Net filled(std::uint64_t seed)
{
    Net net;
    fill(net, seed);
    return net;
}

} // namespace

TEST_CASE("save: a refused save leaves the previous file and nothing else",
          "[serialization][atomic]")
{
    const scratch_dir dir("refused");
    const fs::path file = dir.path / "weights.ctnn";
    REQUIRE(ctnn::save(filled<small_type>(1), file));
    const std::string before = file_bytes(file);

    small_type bad = filled<small_type>(2);
    bad.values()[4] = std::numeric_limits<float>::quiet_NaN();
    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        const auto r = ctnn::save(bad, file, how);
        CHECK(r.error() == ctnn::io_error::non_finite_value);
        // One separator between the kind of failure and its detail.
        CHECK_THAT(r.message(), Catch::StartsWith("non-finite value: parameter 4 is NaN; "));
        CHECK(file_bytes(file) == before);
        CHECK(dir.names() == std::set<std::string>{"weights.ctnn"});
    }
    // Refused before the file system is touched: not even a missing directory is noticed.
    const auto r = ctnn::save(bad, dir.path / "no" / "such" / "dir.ctnn");
    CHECK(r.error() == ctnn::io_error::non_finite_value);
}

TEST_CASE("save: a write past the file-size limit leaves the previous file intact",
          "[serialization][atomic]")
{
    const scratch_dir dir("fsize");
    const fs::path file = dir.path / "weights.ctnn";
    const big_type old_net = filled<big_type>(3);
    REQUIRE(ctnn::save(old_net, file)); // binary: 346 KB
    const std::string before = file_bytes(file);
    REQUIRE(before.size() > 300000);

    // The text form is about 5 times larger: under a 1 MB limit the write fails with EFBIG, as
    // on a full disk.
    const auto outcome = ctnn::test::run_capped({.file_size = 1 << 20}, [&] {
        const auto r = ctnn::save(filled<big_type>(4), file, ctnn::format::text);
        const bool as_documented =
            r.error() == ctnn::io_error::io_failure &&
            std::string_view(r.message()).find("writing the file failed") != std::string_view::npos &&
            std::string_view(r.message()).find(file.string()) != std::string_view::npos;
        return as_documented ? 0 : 1;
    });
    CHECK(outcome.signal == 0);
    CHECK(outcome.exit_code == 0);
    CHECK(file_bytes(file) == before);
    CHECK(dir.names() == std::set<std::string>{"weights.ctnn"});
    big_type loaded;
    CHECK(ctnn::load(loaded, file));
    CHECK(bytes_of(loaded) == bytes_of(old_net));
}

TEST_CASE("save: a process killed while saving leaves one whole file and no temporary",
          "[serialization][atomic]")
{
    const scratch_dir dir("killed");
    const fs::path file = dir.path / "weights.ctnn";
    const big_type a = filled<big_type>(5);
    const big_type b = filled<big_type>(6);
    REQUIRE(ctnn::save(a, file, ctnn::format::text));

    std::mt19937 rng(7);
    std::uniform_int_distribution<int> delay_us(0, 40000);
    int killed_while_running = 0;
    std::vector<pid_t> children;
    for (int round = 0; round < 24; ++round) {
        std::fflush(nullptr);
        const pid_t child = fork();
        REQUIRE(child >= 0);
        children.push_back(child);
        if (child == 0) {
            // Saves b and a in turn, in both formats, until killed.
            for (unsigned k = 0;; ++k) {
                const auto how = (k / 2) % 2 ? ctnn::format::text : ctnn::format::binary;
                if (!ctnn::save(k % 2 ? a : b, file, how))
                    _exit(3);
            }
        }
        std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        if (WIFSIGNALED(status))
            ++killed_while_running;
        CAPTURE(round);
        // A kill between naming the new file and renaming it (two system calls) can leave the
        // child's temporary; nothing else may remain, and the next save removes it. The next
        // child may itself be killed before its first save (under an emulator it starts slowly),
        // so a temporary of any child killed so far may still be there; the last save below
        // must remove them all.
        for (const auto& name : dir.names())
            if (name != "weights.ctnn")
                CHECK(std::any_of(children.begin(), children.end(), [&](pid_t p) {
                    return name.starts_with(".weights.ctnn.ctnn-" + std::to_string(p) + "-");
                }));
        big_type loaded;
        const auto r = ctnn::load(loaded, file);
        INFO(r.message());
        REQUIRE(r);
        const auto got = bytes_of(loaded);
        CHECK((got == bytes_of(a) || got == bytes_of(b)));
    }
    CHECK(killed_while_running == 24);
    REQUIRE(ctnn::save(a, file));
    CHECK(dir.names() == std::set<std::string>{"weights.ctnn"});
}

TEST_CASE("save: a temporary left by a killed process is removed by the next save; a live one "
          "is kept", "[serialization][atomic]")
{
    const scratch_dir dir("stale");
    const fs::path file = dir.path / "weights.ctnn";
    std::fflush(nullptr);
    const pid_t gone = fork(); // a process that has ended: its pid names a dead saver
    REQUIRE(gone >= 0);
    if (gone == 0)
        _exit(0);
    ::waitpid(gone, nullptr, 0);
    const std::string stale = ".weights.ctnn.ctnn-" + std::to_string(gone) + "-0";
    const std::string live = ".weights.ctnn.ctnn-" + std::to_string(::getppid()) + "-0";
    const std::string other = ".other.ctnn.ctnn-" + std::to_string(gone) + "-0";
    for (const auto& name : {stale, live, other})
        std::ofstream(dir.path / name) << "partial";
    REQUIRE(ctnn::save(filled<small_type>(17), file));
    CHECK(dir.names() == std::set<std::string>{"weights.ctnn", live, other});
}

TEST_CASE("save: the new file keeps the old one's permissions; a symbolic link is kept",
          "[serialization][atomic]")
{
    const scratch_dir dir("links");
    const fs::path real = dir.path / "real.ctnn";
    const fs::path link = dir.path / "link.ctnn";
    REQUIRE(ctnn::save(filled<small_type>(8), real));
    fs::permissions(real, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read,
                    fs::perm_options::replace);
    fs::create_symlink(real.filename(), link);

    const small_type next = filled<small_type>(9);
    REQUIRE(ctnn::save(next, link));
    CHECK(fs::is_symlink(fs::symlink_status(link)));
    CHECK(fs::status(real).permissions() ==
          (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
    small_type loaded;
    REQUIRE(ctnn::load(loaded, real));
    CHECK(bytes_of(loaded) == bytes_of(next));
    CHECK(dir.names() == std::set<std::string>{"link.ctnn", "real.ctnn"});
}

TEST_CASE("save: a FIFO is written through, never replaced; a directory is refused",
          "[serialization][atomic]")
{
    const scratch_dir dir("fifo");
    const fs::path fifo = dir.path / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] {
        std::ifstream in(fifo, std::ios::binary);
        received.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    });
    const small_type net = filled<small_type>(10);
    const auto r = ctnn::save(net, fifo);
    reader.join();
    INFO(r.message());
    CHECK(r);
    CHECK(fs::is_fifo(fifo));
    CHECK(received == saved(net, ctnn::format::binary));

    const auto d = ctnn::save(net, dir.path);
    CHECK(d.error() == ctnn::io_error::io_failure);
    CHECK_THAT(d.message(), Catch::Contains("cannot open the file for writing"));
    CHECK(fs::is_directory(dir.path));
    CHECK(dir.names() == std::set<std::string>{"pipe"});
}

namespace {

// A stream that yields `prefix`, then `filler` bytes without end (or up to `cap`), and counts
// what was taken from it: a device such as /dev/zero behind a valid-looking header.
class endless_buffer : public std::streambuf {
public:
    endless_buffer(std::string prefix, char filler, std::size_t cap)
        : prefix_(std::move(prefix)), filler_(filler), cap_(cap)
    {
        chunk_.assign(1 << 16, filler_);
    }
    std::size_t consumed() const { return given_ - static_cast<std::size_t>(egptr() - gptr()); }

protected:
    int_type underflow() override
    {
        if (given_ >= cap_)
            return traits_type::eof();
        if (given_ < prefix_.size()) {
            setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
            given_ = prefix_.size();
        }
        else {
            setg(chunk_.data(), chunk_.data(), chunk_.data() + chunk_.size());
            given_ += chunk_.size();
        }
        return traits_type::to_int_type(*gptr());
    }

private:
    std::string prefix_;
    std::string chunk_;
    char filler_;
    std::size_t cap_;
    std::size_t given_ = 0;
};

} // namespace

TEST_CASE("load: a header announcing more than the network holds is refused unread",
          "[serialization][bounds]")
{
    const std::string good = saved(filled<small_type>(11), ctnn::format::binary);
    const std::size_t header_and_signature = good.size() - 13 * 4 - 8;
    const auto with_payload = [&](std::uint64_t payload) {
        std::string header = good.substr(0, header_and_signature);
        for (std::size_t k = 0; k < 8; ++k)
            header[20 + k] = static_cast<char>((payload >> (8 * k)) & 0xffu);
        return header;
    };

    SECTION("6 GiB of payload announced")
    {
        // The stream would deliver 64 MiB of zeros before ending: the old loader read them all.
        endless_buffer source(with_payload(std::uint64_t{6} << 30), '\0', 64 << 20);
        std::istream in(&source);
        small_type net = filled<small_type>(12);
        const auto before = bytes_of(net);
        const auto r = ctnn::load(net, in);
        INFO(r.message());
        CHECK(r.error() == ctnn::io_error::malformed);
        CHECK_THAT(r.message(), Catch::Contains("the payload holds 6442450944 bytes where its "
                                                "signatures call for 52"));
        CHECK(source.consumed() == header_and_signature);
        CHECK(bytes_of(net) == before);
    }
    SECTION("a signature of 4 GiB announced")
    {
        std::string header = with_payload(52);
        header[12] = header[13] = header[14] = header[15] = '\xff';
        endless_buffer source(header, 'a', 64 << 20);
        std::istream in(&source);
        small_type net;
        const auto r = ctnn::load(net, in);
        CHECK(r.error() == ctnn::io_error::malformed);
        CHECK_THAT(r.message(), Catch::Contains("signatures of 4294967295 and 0 bytes"));
        CHECK(source.consumed() == ctnn::detail::binary_header_size);
    }
    SECTION("another network's file, announcing 6 GiB, is a type mismatch found unread")
    {
        std::string header = with_payload(std::uint64_t{6} << 30);
        header.replace(header.find("2-3-1"), 5, "2-9-1");
        endless_buffer source(header, '\0', 64 << 20);
        std::istream in(&source);
        small_type net;
        const auto r = ctnn::load(net, in);
        CHECK(r.error() == ctnn::io_error::type_mismatch);
        CHECK(source.consumed() == header_and_signature);
    }
}

TEST_CASE("load: a file with an optimiser state reads exactly that state's bytes",
          "[serialization][bounds]")
{
    small_type net = filled<small_type>(13);
    ctnn::optimizer_state<ctnn::adam, small_type> state{};
    fill(state.m, 14);
    std::ostringstream out;
    REQUIRE(ctnn::save<ctnn::adam>(net, state, out));
    std::string file = out.str();
    small_type loaded;
    CHECK(load_string(loaded, file)); // the state is skipped
    CHECK(bytes_of(loaded) == bytes_of(net));

    // 4 bytes more than "adam: parameters parameters u64 f64 f64" calls for.
    file[20] = static_cast<char>(file[20] + 4);
    file.insert(file.size() - 8, std::string(4, '\0'));
    reseal_binary(file);
    const auto r = load_string(loaded, file);
    CHECK(r.error() == ctnn::io_error::malformed);
    CHECK_THAT(r.message(), Catch::Contains("where its signatures call for 180"));
}

TEST_CASE("load: text without a checksum line is read only as far as the network allows",
          "[serialization][bounds]")
{
    for (char filler : {'a', '\n'}) {
        endless_buffer source("ctnn text\nversion 1\n", filler, 64 << 20);
        std::istream in(&source);
        small_type net = filled<small_type>(15);
        const auto before = bytes_of(net);
        const auto r = ctnn::load(net, in);
        INFO(r.message());
        CHECK(r.error() == ctnn::io_error::malformed);
        CHECK_THAT(r.message(), Catch::Contains("without a checksum line"));
        // 16 KiB + 64 bytes for each of 13 parameters and up to 4 x 13 + 64 state values.
        CHECK(source.consumed() <= 16384 + 64 * (13 + 4 * 13 + 64) + 1);
        CHECK(bytes_of(net) == before);
    }
}

TEST_CASE("load: a 6 GiB sparse file claiming that payload needs no memory for it",
          "[serialization][bounds]")
{
    const scratch_dir dir("sparse");
    const fs::path file = dir.path / "huge.ctnn";
    {
        const std::string good = saved(filled<small_type>(16), ctnn::format::binary);
        std::string header = good.substr(0, good.size() - 13 * 4 - 8);
        const std::uint64_t payload = std::uint64_t{6} << 30;
        for (std::size_t k = 0; k < 8; ++k)
            header[20 + k] = static_cast<char>((payload >> (8 * k)) & 0xffu);
        std::ofstream(file, std::ios::binary) << header;
        fs::resize_file(file, header.size() + payload + 8);
    }
    if (!ctnn::test::address_space_caps_work) {
        WARN("address-space caps do not work under a sanitizer: the bound is checked unconfined");
        small_type net;
        CHECK(ctnn::load(net, file).error() == ctnn::io_error::malformed);
        return;
    }
    // 32 MiB of address space beyond what the process has: the old loader ran out of it.
    const auto outcome = ctnn::test::run_capped({.address_space = 32 << 20}, [&] {
        small_type net;
        const auto r = ctnn::load(net, file);
        return r.error() == ctnn::io_error::malformed ? 0 : 1;
    });
    CHECK(outcome.signal == 0);
    CHECK(outcome.exit_code == 0);
}
