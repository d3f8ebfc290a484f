// The branch-free tanh, elu and softplus (basic_tanh<polynomial_exp>, ...) and
// polynomial_exp::expm1 against correctly rounded references, in units in the last place: float
// against the double C library's result rounded to float, double against long double's (x87's
// 64-bit significand) rounded to double. Every 17th float of each function's interesting range
// and every 101st beyond it, in blocks (so that the functions' loops vectorise as in a layer),
// about 3.5 million doubles per
// function (a grid, random points, the breakpoints of each algorithm and random bit patterns of
// every magnitude); the special values exactly, at run time and in constant expressions; and
// which code the default policy runs at run time, bit for bit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <vector>

#include <ctnn/ctnn.hpp>

#include "../support/emulator.hpp"
#include "ulp.hpp"

namespace {

constexpr int thinning = ctnn_test::sweep_thinning; // 1, or 16 under an emulator or a sanitizer

using ulp::from_ordered;
using ulp::ordered;
using ulp::worst_case;

using tanh_poly = ctnn::basic_tanh<ctnn::polynomial_exp>;
using elu_poly = ctnn::basic_elu<1, 1, ctnn::polynomial_exp>;
using softplus_poly = ctnn::basic_softplus<ctnn::polynomial_exp>;
using silu_poly = ctnn::basic_silu<ctnn::polynomial_exp>;

// One function under test and its reference, for float and double.
struct tanh_case {
    static constexpr const char* name = "tanh";
    template <class T>
    static T got(T z) noexcept { return tanh_poly::value(z); }
    static float want(float z) { return static_cast<float>(std::tanh(static_cast<double>(z))); }
    static double want(double z)
    {
        return static_cast<double>(std::tanh(static_cast<long double>(z)));
    }
};

struct elu_case {
    static constexpr const char* name = "elu";
    template <class T>
    static T got(T z) noexcept { return elu_poly::value(z); }
    static float want(float z)
    {
        return z > 0 ? z : static_cast<float>(std::expm1(static_cast<double>(z)));
    }
    static double want(double z)
    {
        return z > 0 ? z : static_cast<double>(std::expm1(static_cast<long double>(z)));
    }
};

struct expm1_case {
    static constexpr const char* name = "polynomial_exp::expm1";
    template <class T>
    static T got(T z) noexcept { return ctnn::polynomial_exp::expm1(z); }
    static float want(float z) { return static_cast<float>(std::expm1(static_cast<double>(z))); }
    static double want(double z)
    {
        return static_cast<double>(std::expm1(static_cast<long double>(z)));
    }
};

template <class W>
W softplus_of(W z)
{
    return (z > 0 ? z : W(0)) + std::log1p(std::exp(-std::fabs(z)));
}

struct softplus_case {
    static constexpr const char* name = "softplus";
    template <class T>
    static T got(T z) noexcept { return softplus_poly::value(z); }
    static float want(float z) { return static_cast<float>(softplus_of(static_cast<double>(z))); }
    static double want(double z)
    {
        return static_cast<double>(softplus_of(static_cast<long double>(z)));
    }
};

// z / (1 + exp(-z)), in the wider type: exp(90) and exp(745) are far from overflowing there.
template <class W>
W silu_of(W z)
{
    return z / (1 + std::exp(-z));
}

struct silu_case {
    static constexpr const char* name = "silu";
    template <class T>
    static T got(T z) noexcept { return silu_poly::value(z); }
    static float want(float z) { return static_cast<float>(silu_of(static_cast<double>(z))); }
    static double want(double z)
    {
        return static_cast<double>(silu_of(static_cast<long double>(z)));
    }
};

// The same with the C library's exp, where the branches are.
struct silu_std_case : silu_case {
    static constexpr const char* name = "basic_silu<std_exp>";
    template <class T>
    static T got(T z) noexcept { return ctnn::basic_silu<ctnn::std_exp>::value(z); }
};

// z / (1 + exp(-y)), y = 2 sqrt(2/pi) (z + 0.044715 z^3), the tanh form's identity, in double for
// a float result and in long double for a double one (whose 64-bit significand keeps y's error
// below 0.2 ulp of it).
template <class W>
W gelu_tanh_of(W z)
{
    const auto c = static_cast<W>(1.595769121605730711759784239737527474L); // 2 sqrt(2/pi)
    const W y = c * (z + W(0.044715L) * z * z * z);
    return z / (1 + std::exp(-y));
}

struct gelu_tanh_case {
    static constexpr const char* name = "gelu_tanh";
    template <class T>
    static T got(T z) noexcept { return ctnn::gelu_tanh::value(z); }
    static float want(float z) { return static_cast<float>(gelu_tanh_of(static_cast<double>(z))); }
    static double want(double z)
    {
        return static_cast<double>(gelu_tanh_of(static_cast<long double>(z)));
    }
};

// z/2 erfc(-z / sqrt 2) in double for a float result, in long double (the C library's erfcl) for
// a double one, whose 64-bit significand keeps the argument's rounding below 0.4 ulp of it down
// to z = -39.
template <class W>
W gelu_of(W z)
{
    return W(0.5L) * z * std::erfc(-z / std::sqrt(W(2)));
}

struct gelu_case {
    static constexpr const char* name = "gelu";
    template <class T>
    static T got(T z) noexcept { return ctnn::gelu::value(z); }
    static float want(float z) { return static_cast<float>(gelu_of(static_cast<double>(z))); }
    static double want(double z)
    {
        return static_cast<double>(gelu_of(static_cast<long double>(z)));
    }
};

// ctnn's erfc for constant expressions, called at run time, against erfcl.
struct constexpr_erfc_case {
    static constexpr const char* name = "detail::constexpr_erfc";
    template <class T>
    static T got(T t) noexcept { return ctnn::detail::constexpr_erfc(t); }
    static double want(double t)
    {
        return static_cast<double>(std::erfc(static_cast<long double>(t)));
    }
};

// Every stride-th float from low to high, in blocks: the function under test in a loop of its
// own, as a layer runs it.
template <class Case>
void sweep_floats(worst_case& worst, float low, float high, std::int32_t stride)
{
    constexpr std::size_t block = 1024;
    std::array<float, block> x{};
    std::array<float, block> got{};
    const std::int32_t last = ordered(high);
    for (std::int32_t start = ordered(low); start <= last;) {
        std::size_t n = 0;
        for (; n < block && start <= last; ++n, start += stride)
            x[n] = from_ordered<float>(start);
        for (std::size_t j = 0; j < n; ++j)
            got[j] = Case::got(x[j]);
        for (std::size_t j = 0; j < n; ++j)
            worst.add(x[j], got[j], Case::want(x[j]));
    }
}

template <class Case>
void sweep_doubles(worst_case& worst, const std::vector<double>& x)
{
    std::vector<double> got(x.size());
    for (std::size_t j = 0; j < x.size(); ++j)
        got[j] = Case::got(x[j]);
    for (std::size_t j = 0; j < x.size(); ++j)
        worst.add(x[j], got[j], Case::want(x[j]));
}

// About 3.5 million doubles: a uniform grid of [low, high], random points in it, random points
// within 1e-6 (relative) of each breakpoint, and random bit patterns of every magnitude below
// 1 (subnormals included), of either sign.
std::vector<double> double_inputs(double low, double high,
                                  std::initializer_list<double> breakpoints)
{
    std::vector<double> x;
    constexpr int grid = 1'500'000 / thinning;
    for (int j = 0; j <= grid; ++j)
        x.push_back(low + (high - low) * static_cast<double>(j) / grid);
    ctnn::random_engine rng(20240611);
    for (int j = 0; j < 1'000'000 / thinning; ++j)
        x.push_back(low + (high - low) * rng.uniform01<double>());
    for (const double b : breakpoints)
        for (int j = 0; j < 100'000 / thinning; ++j)
            x.push_back(b * (1 + 1e-6 * (2 * rng.uniform01<double>() - 1)));
    for (int j = 0; j < 500'000 / thinning; ++j) {
        const auto bits =
            static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(ordered(1.0)));
        x.push_back(from_ordered<double>(rng() % 2 == 0 ? bits : -bits));
    }
    return x;
}

template <class Case>
void report(const worst_case& worst, const char* type)
{
    UNSCOPED_INFO(Case::name << "<" << type << ">: worst " << worst.ulps << " ulp at x = "
                             << worst.at << "; " << worst.differing << " of " << worst.count
                             << " results differ from the correctly rounded one");
}

// Every 17th float of [low, high], every 101st beyond it (where the result is a limit or z); under
// an emulator or a sanitizer every 16th of those.
template <class Case>
void check_float(float low, float high)
{
    worst_case worst;
    constexpr float max = std::numeric_limits<float>::max();
    sweep_floats<Case>(worst, -max, low, 101 * thinning);
    sweep_floats<Case>(worst, low, high, 17 * thinning);
    sweep_floats<Case>(worst, high, max, 101 * thinning);
    report<Case>(worst, "float");
    CHECK(worst.ulps <= 2);
}

template <class Case>
void check_double(double low, double high, std::initializer_list<double> breakpoints,
                  std::uint64_t ulps = 2)
{
    worst_case worst;
    sweep_doubles<Case>(worst, double_inputs(low, high, breakpoints));
    report<Case>(worst, "double");
    CHECK(worst.count >= 3'000'000u / thinning);
    CHECK(worst.ulps <= ulps);
}

// The worst error of A's derivative in float and double at a million random points of [low, high]
// against want (long double), in epsilons of the derivative's scale, 1: for derivatives that pass
// through 0, where no relative bound holds.
template <class A, class Want>
double worst_derivative_error(double low, double high, Want want)
{
    double worst = 0;
    double worst_at = 0;
    ctnn::random_engine rng(11);
    for (int j = 0; j < 1'000'000 / thinning; ++j) {
        const double z = low + (high - low) * rng.uniform01<double>();
        const auto zf = static_cast<float>(z);
        const long double got = A::derivative(z, 0.0);
        const long double got_f = A::derivative(zf, 0.0f);
        const double scaled =
            std::max(static_cast<double>(std::fabs(got - want(z))) /
                         std::numeric_limits<double>::epsilon(),
                     static_cast<double>(std::fabs(got_f - want(zf))) /
                         static_cast<double>(std::numeric_limits<float>::epsilon()));
        if (scaled > worst) {
            worst = scaled;
            worst_at = z;
        }
    }
    UNSCOPED_INFO("worst " << worst << " epsilon at z = " << worst_at);
    return worst;
}

} // namespace

