// Every way a load can fail gives its own code and a message naming the problem, and leaves the
// network (and the optimiser state) bit-for-bit as it was.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <ctnn/optimizer.hpp>

#include "support.hpp"

using namespace ctnn_test;

namespace {

using net_type = ctnn::network<2, 3, 1>;

// A network whose bytes differ from anything the tests load, so that a partial write would show.
net_type target_network()
{
    net_type net;
    fill(net, 99);
    return net;
}

net_type source_network()
{
    net_type net;
    fill(net, 1);
    net.set_weights<1>({{1.5f}, {-3.0f}, {0.25f}});
    return net;
}

// Loads `bytes` into a fresh target and checks the error code, the message and that the target
// kept its bytes.
void expect_failure(const std::string& bytes, ctnn::io_error code, const std::string& words)
{
    net_type net = target_network();
    const auto before = bytes_of(net);
    const auto r = load_string(net, bytes);
    INFO(r.message());
    CHECK_FALSE(r);
    CHECK(r.error() == code);
    CHECK_THAT(r.message(), Catch::Contains(words));
    CHECK(bytes_of(net) == before);
}

void replace(std::string& text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("load: data that is not a ctnn file", "[serialization][errors]")
{
    expect_failure("hello, world\n", ctnn::io_error::not_a_ctnn_file, "magic number");
    expect_failure(std::string("\x89PNG\r\n\x1a\n\0\0\0\0", 12), ctnn::io_error::not_a_ctnn_file,
                   "magic number");
    expect_failure("ctnn texture\n", ctnn::io_error::not_a_ctnn_file, "ctnn text");
    expect_failure("", ctnn::io_error::truncated, "empty");
}

TEST_CASE("load: a format version this ctnn does not read", "[serialization][errors]")
{
    std::string binary = saved(source_network(), ctnn::format::binary);
    binary[8] = 2;
    reseal_binary(binary);
    expect_failure(binary, ctnn::io_error::unsupported_version, "version 2");

    std::string text = saved(source_network(), ctnn::format::text);
    replace(text, "version 1\n", "version 7\n");
    reseal_text(text);
    expect_failure(text, ctnn::io_error::unsupported_version, "version 7");
}

TEST_CASE("load: a file of another network type names both types", "[serialization][errors]")
{
    using other_type = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 4, 1>;
    other_type other;
    fill(other, 3);
    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        const std::string file = saved(other, how);
        expect_failure(file, ctnn::io_error::type_mismatch,
                       "file holds network double 2-4-1 sigmoid/no-bias sigmoid/no-bias, this "
                       "network is float 2-3-1 sigmoid/bias sigmoid/bias");
    }
    // One activation differs.
    using tanh_type = ctnn::sequential<ctnn::options<float>, ctnn::input<2>,
                                       ctnn::dense<3, ctnn::tanh>, ctnn::dense<1>>;
    expect_failure(saved(tanh_type{}, ctnn::format::text), ctnn::io_error::type_mismatch,
                   "float 2-3-1 tanh/bias sigmoid/bias");
}

TEST_CASE("load<Opt>: no state, or another optimiser's, is a type mismatch",
          "[serialization][errors]")
{
    net_type net = target_network();
    ctnn::optimizer_state<ctnn::adam, net_type> state;
    fill(state.m, 5);
    state.step_count = 7;
    const auto before = bytes_of(net);
    const auto state_before = bytes_of(state.m);
    const auto check = [&](const std::string& bytes, const std::string& words) {
        std::istringstream in(bytes);
        const auto r = ctnn::load<ctnn::adam>(net, state, in);
        INFO(r.message());
        CHECK(r.error() == ctnn::io_error::type_mismatch);
        CHECK_THAT(r.message(), Catch::Contains(words));
        CHECK(bytes_of(net) == before);
        CHECK(bytes_of(state.m) == state_before);
        CHECK(state.step_count == 7);
    };
    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        check(saved(source_network(), how), "file holds optimizer state nothing");
        std::stringstream adamw_file;
        const ctnn::optimizer_state<ctnn::adamw, net_type> adamw_state{};
        REQUIRE(ctnn::save<ctnn::adamw>(source_network(), adamw_state, adamw_file, how));
        check(adamw_file.str(), "file holds optimizer state adamw: parameters parameters u64 "
                                "f64 f64, this load expects adam:");
    }
}

TEST_CASE("load: every strict prefix of a file is reported truncated", "[serialization][errors]")
{
    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        const std::string file = saved(source_network(), how);
        for (std::size_t size = 1; size < file.size(); ++size) {
            CAPTURE(size);
            expect_failure(file.substr(0, size), ctnn::io_error::truncated, "");
        }
    }
}

TEST_CASE("load: altered bytes fail the checksum", "[serialization][errors]")
{
    std::string binary = saved(source_network(), ctnn::format::binary);
    binary[binary.size() - 12] ^= 0x01; // the last parameter's lowest byte
    expect_failure(binary, ctnn::io_error::bad_checksum, "the file was altered or damaged");

    std::string text = saved(source_network(), ctnn::format::text);
    replace(text, "-0x1.8p+1", "-0x1.9p+1");
    expect_failure(text, ctnn::io_error::bad_checksum, "hash to");
}

