// RTNeural's JSON model format (ctnn/rtneural.hpp): a hand-written file against hand-computed
// outputs, bit-exact round trips in float and double, the layout RTNeural's loader expects,
// every refusal with the network left unchanged, and the loader's bounds (max_bytes, regular
// files only) against the attacks of issue 10, item 3, in child processes under an address-space
// cap.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <ctnn/network.hpp>
#include <ctnn/random.hpp>
#include <ctnn/rtneural.hpp>

#include "../serialization/support.hpp"
#include "../support/bounded_child.hpp"

namespace {

template <class T>
using hand_net = ctnn::sequential<ctnn::options<T>, ctnn::input<2>, ctnn::dense<3, ctnn::relu>,
                                  ctnn::dense<2, ctnn::sigmoid>>;

// Every activation both formats share, a layer without bias, and a square layer (where a
// transposed kernel would still fit, so only the values can catch it).
template <class T>
using mixed_net =
    ctnn::sequential<ctnn::options<T>, ctnn::input<3>, ctnn::dense<4, ctnn::tanh>,
                     ctnn::dense<4, ctnn::relu, ctnn::no_bias>, ctnn::dense<3, ctnn::elu<1, 1>>,
                     ctnn::dense<3, ctnn::identity>, ctnn::dense<2, ctnn::sigmoid>,
                     ctnn::dense<2, ctnn::softmax>>;

// RTNeural's names, as each activation declares them (rtneural_name), whatever ctnn's exp
// policy; a custom activation without one has none.
static_assert(ctnn::detail::rtneural_activation<ctnn::identity>() == "");
static_assert(ctnn::detail::rtneural_activation<ctnn::basic_tanh<ctnn::std_exp>>() == "tanh");
static_assert(ctnn::detail::rtneural_activation<ctnn::basic_sigmoid<ctnn::polynomial_exp>>() == "sigmoid");
static_assert(ctnn::detail::rtneural_activation<ctnn::relu>() == "relu");
static_assert(ctnn::detail::rtneural_activation<ctnn::softmax>() == "softmax");
static_assert(ctnn::detail::rtneural_activation<ctnn::elu<>>() == "elu");
static_assert(ctnn::detail::rtneural_activation<ctnn::basic_elu<2, 2, ctnn::std_exp>>() == "elu");
static_assert(ctnn::detail::rtneural_activation<ctnn::elu<1, 2>>() == "?");
static_assert(ctnn::detail::rtneural_activation<ctnn::softplus>() == "?");
static_assert(ctnn::detail::rtneural_activation<ctnn::silu>() == "?");
static_assert(ctnn::detail::rtneural_activation<ctnn::gelu_tanh>() == "?");
static_assert(ctnn::detail::rtneural_activation<ctnn::gelu>() == "?");
static_assert(ctnn::detail::rtneural_activation<ctnn::leaky_relu<>>() == "?");

struct cube {
    template <class T>
    static constexpr T value(T z) noexcept { return z * z * z; }
};
static_assert(ctnn::detail::rtneural_activation<cube>() == "?");

// Bit-for-bit snapshots and the exactness-stressing fill of the native-format tests.
using ctnn_test::bytes_of;
using ctnn_test::fill;

std::string hand_written_path()
{
    return std::string(CTNN_INTEROP_DATA_DIR) + "/hand_written.json";
}

// The hand-written model as JSON, for tests that change one thing in it.
nlohmann::json hand_written()
{
    std::ifstream in(hand_written_path());
    return nlohmann::json::parse(in);
}

// Loading `json` into a network holding known values fails with `error`, the message contains
// `fragment`, and the network keeps every bit.
template <class Net>
void refused(const std::string& json, ctnn::io_error error, const std::string& fragment)
{
    Net net;
    fill(net, 5);
    const auto before = bytes_of(net);
    std::istringstream in(json);
    const ctnn::io_result r = ctnn::load_rtneural(net, in);
    INFO("JSON: " << json.substr(0, 300));
    INFO("message: " << r.message());
    CHECK_FALSE(r);
    CHECK(r.error() == error);
    CHECK(std::string(r.message()).find(fragment) != std::string::npos);
    CHECK(bytes_of(net) == before);
}

template <class Net>
void refused_json(const nlohmann::json& json, ctnn::io_error error, const std::string& fragment)
{
    refused<Net>(json.dump(), error, fragment);
}

// A stream of `size` bytes made as it is read, `head` and then `fill` over and over, never held
// whole: a test hands a loader 200 MB without writing or keeping them. pulled() counts the bytes
// the reader took.
class generated_buffer : public std::streambuf {
public:
    generated_buffer(std::string head, std::string fill, std::size_t size)
        : head_(std::move(head)), fill_(std::move(fill)), size_(size)
    {
    }
    std::size_t pulled() const noexcept
    {
        return made_ - static_cast<std::size_t>(egptr() - gptr());
    }

protected:
    int_type underflow() override
    {
        if (made_ == size_)
            return traits_type::eof();
        const std::size_t n = std::min(buffer_.size(), size_ - made_);
        for (std::size_t k = 0; k < n; ++k, ++made_)
            buffer_[k] = made_ < head_.size()
                             ? head_[made_]
                             : fill_[(made_ - head_.size()) % fill_.size()];
        setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
        return traits_type::to_int_type(buffer_[0]);
    }

private:
    std::string head_, fill_;
    std::size_t size_;
    std::size_t made_ = 0;
    std::array<char, 65536> buffer_{};
};

// Runs `load` (returning an io_result) in a child process under an address-space cap of `cap`
// bytes beyond what this process maps and a 20-second alarm, and checks that it failed with
// `error` and a message containing `fragment`: not an abort (std::terminate), not a hang. Where
// sanitizers make address-space caps meaningless the child runs without one (a WARN says so).
template <class Load>
void check_refused_in_bounded_memory(std::size_t cap, ctnn::io_error error,
                                     const std::string& fragment, Load&& load)
{
    const ctnn::test::child_outcome outcome = ctnn::test::run_bounded(cap, [&] {
        const ctnn::io_result r = load();
        if (!r && r.error() == error &&
            std::string(r.message()).find(fragment) != std::string::npos)
            return 0;
        std::fprintf(stderr, "child: the result was \"%s\"\n", r.message());
        return 1;
    });
    INFO("the child's exit code: 0 the expected failure, 1 another result (printed above), -1 a "
         "signal (6: std::terminate); it was "
         << outcome.exit_code << " (signal " << outcome.signal << ")");
    CHECK(outcome.exit_code == 0);
}

constexpr std::size_t mib = std::size_t{1} << 20;

} // namespace