// --- Accuracy -------------------------------------------------------------------------------
// The breakpoints: where tanh passes from its polynomial to exp (0.5493) and rounds to +-1;
// where expm1's reduction changes n (odd multiples of ln2 / 2), saturates to -1 and overflows;
// where softplus's log1p changes its reduction (exp(-|z|) = 1/2 at |z| = ln2).

TEST_CASE("tanh within 2 ulp of the correctly rounded result, float and double")
{
    check_float<tanh_case>(-10.0f, 10.0f);
    check_double<tanh_case>(-25.0, 25.0, {0.5493, -0.5493, 0.549306144334054846, 18.7, 19.06,
                                          -19.06, 0.34657359027997264, 1.0397207708399179});
}

TEST_CASE("elu<1, 1> within 2 ulp of the correctly rounded result, float and double")
{
    check_float<elu_case>(-20.0f, 1.0f);
    check_double<elu_case>(-50.0, 5.0, {-0.34657359027997264, -1.0397207708399179, -17.3, -18.0,
                                        -37.4, -40.0});
}

TEST_CASE("polynomial_exp::expm1 within 2 ulp of the correctly rounded result, float and double")
{
    check_float<expm1_case>(-20.0f, 89.0f);
    check_double<expm1_case>(-50.0, 710.0, {0.34657359027997264, -0.34657359027997264,
                                            1.0397207708399179, 709.0, 709.43613930310391,
                                            709.78271289338397, -40.0});
}

