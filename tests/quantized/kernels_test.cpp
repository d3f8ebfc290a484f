// The int8 layer kernels (ctnn/quantized/kernels.hpp) against the plain loops, which
// quantized_reference_numpy checks against an independent NumPy reading of the arithmetic: every
// level this CPU runs must give exactly the plain loops' outputs, on shapes with and without
// tails (inputs not a multiple of 16 or 64, outputs not a multiple of 8), for every output kind
// (clamp, relu's clamp, the sigmoid and tanh tables), with random parameters and at the edges of
// the arithmetic (saturating left shifts, shifts of -31 and 30, multipliers 0 and INT32_MIN,
// the largest weights and inputs).
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <ctnn/quantized/kernels.hpp>
#include <ctnn/quantized/lookup_table.hpp>

namespace {

using ctnn::detail::int8_requantization;

struct layer_data {
    std::vector<std::int8_t> weights;
    std::vector<std::int32_t> bias;
    std::vector<std::int32_t> multiplier;
    std::vector<std::int8_t> shift;
    std::vector<std::int8_t> x;
    std::int32_t zx = 0;
};

// Random parameters in the ranges load() accepts; edges mixes in the extreme values.
template <std::size_t In, std::size_t Out>
layer_data random_layer(std::mt19937_64& rng, bool edges)
{
    const auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    layer_data d;
    for (std::size_t k = 0; k < In * Out; ++k)
        d.weights.push_back(static_cast<std::int8_t>(
            edges && pick(0, 1) == 0 ? (pick(0, 1) == 0 ? -127 : 127) : pick(-127, 127)));
    for (std::size_t o = 0; o < Out; ++o) {
        const std::int64_t bias_limit = edges ? std::int64_t{1} << 30 : 40000;
        d.bias.push_back(static_cast<std::int32_t>(pick(-bias_limit, bias_limit)));
        std::int64_t m = pick(std::int64_t{1} << 30, (std::int64_t{1} << 31) - 1);
        if (edges && pick(0, 7) == 0)
            m = 0;
        d.multiplier.push_back(static_cast<std::int32_t>(m));
        // Mostly the right shifts quantisation makes; with edges, the whole range.
        d.shift.push_back(static_cast<std::int8_t>(edges ? pick(-31, 30) : pick(-14, 2)));
    }
    for (std::size_t i = 0; i < In; ++i)
        d.x.push_back(static_cast<std::int8_t>(
            edges && pick(0, 1) == 0 ? (pick(0, 1) == 0 ? -128 : 127) : pick(-128, 127)));
    d.zx = static_cast<std::int32_t>(pick(-128, 127));
    return d;
}

std::vector<int8_requantization> output_kinds(const layer_data& d, std::int32_t zero)
{
    const int8_requantization clamp{d.bias.data(), d.multiplier.data(), d.shift.data(),
                                    zero,          -128,                nullptr};
    int8_requantization relu = clamp;
    relu.low = zero;
    int8_requantization sigmoid = clamp;
    using ctnn::fixed_point::table_function;
    sigmoid.table = ctnn::fixed_point::lookup_table<table_function::sigmoid>.data();
    int8_requantization tanh = clamp;
    tanh.table = ctnn::fixed_point::lookup_table<table_function::tanh>.data();
    return {clamp, relu, sigmoid, tanh};
}

// One layer's outputs at every level against the plain loops.
template <std::size_t In, std::size_t Out, bool Table>
void check_layer(const layer_data& d, const int8_requantization& q, [[maybe_unused]] bool edges)
{
    std::array<std::int8_t, Out> expected{};
    ctnn::detail::int8_forward_plain<In, Out, Table>(d.weights.data(), d.x.data(), d.zx,
                                                     q, expected.data());
    std::array<std::int8_t, Out> dispatched{};
    ctnn::detail::int8_forward<In, Out, Table>(d.weights.data(), d.x.data(), d.zx, q,
                                               dispatched.data());
    CHECK(dispatched == expected);
#if CTNN_INT8_X86_KERNELS
    using ctnn::detail::int8_level;
    for (const int8_level level : {int8_level::avx2, int8_level::avx512_vnni}) {
        if (level > ctnn::detail::int8_cpu_level())
            continue;
        std::array<std::int8_t, Out> got{};
        ctnn::detail::int8_forward_at<In, Out, Table>(level, d.weights.data(), d.x.data(),
                                                      d.zx, q, got.data());
        INFO("level " << static_cast<int>(level) << ", " << In << " to " << Out
                      << (edges ? ", edges" : "") << ", table " << (q.table != nullptr)
                      << ", low " << q.low);
        CHECK(got == expected);
    }
#endif
}

// `trials` random layers of this shape, each with every output kind, through check_layer.
template <std::size_t In, std::size_t Out>
void check_shape(int trials)
{
    std::mt19937_64 rng(In * 1000 + Out);
    for (int trial = 0; trial < trials; ++trial) {
        const bool edges = trial % 2 == 1;
        const layer_data d = random_layer<In, Out>(rng, edges);
        const std::int32_t zero = static_cast<std::int32_t>(trial * 37 % 256) - 128;
        for (const int8_requantization& q : output_kinds(d, zero)) {
            if (q.table != nullptr)
                check_layer<In, Out, true>(d, q, edges);
            else
                check_layer<In, Out, false>(d, q, edges);
        }
    }
}

} // namespace