TEMPLATE_TEST_CASE("A hand-written RTNeural model loads and computes what was worked out by hand",
                   "[interop][rtneural]", float, double)
{
    using T = TestType;
    hand_net<T> net;
    const ctnn::io_result r = ctnn::load_rtneural(net, hand_written_path());
    INFO(r.message());
    REQUIRE(r);

    // The kernel's rows are inputs: kernel[0][1] = -2 is the weight from input 0 to output 1.
    CHECK(net.template weights<0>()(0, 1) == T(-2));
    CHECK(net.template weights<0>()(1, 0) == T(0.25));
    CHECK(net.template bias<0>()[2] == T(-0.25));
    CHECK(net.template weights<1>()(2, 0) == T(-1));
    CHECK(net.template bias<1>()[1] == T(1));

    const T tolerance = std::is_same_v<T, float> ? T(1e-6) : T(1e-14);
    // x = (2, -4): z0 = (2 - 1 + 0.5, -4 - 4 + 0, 1 + 4 - 0.25) = (1.5, -8, 4.75);
    // relu (1.5, 0, 4.75); z1 = (1.5 - 4.75 + 0, -1.5 + 0 + 1) = (-3.25, -0.5);
    // sigmoid: 1 / (1 + e^3.25), 1 / (1 + e^0.5).
    const auto y = net.forward(std::array<T, 2>{T(2), T(-4)});
    CHECK(y[0] == Approx(1.0 / (1.0 + std::exp(3.25))).epsilon(tolerance));
    CHECK(y[1] == Approx(1.0 / (1.0 + std::exp(0.5))).epsilon(tolerance));

    // x = (1, 0) picks kernel row 0: z0 = (1.5, -2, 0.25), relu (1.5, 0, 0.25);
    // z1 = (1.5 - 0.25, -1.5 + 1) = (1.25, -0.5).
    const auto y2 = net.forward(std::array<T, 2>{T(1), T(0)});
    CHECK(y2[0] == Approx(1.0 / (1.0 + std::exp(-1.25))).epsilon(tolerance));
    CHECK(y2[1] == Approx(1.0 / (1.0 + std::exp(0.5))).epsilon(tolerance));
}