TEST_CASE("softplus within 2 ulp of the correctly rounded result, float and double")
{
    check_float<softplus_case>(-104.0f, 89.0f);
    check_double<softplus_case>(-750.0, 750.0, {0.69314718055994531, -0.69314718055994531,
                                                 36.7, -36.7, -708.4, -745.1});
}

// The breakpoints: 0 (the sign's two formulas), where exp(-|z|) turns subnormal while z exp(z) is
// still normal (float: 87.3 to 92; double: 708.4 to 715) and where the result underflows.
TEST_CASE("silu within 2 ulp of the correctly rounded result, float and double")
{
    check_float<silu_case>(-110.0f, 30.0f);
    check_double<silu_case>(-760.0, 60.0, {1e-3, -1e-3, -87.3, -92.0, -708.4, -715.0, -745.0});
    check_float<silu_std_case>(-110.0f, 30.0f);
    check_double<silu_std_case>(-760.0, 60.0, {-709.0, -709.8, -715.0, -745.0});
}

// The breakpoints: 0, where y passes -708 and -745 (z about -10.5 to -11) and where the result
// underflows (z about -11.3); past +-2^20 y's correction is dropped.
TEST_CASE("gelu_tanh within 2 ulp of the correctly rounded result, float and double")
{
    check_float<gelu_tanh_case>(-14.0f, 8.0f);
    check_double<gelu_tanh_case>(-12.0, 8.0, {1e-3, -1e-3, -3.0, -10.0, -10.6, -11.0, -11.3,
                                              1048576.0, -1048576.0});
}

