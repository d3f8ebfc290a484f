// The exp policies (ctnn/exp.hpp) against the C library's std::exp, in units in the last place
// counted on the integers that order the floating-point values: polynomial_exp over every
// seventh float of its range and a dense grid of doubles, special values and the subnormal
// range, its use in constant expressions, which of the two default_exp is at run time, and the
// sigmoid, softmax and fused losses built on each policy, and half_exp (exp halved, which tanh
// uses) against exp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <ctnn/ctnn.hpp>

#include "../support/emulator.hpp"
#include "ulp.hpp"

namespace {

using ulp::from_ordered;
using ulp::ordered;
using ulp::same_bits;
using ulp::unsigned_bits;
using ulp::worst_case;
template <class T>
constexpr std::uint64_t ulp_distance(T a, T b) noexcept
{
    return ulp::distance(a, b);
}

template <class T>
constexpr T poly(T x) noexcept
{
    return ctnn::polynomial_exp::exp(x);
}

// --- Constant expressions -------------------------------------------------------------------
// e and 1/e as decimal literals (the nearest doubles), not computed by anything under test.
static_assert(poly(0.0) == 1.0 && poly(-0.0) == 1.0 && poly(0.0f) == 1.0f);
static_assert(ulp_distance(poly(1.0), 2.718281828459045) <= 1);
static_assert(ulp_distance(poly(-1.0), 0.36787944117144233) <= 1);
static_assert(ulp_distance(poly(1.0f), 2.71828183f) <= 1);
static_assert(ulp_distance(poly(-1.0f), 0.367879441f) <= 1);
static_assert(ctnn::default_exp::exp(0.0) == 1.0 && ctnn::default_exp::exp(0.0f) == 1.0f);
static_assert(ulp_distance(ctnn::default_exp::exp(1.0), 2.718281828459045) <= 1);
static_assert(ulp_distance(ctnn::default_exp::exp(-1.0), 0.36787944117144233) <= 1);
static_assert(ulp_distance(ctnn::default_exp::exp(1.0f), 2.71828183f) <= 1);
// Overflow and underflow in constant expressions: the constant-evaluation path answers them
// before the branch-free code (which would make an inf from finite numbers, which constant
// evaluation refuses).
static_assert(poly(-std::numeric_limits<float>::infinity()) == 0.0f);
static_assert(poly(-std::numeric_limits<double>::infinity()) == 0.0);
static_assert(poly(std::numeric_limits<double>::infinity()) == std::numeric_limits<double>::infinity());
static_assert(poly(1000.0) == std::numeric_limits<double>::infinity());
static_assert(poly(100.0f) == std::numeric_limits<float>::infinity());
static_assert(poly(-200.0f) == 0.0f && poly(-800.0) == 0.0);
static_assert(poly(709.78) < std::numeric_limits<double>::infinity() && poly(-745.0) > 0.0);

// exp(k ln2) against 2^k for k across the normal range. The argument x = k * ln2, rounded, is
// off the true k ln2 by at most |x| 2^-53 + |k| 2^-54 ln2 (the product's and the constant's
// rounding), which moves exp(x) by that relative amount; one more ulp for exp itself.
// 2^k for k in the normal range, by the IEEE format's definition: biased exponent, zero fraction.
template <class T>
constexpr T power_of_two(int k) noexcept
{
    if constexpr (sizeof(T) == sizeof(float))
        return std::bit_cast<float>(static_cast<std::uint32_t>(k + 127) << 23);
    else
        return std::bit_cast<double>(static_cast<std::uint64_t>(k + 1023) << 52);
}
static_assert(power_of_two<double>(-3) == 0.125 && power_of_two<float>(10) == 1024.0f);

template <class T>
constexpr bool ln2_powers_hold(int low, int high) noexcept
{
    constexpr T ln2 = static_cast<T>(0.693147180559945309417232121458176568L);
    constexpr T eps = std::numeric_limits<T>::epsilon();
    for (int k = low; k <= high; ++k) {
        const T x = static_cast<T>(k) * ln2;
        const T want = power_of_two<T>(k);
        const T got = poly(x);
        const T abs_x = x < 0 ? -x : x;
        const T abs_k = static_cast<T>(k < 0 ? -k : k);
        const T tolerance = abs_x * eps / 2 + abs_k * eps + 2 * eps;
        const T error = (got - want) / want;
        if (!(error <= tolerance && -error <= tolerance))
            return false;
    }
    return true;
}
static_assert(ln2_powers_hold<double>(-1021, 1023));
static_assert(ln2_powers_hold<float>(-125, 127));

} // namespace