TEMPLATE_TEST_CASE("Writing RTNeural JSON and reading it back gives the same bits",
                   "[interop][rtneural]", float, double)
{
    using Net = mixed_net<TestType>;
    Net net;
    fill(net, 42);
    for (int indent : {2, -1}) {
        std::stringstream json;
        const ctnn::io_result saved = ctnn::save_rtneural(net, json, indent);
        INFO(saved.message());
        REQUIRE(saved);
        Net copy;
        const ctnn::io_result loaded = ctnn::load_rtneural(copy, json);
        INFO(loaded.message());
        REQUIRE(loaded);
        CHECK(bytes_of(copy) == bytes_of(net));
    }

    nlohmann::json j;
    REQUIRE(ctnn::to_rtneural_json(net, j));
    Net copy;
    REQUIRE(ctnn::from_rtneural_json(copy, j));
    CHECK(bytes_of(copy) == bytes_of(net));
}

TEMPLATE_TEST_CASE("The JSON written is laid out as RTNeural's loader reads it",
                   "[interop][rtneural]", float, double)
{
    using T = TestType;
    using Net = mixed_net<T>;
    Net net;
    fill(net, 7);
    nlohmann::json j;
    REQUIRE(ctnn::to_rtneural_json(net, j));

    REQUIRE(j["in_shape"].is_array());
    CHECK(j["in_shape"].back() == 3);
    REQUIRE(j["layers"].size() == 6);
    const char* activations[] = {"tanh", "relu", "elu", "", "sigmoid", "softmax"};
    const std::size_t widths[] = {3, 4, 4, 3, 3, 2, 2};
    for (std::size_t l = 0; l < 6; ++l) {
        const nlohmann::json& layer = j["layers"][l];
        CHECK(layer["type"] == "dense");
        CHECK(layer["activation"] == activations[l]);
        CHECK(layer["shape"].back() == widths[l + 1]);
        REQUIRE(layer["weights"].size() == 2);
        CHECK(layer["weights"][0].size() == widths[l]);         // kernel: one row per input
        CHECK(layer["weights"][0][0].size() == widths[l + 1]);  // of one value per output
        CHECK(layer["weights"][1].size() == widths[l + 1]);
    }
    // kernel[i][o] is the weight from input i to output o (square layer 1: a transpose fits).
    for (std::size_t i = 0; i < 4; ++i)
        for (std::size_t o = 0; o < 4; ++o)
            CHECK(j["layers"][1]["weights"][0][i][o].template get<double>() ==
                  static_cast<double>(net.template weights<1>()(i, o)));
    CHECK(j["layers"][0]["weights"][1][2].template get<double>() ==
          static_cast<double>(net.template bias<0>()[2]));
    // A layer without bias is written with zeros: RTNeural's dense layer always has one.
    for (const auto& b : j["layers"][1]["weights"][1])
        CHECK(b.template get<double>() == 0.0);
}

