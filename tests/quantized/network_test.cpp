// ctnn::quantized and ctnn::quantize: a hand-worked integer layer, the type's facts, and
// quantisation of a float network checked against the float network itself.
#include <catch2/catch.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <ctnn/initializer.hpp>
#include <ctnn/network.hpp>
#include <ctnn/random.hpp>
#include <ctnn/quantized/quantize.hpp>

using ctnn::int8_activation;

TEST_CASE("an int8 layer computes the documented sum, requantisation and clamp by hand")
{
    // 3 inputs, 2 outputs. Input zero point -10: x - zx = {15, -5, 0}... see below.
    ctnn::quantized<3, ctnn::int8_dense<2, int8_activation::relu>> q;
    q.input_zero_point = -10;
    auto& l = q.layer<0>();
    l.weights = {2, -3, 127, /* unit 1: */ -1, 4, 0};
    l.bias = {100, -400};
    l.multiplier = {std::int32_t{1} << 30, std::int32_t{1} << 30}; // 0.5
    l.shift = {-2, 0};                                             // * 1/4 and * 1
    l.output_zero_point = -20;
    // x = {5, -15, -10}: centred {15, -5, 0}.
    // unit 0: 100 + 30 + 15 + 0 = 145; 145 * 0.5 = 72.5 -> 73 (high multiply, tie up);
    //         73 / 4 = 18.25 -> 18; + (-20) = -2, above relu's clamp at -20.
    // unit 1: -400 - 15 - 20 = -435; * 0.5 = -217.5 -> -217; + (-20) = -237 -> clamped to -20.
    const auto y = q.forward(std::array<std::int8_t, 3>{5, -15, -10});
    CHECK(y[0] == -2);
    CHECK(y[1] == -20);

    ctnn::quantized<3, ctnn::int8_dense<2, int8_activation::identity>> linear;
    linear.input_zero_point = -10;
    auto& m = linear.layer<0>();
    m.weights = l.weights;
    m.bias = l.bias;
    m.multiplier = l.multiplier;
    m.shift = l.shift;
    m.output_zero_point = -20;
    const auto z = linear.forward(std::array<std::int8_t, 3>{5, -15, -10});
    CHECK(z[0] == -2);
    CHECK(z[1] == -128); // identity clamps at the int8 limit only
}

TEST_CASE("sigmoid and tanh layers requantise to 1/16 and read the table")
{
    ctnn::quantized<1, ctnn::int8_dense<1, int8_activation::sigmoid>> s;
    auto& l = s.layer<0>();
    l.weights = {1};
    l.multiplier = {std::int32_t{1} << 30};
    l.shift = {1}; // * 1: the accumulator is the table's index
    l.output_zero_point = -128;
    CHECK(s.forward(std::array<std::int8_t, 1>{16})[0] == 59);    // sigmoid(1) = 0.731 = 187/256
    CHECK(s.forward(std::array<std::int8_t, 1>{0})[0] == 0);      // 1/2
    CHECK(s.forward(std::array<std::int8_t, 1>{-128})[0] == -128);
}

namespace {

using float_net = ctnn::sequential<ctnn::options<float>, ctnn::input<4>,
                                   ctnn::dense<8, ctnn::relu>, ctnn::dense<6, ctnn::tanh>,
                                   ctnn::dense<5, ctnn::sigmoid>, ctnn::dense<3, ctnn::identity>>;

std::vector<std::array<float, 4>> samples(std::size_t n, unsigned seed)
{
    std::vector<std::array<float, 4>> out(n);
    ctnn::random_engine rng(seed);
    for (auto& x : out)
        for (float& v : x)
            v = static_cast<float>(4 * rng.uniform01<double>() - 2);
    return out;
}

} // namespace

TEST_CASE("quantize maps each float layer to its int8 form")
{
    using Q = ctnn::quantized_for<float_net>;
    STATIC_REQUIRE(std::is_same_v<
                   Q, ctnn::quantized<4, ctnn::int8_dense<8, int8_activation::relu>,
                                      ctnn::int8_dense<6, int8_activation::tanh>,
                                      ctnn::int8_dense<5, int8_activation::sigmoid>,
                                      ctnn::int8_dense<3, int8_activation::identity>>>);
    STATIC_REQUIRE(Q::widths == std::array<std::size_t, 5>{4, 8, 6, 5, 3});
}

TEST_CASE("a quantised network's parameters are the float ones to within their steps")
{
    float_net net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 3);
    const auto calibration = samples(200, 7);
    const auto q = ctnn::quantize(net, calibration);
    const auto w = net.weights<0>();
    const auto& l = q.layer<0>();
    const double input_scale = std::bit_cast<float>(q.input_scale_bits);
    for (std::size_t o = 0; o < 8; ++o) {
        double largest = 0;
        for (std::size_t i = 0; i < 4; ++i)
            largest = std::max(largest, std::abs(double(w(i, o))));
        const double step = largest / 127;
        bool reaches_127 = false;
        for (std::size_t i = 0; i < 4; ++i) {
            CHECK(std::abs(l.weights[o * 4 + i] * step - double(w(i, o))) <= step / 2 + 1e-12);
            reaches_127 = reaches_127 || std::abs(l.weights[o * 4 + i]) == 127;
        }
        CHECK(reaches_127); // symmetric per unit: the largest weight maps to +-127
        CHECK(std::abs(l.bias[o] * input_scale * step - double(net.bias<0>()[o])) <=
              input_scale * step / 2 * 1.0001);
        CHECK((l.multiplier[o] >= (1 << 30) || l.multiplier[o] == 0));
    }
    // The input's range [-2, 2) (widened to hold 0) over 255 steps.
    CHECK(input_scale == Approx(4.0 / 255).epsilon(0.02));
    CHECK(q.layer<1>().output_zero_point == 0);    // tanh's fixed format
    CHECK(q.layer<2>().output_zero_point == -128); // sigmoid's
}