TEST_CASE("gelu_tanh's derivative against its closed form in long double, float and double")
{
    // d/dz z s(y) = s + z s (1 - s) y', y' = 2 sqrt(2/pi) (1 + 3 0.044715 z^2); it passes through
    // 0 (near z = -0.75), so the error is measured against the derivative's scale, 1 (its values
    // lie in [-0.2, 1.2]), within 8 epsilon.
    const auto want = [](long double z) {
        const long double c = 1.595769121605730711759784239737527474L;
        const long double y = c * (z + 0.044715L * z * z * z);
        const long double e = std::exp(-std::fabs(y));
        const long double s = (y >= 0 ? 1 : e) / (1 + e);
        const long double one_minus_s = (y >= 0 ? e : 1) / (1 + e);
        return s + z * s * one_minus_s * c * (1 + 3 * 0.044715L * z * z);
    };
    CHECK(worst_derivative_error<ctnn::gelu_tanh>(-12.0, 12.0, want) <= 8);
}

// gelu rests on the C library's erfc, within 4 ulp with glibc 2.36, and below z = -35.4 (erfc
// subnormal or nearly) on ctnn's scaled continued fraction: 6 ulp in double, not 2 (float, computed
// in double, stays within 1). The breakpoints: 0, where the scaled form takes over, where erfc
// turns subnormal (-37.6) and where the result underflows (-38.6).
TEST_CASE("gelu within 1 ulp (float) and 6 ulp (double) of the correctly rounded result")
{
    check_float<gelu_case>(-40.0f, 8.0f);
    check_double<gelu_case>(-40.0, 8.0, {1e-3, -1e-3, -35.355, -37.6, -38.6}, 6);
}

TEST_CASE("gelu's constant-expression erfc within 5 ulp of the C library's erfcl")
{
    worst_case worst;
    sweep_doubles<constexpr_erfc_case>(
        worst, double_inputs(-7.0, 28.0, {0.5, -0.5, 1.0, 2.0, 25.0, 26.5, 27.2}));
    report<constexpr_erfc_case>(worst, "double");
    CHECK(worst.ulps <= 5);
}

TEST_CASE("gelu's derivative against its closed form in long double, float and double")
{
    // Phi(z) + z phi(z): 0 near z = -0.75, so measured against its scale, 1, within 4 epsilon.
    const auto want = [](long double z) {
        return 0.5L * std::erfc(-z / std::sqrt(2.0L)) +
               z * std::exp(-z * z / 2) / std::sqrt(2 * 3.141592653589793238462643383279503L);
    };
    CHECK(worst_derivative_error<ctnn::gelu>(-12.0, 12.0, want) <= 4);
}

TEST_CASE("silu's derivative against z s(z) differentiated in long double, float and double")
{
    // d/dz z s(z) = s (1 + z (1 - s)), with s the logistic sigmoid, in long double. It passes
    // through 0 (at z = -1.2785), where no relative bound holds: the error is measured against
    // the derivative's scale, 1 (its values lie in [-0.1, 1.1]), within 4 epsilon.
    const auto want = [](long double z) {
        const long double e = std::exp(-std::fabs(z));
        const long double s = (z >= 0 ? 1 : e) / (1 + e);
        const long double one_minus_s = (z >= 0 ? e : 1) / (1 + e);
        return s * (1 + z * one_minus_s);
    };
    CHECK(worst_derivative_error<silu_poly>(-40.0, 40.0, want) <= 4);
}