TEST_CASE("RTNeural files from Keras read as RTNeural reads them", "[interop][rtneural]")
{
    using Net = hand_net<double>;
    Net reference;
    REQUIRE(ctnn::load_rtneural(reference, hand_written_path()));

    SECTION("time-distributed-dense is a dense layer, \"linear\" is the identity")
    {
        nlohmann::json j = hand_written();
        j["layers"][0]["type"] = "time-distributed-dense";
        j["layers"][0]["activation"] = "linear";
        Net net;
        REQUIRE(ctnn::from_rtneural_json(net, j));
        CHECK(bytes_of(net) == bytes_of(reference));
    }
    SECTION("an activation on the dense layer equals a separate activation layer")
    {
        nlohmann::json j = hand_written();
        j["layers"][0]["activation"] = "relu";
        j["layers"].erase(1);
        Net net;
        REQUIRE(ctnn::from_rtneural_json(net, j));
        CHECK(bytes_of(net) == bytes_of(reference));
    }
    SECTION("linear activation layers are skipped, wherever they are")
    {
        nlohmann::json j = hand_written();
        const nlohmann::json linear = {{"type", "activation"}, {"activation", ""},
                                       {"shape", {nullptr, 2}}, {"weights", nlohmann::json::array()}};
        j["layers"].insert(j["layers"].begin(), linear);
        j["layers"].push_back(linear);
        Net net;
        REQUIRE(ctnn::from_rtneural_json(net, j));
        CHECK(bytes_of(net) == bytes_of(reference));
    }
    SECTION("a layer without bias reads a zero bias, or a kernel alone (use_bias=False)")
    {
        using no_bias_net =
            ctnn::sequential<ctnn::options<double>, ctnn::input<2>,
                             ctnn::dense<3, ctnn::relu, ctnn::no_bias>, ctnn::dense<2, ctnn::sigmoid>>;
        nlohmann::json j = hand_written();
        j["layers"][0]["weights"][1] = {0.0, -0.0, 0};
        no_bias_net net;
        REQUIRE(ctnn::from_rtneural_json(net, j));
        CHECK(net.weights<0>()(1, 2) == -1.0);
        j["layers"][0]["weights"].erase(1);
        no_bias_net kernel_only;
        REQUIRE(ctnn::from_rtneural_json(kernel_only, j));
        CHECK(bytes_of(kernel_only) == bytes_of(net));
    }
}