TEST_CASE("a quantised network's outputs follow the float network's")
{
    float_net net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 11);
    const auto calibration = samples(300, 1);
    const auto q = ctnn::quantize(net, calibration);
    const double output_scale = std::bit_cast<float>(q.output_scale_bits);
    double worst = 0;
    for (const auto& x : samples(100, 2)) {
        const auto expected = net.forward(x);
        const auto got = ctnn::predict(q, x);
        for (std::size_t k = 0; k < 3; ++k)
            worst = std::max(worst, std::abs(double(got[k]) - double(expected[k])));
    }
    // A few output steps (2.7% of this output's range): rounding in four layers, the tables'
    // steps of 1/256 and 1/128 and their inputs' of 1/16.
    CHECK(worst <= 8 * output_scale);
    CHECK(worst > 0); // it is an approximation
}

TEST_CASE("quantize_input and dequantize_output use the stored formats")
{
    float_net net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 11);
    const auto q = ctnn::quantize(net, samples(50, 1));
    const float scale = std::bit_cast<float>(q.input_scale_bits);
    const auto x = ctnn::quantize_input(q, std::array<float, 4>{0.f, scale * 3.5f, 100.f, -100.f});
    CHECK(x[0] == q.input_zero_point);
    CHECK(x[1] == q.input_zero_point + 4); // 3.5 steps, tie away from zero
    CHECK(x[2] == 127);
    CHECK(x[3] == -128);
    const auto y = ctnn::dequantize_output(q, {q.output_zero_point(), 0, 127});
    CHECK(y[0] == 0.f);
    CHECK(y[2] == std::bit_cast<float>(q.output_scale_bits) * float(127 - q.output_zero_point()));
}

// sizeof, counted by hand: per layer In Out int8 weights + Out int32 biases + Out int32
// multipliers + Out int8 shifts + the output zero point, padded to 4; then the input zero point
// (padded to 4) and the two scales' bits, 12 bytes.
using digits_net = ctnn::sequential<ctnn::options<float>, ctnn::input<64>,
                                    ctnn::dense<32, ctnn::relu>, ctnn::dense<10, ctnn::softmax>>;
using fashion_net =
    ctnn::sequential<ctnn::options<float>, ctnn::input<784>, ctnn::dense<256, ctnn::relu>,
                     ctnn::dense<128, ctnn::relu>, ctnn::dense<10, ctnn::softmax>>;
// 64-32-10: (2048 + 128 + 128 + 32 + 1 -> 2340) + (320 + 40 + 40 + 10 + 1 -> 412) + 12.
static_assert(sizeof(ctnn::quantized_for<digits_net>) == 2764);
static_assert(sizeof(digits_net) == 9664);
// 784-256-128-10: 203012 + 33924 + 1372 + 12, a quarter of the float network's 940608 + 1.3%.
static_assert(sizeof(ctnn::quantized_for<fashion_net>) == 238320);
static_assert(sizeof(fashion_net) == 940608);

TEST_CASE("quantize refuses what would give a scale that is not a number, naming it")
{
    using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<2>,
                                   ctnn::dense<3, ctnn::relu>, ctnn::dense<2, ctnn::identity>>;
    net_t net;
    ctnn::initialize(net, ctnn::he_uniform{}, 5);
    const float inf = std::numeric_limits<float>::infinity();
    const std::vector<std::array<float, 2>> finite{{0.5f, -1.0f}, {1.0f, 2.0f}};

    // A calibration value: without the check, a NaN was skipped by min and max, and an infinity
    // made the input scale infinite.
    const std::vector<std::array<float, 2>> with_nan{
        {0.5f, -1.0f}, {1.0f, std::numeric_limits<float>::quiet_NaN()}};
    CHECK_THROWS_WITH(ctnn::quantize(net, with_nan),
                      "ctnn::quantize: feature 1 of sample 1 is not finite");
    const std::vector<std::array<float, 2>> with_inf{{inf, 0.0f}};
    CHECK_THROWS_WITH(ctnn::quantize(net, with_inf),
                      "ctnn::quantize: feature 0 of sample 0 is not finite");

    // A layer's output that overflows on finite inputs.
    net_t huge = net;
    for (auto& v : huge.values())
        v = 3e38f;
    CHECK_THROWS_WITH(ctnn::quantize(huge, finite),
                      "ctnn::quantize: layer 0 gives an output that is not finite for sample 0");

    // A parameter.
    net_t broken = net;
    broken.values()[4] = inf;
    CHECK_THROWS_WITH(ctnn::quantize(broken, finite),
                      "ctnn::quantize: the network has a parameter that is not finite");

    // The same network and finite data quantise.
    CHECK_NOTHROW(ctnn::quantize(net, finite));
}