TEST_CASE("softplus's derivative (the logistic sigmoid) within 2 ulp of the correctly rounded one")
{
    worst_case worst;
    ctnn::random_engine rng(5);
    for (int j = 0; j < 1'000'000 / thinning; ++j) {
        const double z = -40 + 80 * rng.uniform01<double>();
        const long double e = std::exp(-std::fabs(static_cast<long double>(z)));
        const long double sigma = (z >= 0 ? 1 : e) / (1 + e);
        worst.add(z, softplus_poly::derivative(z, 0.0), static_cast<double>(sigma));
        const auto zf = static_cast<float>(z);
        const double ef = std::exp(-std::fabs(static_cast<double>(zf)));
        worst.add(zf, softplus_poly::derivative(zf, 0.0f),
                  static_cast<float>((zf >= 0 ? 1 : ef) / (1 + ef)));
    }
    INFO("worst " << worst.ulps << " ulp at z = " << worst.at);
    CHECK(worst.ulps <= 2);
}

// --- Special values -------------------------------------------------------------------------

TEMPLATE_TEST_CASE("tanh, elu, softplus, silu, gelu_tanh and gelu give the special values exactly",
                   "", float, double)
{
    using T = TestType;
    using lim = std::numeric_limits<T>;
    const T inf = lim::infinity();
    const T nan = lim::quiet_NaN();
    const T tiny = lim::denorm_min();
    const auto same = [](T a, T b) { // bit for bit (-0 is not +0)
        return ulp::distance(a, b) == 0 && std::signbit(a) == std::signbit(b);
    };

    // tanh: odd, +-0 and subnormals give themselves, +-1 at +-inf and once it rounds there.
    CHECK(same(tanh_poly::value(T(0)), T(0)));
    CHECK(same(tanh_poly::value(-T(0)), -T(0)));
    CHECK(tanh_poly::value(inf) == T(1));
    CHECK(tanh_poly::value(-inf) == T(-1));
    CHECK(std::isnan(tanh_poly::value(nan)));
    CHECK(std::isnan(tanh_poly::value(-nan)));
    for (const T x : {tiny, -tiny, lim::min(), -lim::min(), T(3) * tiny, lim::min() / T(3)})
        CHECK(same(tanh_poly::value(x), x));
    for (const T x : {T(20), T(100), T(1e10), lim::max()}) {
        CHECK(tanh_poly::value(x) == T(1));
        CHECK(tanh_poly::value(-x) == T(-1));
    }
    CHECK(tanh_poly::derivative(T(30), T(1)) == T(0));

    // elu: -0 stays -0, -alpha at -inf and below the saturation point, z for z > 0.
    CHECK(same(elu_poly::value(T(0)), T(0)));
    CHECK(same(elu_poly::value(-T(0)), -T(0)));
    CHECK(elu_poly::value(-inf) == T(-1));
    CHECK(ctnn::basic_elu<1, 2, ctnn::polynomial_exp>::value(-inf) == T(-0.5));
    CHECK(elu_poly::value(inf) == inf);
    CHECK(elu_poly::value(lim::max()) == lim::max());
    CHECK(elu_poly::value(-lim::max()) == T(-1));
    CHECK(elu_poly::value(T(-50)) == T(-1));
    CHECK(std::isnan(elu_poly::value(nan)));
    for (const T x : {tiny, -tiny, T(5) * tiny, -lim::min()})
        CHECK(same(elu_poly::value(x), x));
    CHECK(elu_poly::derivative(-inf, T(-1)) == T(0));
    CHECK(elu_poly::derivative(T(2), T(2)) == T(1));

    // softplus: +0 at -inf and far below, z at +inf and far above, ln2 at 0.
    CHECK(same(softplus_poly::value(-inf), T(0)));
    CHECK(same(softplus_poly::value(-lim::max()), T(0)));
    CHECK(same(softplus_poly::value(T(-1000)), T(0)));
    CHECK(softplus_poly::value(inf) == inf);
    CHECK(softplus_poly::value(lim::max()) == lim::max());
    CHECK(softplus_poly::value(T(1000)) == T(1000));
    CHECK(softplus_poly::value(T(0)) == static_cast<T>(0.693147180559945309417232121458176568L));
    CHECK(softplus_poly::value(-T(0)) == softplus_poly::value(T(0)));
    CHECK(softplus_poly::value(tiny) == softplus_poly::value(T(0)));
    CHECK(std::isnan(softplus_poly::value(nan)));
    CHECK(softplus_poly::derivative(inf, inf) == T(1));
    CHECK(same(softplus_poly::derivative(-inf, T(0)), T(0)));
    CHECK(softplus_poly::derivative(T(0), T(0)) == T(0.5));
    CHECK(std::isnan(softplus_poly::derivative(nan, nan)));

    // silu: +-0 and subnormals (z / 2 rounded) keep their sign, +inf at +inf and -0 at -inf and
    // far below; the derivative 1/2 at 0, 1 at +inf, 0 at -inf.
    CHECK(same(silu_poly::value(T(0)), T(0)));
    CHECK(same(silu_poly::value(-T(0)), -T(0)));
    CHECK(silu_poly::value(inf) == inf);
    CHECK(silu_poly::value(lim::max()) == lim::max());
    CHECK(same(silu_poly::value(-inf), -T(0)));
    CHECK(same(silu_poly::value(-lim::max()), -T(0)));
    CHECK(same(silu_poly::value(T(-2000)), -T(0)));
    CHECK(same(silu_poly::value(T(4) * tiny), T(2) * tiny));
    CHECK(same(silu_poly::value(T(-4) * tiny), T(-2) * tiny));
    CHECK(std::isnan(silu_poly::value(nan)));
    CHECK(silu_poly::derivative(T(0), T(0)) == T(0.5));
    CHECK(silu_poly::derivative(inf, inf) == T(1));
    CHECK(silu_poly::derivative(lim::max(), lim::max()) == T(1));
    CHECK(silu_poly::derivative(-inf, -T(0)) == T(0));
    CHECK(std::isnan(silu_poly::derivative(nan, nan)));

    // gelu_tanh: z/2 at +-0 and small subnormals, z at +inf and far above, -0 at -inf and far
    // below; the derivative 1/2 at 0, 1 far above, 0 far below.
    using ctnn::gelu_tanh;
    CHECK(same(gelu_tanh::value(T(0)), T(0)));
    CHECK(same(gelu_tanh::value(-T(0)), -T(0)));
    CHECK(same(gelu_tanh::value(T(4) * tiny), T(2) * tiny));
    CHECK(same(gelu_tanh::value(T(-4) * tiny), T(-2) * tiny));
    CHECK(gelu_tanh::value(inf) == inf);
    CHECK(gelu_tanh::value(lim::max()) == lim::max());
    CHECK(gelu_tanh::value(T(1e6)) == T(1e6));
    CHECK(same(gelu_tanh::value(-inf), -T(0)));
    CHECK(same(gelu_tanh::value(-lim::max()), -T(0)));
    CHECK(same(gelu_tanh::value(T(-50)), -T(0)));
    CHECK(std::isnan(gelu_tanh::value(nan)));
    CHECK(gelu_tanh::derivative(T(0), T(0)) == T(0.5));
    CHECK(gelu_tanh::derivative(inf, inf) == T(1));
    CHECK(gelu_tanh::derivative(T(1e30), T(1e30)) == T(1));
    CHECK(gelu_tanh::derivative(-inf, -T(0)) == T(0));
    CHECK(std::isnan(gelu_tanh::derivative(nan, nan)));

    // gelu: z/2 at +-0 and small subnormals, z above 39 and at +inf, -0 below -39 and at -inf.
    using ctnn::gelu;
    CHECK(same(gelu::value(T(0)), T(0)));
    CHECK(same(gelu::value(-T(0)), -T(0)));
    CHECK(same(gelu::value(T(4) * tiny), T(2) * tiny));
    CHECK(same(gelu::value(T(-4) * tiny), T(-2) * tiny));
    CHECK(gelu::value(inf) == inf);
    CHECK(gelu::value(T(40)) == T(40));
    CHECK(same(gelu::value(-inf), -T(0)));
    CHECK(same(gelu::value(T(-40)), -T(0)));
    CHECK(std::isnan(gelu::value(nan)));
    CHECK(gelu::derivative(T(0), T(0)) == T(0.5));
    CHECK(gelu::derivative(inf, inf) == T(1));
    CHECK(gelu::derivative(-inf, -T(0)) == T(0));
    CHECK(std::isnan(gelu::derivative(nan, nan)));

    // expm1: the sign of x, -1 at -inf, +inf past the overflow, subnormals unchanged.
    CHECK(same(ctnn::polynomial_exp::expm1(-T(0)), -T(0)));
    CHECK(same(ctnn::polynomial_exp::expm1(T(0)), T(0)));
    CHECK(ctnn::polynomial_exp::expm1(-inf) == T(-1));
    CHECK(ctnn::polynomial_exp::expm1(inf) == inf);
    CHECK(ctnn::polynomial_exp::expm1(lim::max()) == inf);
    CHECK(ctnn::polynomial_exp::expm1(T(1000)) == inf);
    CHECK(std::isnan(ctnn::polynomial_exp::expm1(nan)));
    for (const T x : {tiny, -tiny, T(7) * tiny})
        CHECK(same(ctnn::polynomial_exp::expm1(x), x));
}