TEST_CASE("A failed RTNeural load says why and changes nothing", "[interop][rtneural]")
{
    using Net = hand_net<double>;
    using ctnn::io_error;
    const nlohmann::json good = hand_written();
    auto with = [&](auto change) {
        nlohmann::json j = good;
        change(j);
        return j;
    };

    SECTION("malformed JSON names where")
    {
        refused<Net>("{\"in_shape\": [null, 2], \"layers\": [tru]}", io_error::malformed,
                     "not valid JSON: parse error at line 1, column 39: syntax error");
        refused<Net>(good.dump().substr(0, 50), io_error::malformed, "not valid JSON");
        refused<Net>("", io_error::truncated, "empty");
    }
    SECTION("the model's structure")
    {
        refused_json<Net>(nlohmann::json::array({1, 2}), io_error::malformed, "not an object");
        refused_json<Net>(with([](auto& j) { j.erase("in_shape"); }), io_error::malformed,
                     "no \"in_shape\" array");
        refused_json<Net>(with([](auto& j) { j["in_shape"] = {nullptr, "2"}; }), io_error::malformed,
                     "last entry of \"in_shape\"");
        refused_json<Net>(with([](auto& j) { j["layers"] = 3; }), io_error::malformed,
                     "no \"layers\" array");
        refused_json<Net>(with([](auto& j) { j["layers"][2].erase("type"); }), io_error::malformed,
                     "layer 2 has no \"type\" string");
        refused_json<Net>(with([](auto& j) { j["layers"][2]["activation"] = 1; }),
                     io_error::malformed, "layer 2 (dense 1): \"activation\" is not a string");
        refused_json<Net>(with([](auto& j) { j["layers"][0].erase("weights"); }), io_error::malformed,
                     "layer 0 (dense 0): no \"weights\" array");
        refused_json<Net>(with([](auto& j) { j["layers"][0]["weights"][1][1] = "x"; }),
                     io_error::malformed, "layer 0 (dense 0): the bias value 1 is string");
        refused_json<Net>(with([](auto& j) { j["layers"][2]["weights"][0][1] = 5; }),
                     io_error::malformed, "layer 2 (dense 1): kernel row 1 is not an array");
    }
    SECTION("shapes that disagree with the network name the layer and both sizes")
    {
        refused_json<Net>(with([](auto& j) { j["in_shape"] = {nullptr, 3}; }),
                     io_error::type_mismatch, "\"in_shape\" gives 3 inputs, this network takes 2");
        refused_json<Net>(with([](auto& j) { j["layers"][2]["shape"] = {nullptr, 4}; }),
                     io_error::type_mismatch,
                     "layer 2 (dense 1): \"shape\" gives width 4, this network's layer 1 has 2");
        refused_json<Net>(with([](auto& j) { j["layers"][0]["weights"][0].erase(1); }),
                     io_error::type_mismatch,
                     "layer 0 (dense 0): the kernel has 1 rows (inputs), this network's layer 0 "
                     "takes 2");
        refused_json<Net>(with([](auto& j) { j["layers"][0]["weights"][0][1].push_back(1.0); }),
                     io_error::type_mismatch,
                     "layer 0 (dense 0): kernel row 1 has 4 values, this network's 3");
        refused_json<Net>(with([](auto& j) { j["layers"][2]["weights"][1] = {1.0}; }),
                     io_error::type_mismatch,
                     "layer 2 (dense 1): the bias has 1 values, this network's 2");
        refused_json<Net>(with([](auto& j) { j["layers"][0]["weights"].erase(1); }),
                     io_error::type_mismatch, "\"weights\" has 1 entries, not 2 (kernel, bias)");
        refused_json<Net>(with([](auto& j) { j["layers"].erase(2); }), io_error::type_mismatch,
                     "the model has 1 dense layer, this network has 2");
        refused_json<Net>(with([](auto& j) { j["layers"].push_back(j["layers"][2]); }),
                     io_error::type_mismatch,
                     "layer 3 (dense 2): one dense layer more than this network's 2");
    }
    SECTION("layers and activations ctnn cannot represent")
    {
        refused_json<Net>(with([](auto& j) { j["layers"][1]["type"] = "lstm"; }),
                     io_error::type_mismatch,
                     "layer 1 has type \"lstm\"; ctnn reads RTNeural's dense, activation and "
                     "batchnorm layers only");
        refused_json<Net>(with([](auto& j) { j["layers"][1]["activation"] = "swish"; }),
                     io_error::type_mismatch, "activation \"swish\" is not one that ctnn");
        refused_json<Net>(with([](auto& j) { j["layers"][0]["activation"] = "tanh"; }),
                     io_error::type_mismatch,
                     "layer 1 (activation): activation \"relu\" follows \"tanh\" on dense layer 0");
        refused_json<Net>(with([](auto& j) {
                         j["layers"].insert(j["layers"].begin(),
                                            nlohmann::json::object(
                                                {{"type", "activation"}, {"activation", "tanh"}}));
                     }),
                     io_error::type_mismatch, "layer 0 (activation): an activation before any");
        refused_json<Net>(with([](auto& j) { j["layers"][2]["activation"] = "tanh"; }),
                     io_error::type_mismatch,
                     "dense layer 1 (JSON layer 2) has activation tanh, this network's layer 1 "
                     "has sigmoid");
        refused_json<Net>(with([](auto& j) { j["layers"].erase(1); }), io_error::type_mismatch,
                     "dense layer 0 (JSON layer 0) has activation \"\" (linear), this network's "
                     "layer 0 has relu");
        using no_bias_net =
            ctnn::sequential<ctnn::options<double>, ctnn::input<2>,
                             ctnn::dense<3, ctnn::relu, ctnn::no_bias>, ctnn::dense<2, ctnn::sigmoid>>;
        refused_json<no_bias_net>(good, io_error::type_mismatch,
                             "layer 0 (dense 0): bias value 0 is not 0, and this network's "
                             "layer 0 has no bias");
    }
    SECTION("values that are not finite in the network's scalar type")
    {
        // JSON has no infinity, and nlohmann-json refuses a number beyond double's range; a
        // nlohmann::json built in memory can hold one.
        std::string text = good.dump();
        text.replace(text.find("-0.25"), 5, "-1e999");
        refused<Net>(text, io_error::malformed, "not valid JSON: number overflow");
        nlohmann::json infinite = good;
        infinite["layers"][0]["weights"][1][2] = -std::numeric_limits<double>::infinity();
        Net net;
        fill(net, 5);
        const auto before = bytes_of(net);
        const ctnn::io_result r = ctnn::from_rtneural_json(net, infinite);
        CHECK(r.error() == io_error::non_finite_value);
        CHECK_THAT(r.message(), Catch::Contains("layer 0 (dense 0): the bias value 2 (parameter "
                                                "8) does not fit a double"));
        CHECK(bytes_of(net) == before);
        // 1e39 is a double but not a float.
        refused_json<hand_net<float>>(with([](auto& j) { j["layers"][2]["weights"][0][2][0] = 1e39; }),
                                 io_error::non_finite_value,
                                 "kernel row 2 value 0 (parameter 13) does not fit a float");
    }
    SECTION("files")
    {
        Net net;
        const ctnn::io_result r = ctnn::load_rtneural(net, "/nonexistent/model.json");
        CHECK(r.error() == io_error::io_failure);
        CHECK(std::string(r.message()).find("/nonexistent/model.json") != std::string::npos);
    }
}

