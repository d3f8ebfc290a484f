// The activations' values and derivatives against their closed forms (computed here in long
// double from the textbook definitions), and their numerical safety at extreme inputs: finite
// results with the right limits where a naive formula overflows.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>

#include <ctnn/activation.hpp>

namespace {

// Float keeps about 7 digits, double about 16; the closed forms are computed in long double.
template <class T>
constexpr double digits = std::is_same_v<T, float> ? 2e-6 : 1e-14;

using ld = long double;

// Inputs on both sides of 0, near it and away from it, exactly representable in float.
constexpr std::array<double, 11> points{-4.0, -1.5, -1.0, -0.375, -0.0009765625, 0.0,
                                        0.0009765625, 0.25, 1.0, 2.5, 4.0};

// The shipped element-wise activations model the concept in both scalar types; softmax is a
// row activation and only that; a type with value() but no derivative() is not an activation.
template <class T>
constexpr bool all_elementwise =
    ctnn::elementwise_activation<ctnn::sigmoid, T> && ctnn::elementwise_activation<ctnn::identity, T> &&
    ctnn::elementwise_activation<ctnn::tanh, T> && ctnn::elementwise_activation<ctnn::relu, T> &&
    ctnn::elementwise_activation<ctnn::leaky_relu<>, T> &&
    ctnn::elementwise_activation<ctnn::leaky_relu<1, 5>, T> &&
    ctnn::elementwise_activation<ctnn::elu<>, T> &&
    ctnn::elementwise_activation<ctnn::elu<1, 2>, T> &&
    ctnn::elementwise_activation<ctnn::softplus, T>;
static_assert(all_elementwise<float> && all_elementwise<double>);
static_assert(ctnn::row_activation<ctnn::softmax, float> &&
              ctnn::row_activation<ctnn::softmax, double>);
static_assert(!ctnn::elementwise_activation<ctnn::softmax, double>);
static_assert(!ctnn::row_activation<ctnn::sigmoid, double>);
static_assert(ctnn::activation<ctnn::softmax, float> && ctnn::activation<ctnn::elu<>, float>);

struct value_only {
    template <class T>
    static T value(T z) noexcept
    {
        return z;
    }
};
static_assert(!ctnn::activation<value_only, double>);
static_assert(!ctnn::activation<int, double>);
static_assert(!ctnn::activation<ctnn::sigmoid, int>); // the scalar must be floating-point

// The parameters written as ratios: leaky_relu<> has slope 0.01 (PyTorch's and Keras's),
// elu<> alpha 1.
static_assert(ctnn::leaky_relu<>::slope == 0.01);
static_assert(ctnn::leaky_relu<1, 5>::slope == 0.2);
static_assert(ctnn::elu<>::alpha == 1.0);
static_assert(ctnn::elu<3, 2>::alpha == 1.5);

// The piecewise-linear activations are usable in constant expressions.
static_assert(ctnn::relu::value(-2.0) == 0.0 && ctnn::relu::value(3.0) == 3.0);
static_assert(ctnn::relu::derivative(0.0, 0.0) == 0.0); // at the kink: 0, as PyTorch
static_assert(ctnn::leaky_relu<1, 5>::value(-5.0) == -1.0);
static_assert(ctnn::identity::value(1.5f) == 1.5f && ctnn::identity::derivative(7.0f, 7.0f) == 1.0f);

// One closed form per activation: its value and its derivative at z.
struct closed_form {
    ld value;
    ld derivative;
};

ld logistic(ld z) { return 1 / (1 + std::exp(-z)); }

template <class A>
closed_form expected(ld z)
{
    if constexpr (std::is_same_v<A, ctnn::sigmoid>)
        return {logistic(z), std::exp(-z) / ((1 + std::exp(-z)) * (1 + std::exp(-z)))};
    else if constexpr (std::is_same_v<A, ctnn::identity>)
        return {z, 1};
    else if constexpr (std::is_same_v<A, ctnn::tanh>)
        return {(std::exp(z) - std::exp(-z)) / (std::exp(z) + std::exp(-z)),
                1 / (std::cosh(z) * std::cosh(z))};
    else if constexpr (std::is_same_v<A, ctnn::relu>)
        return {z > 0 ? z : 0, z > 0 ? 1.0L : 0.0L};
    else if constexpr (std::is_same_v<A, ctnn::leaky_relu<>>)
        return {z > 0 ? z : 0.01L * z, z > 0 ? 1.0L : 0.01L};
    else if constexpr (std::is_same_v<A, ctnn::leaky_relu<1, 5>>)
        return {z > 0 ? z : 0.2L * z, z > 0 ? 1.0L : 0.2L};
    else if constexpr (std::is_same_v<A, ctnn::elu<>>)
        return {z > 0 ? z : std::exp(z) - 1, z > 0 ? 1.0L : std::exp(z)};
    else if constexpr (std::is_same_v<A, ctnn::elu<1, 2>>)
        return {z > 0 ? z : 0.5L * (std::exp(z) - 1), z > 0 ? 1.0L : 0.5L * std::exp(z)};
    else if constexpr (std::is_same_v<A, ctnn::softplus>)
        return {std::log(1 + std::exp(z)), logistic(z)};
    else
        static_assert(sizeof(A) == 0, "no closed form for this activation");
}

template <class A, class T>
void check_closed_form()
{
    for (double point : points) {
        const T z = static_cast<T>(point);
        const closed_form want = expected<A>(static_cast<ld>(z));
        INFO("z = " << point);
        const T a = A::value(z);
        CHECK(a == Approx(static_cast<double>(want.value)).epsilon(digits<T>));
        // derivative() is given the value it would get in a network: value(z) itself. Written
        // in terms of that stored value (1 - a^2, a (1 - a)), it is accurate to a few units of
        // the scalar's epsilon absolutely, not relatively, where the activation saturates.
        CHECK(A::derivative(z, a) == Approx(static_cast<double>(want.derivative))
                                         .epsilon(digits<T>)
                                         .margin(4 * std::numeric_limits<T>::epsilon()));
    }
}

} // namespace

