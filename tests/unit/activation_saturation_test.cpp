// Every elementwise activation with a transcendental, with each exp policy, in float and double,
// against values and derivatives computed independently at 50 digits
// (activation_saturation_reference.py, which wrote activation_saturation_reference.hpp): at the
// saturation bands, at the points where ctnn's formulas switch and their neighbours, near 0 and
// where results turn subnormal. Distances in ulp of the correctly rounded result.
//
// The derivative is called as a layer calls it, derivative(z, value(z)), and held to the exact
// derivative at z. tanh and sigmoid take theirs from the stored value a (no second exp, and the
// tutorial's golden figures need the sigmoid's a (1 - a)), so at saturation a's own rounding,
// magnified by the derivative's slope in a, is part of their error: for those two the
// derivative is held to the exact formula at the given a (within 1 ulp), and to the exact
// derivative at z within that slope times a's distance from the exact value.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

#include <ctnn/ctnn.hpp>

#include "activation_saturation_reference.hpp"
#include "ulp.hpp"

namespace {

using saturation_reference::activation_index;

// The sum of the magnitudes of the derivative's terms, for the three whose derivative has a
// zero in the negative half (silu's at z = -1.2785, gelu's and gelu_tanh's near -0.75): there the
// terms cancel and the error is a few ulp of this sum, not of the result (0 for the others).
template <activation_index Index, class T>
long double cancelling_terms(T z_t)
{
    const auto z = static_cast<long double>(z_t);
    const auto sigmoid = [](long double y) { return 1.0L / (1.0L + std::exp(-y)); };
    if constexpr (Index == saturation_reference::silu_index) {
        return sigmoid(z) * (1.0L + std::fabs(z) * sigmoid(-z));
    }
    else if constexpr (Index == saturation_reference::gelu_tanh_index) {
        const long double c = 1.5957691216057307117597L;
        const long double y = c * (z + 0.044715L * z * z * z);
        return sigmoid(y) +
               std::fabs(z) * sigmoid(y) * sigmoid(-y) * c * (1.0L + 3 * 0.044715L * z * z);
    }
    else if constexpr (Index == saturation_reference::gelu_index) {
        return std::erfc(-z / std::sqrt(2.0L)) / 2 +
               std::fabs(z) * std::exp(-z * z / 2) / std::sqrt(2 * 3.14159265358979323846L);
    }
    else {
        return 0;
    }
}

// Distance in ulp where the reference is a normal number or zero. Where it is subnormal the
// distance counts subnormal steps, a precision the format does not have there: sigmoid(-710)
// = 4.5e-309 in double gives 0, since exp(710) overflows. There it is 0 when the absolute error
// is below the smallest normal number.
template <class T>
std::uint64_t normal_distance(T got, T want)
{
    if (want != 0 && std::fabs(want) < std::numeric_limits<T>::min())
        return std::fabs(got - want) < std::numeric_limits<T>::min() ? 0 : ulp::nan_distance;
    return ulp::distance(got, want);
}

// The worst distance over a table, and where.
struct worst {
    std::uint64_t ulps = 0;
    double at = 0;