TEST_CASE("Saving to RTNeural JSON refuses a non-finite network and writes files",
          "[interop][rtneural]")
{
    using Net = hand_net<float>;
    Net net;
    fill(net, 3);
    nlohmann::json j = {{"kept", true}};
    net.values()[4] = std::numeric_limits<float>::quiet_NaN();
    const ctnn::io_result r = ctnn::to_rtneural_json(net, j);
    CHECK(r.error() == ctnn::io_error::non_finite_value);
    CHECK(std::string(r.message()).find("parameter 4 is NaN") != std::string::npos);
    CHECK(j == nlohmann::json{{"kept", true}});
    std::ostringstream out;
    CHECK(ctnn::save_rtneural(net, out).error() == ctnn::io_error::non_finite_value);
    CHECK(out.str().empty());

    net.values()[4] = 0.5f;
    const auto path = std::filesystem::temp_directory_path() / "ctnn_interop_rtneural_test.json";
    REQUIRE(ctnn::save_rtneural(net, path));
    Net copy;
    REQUIRE(ctnn::load_rtneural(copy, path));
    CHECK(bytes_of(copy) == bytes_of(net));
    std::filesystem::remove(path);
}

TEST_CASE("attack: a 200 MB model with a weight array of 10^8 numbers is refused before parsing, "
          "in bounded memory",
          "[interop][rtneural][attack]")
{
    // Before: the whole stream was read, then parsed until std::bad_alloc, and the half-built
    // document's destructor threw it again inside the noexcept load: std::terminate.
    using Net = hand_net<double>;
    const std::string head = "{\"in_shape\": [null, 2], \"layers\": [{\"type\": \"dense\", "
                             "\"activation\": \"relu\", \"shape\": [null, 3], \"weights\": [[[";
    check_refused_in_bounded_memory(
        256 * mib, ctnn::io_error::malformed,
        "the JSON runs past max_bytes, 1050752 bytes (by default 1 MiB and 128 bytes a number of "
        "this network's model); pass a larger max_bytes if the file is right",
        [&] {
            generated_buffer model(head, "0,", 200000000);
            std::istream in(&model);
            Net net;
            const ctnn::io_result r = ctnn::load_rtneural(net, in);
            // Read no further than the limit and one piece.
            return model.pulled() <= ctnn::rtneural_max_bytes<Net> + 65536
                       ? r
                       : ctnn::io_result(ctnn::io_error::none, "read too far");
        });
}

TEST_CASE("attack: /dev/zero, /dev/urandom and a FIFO are refused unopened",
          "[interop][rtneural][attack]")
{
    // Before: the devices were read until std::bad_alloc (out_of_memory, after taking all the
    // memory there was); opening the FIFO blocked for ever.
    using Net = hand_net<float>;
    const auto fifo = std::filesystem::temp_directory_path() /
                      ("ctnn_rtneural_fifo_" + std::to_string(getpid()) + ".json");
    std::filesystem::remove(fifo);
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    const std::string device = "is a character device, not a regular file; load_rtneural reads "
                               "regular files, or a std::istream up to max_bytes (file ";
    check_refused_in_bounded_memory(256 * mib, ctnn::io_error::io_failure, device + "/dev/zero)",
                                    [] {
                                        Net net;
                                        return ctnn::load_rtneural(net, "/dev/zero");
                                    });
    check_refused_in_bounded_memory(256 * mib, ctnn::io_error::io_failure,
                                    device + "/dev/urandom)", [] {
                                        Net net;
                                        return ctnn::load_rtneural(net, "/dev/urandom");
                                    });
    check_refused_in_bounded_memory(256 * mib, ctnn::io_error::io_failure,
                                    "is a FIFO (named pipe), not a regular file", [&] {
                                        Net net;
                                        return ctnn::load_rtneural(net, fifo);
                                    });
    std::filesystem::remove(fifo);
}

