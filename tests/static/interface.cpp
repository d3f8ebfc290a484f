// What can be called with what: return types, negative checks through small concepts, and a
// forward pass, a loss and a backward pass evaluated by the compiler on a linear network.
//
// A limit of the negative checks: forward(), loss() and backprop() accept any std::array and
// reject a wrong width or scalar type with a static_assert in their body. A static_assert is not
// a substitution failure, so a concept cannot see it: for loss() and backprop() (declared return
// type) a wrong width still *satisfies* a concept, and for forward() (deduced return type) asking
// is itself a hard error. Those mistakes are covered by tests/compile_fail instead; the
// concepts below only assert what overload resolution really decides.
#include <array>
#include <cstddef>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctnn/ctnn.hpp>

namespace {

using tutorial = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>;
using short_form = ctnn::network<2, 3, 1>;

template <class Net, class X>
concept can_forward = requires(const Net& net, const X& x) { net.forward(x); };

template <class Net, class X, class Y>
concept can_loss = requires(const Net& net, const X& x, const Y& t) {
    net.loss(x, t, ctnn::half_sum_squares{});
};

template <class Net, class X, class Y, class Grad>
concept can_backprop = requires(const Net& net, const X& x, const Y& t, Grad&& grad) {
    net.backprop(x, t, std::forward<Grad>(grad), ctnn::half_sum_squares{});
};

template <class Net, class Grad>
concept can_step = requires(Net& net, const Grad& grad) { ctnn::sgd{0.1}.step(net, grad); };

template <class Net, class Rows>
concept can_set_weights_0 = requires(Net& net, const Rows& rows) {
    net.template set_weights<0>(rows);
};

// forward(): one sample in, one sample out; a batch in, a batch out; the scalar is the network's.
static_assert(std::is_same_v<decltype(std::declval<const short_form&>().forward(
                                 std::declval<std::array<float, 2>>())),
                             std::array<float, 1>>);
static_assert(std::is_same_v<decltype(std::declval<const tutorial&>().forward(
                                 std::declval<ctnn::batch<double, 4, 2>>())),
                             ctnn::batch<double, 4, 1>>);
static_assert(can_forward<short_form, std::array<float, 2>>);
static_assert(can_forward<short_form, ctnn::batch<float, 3, 2>>);
// Only fixed sizes: the width must be known at compile time. One sample may also be a span of
// fixed extent (a dynamic one is refused inside, with its own message: tests/compile_fail).
static_assert(!can_forward<short_form, std::vector<float>>);
static_assert(!can_forward<short_form, float>);
static_assert(can_forward<short_form, std::span<const float, 2>>);
static_assert(std::is_same_v<decltype(std::declval<const short_form&>().forward(
                                 std::declval<std::span<const float, 2>>())),
                             std::array<float, 1>>);

// loss() and backprop() return the network's scalar and take batches only.
static_assert(std::is_same_v<decltype(std::declval<const tutorial&>().loss(
                                 std::declval<ctnn::batch<double, 4, 2>>(),
                                 std::declval<ctnn::batch<double, 4, 1>>(),
                                 ctnn::half_sum_squares{})),
                             double>);
static_assert(can_loss<short_form, ctnn::batch<float, 4, 2>, ctnn::batch<float, 4, 1>>);
static_assert(!can_loss<short_form, std::vector<std::array<float, 2>>, ctnn::batch<float, 4, 1>>);
// Inputs and targets of different numbers of samples pass overload resolution and stop at one
// static_assert naming both counts (tests/compile_fail/backprop_batch_sizes_differ.cpp and
// fit_batch_sizes_differ.cpp), instead of a deduction failure of many lines.

using tutorial_gradient = ctnn::gradient<tutorial>;
static_assert(can_backprop<tutorial, ctnn::batch<double, 4, 2>, ctnn::batch<double, 4, 1>,
                           tutorial_gradient&>);
static_assert(std::is_same_v<decltype(std::declval<const tutorial&>().backprop(
                                 std::declval<ctnn::batch<double, 4, 2>>(),
                                 std::declval<ctnn::batch<double, 4, 1>>(),
                                 std::declval<tutorial_gradient&>(), ctnn::mean_squared_error{})),
                             double>);
// The gradient must be writable and must belong to this network.
static_assert(!can_backprop<tutorial, ctnn::batch<double, 4, 2>, ctnn::batch<double, 4, 1>,
                            const tutorial_gradient&>);
static_assert(!can_backprop<tutorial, ctnn::batch<double, 4, 2>, ctnn::batch<double, 4, 1>,
                            ctnn::gradient<ctnn::basic_network<ctnn::options<double>, 2, 3, 1>>&>);

// An optimiser step needs the gradient of the same network.
static_assert(can_step<tutorial, tutorial_gradient>);
static_assert(!can_step<tutorial, ctnn::gradient<short_form>>);
static_assert(!can_step<const tutorial, tutorial_gradient>);

// Parameters are written through a non-const network only.
static_assert(can_set_weights_0<tutorial, std::array<std::array<double, 3>, 2>>);
static_assert(!can_set_weights_0<const tutorial, std::array<std::array<double, 3>, 2>>);
// The matrix's scalar is the network's: no silent conversion of a whole matrix.
static_assert(!can_set_weights_0<tutorial, std::array<std::array<float, 3>, 2>>);
static_assert(!std::is_assignable_v<decltype(std::declval<const tutorial&>().weights<0>()(0, 0)),
                                    double>);
static_assert(std::is_assignable_v<decltype(std::declval<tutorial&>().weights<0>()(0, 0)),
                                   double>);

// The library's own concepts.
static_assert(ctnn::activation<ctnn::sigmoid, float> && ctnn::activation<ctnn::sigmoid, double>);
static_assert(ctnn::activation<ctnn::identity, float> && ctnn::activation<ctnn::identity, double>);
static_assert(!ctnn::activation<ctnn::no_bias, float>);
static_assert(!ctnn::activation<int, double>);
static_assert(!ctnn::activation<ctnn::sigmoid, int>);
static_assert(ctnn::loss<ctnn::half_sum_squares, float>);
static_assert(ctnn::loss<ctnn::mean_squared_error, double>);
static_assert(!ctnn::loss<ctnn::sigmoid, double>);
static_assert(!ctnn::loss<int, float>);

// Evaluated by the compiler: a linear network (identity has a constexpr value(), the sigmoid's
// std::exp does not), y = 1*x0 + 2*x1 + 0.5, every figure below worked out by hand.
using line =
    ctnn::sequential<ctnn::options<double, ctnn::identity>, ctnn::input<2>, ctnn::dense<1>>;

constexpr line make_line()
{
    line net;
    net.set_weights<0>({{1.0}, {2.0}});
    net.set_bias<0>({0.5});
    return net;
}

// A default-constructed network holds zeros.
static_assert(line{}.forward(std::array<double, 2>{3.0, 4.0})[0] == 0.0);
static_assert(make_line().forward(std::array<double, 2>{3.0, 4.0})[0] == 11.5); // 3 + 8 + 0.5
static_assert(make_line().values()[0] == 1.0 && make_line().values()[1] == 2.0 &&
              make_line().values()[2] == 0.5); // weights row by row, then the bias
static_assert(make_line().weights<0>()(1, 0) == 2.0 && make_line().bias<0>()[0] == 0.5);

constexpr ctnn::batch<double, 2, 2> samples{{{3.0, 4.0}, {0.0, 1.0}}};
constexpr ctnn::batch<double, 2, 1> targets{{{10.5}, {2.5}}};
// Outputs 11.5 and 2.5: errors 1 and 0.
static_assert(make_line().forward(samples)[1][0] == 2.5);
static_assert(make_line().loss(samples, targets, ctnn::half_sum_squares{}) == 0.5); // 0.5 * 1^2
static_assert(make_line().loss(samples, targets, ctnn::mean_squared_error{}) == 0.5); // 1 / 2

// dE/dw_i = sum over samples of error * x_i; dE/db = sum of errors. Only sample 0 has an error.
constexpr ctnn::gradient<line> line_gradient()
{
    ctnn::gradient<line> grad;
    const line net = make_line();
    const double loss = net.backprop(samples, targets, grad, ctnn::half_sum_squares{});
    return loss == 0.5 ? grad : ctnn::gradient<line>{};
}
static_assert(line_gradient().weights<0>()(0, 0) == 3.0);
static_assert(line_gradient().weights<0>()(1, 0) == 4.0);
static_assert(line_gradient().bias<0>()[0] == 1.0);

// One step of gradient descent, learning rate 0.5: w0 = 1 - 1.5, w1 = 2 - 2, b = 0.5 - 0.5.
constexpr line stepped()
{
    line net = make_line();
    ctnn::sgd{0.5}.step(net, line_gradient());
    return net;
}
static_assert(stepped().values()[0] == -0.5 && stepped().values()[1] == 0.0 &&
              stepped().values()[2] == 0.0);

} // namespace