// --- Accuracy -------------------------------------------------------------------------------

TEST_CASE("polynomial_exp<float> is within 1 ulp of std::exp on every 7th float of [-104, 89]")
{
    // About 320 million inputs: every seventh representable float, so every binade, the
    // subnormal inputs near 0 and the subnormal results below -87.3 are all visited densely.
    // In blocks, so that the polynomial's loop vectorises as it would in ctnn's layers and the
    // test stays within a few seconds.
    worst_case worst;
    constexpr std::int32_t stride = 7 * ctnn_test::sweep_thinning;
    constexpr std::size_t block = 1024;
    std::array<float, block> x{};
    std::array<float, block> got{};
    std::array<float, block> want{};
    const std::int32_t first = ordered(-104.0f);
    const std::int32_t last = ordered(89.0f);
    for (std::int32_t start = first; start <= last;) {
        std::size_t n = 0;
        for (; n < block && start <= last; ++n, start += stride)
            x[n] = from_ordered<float>(start);
        for (std::size_t j = 0; j < n; ++j)
            got[j] = poly(x[j]);
        for (std::size_t j = 0; j < n; ++j)
            want[j] = std::exp(x[j]);
        for (std::size_t j = 0; j < n; ++j)
            worst.add(x[j], got[j], want[j]);
    }
    INFO("float: worst " << worst.ulps << " ulp at x = " << worst.at << "; " << worst.differing
                         << " of " << worst.count << " results differ from std::exp");
    CHECK(worst.count > 300'000'000u / ctnn_test::sweep_thinning);
    CHECK(worst.ulps <= 1);
}

TEST_CASE("polynomial_exp<double> is within 1 ulp of std::exp on a grid and at random points")
{
    worst_case worst;
    // A uniform grid of 6 million points over the whole clamped range [-746, 710].
    constexpr std::size_t grid = 6'000'000;
    constexpr double low = -746.0;
    constexpr double high = 710.0;
    for (std::size_t j = 0; j <= grid; ++j) {
        const double x = low + (high - low) * static_cast<double>(j) / static_cast<double>(grid);
        worst.add(x, poly(x), std::exp(x));
    }
    // Random points: over the range, near 0 (where the reduction does nothing), and at random
    // bit patterns of every magnitude below 1 (down to the subnormals).
    ctnn::random_engine rng(20240604);
    for (int j = 0; j < 1'000'000 / ctnn_test::sweep_thinning; ++j) {
        const double x = low + (high - low) * rng.uniform01<double>();
        worst.add(x, poly(x), std::exp(x));
        const double y = 2 * rng.uniform01<double>() - 1;
        worst.add(y, poly(y), std::exp(y));
        const double z = from_ordered<double>(
            static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(ordered(1.0))) *
            (rng() % 2 == 0 ? 1 : -1));
        worst.add(z, poly(z), std::exp(z));
    }
    INFO("double: worst " << worst.ulps << " ulp at x = " << worst.at << "; " << worst.differing
                          << " of " << worst.count << " results differ from std::exp");
    CHECK(worst.count >= 9'000'000u / ctnn_test::sweep_thinning);
    CHECK(worst.ulps <= 1);
}