TEST_CASE("max_bytes: by default 1 MiB and 128 bytes a number; a larger file is refused unread",
          "[interop][rtneural]")
{
    using Net = hand_net<double>;
    // 2-3-2: (2 + 1) * 3 + (3 + 1) * 2 = 17 numbers.
    STATIC_REQUIRE(ctnn::rtneural_max_bytes<Net> == (1 << 20) + 128 * 17);
    // A layer without bias is still written with one.
    using no_bias_net = ctnn::sequential<ctnn::options<float>, ctnn::input<2>,
                                         ctnn::dense<3, ctnn::relu, ctnn::no_bias>>;
    STATIC_REQUIRE(ctnn::rtneural_max_bytes<no_bias_net> == (1 << 20) + 128 * 9);
    // At most 1 GiB, whatever the network.
    using wide_net = ctnn::sequential<ctnn::options<float>, ctnn::input<4096>,
                                      ctnn::dense<4096, ctnn::relu>>;
    STATIC_REQUIRE(ctnn::rtneural_max_bytes<wide_net> == std::size_t{1} << 30);

    const std::string path = hand_written_path();
    const auto size = static_cast<std::size_t>(std::filesystem::file_size(path));
    Net net;
    REQUIRE(ctnn::load_rtneural(net, path, size));
    Net unchanged;
    fill(unchanged, 5);
    const auto before = bytes_of(unchanged);
    const ctnn::io_result from_file = ctnn::load_rtneural(unchanged, path, size - 1);
    CHECK(from_file.error() == ctnn::io_error::malformed);
    CHECK_THAT(from_file.message(),
               Catch::Contains("the file holds " + std::to_string(size) + " bytes, more than "
                               "max_bytes, " + std::to_string(size - 1) + " bytes"));
    std::ifstream in(path);
    const ctnn::io_result from_stream = ctnn::load_rtneural(unchanged, in, size - 1);
    CHECK(from_stream.error() == ctnn::io_error::malformed);
    CHECK_THAT(from_stream.message(),
               Catch::Contains("the JSON runs past max_bytes, " + std::to_string(size - 1)));
    CHECK(bytes_of(unchanged) == before);

    // A model padded past the default (3 MB of blanks) loads when max_bytes allows it.
    const std::string padded = std::string(3000000, ' ') + hand_written().dump();
    const auto padded_path = std::filesystem::temp_directory_path() /
                             ("ctnn_rtneural_padded_" + std::to_string(getpid()) + ".json");
    std::ofstream(padded_path) << padded;
    const ctnn::io_result refused_padded = ctnn::load_rtneural(unchanged, padded_path);
    CHECK(refused_padded.error() == ctnn::io_error::malformed);
    CHECK_THAT(refused_padded.message(), Catch::Contains("pass a larger max_bytes"));
    Net padded_net;
    CHECK(ctnn::load_rtneural(padded_net, padded_path, 4 * mib));
    CHECK(bytes_of(padded_net) == bytes_of(net));
    std::filesystem::remove(padded_path);

    const ctnn::io_result directory =
        ctnn::load_rtneural(unchanged, std::filesystem::temp_directory_path());
    CHECK(directory.error() == ctnn::io_error::io_failure);
    CHECK_THAT(directory.message(), Catch::Contains("is a directory, not a file"));
}

namespace {

template <class T>
using batchnorm_net =
    ctnn::sequential<ctnn::options<T>, ctnn::input<2>, ctnn::dense<2, ctnn::identity>,
                     ctnn::batch_norm, ctnn::dense<1, ctnn::identity>>;

// Identity kernels around a batchnorm whose gamma, beta, mean and variance are chosen so that
// each unit's output is worked out by hand: y = gamma (x - mean) / sqrt(var + 1e-5) + beta.
constexpr const char* batchnorm_model = R"({"in_shape": [null, 2], "layers": [
  {"type": "dense", "activation": "", "shape": [null, 2], "weights": [[[1, 0], [0, 1]], [0, 0]]},
  {"type": "batchnorm", "shape": [null, 2], "epsilon": 1e-05,
   "weights": [[2, 0.5], [1, -1], [3, -2], [3.99999, 0.24999]]},
  {"type": "dense", "activation": "", "shape": [null, 1], "weights": [[[1], [1]], [0]]}]})";

} // namespace