TEST_CASE("load: a NaN or infinity is refused with its index", "[serialization][errors]")
{
    std::string binary = saved(source_network(), ctnn::format::binary);
    // Parameter 13 (layer 1's bias, the last value) is the payload's last 4 bytes: a quiet NaN.
    const std::size_t at = binary.size() - 8 - 4;
    binary.replace(at, 4, std::string("\x00\x00\xc0\x7f", 4));
    reseal_binary(binary);
    expect_failure(binary, ctnn::io_error::non_finite_value, "parameter 12 is NaN");

    std::string text = saved(source_network(), ctnn::format::text);
    replace(text, "-0x1.8p+1", "-inf");
    reseal_text(text);
    // Layer 1's weights start at parameter 2*3 + 3 = 9; -3 is its second.
    expect_failure(text, ctnn::io_error::non_finite_value, "parameter 10 is -infinity");
}

TEST_CASE("save: a network holding a NaN is refused and nothing is written",
          "[serialization][errors]")
{
    net_type net = source_network();
    net.values()[4] = std::numeric_limits<float>::quiet_NaN();
    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        std::ostringstream out;
        const auto r = ctnn::save(net, out, how);
        CHECK(r.error() == ctnn::io_error::non_finite_value);
        CHECK_THAT(r.message(), Catch::Contains("parameter 4 is NaN"));
        CHECK(out.str().empty());
    }
}

TEST_CASE("load: text that breaks the format names its line", "[serialization][errors]")
{
    const std::string good = saved(source_network(), ctnn::format::text);
    // Lines: 1 magic, 2 version, 3 network, 4 "layer 0 weights 2x3", 5-6 rows, 7 bias label,
    // 8 bias, 9 "layer 1 weights 3x1", 10-12 rows.
    std::string decimal = good;
    replace(decimal, "-0x1.8p+1", "-1.5");
    reseal_text(decimal);
    expect_failure(decimal, ctnn::io_error::malformed, "line 11: expected a hexadecimal");

    std::string extra = good;
    replace(extra, "-0x1.8p+1\n", "-0x1.8p+1 0x1p+0\n");
    reseal_text(extra);
    expect_failure(extra, ctnn::io_error::malformed, "line 11: expected 1 value");

    std::string label = good;
    replace(label, "layer 1 weights 3x1", "layer 1 weights 1x3");
    reseal_text(label);
    expect_failure(label, ctnn::io_error::malformed, "line 9: expected \"layer 1 weights 3x1\"");

    std::string trailing = good;
    replace(trailing, "checksum", "layer 2 bias 1\n0x1p+0\nchecksum");
    reseal_text(trailing);
    expect_failure(trailing, ctnn::io_error::malformed, "line 15: expected the checksum line");
}

TEST_CASE("load: a binary payload whose size contradicts its signature", "[serialization][errors]")
{
    std::string binary = saved(source_network(), ctnn::format::binary);
    // Declare and append 4 more payload bytes, and seal it: consistent bytes, wrong content.
    binary[20] = static_cast<char>(binary[20] + 4);
    binary.insert(binary.size() - 8, std::string(4, '\0'));
    reseal_binary(binary);
    expect_failure(binary, ctnn::io_error::malformed, "the payload holds 56 bytes where its "
                                                      "signatures call for 52");
}

TEST_CASE("load and save: I/O failures name the file", "[serialization][errors]")
{
    const auto dir = std::filesystem::temp_directory_path() / "ctnn_serialization_errors";
    std::filesystem::create_directories(dir);
    net_type net = target_network();
    const auto before = bytes_of(net);

    const auto missing = dir / "missing.ctnn";
    const auto r = ctnn::load(net, missing);
    CHECK(r.error() == ctnn::io_error::io_failure);
    CHECK_THAT(r.message(), Catch::Contains("cannot open the file for reading") &&
                                Catch::Contains(missing.string()));
    CHECK(bytes_of(net) == before);

    const auto w = ctnn::save(net, dir); // a directory cannot be opened as a file
    CHECK(w.error() == ctnn::io_error::io_failure);
    CHECK_THAT(w.message(), Catch::Contains("cannot open the file for writing"));

    std::istringstream bad(saved(source_network(), ctnn::format::binary));
    bad.setstate(std::ios::badbit);
    CHECK(ctnn::load(net, bad).error() == ctnn::io_error::io_failure);
    CHECK(bytes_of(net) == before);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a file with any one byte changed is rejected or loads the same values",
          "[serialization][errors]")
{
    using small_type = ctnn::network<2, 1>;
    small_type source;
    fill(source, 21);
    const auto source_bytes = bytes_of(source);
    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        const std::string file = saved(source, how);
        std::size_t rejected = 0;
        for (std::size_t at = 0; at < file.size(); ++at)
            for (unsigned flip : {0x01u, 0x80u, 0xffu}) {
                std::string damaged = file;
                damaged[at] = static_cast<char>(static_cast<unsigned char>(damaged[at]) ^ flip);
                small_type net;
                fill(net, 22);
                const auto before = bytes_of(net);
                const auto r = load_string(net, damaged);
                if (r)
                    CHECK(bytes_of(net) == source_bytes);
                else {
                    ++rejected;
                    CHECK(bytes_of(net) == before);
                }
            }
        // With a checksum over everything, every single change is caught.
        CHECK(rejected == 3 * file.size());
    }
}