TEMPLATE_TEST_CASE("polynomial_exp's special values", "", float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    CHECK(poly(T(0)) == T(1));
    CHECK(poly(-T(0)) == T(1));
    CHECK(poly(lim::infinity()) == lim::infinity());
    CHECK(poly(-lim::infinity()) == T(0));
    CHECK_FALSE(std::signbit(poly(-lim::infinity())));
    CHECK(std::isnan(poly(lim::quiet_NaN())));
    CHECK(std::isnan(poly(-lim::quiet_NaN())));
    CHECK(poly(lim::max()) == lim::infinity());
    CHECK(poly(lim::lowest()) == T(0));
    CHECK(poly(lim::denorm_min()) == T(1));
    CHECK(poly(-lim::denorm_min()) == T(1));
}

TEST_CASE("polynomial_exp<double> overflows and underflows where std::exp does")
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    // log(DBL_MAX) = 709.78271289338399673...: 709.782712893384 (= 709.78271289338397310 as a
    // double) is the last double below it, and the next double, 709.78271289338408678, the first
    // above it.
    constexpr double below = 709.782712893384;
    const double above = std::nextafter(below, 800.0);
    REQUIRE(std::exp(above) == inf); // the constants are what they claim
    REQUIRE(std::isfinite(std::exp(below)));
    CHECK(poly(above) == inf);
    CHECK(poly(710.0) == inf);
    CHECK(poly(1e10) == inf);
    CHECK(ulp_distance(poly(below), std::exp(below)) <= 1);
    CHECK(std::isfinite(poly(709.782712893383)));
    CHECK(ulp_distance(poly(709.782712893383), std::exp(709.782712893383)) <= 1);

    // Results below DBL_MIN (x < -708.40) are subnormal: within one subnormal ulp of std::exp.
    worst_case worst;
    constexpr int grid = 1'000'000 / ctnn_test::sweep_thinning;
    for (int j = 0; j <= grid; ++j) {
        const double x = -745.13 + (745.13 - 708.4) * static_cast<double>(j) / grid;
        worst.add(x, poly(x), std::exp(x));
    }
    INFO("double subnormal results: worst " << worst.ulps << " ulp at x = " << worst.at);
    CHECK(worst.ulps <= 1);
    CHECK(poly(-708.4) > 0);
    CHECK(std::fpclassify(poly(-720.0)) == FP_SUBNORMAL);
    CHECK(poly(-745.13) == std::numeric_limits<double>::denorm_min()); // 2^-1074 rounded to
    // Below -1075 ln2 = -745.1332 exp(x) < 2^-1075, which rounds to +0.
    for (const double x : {-745.14, -745.5, -746.0, -800.0, -1e10}) {
        INFO("x = " << x);
        CHECK(poly(x) == 0.0);
        CHECK_FALSE(std::signbit(poly(x)));
        CHECK(std::exp(x) == 0.0);
    }
}

TEST_CASE("polynomial_exp<float> overflows and underflows where std::exp does")
{
    constexpr float inf = std::numeric_limits<float>::infinity();
    // log(FLT_MAX) = 88.7228391...; 88.72283935546875 is the first float above it.
    constexpr float above = 88.72283935546875f;
    const float below = std::nextafter(above, 0.0f);
    REQUIRE(std::exp(above) == inf);
    REQUIRE(std::isfinite(std::exp(below)));
    CHECK(poly(above) == inf);
    CHECK(poly(89.0f) == inf);
    CHECK(poly(1e10f) == inf);
    CHECK(ulp_distance(poly(below), std::exp(below)) <= 1);

    // Results below FLT_MIN (x < -87.34) are subnormal: every float of that range.
    worst_case worst;
    for (std::int32_t i = ordered(-103.97f); i <= ordered(-87.34f); ++i) {
        const float x = from_ordered<float>(i);
        worst.add(x, poly(x), std::exp(x));
    }
    INFO("float subnormal results: worst " << worst.ulps << " ulp at x = " << worst.at);
    CHECK(worst.ulps <= 1);
    CHECK(std::fpclassify(poly(-90.0f)) == FP_SUBNORMAL);
    CHECK(poly(-103.97f) == std::numeric_limits<float>::denorm_min());
    // Below -150 ln2 = -103.9721 exp(x) < 2^-150, which rounds to +0.
    for (const float x : {-103.98f, -104.0f, -110.0f, -1e10f}) {
        INFO("x = " << x);
        CHECK(poly(x) == 0.0f);
        CHECK_FALSE(std::signbit(poly(x)));
        CHECK(std::exp(x) == 0.0f);
    }
}