TEST_CASE("every int8 kernel the CPU runs gives the plain loops' outputs, shapes with tails")
{
#if CTNN_INT8_X86_KERNELS
    using ctnn::detail::int8_level;
    const int8_level level = ctnn::detail::int8_cpu_level();
    WARN("best int8 kernel on this CPU: "
         << (level == int8_level::avx512_vnni ? "avx512_vnni"
             : level == int8_level::avx2      ? "avx2"
                                              : "plain loops"));
#endif
    check_shape<16, 1>(40);
    check_shape<16, 8>(40);
    check_shape<17, 9>(40);
    check_shape<31, 7>(40);
    check_shape<32, 10>(40);
    check_shape<33, 17>(40);
    check_shape<64, 32>(20);
    check_shape<65, 3>(40);
    check_shape<100, 12>(20);
    check_shape<128, 16>(20);
    check_shape<200, 5>(20);
    check_shape<8, 8>(40); // narrow: the plain loops at every level
    check_shape<4, 24>(40);
}

TEST_CASE("the int8 kernels at the edges of the fixed-point arithmetic")
{
    // Every weight 127 and every centred input 255: the largest sums (16 * 255 * 127 = 518160
    // plus a bias of 2^30) shifted left by up to 30 saturate; multipliers INT32_MIN (the one
    // overflowing doubling multiply), 0 and 2^31 - 1; right shifts of 31.
    constexpr std::size_t In = 24;
    constexpr std::size_t Out = 13;
    std::vector<std::int8_t> w(In * Out, 127);
    for (std::size_t k = 0; k < w.size(); k += 3)
        w[k] = -127;
    const std::vector<std::int8_t> x(In, 127);
    std::vector<std::int32_t> bias(Out);
    std::vector<std::int32_t> multiplier(Out);
    std::vector<std::int8_t> shift(Out);
    constexpr std::int32_t int_min = std::numeric_limits<std::int32_t>::min();
    constexpr std::int32_t int_max = std::numeric_limits<std::int32_t>::max();
    const std::int32_t multipliers[] = {int_min, 0, int_max, std::int32_t{1} << 30};
    const std::int32_t biases[] = {-(std::int32_t{1} << 30), std::int32_t{1} << 30, 0, -7};
    const std::int8_t shifts[] = {30, -31, 0, 1, -1, 17, -20};
    for (std::size_t o = 0; o < Out; ++o) {
        multiplier[o] = multipliers[o % 4];
        bias[o] = biases[(o / 4) % 4];
        shift[o] = shifts[o % 7];
    }
    for (const std::int32_t zx : {-128, 0, 127}) {
        const int8_requantization q{bias.data(), multiplier.data(), shift.data(), 5, -128,
                                    nullptr};
        std::array<std::int8_t, Out> expected{};
        ctnn::detail::int8_forward_plain<In, Out, false>(w.data(), x.data(), zx, q,
                                                         expected.data());
        // The hand-checkable part: a multiplier of 0 gives 0 before the zero point.
        CHECK(expected[1] == 5);
        std::array<std::int8_t, Out> got{};
        ctnn::detail::int8_forward<In, Out, false>(w.data(), x.data(), zx, q, got.data());
        CHECK(got == expected);
#if CTNN_INT8_X86_KERNELS
        using ctnn::detail::int8_level;
        for (const int8_level level : {int8_level::avx2, int8_level::avx512_vnni}) {
            if (level > ctnn::detail::int8_cpu_level())
                continue;
            got = {};
            ctnn::detail::int8_forward_at<In, Out, false>(level, w.data(), x.data(), zx, q,
                                                          got.data());
            INFO("level " << static_cast<int>(level) << ", zx " << zx);
            CHECK(got == expected);
        }
#endif
    }
}