TEMPLATE_TEST_CASE("RTNeural's batchnorm layer reads into a ctnn::batch_norm, its running "
                   "statistics included, and writes back the same bits",
                   "[interop][rtneural]", float, double)
{
    using T = TestType;
    using net_t = batchnorm_net<T>;
    net_t net;
    const ctnn::io_result r = ctnn::from_rtneural_json(net, nlohmann::json::parse(batchnorm_model));
    INFO(r.message());
    REQUIRE(r);
    CHECK(net.template block<1, 0>()[0] == T(2));  // gamma
    CHECK(net.template block<1, 1>()[1] == T(-1)); // beta
    CHECK(net.template block<1, 2>()[0] == T(3));  // running mean
    CHECK(net.template block<1, 3>()[1] == T(0.24999));
    // x = (5, 0): unit 0: 2 (5 - 3) / sqrt(4) + 1 = 3; unit 1: 0.5 (0 + 2) / sqrt(0.25) - 1 = 1.
    // Their sum: 4 (to the rounding of sqrt(3.99999 + 1e-5) = 2 and sqrt(0.25)).
    const auto y = net.forward(std::array<T, 2>{T(5), T(0)});
    CHECK(y[0] == Approx(4.0).epsilon(std::is_same_v<T, float> ? 1e-6 : 1e-14));

    nlohmann::json written;
    REQUIRE(ctnn::to_rtneural_json(net, written));
    const auto& bn = written["layers"][1];
    CHECK(bn["type"] == "batchnorm");
    CHECK(bn["weights"].size() == 4);
    CHECK(bn["epsilon"].get<double>() == 1e-5);
    net_t back;
    REQUIRE(ctnn::from_rtneural_json(back, written));
    CHECK(back == net);
}

TEST_CASE("RTNeural batchnorm files ctnn cannot hold are refused, saying why, changing nothing",
          "[interop][rtneural]")
{
    using net_t = batchnorm_net<double>;
    net_t net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 1);
    const net_t before = net;
    const auto refused = [&](const std::string& json, const char* fragment) {
        const ctnn::io_result r = ctnn::from_rtneural_json(net, nlohmann::json::parse(json));
        INFO(r.message());
        CHECK(r.error() == ctnn::io_error::type_mismatch);
        CHECK(std::string(r.message()).find(fragment) != std::string::npos);
        CHECK(net == before);
    };
    std::string model = batchnorm_model;
    const auto replaced = [&](const std::string& from, const std::string& to) {
        std::string m = model;
        m.replace(m.find(from), from.size(), to);
        return m;
    };
    refused(replaced("1e-05", "0.001"), "\"epsilon\" is not 1e-5");
    refused(replaced("\"type\": \"batchnorm\"", "\"type\": \"dense\""), "is RTNeural's \"batchnorm\"");
    refused(replaced("\"epsilon\": 1e-05,", "\"epsilon\": 1e-05, \"activation\": \"relu\","),
            "a batchnorm layer with an activation");
    refused(replaced("[[2, 0.5], [1, -1], [3, -2], [3.99999, 0.24999]]", "[[2, 0.5], [1, -1], [3, -2]]"),
            "not 4 (gamma, beta");

    // Two entries are the running statistics of a normalisation without gamma and beta.
    const ctnn::io_result r = ctnn::from_rtneural_json(
        net, nlohmann::json::parse(
                 replaced("[[2, 0.5], [1, -1], [3, -2], [3.99999, 0.24999]]", "[[3, -2], [4, 1]]")));
    INFO(r.message());
    REQUIRE(r);
    CHECK(net.block<1, 0>()[1] == 1.0);
    CHECK(net.block<1, 1>()[0] == 0.0);
    CHECK(net.block<1, 3>()[0] == 4.0);
}