TEMPLATE_TEST_CASE("default_exp at run time is the polynomial or std::exp, bit for bit", "",
                   float, double)
{
    using T = TestType;
    constexpr bool polynomial =
        sizeof(T) == sizeof(float) || ctnn::detail::polynomial_exp_double_vectorises;
    INFO("expected: " << (polynomial ? "polynomial_exp" : "std::exp"));
    std::size_t mismatches = 0;
    std::size_t differs_from_other = 0;
    ctnn::random_engine rng(7);
    for (int j = 0; j < 200'000 / ctnn_test::sweep_thinning; ++j) {
        // volatile: keep the argument a run-time value
        volatile T x = static_cast<T>(-120 + 240 * rng.uniform01<double>());
        const T got = ctnn::default_exp::exp(T(x));
        const T want = polynomial ? poly(T(x)) : std::exp(T(x));
        const T other = polynomial ? std::exp(T(x)) : poly(T(x));
        mismatches += std::bit_cast<unsigned_bits<T>>(got) != std::bit_cast<unsigned_bits<T>>(want);
        differs_from_other += got != other;
    }
    CHECK(mismatches == 0);
    // The two policies do differ somewhere, so the check above can tell them apart.
    CHECK(differs_from_other > 0);
}

// --- Sigmoid and softmax with each policy ----------------------------------------------------