TEST_CASE("the vector requantisation equals fixed_point::scale value by value")
{
#if CTNN_INT8_X86_KERNELS
    using ctnn::detail::int8_level;
    if (ctnn::detail::int8_cpu_level() < int8_level::avx2) {
        WARN("this CPU has no AVX2: nothing to compare");
        return;
    }
    // Accumulators at and around every power of two of both signs, and the int32 limits;
    // multipliers at the ends of their range, INT32_MIN, 0 and random ones; every shift.
    std::vector<std::int32_t> accs{0, 1, -1, std::numeric_limits<std::int32_t>::min(),
                                   std::numeric_limits<std::int32_t>::max()};
    for (int e = 0; e < 31; ++e)
        for (const std::int64_t d : {-1, 0, 1})
            for (const std::int64_t sign : {-1, 1}) {
                const std::int64_t a = sign * ((std::int64_t{1} << e) + d);
                if (a >= std::numeric_limits<std::int32_t>::min() &&
                    a <= std::numeric_limits<std::int32_t>::max())
                    accs.push_back(static_cast<std::int32_t>(a));
            }
    std::mt19937_64 rng(11);
    std::vector<std::int32_t> multipliers{std::numeric_limits<std::int32_t>::min(), 0,
                                          std::int32_t{1} << 30,
                                          std::numeric_limits<std::int32_t>::max()};
    for (int k = 0; k < 12; ++k)
        multipliers.push_back(static_cast<std::int32_t>(
            std::uniform_int_distribution<std::int64_t>(std::int64_t{1} << 30,
                                                        (std::int64_t{1} << 31) - 1)(rng)));
    std::vector<std::int32_t> acc_in;
    std::vector<std::int32_t> m_in;
    std::vector<std::int8_t> s_in;
    for (const std::int32_t a : accs)
        for (const std::int32_t m : multipliers)
            for (int s = -31; s <= 30; ++s) {
                acc_in.push_back(a);
                m_in.push_back(m);
                s_in.push_back(static_cast<std::int8_t>(s));
            }
    while (acc_in.size() % 8 != 0) {
        acc_in.push_back(0);
        m_in.push_back(0);
        s_in.push_back(0);
    }
    std::size_t mismatches = 0;
    for (std::size_t k = 0; k < acc_in.size(); k += 8) {
        std::int32_t v[8];
        ctnn::detail::int8_scale8_avx2(acc_in.data() + k, m_in.data() + k, s_in.data() + k, v);
        for (std::size_t j = 0; j < 8; ++j) {
            const std::int32_t expected =
                ctnn::fixed_point::scale(acc_in[k + j], m_in[k + j], s_in[k + j]);
            if (v[j] != expected && ++mismatches <= 5)
                FAIL_CHECK("scale(" << acc_in[k + j] << ", " << m_in[k + j] << ", "
                                    << int{s_in[k + j]} << "): " << v[j] << ", expected "
                                    << expected);
        }
    }
    CHECK(mismatches == 0);
    CHECK(acc_in.size() > 180000);
#else
    WARN("no x86-64 kernels on this target: nothing to compare");
#endif
}