TEST_CASE("expm1 overflows where the correctly rounded result does")
{
    // log(DBL_MAX) = 709.78271289338399673...; log(FLT_MAX) = 88.7228391...
    constexpr double below = 709.782712893384;
    const double above = std::nextafter(below, 800.0);
    CHECK(std::isfinite(ctnn::polynomial_exp::expm1(below)));
    CHECK(ctnn::polynomial_exp::expm1(above) == std::numeric_limits<double>::infinity());
    constexpr float above_f = 88.72283935546875f;
    const float below_f = std::nextafter(above_f, 0.0f);
    CHECK(std::isfinite(ctnn::polynomial_exp::expm1(below_f)));
    CHECK(ctnn::polynomial_exp::expm1(above_f) == std::numeric_limits<float>::infinity());
}

// --- Constant expressions -------------------------------------------------------------------
// The same code, so the same special values; and a few results against decimal literals (the
// nearest float or double), not computed by anything under test.
namespace {

using ulp::same_bits;

template <class T>
constexpr bool constant_special_values()
{
    using lim = std::numeric_limits<T>;
    const T inf = lim::infinity();
    return same_bits(ctnn::tanh::value(-T(0)), -T(0)) && ctnn::tanh::value(inf) == T(1) &&
           ctnn::tanh::value(-inf) == T(-1) && ctnn::tanh::value(T(25)) == T(1) &&
           ctnn::tanh::value(lim::denorm_min()) == lim::denorm_min() &&
           same_bits(ctnn::elu<>::value(-T(0)), -T(0)) && ctnn::elu<>::value(-inf) == T(-1) &&
           ctnn::elu<>::value(inf) == inf && ctnn::elu<>::value(T(-100)) == T(-1) &&
           same_bits(ctnn::softplus::value(-inf), T(0)) && ctnn::softplus::value(inf) == inf &&
           ctnn::softplus::value(T(1000)) == T(1000) &&
           ctnn::softplus::derivative(T(0), T(0)) == T(0.5) &&
           ctnn::softplus::derivative(-inf, T(0)) == T(0) &&
           ctnn::polynomial_exp::expm1(T(1000)) == inf && same_bits(ctnn::silu::value(-T(0)), -T(0)) &&
           ctnn::silu::value(inf) == inf && same_bits(ctnn::silu::value(-inf), -T(0)) &&
           ctnn::silu::derivative(T(0), T(0)) == T(0.5) &&
           same_bits(ctnn::gelu_tanh::value(-T(0)), -T(0)) && ctnn::gelu_tanh::value(inf) == inf &&
           same_bits(ctnn::gelu_tanh::value(-inf), -T(0)) &&
           ctnn::gelu_tanh::derivative(T(0), T(0)) == T(0.5);
}
static_assert(constant_special_values<float>() && constant_special_values<double>());
// (Not NaN: Clang refuses any arithmetic that yields a NaN in a constant expression.)

static_assert(ulp::distance(ctnn::tanh::value(0.5), 0.46211715726000974) <= 1);
static_assert(ulp::distance(ctnn::tanh::value(-1.0), -0.76159415595576489) <= 1);
static_assert(ulp::distance(ctnn::tanh::value(0.5f), 0.462117157f) <= 1);
static_assert(ulp::distance(ctnn::elu<>::value(-1.0), -0.63212055882855767) <= 1);
static_assert(ulp::distance(ctnn::elu<>::value(-1.0f), -0.632120559f) <= 1);
static_assert(ulp::distance(ctnn::polynomial_exp::expm1(1e-3), 1.0005001667083417e-3) <= 1);
static_assert(ulp::distance(ctnn::softplus::value(0.0), 0.69314718055994531) <= 1);
static_assert(ulp::distance(ctnn::softplus::value(-2.0), 0.12692801104297249) <= 1);
static_assert(ulp::distance(ctnn::softplus::value(2.0f), 2.12692801f) <= 1);
// z / (1 + exp(-z)) to 50 digits (Python's decimal): 0.73105857863000487925..., -0.26894142136999512074...,
// -7.3746113615914638873e-38 (a float whose exp(-|z|) is subnormal), -1.4632061777454910700e-310
// (a subnormal double).
static_assert(ulp::distance(ctnn::silu::value(1.0), 0.73105857863000488) <= 1);
static_assert(ulp::distance(ctnn::silu::value(-1.0), -0.26894142136999512) <= 1);
static_assert(ulp::distance(ctnn::silu::value(-1.0f), -0.268941421f) <= 1);
static_assert(ulp::distance(ctnn::silu::value(-90.0f), -7.37461136e-38f) <= 1);
static_assert(ulp::distance(ctnn::silu::value(-720.0), -1.4632061777454911e-310) <= 1);
// z / (1 + exp(-2 sqrt(2/pi) (z + 0.044715 z^3))) to 60 digits (Python's decimal): 0.84119199060827670478...,
// -0.15880800939172329521..., -1.2040923482098059936e-37 (float) and -3.3754509563109673197e-261.
static_assert(ulp::distance(ctnn::gelu_tanh::value(1.0), 0.84119199060827670) <= 1);
static_assert(ulp::distance(ctnn::gelu_tanh::value(-1.0), -0.15880800939172330) <= 1);
static_assert(ulp::distance(ctnn::gelu_tanh::value(-10.0f), -1.20409235e-37f) <= 1);
static_assert(ulp::distance(ctnn::gelu_tanh::value(-20.0), -3.3754509563109673e-261) <= 1);
// z/2 erfc(-z / sqrt 2) to 25 digits (Python's decimal, erf's series at 200 digits):
// 0.8413447460685429257765122, -0.1586552539314570464679122, -1.433257859395969506329416e-6;
// erfc(0.5) = 0.4795001221869534813180280, erfc(3) = 2.209049699858544121714235e-5.
static_assert(ulp::distance(ctnn::gelu::value(1.0), 0.84134474606854293) <= 4);
static_assert(ulp::distance(ctnn::gelu::value(-1.0), -0.15865525393145705) <= 4);
static_assert(ulp::distance(ctnn::gelu::value(-5.0), -1.4332578593959695e-6) <= 4);
static_assert(ulp::distance(ctnn::gelu::value(-1.0f), -0.158655254f) <= 1);
static_assert(ulp::distance(ctnn::detail::constexpr_erfc(0.5), 0.47950012218695348) <= 4);
static_assert(ulp::distance(ctnn::detail::constexpr_erfc(3.0), 2.2090496998585441e-5) <= 4);

} // namespace