namespace {

template <class T>
T reference_sigmoid(T z)
{
    return T(1) / (T(1) + std::exp(-z));
}

// The sigmoids against the same formula with std::exp. Where the two exps differ by their one
// ulp, s = 1 / (1 + e) moves by the same relative amount, up to 2 ulp of s (an ulp of e near the
// bottom of its binade is 2^-(p-1) relative; one of s near the top of its binade 2^-p).
// Where e lies in [2^p, 2^(p+1)) (p the significand's digits: z in about [-36.7, -37.4] for
// double, [-16.6, -17.3] for float), its ulp is 2 and 1 + e is a tie, rounded to even: two
// neighbouring e can round 2 ulp apart, and s then 4 ulp apart.
template <class Sigmoid, class T>
void check_sigmoid()
{
    constexpr T tie_low = power_of_two<T>(std::numeric_limits<T>::digits);
    constexpr T tie_high = 2 * tie_low;
    std::uint64_t worst = 0;
    std::uint64_t worst_tie = 0;
    double worst_at = 0;
    constexpr int steps = 400'000;
    for (int j = 0; j <= steps; ++j) {
        const T z = static_cast<T>(-50.0 + 100.0 * static_cast<double>(j) / steps);
        const std::uint64_t d = ulp_distance(Sigmoid::value(z), reference_sigmoid(z));
        const T e = std::exp(-z);
        if (e >= tie_low && e < tie_high)
            worst_tie = std::max(worst_tie, d);
        else if (d > worst) {
            worst = d;
            worst_at = static_cast<double>(z);
        }
    }
    INFO("worst " << worst << " ulp at z = " << worst_at << "; where 1 + exp(-z) is a tie: "
                  << worst_tie << " ulp");
    CHECK(worst <= 2);
    CHECK(worst_tie <= 4);
    CHECK(Sigmoid::value(T(-1000)) == T(0));
    CHECK(Sigmoid::value(T(1000)) == T(1));
    CHECK(Sigmoid::value(T(0)) == T(0.5));
    CHECK(std::isnan(Sigmoid::value(std::numeric_limits<T>::quiet_NaN())));
}

template <class T, std::size_t Width>
std::array<T, Width> reference_softmax(const std::array<T, Width>& z)
{
    const T top = *std::max_element(z.begin(), z.end());
    std::array<T, Width> a{};
    T sum = 0;
    for (std::size_t i = 0; i < Width; ++i) {
        a[i] = std::exp(z[i] - top);
        sum += a[i];
    }
    const T scale = T(1) / sum;
    for (auto& v : a)
        v *= scale;
    return a;
}

// Softmax through a policy against the same maths with std::exp (the maximum subtracted, then
// multiplied by 1 / sum, as ctnn computes it). Each exp may differ by an ulp: up to 2 ulp of a_i
// relative (as for the sigmoid), the sum then by about 2^-(p-1) relative (up to 2 ulp of a_i
// more), and 1 / sum and the product may each round the other way: 5 ulp in all.
template <class Softmax, class T>
void check_softmax()
{
    constexpr std::size_t width = 5;
    ctnn::random_engine rng(11);
    std::uint64_t worst = 0;
    for (int j = 0; j < 100'000 / ctnn_test::sweep_thinning; ++j) {
        std::array<T, width> z{};
        for (auto& v : z)
            v = static_cast<T>(-30 + 60 * rng.uniform01<double>());
        std::array<T, width> a{};
        Softmax::template forward<width>(z.data(), a.data());
        const auto want = reference_softmax(z);
        for (std::size_t i = 0; i < width; ++i)
            worst = std::max(worst, ulp_distance(a[i], want[i]));
    }
    INFO("worst " << worst << " ulp");
    CHECK(worst <= 5);

    // Inputs that would overflow a naive exp: the maximum is subtracted first.
    const std::array<T, 3> extreme{T(1000), T(0), T(-1000)};
    std::array<T, 3> a{};
    Softmax::template forward<3>(extreme.data(), a.data());
    CHECK(a[0] == T(1));
    CHECK(a[1] == T(0));
    CHECK(a[2] == T(0));
}

} // namespace

TEMPLATE_TEST_CASE("The sigmoid with each exp policy agrees with 1 / (1 + std::exp(-z))", "",
                   float, double)
{
    using T = TestType;
    SECTION("polynomial_exp") { check_sigmoid<ctnn::basic_sigmoid<ctnn::polynomial_exp>, T>(); }
    SECTION("std_exp") { check_sigmoid<ctnn::basic_sigmoid<ctnn::std_exp>, T>(); }
    SECTION("default_exp (ctnn::sigmoid)") { check_sigmoid<ctnn::sigmoid, T>(); }
}

TEMPLATE_TEST_CASE("Softmax with each exp policy agrees with a std::exp softmax", "", float,
                   double)
{
    using T = TestType;
    SECTION("polynomial_exp") { check_softmax<ctnn::basic_softmax<ctnn::polynomial_exp>, T>(); }
    SECTION("std_exp") { check_softmax<ctnn::basic_softmax<ctnn::std_exp>, T>(); }
    SECTION("default_exp (ctnn::softmax)") { check_softmax<ctnn::softmax, T>(); }
}

// --- Fused losses accept every member of the activation's family -----------------------------