    template <class T>
    void add(T z, T got, T want, long double terms = 0)
    {
        std::uint64_t d = normal_distance(got, want);
        const long double error = std::fabs(static_cast<long double>(got) - want);
        if (d > 0 && error <= 2 * std::numeric_limits<T>::epsilon() * terms)
            d = 0; // within 2 ulp of the terms' magnitude, where they cancel
        if (d > ulps) {
            ulps = d;
            at = static_cast<double>(z);
        }
    }
};

template <class T>
constexpr const auto& rows()
{
    if constexpr (sizeof(T) == sizeof(float))
        return saturation_reference::float_rows;
    else
        return saturation_reference::double_rows;
}

// One ulp of x: the gap above |x|.
template <class T>
T ulp_of(T x)
{
    const T m = std::fabs(x);
    return std::nextafter(m, std::numeric_limits<T>::infinity()) - m;
}

// The derivative from the stored value, worked out exactly (in long double, whose 64-bit
// significand holds 1 - a and 1 + a exactly and rounds their product 2^11 times finer than
// double), for tanh (1 - a^2) and sigmoid (a (1 - a)); and its slope in a.
template <activation_index Index, class T>
T exact_given_a(T a)
{
    const auto x = static_cast<long double>(a);
    if constexpr (Index == saturation_reference::tanh_index)
        return static_cast<T>((1.0L - x) * (1.0L + x));
    else
        return static_cast<T>(x * (1.0L - x));
}

template <activation_index Index, class T>
T slope_in_a(T a)
{
    if constexpr (Index == saturation_reference::tanh_index)
        return 2 * std::fabs(a);
    else
        return std::fabs(1 - 2 * a);
}

constexpr bool value_based(activation_index index)
{
    return index == saturation_reference::tanh_index || index == saturation_reference::sigmoid_index;
}

struct bounds {
    std::uint64_t value_ulps;
    std::uint64_t derivative_ulps;
};

// Checks activation A (the reference's column Index) in T over the whole table.
template <class A, activation_index Index, class T>
void check(const char* policy, bounds limit)
{
    worst value;
    worst derivative;
    worst given_a;
    std::size_t over_conditioning = 0;
    std::ostringstream where;
    for (const auto& row : rows<T>()) {
        const T z = row.z;
        const T a = A::value(z);
        const T d = A::derivative(z, a);
        value.add(z, a, row.value[Index]);
        if constexpr (value_based(Index)) {
            given_a.add(z, d, exact_given_a<Index>(a));
            // |d - d(z)| within the bound, plus the slope times a's distance from the exact
            // value (at most |a - reference| + one ulp: the reference is rounded).
            const T a_error = std::fabs(a - row.value[Index]) + ulp_of(row.value[Index]);
            const T allowed = static_cast<T>(limit.derivative_ulps) * ulp_of(row.derivative[Index]) +
                              slope_in_a<Index>(a) * a_error;
            if (!(std::fabs(d - row.derivative[Index]) <= allowed)) {
                ++over_conditioning;
                where << " z=" << z << " got " << d << " want " << row.derivative[Index];
            }
        }
        else {
            derivative.add(z, d, row.derivative[Index], cancelling_terms<Index>(z));
        }
    }
    const char* name = saturation_reference::activation_names[Index];
    INFO(name << " (" << policy << "), " << (sizeof(T) == 4 ? "float" : "double") << ", "
              << rows<T>().size() << " points");
    INFO("value: worst " << value.ulps << " ulp at z = " << value.at);
    CHECK(value.ulps <= limit.value_ulps);
    if constexpr (value_based(Index)) {
        INFO("derivative from the stored value: worst " << given_a.ulps << " ulp of the exact "
             "formula at that value, at z = " << given_a.at);
        CHECK(given_a.ulps <= 1);
        INFO("beyond a's rounding times the slope:" << where.str());
        CHECK(over_conditioning == 0);
    }
    else {
        INFO("derivative: worst " << derivative.ulps << " ulp at z = " << derivative.at);
        CHECK(derivative.ulps <= limit.derivative_ulps);
    }
}

// The three policies of an activation that takes one.
template <template <class> class A, activation_index Index, class T>
void check_policies(bounds limit)
{
    check<A<ctnn::default_exp>, Index, T>("default_exp", limit);
    check<A<ctnn::polynomial_exp>, Index, T>("polynomial_exp", limit);
    check<A<ctnn::std_exp>, Index, T>("std_exp", limit);
}

template <class Exp>
using elu_alpha_1 = ctnn::basic_elu<1, 1, Exp>;

// Every point's value and derivative, as a layer computes them.
template <class A, class T>
constexpr auto table_results()
{
    constexpr const auto& table = rows<T>();
    std::array<T, 2 * table.size()> out{};
    for (std::size_t i = 0; i < table.size(); ++i) {
        out[2 * i] = A::value(table[i].z);
        out[2 * i + 1] = A::derivative(table[i].z, out[2 * i]);
    }
    return out;
}

// The same bits in a constant expression as at run time, on polynomial_exp.
template <class A, class T>
void check_constant_evaluation()
{
    constexpr auto at_compile_time = table_results<A, T>();
    const auto at_run_time = table_results<A, T>();
    std::size_t differing = 0;
    for (std::size_t i = 0; i < at_run_time.size(); ++i)
        differing += ulp::distance(at_compile_time[i], at_run_time[i]) != 0;
    INFO(A::name);
    CHECK(differing == 0);
}

} // namespace

