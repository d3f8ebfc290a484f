// Accuracy of the functions that stand in for <cmath> in constant expressions: constexpr_log (the
// cross-entropies' log), and constexpr_expm1, constexpr_log1p and constexpr_tanh (elu, softplus,
// tanh). Each is evaluated by the compiler over a grid into a constexpr table, then compared at
// run time with the C library's function, in units in the last place.
#include <catch2/catch.hpp>

#include <ctnn/activation.hpp>
#include <ctnn/detail/constexpr_activation_math.hpp>
#include <ctnn/detail/constexpr_math.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace {

constexpr std::size_t points = 401;

// points values spread over [low, high], evenly or geometrically (low, high > 0).
constexpr std::array<double, points> grid(double low, double high, bool geometric)
{
    std::array<double, points> x{};
    for (std::size_t k = 0; k < points; ++k) {
        const double f = static_cast<double>(k) / static_cast<double>(points - 1);
        if (geometric) {
            // low (high / low)^f, as integer steps of a fixed ratio: exp is not needed.
            double value = low;
            const double ratio = ctnn::polynomial_exp::exp(
                (ctnn::detail::constexpr_log(high) - ctnn::detail::constexpr_log(low)) /
                static_cast<double>(points - 1));
            for (std::size_t j = 0; j < k; ++j)
                value *= ratio;
            x[k] = value;
        }
        else {
            x[k] = low + (high - low) * f;
        }
    }
    return x;
}

template <class F>
constexpr std::array<double, points> table(const std::array<double, points>& x, F f)
{
    std::array<double, points> y{};
    for (std::size_t k = 0; k < points; ++k)
        y[k] = f(x[k]);
    return y;
}

// The distance between a and b in doubles (ulps), both finite and of one sign or zero.
double ulps(double a, double b)
{
    if (a == b)
        return 0;
    const auto key = [](double v) {
        const auto bits = std::bit_cast<std::int64_t>(v);
        return bits < 0 ? std::numeric_limits<std::int64_t>::min() - bits : bits;
    };
    const std::int64_t ka = key(a);
    const std::int64_t kb = key(b);
    return static_cast<double>(ka > kb ? ka - kb : kb - ka);
}

template <class Reference>
double worst_ulps(const std::array<double, points>& x, const std::array<double, points>& y,
                  Reference reference)
{
    double worst = 0;
    for (std::size_t k = 0; k < points; ++k) {
        const double d = ulps(y[k], reference(x[k]));
        worst = d > worst ? d : worst;
    }
    return worst;
}

constexpr auto log_x = grid(1e-300, 1e300, true);
constexpr auto log_near_one = grid(0.5, 2.0, false);
constexpr auto log_y = table(log_x, ctnn::detail::constexpr_log);
constexpr auto log_near_one_y = table(log_near_one, ctnn::detail::constexpr_log);

constexpr auto expm1_x = grid(-40.0, 40.0, false);
constexpr auto expm1_small = grid(1e-12, 0.75, true);
constexpr auto expm1_y = table(expm1_x, ctnn::detail::constexpr_expm1);
constexpr auto expm1_small_y = table(expm1_small, ctnn::detail::constexpr_expm1);
constexpr auto expm1_small_negative_y =
    table(expm1_small, [](double x) { return ctnn::detail::constexpr_expm1(-x); });

constexpr auto log1p_x = grid(1e-15, 1e15, true);
constexpr auto log1p_y = table(log1p_x, ctnn::detail::constexpr_log1p);
constexpr auto log1p_negative_y =
    table(grid(1e-15, 0.999, true), [](double x) { return ctnn::detail::constexpr_log1p(-x); });

constexpr auto tanh_x = grid(-25.0, 25.0, false);
constexpr auto tanh_small = grid(1e-10, 2.0, true);
// Through the activations themselves, in a constant expression.
constexpr auto tanh_y = table(tanh_x, [](double z) { return ctnn::tanh::value(z); });
constexpr auto tanh_small_y = table(tanh_small, [](double z) { return ctnn::tanh::value(z); });
constexpr auto elu_y = table(expm1_x, [](double z) { return ctnn::elu<>::value(z); });
constexpr auto softplus_x = grid(-700.0, 700.0, false);
constexpr auto softplus_y = table(softplus_x, [](double z) { return ctnn::softplus::value(z); });
constexpr auto softplus_derivative_y =
    table(softplus_x, [](double z) { return ctnn::softplus::derivative(z, 0.0); });

} // namespace

TEST_CASE("constexpr_log is within an ulp of std::log", "[constexpr][math]")
{
    const auto reference = [](double x) { return std::log(x); };
    CHECK(worst_ulps(log_x, log_y, reference) <= 1);
    CHECK(worst_ulps(log_near_one, log_near_one_y, reference) <= 1);
}

TEST_CASE("constexpr_expm1 is within 2 ulp of std::expm1", "[constexpr][math]")
{
    const auto reference = [](double x) { return std::expm1(x); };
    CHECK(worst_ulps(expm1_x, expm1_y, reference) <= 2);
    CHECK(worst_ulps(expm1_small, expm1_small_y, reference) <= 2);
    CHECK(worst_ulps(expm1_small, expm1_small_negative_y,
                     [](double x) { return std::expm1(-x); }) <= 2);
}

TEST_CASE("constexpr_log1p is within 2 ulp of std::log1p", "[constexpr][math]")
{
    CHECK(worst_ulps(log1p_x, log1p_y, [](double x) { return std::log1p(x); }) <= 2);
    CHECK(worst_ulps(grid(1e-15, 0.999, true), log1p_negative_y,
                     [](double x) { return std::log1p(-x); }) <= 2);
}

TEST_CASE("tanh, elu and softplus in constant expressions are within 3 ulp of <cmath>",
          "[constexpr][math]")
{
    const auto tanh_reference = [](double z) { return std::tanh(z); };
    CHECK(worst_ulps(tanh_x, tanh_y, tanh_reference) <= 3);
    CHECK(worst_ulps(tanh_small, tanh_small_y, tanh_reference) <= 3);
    CHECK(worst_ulps(expm1_x, elu_y, [](double z) { return z > 0 ? z : std::expm1(z); }) <= 2);
    CHECK(worst_ulps(softplus_x, softplus_y,
                     [](double z) { return ctnn::softplus::value(z); }) <= 3);
    CHECK(worst_ulps(softplus_x, softplus_derivative_y,
                     [](double z) { return ctnn::softplus::derivative(z, 0.0); }) <= 3);
}

TEST_CASE("float activations in constant expressions round the double result once",
          "[constexpr][math]")
{
    // Computed in double and rounded to float: within one float ulp of std::tanh(float).
    constexpr std::array<float, 5> z{-3.0f, -0.1f, 1e-4f, 0.5f, 8.0f};
    constexpr std::array<float, 5> y{ctnn::tanh::value(z[0]), ctnn::tanh::value(z[1]),
                                     ctnn::tanh::value(z[2]), ctnn::tanh::value(z[3]),
                                     ctnn::tanh::value(z[4])};
    for (std::size_t k = 0; k < z.size(); ++k) {
        const float reference = std::tanh(z[k]);
        CAPTURE(k);
        CHECK(std::fabs(y[k] - reference) <= std::nextafter(std::fabs(reference), 2.0f) -
                                                 std::fabs(reference));
    }
}