namespace {

template <class Output>
using binary_net = ctnn::sequential<ctnn::options<double>, ctnn::input<3>,
                                    ctnn::dense<4, ctnn::tanh>, ctnn::dense<2, Output>>;
template <class Output>
using class_net = ctnn::sequential<ctnn::options<double>, ctnn::input<3>,
                                   ctnn::dense<4, ctnn::tanh>, ctnn::dense<3, Output>>;

template <class Net>
void fill(Net& net, std::uint64_t seed)
{
    ctnn::random_engine rng(seed);
    for (auto& p : net.values())
        p = 2 * rng.uniform01<double>() - 1;
}

// The gradients of two networks with the same parameters, element by element.
template <class NetA, class NetB, class Loss, std::size_t B, std::size_t In, std::size_t Out>
void check_same_gradient(const ctnn::batch<double, B, In>& x, const ctnn::batch<double, B, Out>& t)
{
    NetA a;
    NetB b;
    fill(a, 3);
    fill(b, 3);
    ctnn::gradient<NetA> ga;
    ctnn::gradient<NetB> gb;
    const double la = a.backprop(x, t, ga, Loss{});
    const double lb = b.backprop(x, t, gb, Loss{});
    CHECK(std::fabs(la - lb) <= 1e-12 * std::fabs(la));
    const auto va = ga.values();
    const auto vb = gb.values();
    REQUIRE(va.size() == vb.size());
    for (std::size_t k = 0; k < va.size(); ++k) {
        INFO("parameter " << k << ": " << va[k] << " against " << vb[k]);
        CHECK(std::fabs(va[k] - vb[k]) <= 1e-12 * std::max(std::fabs(va[k]), std::fabs(vb[k])));
    }
}

constexpr ctnn::batch<double, 4, 3> inputs{{{0.5, -1.0, 2.0},
                                            {-1.5, 0.25, 0.75},
                                            {3.0, -2.0, -0.5},
                                            {0.0, 1.0, -1.0}}};

} // namespace

TEST_CASE("Cross-entropy fuses with the sigmoid and softmax of every exp policy")
{
    SECTION("binary_cross_entropy with basic_sigmoid<std_exp> and <polynomial_exp>")
    {
        const ctnn::batch<double, 4, 2> t{{{0, 1}, {1, 1}, {0, 0}, {1, 0}}};
        check_same_gradient<binary_net<ctnn::sigmoid>, binary_net<ctnn::basic_sigmoid<ctnn::std_exp>>,
                            ctnn::binary_cross_entropy>(inputs, t);
        check_same_gradient<binary_net<ctnn::sigmoid>,
                            binary_net<ctnn::basic_sigmoid<ctnn::polynomial_exp>>,
                            ctnn::binary_cross_entropy>(inputs, t);
    }
    SECTION("categorical_cross_entropy with basic_softmax<polynomial_exp> and <std_exp>")
    {
        const ctnn::batch<double, 4, 3> t{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}}};
        check_same_gradient<class_net<ctnn::softmax>,
                            class_net<ctnn::basic_softmax<ctnn::polynomial_exp>>,
                            ctnn::categorical_cross_entropy>(inputs, t);
        check_same_gradient<class_net<ctnn::softmax>, class_net<ctnn::basic_softmax<ctnn::std_exp>>,
                            ctnn::categorical_cross_entropy>(inputs, t);
    }
}

// --- half_exp: exp halved, and tanh through it -------------------------------------------------