// tanh and sigmoid: the derivative from the stored value within 1 ulp of the exact formula at
// that value (see the top of the file); the value within 2 ulp.
TEMPLATE_TEST_CASE("tanh, sigmoid, elu, softplus and silu with each exp policy at saturation: "
                   "value and derivative within 2 ulp",
                   "[activation][saturation]", float, double)
{
    check_policies<ctnn::basic_tanh, saturation_reference::tanh_index, TestType>({2, 2});
    check_policies<ctnn::basic_sigmoid, saturation_reference::sigmoid_index, TestType>({2, 2});
    check_policies<elu_alpha_1, saturation_reference::elu_index, TestType>({2, 2});
    check_policies<ctnn::basic_softplus, saturation_reference::softplus_index, TestType>({2, 2});
    check_policies<ctnn::basic_silu, saturation_reference::silu_index, TestType>({2, 2});
}

// Where log1p(exp(-z)) < ulp(z) / 2: for z > (digits - e) ln2 with z in [2^e, 2^(e+1)), 48 ln2
// in double (z in [32, 64)), 21 ln2 in float (z in [8, 16)). The reference confirms it: z from
// the next value above k ln2 on, not yet z at k ln2 rounded.
TEMPLATE_TEST_CASE("softplus is exactly z from the point where log1p(exp(-z)) is below half an "
                   "ulp of z",
                   "[activation][saturation]", float, double)
{
    const TestType threshold = sizeof(TestType) == sizeof(float) ? TestType(21 * 0.6931471805599453)
                                                                 : TestType(48 * 0.6931471805599453);
    std::size_t points = 0;
    for (const auto& row : rows<TestType>()) {
        // k ln2 rounded is just below k ln2 in both types: there softplus is not yet z.
        if (row.z == threshold)
            CHECK(row.value[saturation_reference::softplus_index] != row.z);
        if (row.z <= threshold)
            continue;
        ++points;
        INFO("z = " << row.z);
        CHECK(row.value[saturation_reference::softplus_index] == row.z);
        CHECK(ctnn::basic_softplus<ctnn::polynomial_exp>::value(row.z) == row.z);
        CHECK(ctnn::basic_softplus<ctnn::std_exp>::value(row.z) == row.z);
        CHECK(ctnn::softplus::value(row.z) == row.z);
    }
    CHECK(points >= 10);
}

TEMPLATE_TEST_CASE("gelu_tanh and gelu at saturation: value within 2 ulp (gelu 6, its C library "
                   "erfc's), derivative within 2 ulp",
                   "[activation][saturation]", float, double)
{
    check<ctnn::gelu_tanh, saturation_reference::gelu_tanh_index, TestType>("polynomial_exp",
                                                                            {2, 2});
    check<ctnn::gelu, saturation_reference::gelu_index, TestType>("C library erfc", {6, 2});
}

TEMPLATE_TEST_CASE("at every point, constant evaluation gives the run-time bits (polynomial_exp)",
                   "[activation][saturation][constexpr]", float, double)
{
    check_constant_evaluation<ctnn::basic_tanh<ctnn::polynomial_exp>, TestType>();
    check_constant_evaluation<ctnn::basic_sigmoid<ctnn::polynomial_exp>, TestType>();
    check_constant_evaluation<elu_alpha_1<ctnn::polynomial_exp>, TestType>();
    check_constant_evaluation<ctnn::basic_softplus<ctnn::polynomial_exp>, TestType>();
    check_constant_evaluation<ctnn::basic_silu<ctnn::polynomial_exp>, TestType>();
    check_constant_evaluation<ctnn::gelu_tanh, TestType>();
}