TEMPLATE_TEST_CASE("each activation's value and derivative match their closed forms",
                   "[activation]", float, double)
{
    using T = TestType;
    SECTION("sigmoid") { check_closed_form<ctnn::sigmoid, T>(); }
    SECTION("identity") { check_closed_form<ctnn::identity, T>(); }
    SECTION("tanh") { check_closed_form<ctnn::tanh, T>(); }
    SECTION("relu") { check_closed_form<ctnn::relu, T>(); }
    SECTION("leaky_relu<>") { check_closed_form<ctnn::leaky_relu<>, T>(); }
    SECTION("leaky_relu<1, 5>") { check_closed_form<ctnn::leaky_relu<1, 5>, T>(); }
    SECTION("elu<>") { check_closed_form<ctnn::elu<>, T>(); }
    SECTION("elu<1, 2>") { check_closed_form<ctnn::elu<1, 2>, T>(); }
    SECTION("softplus") { check_closed_form<ctnn::softplus, T>(); }
}

TEMPLATE_TEST_CASE("sigmoid at extreme inputs is finite with the right limits", "[activation]",
                   float, double)
{
    using T = TestType;
    constexpr T inf = std::numeric_limits<T>::infinity();
    for (T z : {T(1000), T(1e30), inf}) {
        INFO("z = +-" << z);
        CHECK(ctnn::sigmoid::value(z) == T(1));
        CHECK(ctnn::sigmoid::value(-z) == T(0));
        CHECK(ctnn::sigmoid::derivative(z, ctnn::sigmoid::value(z)) == T(0));
        CHECK(ctnn::sigmoid::derivative(-z, ctnn::sigmoid::value(-z)) == T(0));
    }
    // Not yet saturated: s(-20) = 2.06e-9, s'(-20) about the same, representable in both types.
    CHECK(ctnn::sigmoid::value(T(-20)) ==
          Approx(static_cast<double>(logistic(-20.0L))).epsilon(digits<T>));
}

TEMPLATE_TEST_CASE("softplus at extreme inputs is finite with the right limits", "[activation]",
                   float, double)
{
    using T = TestType;
    // log(1 + exp(1000)) overflows if written naively; softplus(z) = z + log1p(exp(-z)) = z
    // to within rounding for large z, and exp(z) underflows to the exact limit 0 for very
    // negative z.
    for (T z : {T(1000), T(1e30)}) {
        INFO("z = +-" << z);
        CHECK(std::isfinite(ctnn::softplus::value(z)));
        CHECK(ctnn::softplus::value(z) == z);
        CHECK(ctnn::softplus::value(-z) == T(0));
        CHECK(ctnn::softplus::derivative(z, ctnn::softplus::value(z)) == T(1));
        CHECK(ctnn::softplus::derivative(-z, ctnn::softplus::value(-z)) == T(0));
    }
    constexpr T inf = std::numeric_limits<T>::infinity();
    CHECK(ctnn::softplus::value(inf) == inf);
    CHECK(ctnn::softplus::value(-inf) == T(0));
    CHECK(ctnn::softplus::derivative(inf, inf) == T(1));
    CHECK(ctnn::softplus::derivative(-inf, T(0)) == T(0));
    // Where the naive formula still works, the two agree: log1p(exp(z)) for moderate z (its
    // tail near -30 is about 1e-13, which log1p keeps to full relative precision).
    for (int k = -60; k <= 60; ++k) {
        const T z = static_cast<T>(k) / T(2);
        INFO("z = " << z);
        const ld naive = std::log1p(std::exp(static_cast<ld>(z)));
        CHECK(ctnn::softplus::value(z) == Approx(static_cast<double>(naive)).epsilon(digits<T>));
        CHECK(ctnn::softplus::derivative(z, ctnn::softplus::value(z)) ==
              Approx(static_cast<double>(logistic(static_cast<ld>(z)))).epsilon(digits<T>));
    }
}

