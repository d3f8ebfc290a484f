// Activations a user writes: each is a small type modelling the documented concept
// (ctnn/activation/concept.hpp), plugged into layers without any change to the library, and
// checked the way a user would check theirs: backprop against finite differences of the
// activation's own value (ctnn::check_gradient, and the reference in reference_network.hpp).
#include "reference_network.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <tuple>

namespace {

// swish (Ramachandran et al. 2017), a = z s(z) with s the logistic sigmoid. Its derivative
// s + z s (1 - s) = a + s (1 - a) needs z as well as a: the reason derivative() receives both.
struct swish {
    template <class T>
    static T value(T z) noexcept
    {
        return z / (T(1) + std::exp(-z));
    }
    template <class T>
    static T derivative(T z, T a) noexcept
    {
        const T s = T(1) / (T(1) + std::exp(-z));
        return a + s * (T(1) - a);
    }
};

// A row activation: the row scaled to unit length, a = z / |z|. Its Jacobian is
// (I - a a^T) / |z|, symmetric, so the Jacobian-vector product is (g - a (a . g)) / |z|.
struct unit_length {
    template <std::size_t Width, class T>
    static void forward(const T* z, T* a) noexcept
    {
        T squares = 0;
        for (std::size_t i = 0; i < Width; ++i)
            squares += z[i] * z[i];
        const T length = std::sqrt(squares);
        for (std::size_t i = 0; i < Width; ++i)
            a[i] = z[i] / length;
    }
    template <std::size_t Width, class T>
    static void backward(const T* z, const T* a, T* g) noexcept
    {
        T squares = 0;
        T dot = 0;
        for (std::size_t i = 0; i < Width; ++i) {
            squares += z[i] * z[i];
            dot += a[i] * g[i];
        }
        const T length = std::sqrt(squares);
        for (std::size_t i = 0; i < Width; ++i)
            g[i] = (g[i] - a[i] * dot) / length;
    }
};

// The concepts, for both scalar types; and each kind is not mistaken for the other.
static_assert(ctnn::elementwise_activation<swish, float>);
static_assert(ctnn::elementwise_activation<swish, double>);
static_assert(!ctnn::row_activation<swish, double>);
static_assert(ctnn::row_activation<unit_length, float>);
static_assert(ctnn::row_activation<unit_length, double>);
static_assert(!ctnn::elementwise_activation<unit_length, double>);
static_assert(ctnn::activation<swish, double> && ctnn::activation<unit_length, double>);

using reference::f64;
using ctnn::dense;
using ctnn::input;
using ctnn::no_bias;

using custom_networks = std::tuple<
    // swish network-wide (through options), with and without bias.
    ctnn::basic_network<f64<swish>, 3, 4, 2>,
    ctnn::basic_network<f64<swish, no_bias>, 2, 4, 3, 2>,
    // swish in one hidden layer; unit_length as a hidden layer and as the output.
    ctnn::sequential<f64<>, input<3>, dense<4, swish>, dense<3, ctnn::tanh>, dense<2, swish>>,
    ctnn::sequential<f64<>, input<3>, dense<4, unit_length>, dense<3, swish, no_bias>,
                     dense<3, unit_length>>>;

// The networks really use the custom types where they were written.
static_assert(std::is_same_v<std::tuple_element_t<0, custom_networks>::layer<0>::activation_type,
                             swish>);
static_assert(std::is_same_v<std::tuple_element_t<3, custom_networks>::layer<2>::activation_type,
                             unit_length>);

} // namespace

TEMPLATE_LIST_TEST_CASE("a user-defined activation passes the gradient check",
                        "[gradient][custom_activation]", custom_networks)
{
    reference::check_batches<TestType, ctnn::half_sum_squares>(reference::targets::signed_values);
    reference::check_batches<TestType, ctnn::mean_squared_error>(
        reference::targets::signed_values);
}

TEST_CASE("a user-defined activation in a float network passes check_gradient's float defaults",
          "[gradient][custom_activation][float]")
{
    using net_type = ctnn::sequential<ctnn::options<float>, input<2>, dense<4, swish>,
                                      dense<2, unit_length>>;
    net_type net;
    gradient_test::randomize(net, 7);
    ctnn::random_engine rng(7);
    const auto x = gradient_test::random_batch<float, 3, 2>(rng, -1, 1);
    const auto t = gradient_test::random_batch<float, 3, 2>(rng, -1, 1);
    const auto checked = ctnn::check_gradient(net, x, t, ctnn::half_sum_squares{});
    INFO(checked);
    CHECK(checked.passed);
    CHECK(checked.parameters_checked == net_type::parameter_count);
}
