// Save then load gives back every parameter bit for bit, in both formats, for float and double,
// with and without bias, through every built-in activation, through streams and files, and with
// an optimiser's state.
#include <catch2/catch.hpp>

#include <filesystem>

#include <ctnn/optimizer.hpp>

#include "support.hpp"

using namespace ctnn_test;

namespace {

template <class Net>
void check_round_trip(std::uint64_t seed)
{
    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        CAPTURE(how == ctnn::format::binary ? "binary" : "text");
        Net original;
        fill(original, seed);
        const std::string file = saved(original, how);
        Net copy;
        const auto r = load_string(copy, file);
        INFO(r.message());
        REQUIRE(r);
        CHECK(r.error() == ctnn::io_error::none);
        CHECK(bytes_of(copy) == bytes_of(original));
        // Saving the copy gives the same file: nothing in it depends on more than the values.
        CHECK(saved(copy, how) == file);
    }
}

} // namespace

TEMPLATE_TEST_CASE("save then load restores every parameter bit for bit", "[serialization]",
                   float, double)
{
    using T = TestType;
    SECTION("sigmoid with bias")
    {
        check_round_trip<ctnn::basic_network<ctnn::options<T>, 2, 3, 1>>(1);
    }
    SECTION("without bias")
    {
        check_round_trip<ctnn::basic_network<ctnn::options<T, ctnn::no_bias>, 2, 3, 1>>(2);
    }
    SECTION("every built-in activation, biases mixed") { check_round_trip<mixed_net<T>>(3); }
    SECTION("identity output, 1-1")
    {
        using one_one = ctnn::sequential<ctnn::options<T>, ctnn::input<1>,
                                         ctnn::dense<1, ctnn::identity>>;
        check_round_trip<one_one>(4);
    }
}

TEST_CASE("the text format writes hexadecimal floats, one row per input", "[serialization]")
{
    ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 1> net;
    net.set_weights<0>({{0.1}, {-3.0}});
    const std::string text = saved(net, ctnn::format::text);
    CHECK(text.find("network double 2-1 sigmoid/no-bias\n") != std::string::npos);
    // 0.1 is 0x1.999999999999ap-4 exactly (C's printf %a); -3 is -1.5 * 2^1.
    CHECK(text.find("layer 0 weights 2x1\n0x1.999999999999ap-4\n-0x1.8p+1\n") != std::string::npos);
}

TEST_CASE("files on disk round-trip, and a file with a state loads into a network alone",
          "[serialization]")
{
    using net_type = ctnn::network<2, 3, 1>;
    const auto dir = std::filesystem::temp_directory_path() / "ctnn_serialization_roundtrip";
    std::filesystem::create_directories(dir);
    net_type original;
    fill(original, 5);
    ctnn::optimizer_state<ctnn::adam, net_type> state;
    fill(state.m, 6);
    fill(state.v, 7);
    state.step_count = 12345;
    state.beta1_power = 0.9 * 0.9 * 0.9;
    state.beta2_power = 0.999 * 0.999;

    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        const auto plain = dir / "plain.ctnn";
        const auto checkpoint = dir / "checkpoint.ctnn";
        REQUIRE(ctnn::save(original, plain, how));
        REQUIRE(ctnn::save<ctnn::adam>(original, state, checkpoint, how));

        net_type a, b;
        REQUIRE(ctnn::load(a, plain));
        CHECK(bytes_of(a) == bytes_of(original));
        // A checkpoint deploys: its state is checked by the checksum and skipped.
        REQUIRE(ctnn::load(b, checkpoint));
        CHECK(bytes_of(b) == bytes_of(original));

        net_type c;
        ctnn::optimizer_state<ctnn::adam, net_type> restored;
        const auto r = ctnn::load<ctnn::adam>(c, restored, checkpoint);
        INFO(r.message());
        REQUIRE(r);
        CHECK(bytes_of(c) == bytes_of(original));
        CHECK(bytes_of(restored.m) == bytes_of(state.m));
        CHECK(bytes_of(restored.v) == bytes_of(state.v));
        CHECK(restored.step_count == 12345);
        CHECK(restored.beta1_power == state.beta1_power);
        CHECK(restored.beta2_power == state.beta2_power);
    }
    std::filesystem::remove_all(dir);
}

TEMPLATE_TEST_CASE("every optimiser's state round-trips", "[serialization]", ctnn::sgd,
                   ctnn::momentum, ctnn::nesterov, ctnn::adamw)
{
    using net_type = ctnn::basic_network<ctnn::options<double>, 2, 2, 1>;
    net_type net;
    fill(net, 8);
    ctnn::optimizer_state<TestType, net_type> state{};
    if constexpr (requires { state.velocity; })
        fill(state.velocity, 9);
    if constexpr (requires { state.m; }) {
        fill(state.m, 10);
        state.step_count = 3;
    }
    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        std::stringstream file;
        REQUIRE(ctnn::save<TestType>(net, state, file, how));
        net_type copy;
        ctnn::optimizer_state<TestType, net_type> restored{};
        const auto r = ctnn::load<TestType>(copy, restored, file);
        INFO(r.message());
        REQUIRE(r);
        CHECK(bytes_of(copy) == bytes_of(net));
        if constexpr (requires { state.velocity; })
            CHECK(bytes_of(restored.velocity) == bytes_of(state.velocity));
        if constexpr (requires { state.m; }) {
            CHECK(bytes_of(restored.m) == bytes_of(state.m));
            CHECK(restored.step_count == 3);
        }
    }
}

TEST_CASE("a stream can hold several files one after another", "[serialization]")
{
    ctnn::network<1, 1> first, second, a, b;
    fill(first, 11);
    fill(second, 12);
    std::stringstream stream;
    REQUIRE(ctnn::save(first, stream, ctnn::format::text));
    REQUIRE(ctnn::save(second, stream, ctnn::format::binary));
    REQUIRE(ctnn::load(a, stream));
    REQUIRE(ctnn::load(b, stream));
    CHECK(bytes_of(a) == bytes_of(first));
    CHECK(bytes_of(b) == bytes_of(second));
}

TEST_CASE("the _or_throw forms throw serialization_error with the code", "[serialization]")
{
    ctnn::network<2, 1> net;
    std::stringstream file;
    ctnn::save_or_throw(net, file);
    ctnn::network<2, 1> copy;
    ctnn::load_or_throw(copy, file);
    ctnn::network<3, 1> other;
    std::stringstream again(saved(net, ctnn::format::binary));
    try {
        ctnn::load_or_throw(other, again);
        FAIL("no exception");
    }
    catch (const ctnn::serialization_error& e) {
        CHECK(e.code() == ctnn::io_error::type_mismatch);
        CHECK_THAT(e.what(), Catch::Contains("float 2-1 sigmoid/bias"));
    }
}