TEMPLATE_TEST_CASE("tanh and elu saturate to finite limits", "[activation]", float, double)
{
    using T = TestType;
    for (T z : {T(1000), T(1e30)}) {
        INFO("z = +-" << z);
        CHECK(ctnn::tanh::value(z) == T(1));
        CHECK(ctnn::tanh::value(-z) == T(-1));
        CHECK(ctnn::tanh::derivative(z, ctnn::tanh::value(z)) == T(0));
        CHECK(ctnn::elu<>::value(z) == z);
        CHECK(ctnn::elu<>::value(-z) == T(-1));
        CHECK(ctnn::elu<1, 2>::value(-z) == T(-0.5));
        // alpha exp(z) underflows to 0: the derivative from the stored value is a + alpha = 0.
        CHECK(ctnn::elu<>::derivative(-z, ctnn::elu<>::value(-z)) == T(0));
        CHECK(ctnn::elu<1, 2>::derivative(-z, ctnn::elu<1, 2>::value(-z)) == T(0));
    }
}

namespace {

// softmax by its definition, exp(z_i) / sum_j exp(z_j), in long double.
template <std::size_t N>
std::array<ld, N> softmax_closed_form(const std::array<ld, N>& z)
{
    ld sum = 0;
    for (ld v : z)
        sum += std::exp(v);
    std::array<ld, N> a{};
    for (std::size_t i = 0; i < N; ++i)
        a[i] = std::exp(z[i]) / sum;
    return a;
}

template <class T, std::size_t N>
std::array<T, N> softmax_of(const std::array<T, N>& z)
{
    std::array<T, N> a{};
    ctnn::softmax::forward<N>(z.data(), a.data());
    return a;
}

} // namespace

TEMPLATE_TEST_CASE("softmax of large inputs is finite, sums to 1 and ignores a common shift",
                   "[activation][softmax]", float, double)
{
    using T = TestType;
    const auto expected = softmax_closed_form<3>({0, 1, 2}); // 0.090, 0.245, 0.665
    const auto small = softmax_of<T, 3>({T(0), T(1), T(2)});
    for (const std::array<T, 3> row : {std::array<T, 3>{T(1000), T(1001), T(1002)},
                                       std::array<T, 3>{T(-1002), T(-1001), T(-1000)},
                                       std::array<T, 3>{T(0), T(1), T(2)}}) {
        INFO("z = " << row[0] << ", " << row[1] << ", " << row[2]);
        const auto a = softmax_of(row);
        T sum = 0;
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(std::isfinite(a[i]));
            CHECK(a[i] == Approx(static_cast<double>(expected[i])).epsilon(digits<T>));
            CHECK(a[i] == small[i]); // the shift by the maximum makes the rows identical
            sum += a[i];
        }
        CHECK(sum == Approx(1.0).epsilon(digits<T>));
    }

    // An entry far below the maximum underflows to exactly 0 instead of giving 0/0 or inf/inf.
    const auto spread = softmax_of<T, 3>({T(1e30), T(0), T(-1e30)});
    CHECK(spread[0] == T(1));
    CHECK(spread[1] == T(0));
    CHECK(spread[2] == T(0));

    // The Jacobian-vector product stays finite there too.
    std::array<T, 3> g{T(1), T(-2), T(3)};
    const std::array<T, 3> z{T(1e30), T(0), T(-1e30)};
    ctnn::softmax::backward<3>(z.data(), spread.data(), g.data());
    for (T v : g)
        CHECK(v == T(0));
}

TEMPLATE_TEST_CASE("softmax of one value is 1", "[activation][softmax]", float, double)
{
    using T = TestType;
    CHECK(softmax_of<T, 1>({T(-3)})[0] == T(1));
    CHECK(softmax_of<T, 1>({T(1e30)})[0] == T(1));
}