namespace {

// polynomial_exp's exp alone, without its half_exp: tanh on it takes its formula as written,
// 1 - 2 / (exp(2|z|) + 1), and the sigmoid 0.5 / (0.5 + half_exp(-z)) below is checked against
// 1 / (1 + exp(-z)) on it.
struct exp_without_half {
    template <std::floating_point T>
    static constexpr T exp(T x) noexcept
    {
        return ctnn::polynomial_exp::exp(x);
    }
};

// At x: half_exp(x) against exp(x) / 2 where that is what it promises, and tanh through half_exp
// against its exp formula, bit for bit; also 0.5 / (0.5 + half_exp(-x)) against the sigmoid's
// 1 / (1 + exp(-x)), the same argument on the other side of 0 (a sigmoid could use it). Counts
// the mismatches.
template <class T>
std::size_t half_exp_mismatches(T x)
{
    constexpr T low = sizeof(T) == sizeof(double) ? T(-707) : T(-86);
    std::size_t bad = 0;
    const T h = ctnn::polynomial_exp::half_exp(x);
    const T e = poly(x);
    if (x != x)
        bad += h == h;
    else if (x < low)
        bad += !same_bits(h, T(0)) || !(e < T(1e-30)); // and 0.5 + e / 2 rounds to 0.5
    else
        bad += !same_bits(h, e / 2) || !same_bits(h * 2, e);
    bad += !same_bits(T(0.5) / (T(0.5) + ctnn::polynomial_exp::half_exp(-x)),
                      ctnn::basic_sigmoid<exp_without_half>::value(x));
    bad += !same_bits(ctnn::basic_tanh<ctnn::polynomial_exp>::value(x),
                      ctnn::basic_tanh<exp_without_half>::value(x));
    return bad;
}

// Constant evaluation takes half_exp's own path: the same values.
static_assert(ctnn::polynomial_exp::half_exp(0.0f) == 0.5f &&
              ctnn::polynomial_exp::half_exp(0.0) == 0.5);
static_assert(ctnn::polynomial_exp::half_exp(-87.0f) == 0.0f &&
              ctnn::polynomial_exp::half_exp(-86.0f) == poly(-86.0f) / 2);
static_assert(ctnn::polynomial_exp::half_exp(88.72283172607421875f) == poly(88.72283172607421875f) / 2 &&
              ctnn::polynomial_exp::half_exp(88.72283935546875f) ==
                  std::numeric_limits<float>::infinity());
static_assert(ctnn::polynomial_exp::half_exp(709.782712893384) == poly(709.782712893384) / 2 &&
              ctnn::polynomial_exp::half_exp(709.7827128933841) ==
                  std::numeric_limits<double>::infinity());
static_assert(ctnn::basic_tanh<ctnn::polynomial_exp>::value(-8.5f) ==
              ctnn::basic_tanh<exp_without_half>::value(-8.5f));

} // namespace

TEST_CASE("half_exp is exp halved bit for bit and tanh through it gives its exp formula's "
          "bits (float)")
{
    std::size_t bad = 0;
    std::size_t checked = 0;
    // Every 257th float, of both signs, infinities and NaNs included...
    const std::uint64_t stride = 257 * static_cast<std::uint64_t>(ctnn_test::sweep_thinning);
    for (std::uint64_t bits = 0; bits <= 0xffff'ffffu; bits += stride, ++checked)
        bad += half_exp_mismatches(std::bit_cast<float>(static_cast<std::uint32_t>(bits)));
    // ...and every float within 20,000 of each edge: half_exp's low bound and where exp(x)
    // overflows, of both signs (the sigmoid takes -z), and 0.
    for (const float edge : {-86.0f, 86.0f, 88.72283935546875f, -88.72283935546875f, 0.0f}) {
        for (std::int64_t d = -20'000; d <= 20'000; ++d, ++checked) {
            const auto at = static_cast<std::int32_t>(ordered(edge) + d);
            bad += half_exp_mismatches(from_ordered<float>(at));
        }
    }
    INFO(checked << " floats checked");
    CHECK(bad == 0);
}

TEST_CASE("half_exp is exp halved bit for bit and tanh through it gives its exp formula's "
          "bits (double)")
{
    std::size_t bad = 0;
    ctnn::random_engine rng(11);
    // Random values over the whole range of interest, then every double within 20,000 of each
    // edge.
    for (int j = 0; j < 2'000'000 / ctnn_test::sweep_thinning; ++j)
        bad += half_exp_mismatches(-800 + 1600 * rng.uniform01<double>());
    for (const double edge : {-707.0, 707.0, 709.782712893384, -709.782712893384, 0.0}) {
        for (std::int64_t d = -20'000; d <= 20'000; ++d)
            bad += half_exp_mismatches(from_ordered<double>(ordered(edge) + d));
    }
    for (const double x : {std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity(),
                           std::numeric_limits<double>::quiet_NaN(),
                           std::numeric_limits<double>::denorm_min(), -0.0})
        bad += half_exp_mismatches(x);
    CHECK(bad == 0);
}
