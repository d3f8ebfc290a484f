// Files cross targets unchanged. The files in files/ were written by ctnn::save on x86-64 (g++
// 12.2, 2026-12-07) from the networks built here (every parameter from ctnn's integer generator,
// then -0, subnormals, the extremes, 1/3), in both formats and both scalar types. On every
// target this suite runs on (x86-64, and AArch64 under QEMU in CI), loading them must give those
// networks bit for bit, and saving those networks must give the same bytes back: so a file
// written on one target loads bit-identically on the other, in both directions. (format_test.cpp
// checks the layout itself against files written out by hand.)
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include "support.hpp"

using namespace ctnn_test;

namespace {

std::string committed(const std::string& name)
{
    std::ifstream in(std::string(CTNN_CROSS_TARGET_FILES) + "/" + name, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEMPLATE_TEST_CASE("files written on x86-64 load bit for bit here, and this target writes the same bytes",
                   "[serialization][cross-target]", float, double)
{
    using net_t = mixed_net<TestType>;
    net_t expected;
    fill(expected, 2026);
    const std::string type = std::is_same_v<TestType, float> ? "float" : "double";

    for (const auto& [how, extension] :
         {std::pair{ctnn::format::binary, ".ctnn"}, std::pair{ctnn::format::text, ".txt"}}) {
        const std::string name = "mixed_" + type + extension;
        INFO(name);
        const std::string bytes = committed(name);

        net_t loaded;
        const auto result = load_string(loaded, bytes);
        INFO(result.message());
        REQUIRE(result);
        CHECK(bytes_of(loaded) == bytes_of(expected));

        CHECK(saved(expected, how) == bytes);
    }
}
