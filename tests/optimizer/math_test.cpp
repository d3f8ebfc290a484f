// The constexpr elementary functions behind the normal sampler, the initialisers and the
// schedules, against <cmath>: the square root bit for bit, the logarithm to 2 ulp.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include <ctnn/detail/constexpr_math.hpp>
#include <ctnn/random.hpp>

namespace {

// Distance in units in the last place between two finite doubles of the same sign.
std::uint64_t ulp_distance(double a, double b)
{
    const auto ia = std::bit_cast<std::uint64_t>(std::fabs(a));
    const auto ib = std::bit_cast<std::uint64_t>(std::fabs(b));
    return ia > ib ? ia - ib : ib - ia;
}

// A positive finite double with uniformly random bits: every exponent (subnormals included)
// equally likely.
double random_positive_double(ctnn::random_engine& rng)
{
    for (;;) {
        const double x = std::bit_cast<double>(rng() >> 1); // clear the sign bit
        if (std::isfinite(x) && x > 0)
            return x;
    }
}

constexpr double infinity = std::numeric_limits<double>::infinity();

} // namespace

TEST_CASE("sqrt_by_integers is bit-identical to std::sqrt")
{
    using ctnn::detail::sqrt_by_integers;
    CHECK(sqrt_by_integers(4.0) == 2.0);
    CHECK(sqrt_by_integers(2.0) == 1.4142135623730951);
    CHECK(sqrt_by_integers(0.25) == 0.5);
    CHECK(sqrt_by_integers(0.0) == 0.0);
    CHECK(std::signbit(sqrt_by_integers(-0.0)));
    CHECK(sqrt_by_integers(infinity) == infinity);
    CHECK(std::isnan(sqrt_by_integers(-1.0)));
    CHECK(std::isnan(sqrt_by_integers(std::numeric_limits<double>::quiet_NaN())));
    CHECK(sqrt_by_integers(std::numeric_limits<double>::denorm_min()) == 0x1.0p-537);
    CHECK(sqrt_by_integers(std::numeric_limits<double>::max()) ==
          std::sqrt(std::numeric_limits<double>::max()));
    STATIC_REQUIRE(sqrt_by_integers(9.0) == 3.0);
    STATIC_REQUIRE(ctnn::detail::constexpr_sqrt(0x1.0p-1074) == 0x1.0p-537);

    ctnn::random_engine rng(11);
    int mismatches = 0;
    for (int k = 0; k < 300'000; ++k) {
        const double x = random_positive_double(rng);
        if (std::bit_cast<std::uint64_t>(sqrt_by_integers(x)) !=
            std::bit_cast<std::uint64_t>(std::sqrt(x)))
            ++mismatches;
    }
    // Near 1, where rounding ties are closest to happening.
    for (int k = 0; k < 100'000; ++k) {
        const double x = 1.0 + (rng.uniform01<double>() - 0.5) * 1e-6;
        if (sqrt_by_integers(x) != std::sqrt(x))
            ++mismatches;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("constexpr_sqrt(float) is bit-identical to std::sqrt(float)")
{
    constexpr float two = ctnn::detail::constexpr_sqrt(2.0f); // the integer method, then float
    CHECK(two == std::sqrt(2.0f));

    // The run-time path is std::sqrt itself; check the compile-time route (double, then float)
    // on many floats at run time.
    ctnn::random_engine rng(12);
    int mismatches = 0;
    for (int k = 0; k < 300'000; ++k) {
        const auto bits = static_cast<std::uint32_t>(rng() >> 33); // sign bit clear
        const float x = std::bit_cast<float>(bits);
        if (!std::isfinite(x))
            continue;
        const float by_double =
            static_cast<float>(ctnn::detail::sqrt_by_integers(static_cast<double>(x)));
        if (by_double != std::sqrt(x))
            ++mismatches;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("constexpr_log is within 2 ulp of std::log")
{
    using ctnn::detail::constexpr_log;
    CHECK(constexpr_log(1.0) == 0.0);
    CHECK(constexpr_log(0.0) == -infinity);
    CHECK(constexpr_log(infinity) == infinity);
    CHECK(std::isnan(constexpr_log(-1.0)));
    CHECK(std::isnan(constexpr_log(std::numeric_limits<double>::quiet_NaN())));
    STATIC_REQUIRE(constexpr_log(1.0) == 0.0);
    STATIC_REQUIRE(constexpr_log(2.0) > 0.6931471805599452);
    STATIC_REQUIRE(constexpr_log(2.0) < 0.6931471805599454);

    std::uint64_t worst = 0;
    double worst_x = 0;
    const auto check = [&](double x) {
        const auto d = ulp_distance(constexpr_log(x), std::log(x));
        if (d > worst) {
            worst = d;
            worst_x = x;
        }
    };
    for (double x : {std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::min(),
                     std::numeric_limits<double>::max(), 0.5, 2.0, 10.0, 1.4142135623730951,
                     0.7071067811865476, std::nextafter(1.0, 2.0), std::nextafter(1.0, 0.0)})
        check(x);
    ctnn::random_engine rng(13);
    for (int k = 0; k < 300'000; ++k) // every binade from 2^-1074 to 2^1024
        check(random_positive_double(rng));
    for (int k = 0; k < 100'000; ++k) // near 1, where log is near 0 and relative error is hard
        check(1.0 + (rng.uniform01<double>() - 0.5) * 1e-3);
    for (int k = 0; k < 100'000; ++k) // (0, 1), where the normal sampler uses it
        check(rng.uniform01<double>() + 0x1.0p-60);
    INFO("worst case " << worst << " ulp at x = " << worst_x);
    CHECK(worst <= 2);
}

TEST_CASE("cos_pi and integer_power match <cmath>")
{
    const double pi = std::acos(-1.0);
    for (int k = 0; k <= 4096; ++k) {
        const double r = k / 4096.0;
        INFO("r = " << r);
        CHECK(ctnn::detail::cos_pi(r) == Approx(std::cos(pi * r)).margin(4e-16));
    }
    CHECK(ctnn::detail::cos_pi(0.0) == 1.0);
    CHECK(ctnn::detail::cos_pi(1.0) == -1.0);
    CHECK(ctnn::detail::cos_pi(0.5) == 0.0);

    CHECK(ctnn::detail::integer_power(0.9, 0) == 1.0);
    CHECK(ctnn::detail::integer_power(2.0, 10) == 1024.0);
    for (std::size_t n : {1u, 2u, 7u, 63u, 1000u})
        CHECK(ctnn::detail::integer_power(0.999, n) == Approx(std::pow(0.999, n)).epsilon(1e-13));
}