// --- The default policy ---------------------------------------------------------------------

TEMPLATE_TEST_CASE("tanh, elu and softplus at run time: the branch-free code or the C library's, "
                   "bit for bit", "", float, double)
{
    using T = TestType;
    constexpr bool library = ctnn::detail::calls_c_library<ctnn::default_exp, T>;
    INFO("expected: " << (library ? "the C library" : "the branch-free code"));
    std::size_t mismatches = 0;
    ctnn::random_engine rng(7);
    const auto differ = [](T a, T b) { return !same_bits(a, b) && !(a != a && b != b); };
    for (int j = 0; j < 100'000 / thinning; ++j) {
        volatile T x = static_cast<T>(-30 + 60 * rng.uniform01<double>()); // a run-time value
        const T z = x;
        const T e = std::exp(-std::fabs(z));
        mismatches += differ(ctnn::tanh::value(z), library ? std::tanh(z) : tanh_poly::value(z));
        mismatches += differ(ctnn::elu<>::value(z),
                             library ? (z > 0 ? z : std::expm1(z)) : elu_poly::value(z));
        mismatches += differ(ctnn::softplus::value(z), library ? (z > 0 ? z : T(0)) + std::log1p(e)
                                                               : softplus_poly::value(z));
        mismatches += differ(ctnn::softplus::derivative(z, T(0)),
                             library ? (z >= 0 ? T(1) : e) / (1 + e)
                                     : softplus_poly::derivative(z, T(0)));
        // std_exp is the C library's functions, as ctnn computed these before its polynomials.
        mismatches += differ(ctnn::basic_tanh<ctnn::std_exp>::value(z), std::tanh(z));
        mismatches += differ(ctnn::basic_elu<1, 1, ctnn::std_exp>::value(z),
                             z > 0 ? z : std::expm1(z));
    }
    CHECK(mismatches == 0);
}
