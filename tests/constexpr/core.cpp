// The core path in constant expressions: construction, set_weights/set_bias, values(), forward
// (one sample and a batch), backprop with every loss, each optimiser's step, fit, initialize and
// check_gradient. Each static_assert compares with a hand computation written beside it; the
// Catch2 cases compare compile-time results with the same code run at run time.
#include <catch2/catch.hpp>

#include <ctnn/ctnn.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

namespace {

// |a - b| <= tolerance, usable in static_assert.
constexpr bool near(double a, double b, double tolerance)
{
    const double d = a - b;
    return (d < 0 ? -d : d) <= tolerance;
}

// --- A 1-1 network with bias and the identity activation: o = w x + b, every number by hand. ---
using line =
    ctnn::sequential<ctnn::options<double, ctnn::identity>, ctnn::input<1>, ctnn::dense<1>>;

constexpr line make_line(double w, double b)
{
    line net;
    net.set_weights<0>({{w}});
    net.set_bias<0>({b});
    return net;
}

// Construction zeroes every parameter; set_weights and set_bias land where values() says
// (weights first, then the bias).
static_assert([] {
    line net;
    return net.values()[0] == 0.0 && net.values()[1] == 0.0;
}());
static_assert(make_line(0.5, 0.25).values()[0] == 0.5);
static_assert(make_line(0.5, 0.25).values()[1] == 0.25);
static_assert(make_line(0.5, 0.25).weights<0>()(0, 0) == 0.5);
static_assert(make_line(0.5, 0.25).bias<0>()[0] == 0.25);

// forward: 0.5 * 2 + 0.25 = 1.25, and a batch of two rows: (2, -1) -> (1.25, -0.25).
static_assert(make_line(0.5, 0.25).forward(std::array<double, 1>{2.0})[0] == 1.25);
static_assert([] {
    const auto out = make_line(0.5, 0.25).forward(ctnn::batch<double, 2, 1>{{{2.0}, {-1.0}}});
    return out[0][0] == 1.25 && out[1][0] == -0.25;
}());

// backprop, x = 2, t = 1: o = 1.25, e = o - t = 0.25.
//   half_sum_squares: E = e^2 / 2 = 0.03125; dE/dw = e x = 0.5, dE/db = e = 0.25.
//   mean_squared_error (1 row, 1 output): E = e^2 = 0.0625; dE/do = 2e = 0.5: dw = 1, db = 0.5.
template <class Loss>
struct backprop_result {
    double loss, dw, db;
};
template <class Loss>
constexpr backprop_result<Loss> line_backprop(const ctnn::batch<double, 1, 1>& x,
                                              const ctnn::batch<double, 1, 1>& t)
{
    ctnn::gradient<line> grad;
    const double loss = make_line(0.5, 0.25).backprop(x, t, grad, Loss{});
    return {loss, grad.values()[0], grad.values()[1]};
}
constexpr ctnn::batch<double, 1, 1> x2{{{2.0}}};
constexpr ctnn::batch<double, 1, 1> t1{{{1.0}}};
static_assert(line_backprop<ctnn::half_sum_squares>(x2, t1).loss == 0.03125);
static_assert(line_backprop<ctnn::half_sum_squares>(x2, t1).dw == 0.5);
static_assert(line_backprop<ctnn::half_sum_squares>(x2, t1).db == 0.25);
static_assert(line_backprop<ctnn::mean_squared_error>(x2, t1).loss == 0.0625);
static_assert(line_backprop<ctnn::mean_squared_error>(x2, t1).dw == 1.0);
static_assert(line_backprop<ctnn::mean_squared_error>(x2, t1).db == 0.5);

// A batch sums: rows (x, t) = (2, 1) and (-1, 0) give e = 0.25 and -0.25, so E = 0.0625,
// dw = 0.25 * 2 + (-0.25) (-1) = 0.75 and db = 0.25 - 0.25 = 0.
static_assert([] {
    ctnn::gradient<line> grad;
    const double loss = make_line(0.5, 0.25).backprop(ctnn::batch<double, 2, 1>{{{2.0}, {-1.0}}},
                                                      ctnn::batch<double, 2, 1>{{{1.0}, {0.0}}},
                                                      grad, ctnn::half_sum_squares{});
    return loss == 0.0625 && grad.values()[0] == 0.75 && grad.values()[1] == 0.0;
}());

// The cross-entropies, with their constexpr log. A 1-1 sigmoid network with w = b = 0 outputs
// s(0) = 1/2: for t = 1, E = -log(1/2) = ln 2, and the fused gradient dE/dz = o - t = -1/2, so
// dw = -1/2 x = -1 and db = -1/2.
constexpr double ln2 = 0.6931471805599453; // ln 2 rounded to double
static_assert([] {
    ctnn::sequential<ctnn::options<double>, ctnn::input<1>, ctnn::dense<1>> net;
    decltype(net)::gradient_type grad;
    const double loss = net.backprop(x2, t1, grad, ctnn::binary_cross_entropy{});
    return near(loss, ln2, 1e-15) && grad.values()[0] == -1.0 && grad.values()[1] == -0.5;
}());
// Softmax over two outputs with every parameter 0 gives (1/2, 1/2): for t = (1, 0), E = ln 2 and
// dE/dz = o - t = (-1/2, 1/2), so with x = 2: dW = (-1, 1), db = (-1/2, 1/2).
static_assert([] {
    ctnn::sequential<ctnn::options<double>, ctnn::input<1>, ctnn::dense<2, ctnn::softmax>> net;
    decltype(net)::gradient_type grad;
    const double loss = net.backprop(x2, ctnn::batch<double, 1, 2>{{{1.0, 0.0}}}, grad,
                                     ctnn::categorical_cross_entropy{});
    const auto g = grad.values();
    return near(loss, ln2, 1e-15) && g[0] == -1.0 && g[1] == 1.0 && g[2] == -0.5 &&
           g[3] == 0.5;
}());

// --- The optimisers, one or two steps by hand from p = (w, b) = (0.5, 0.25) with the gradient
// of half_sum_squares at x = 2, t = 1: g = (0.5, 0.25). ---
constexpr ctnn::gradient<line> line_gradient()
{
    ctnn::gradient<line> grad;
    make_line(0.5, 0.25).backprop(x2, t1, grad, ctnn::half_sum_squares{});
    return grad;
}

// sgd, lr 0.5: p - lr g = (0.5 - 0.25, 0.25 - 0.125).
static_assert([] {
    line net = make_line(0.5, 0.25);
    ctnn::sgd{0.5}.step(net, line_gradient());
    return net.values()[0] == 0.25 && net.values()[1] == 0.125;
}());

// Two steps with the same gradient (the network is not re-evaluated in between), lr 0.5,
// beta 0.9. momentum: v1 = g, p1 = p - lr g; v2 = 0.9 g + g = 1.9 g, p2 = p1 - lr 1.9 g,
// so w2 = 0.5 - 0.25 - 0.475 = -0.225 and b2 = 0.25 - 0.125 - 0.2375 = -0.1125.
template <class Opt>
constexpr line two_steps(const Opt& opt)
{
    line net = make_line(0.5, 0.25);
    ctnn::optimizer_state<Opt, line> state;
    const auto grad = line_gradient();
    opt.step(net, grad, state, 0.5);
    opt.step(net, grad, state, 0.5);
    return net;
}
static_assert(near(two_steps(ctnn::momentum{0.5, 0.9}).values()[0], -0.225, 1e-15));
static_assert(near(two_steps(ctnn::momentum{0.5, 0.9}).values()[1], -0.1125, 1e-15));
// nesterov: step k moves by lr (g + 0.9 v_k): v1 = g gives lr 1.9 g, v2 = 1.9 g gives
// lr 2.71 g: w2 = 0.5 - 0.25 (1.9 + 2.71) = -0.6525, b2 = 0.25 - 0.125 (4.61) = -0.32625.
static_assert(near(two_steps(ctnn::nesterov{0.5, 0.9}).values()[0], -0.6525, 1e-15));
static_assert(near(two_steps(ctnn::nesterov{0.5, 0.9}).values()[1], -0.32625, 1e-15));

// Adam's first step: m_hat = g and v_hat = g^2 (the bias corrections undo the averages' start
// at 0), so p -= lr g / (|g| + eps): with lr 0.01, w = 0.5 - 0.01 * 0.5 / (0.5 + 1e-8). This
// needs a square root, constexpr_sqrt in constant expressions.
static_assert([] {
    line net = make_line(0.5, 0.25);
    ctnn::optimizer_state<ctnn::adam, line> state;
    ctnn::adam{}.step(net, line_gradient(), state, 0.01);
    return near(net.values()[0], 0.5 - 0.01 * 0.5 / (0.5 + 1e-8), 1e-15) &&
           near(net.values()[1], 0.25 - 0.01 * 0.25 / (0.25 + 1e-8), 1e-15) &&
           state.step_count == 1;
}());
// AdamW first decays, p (1 - lr wd), then takes Adam's step.
static_assert([] {
    line net = make_line(0.5, 0.25);
    ctnn::optimizer_state<ctnn::adamw, line> state;
    ctnn::adamw{.weight_decay = 0.1}.step(net, line_gradient(), state, 0.01);
    return near(net.values()[0], 0.5 * (1 - 0.001) - 0.01 * 0.5 / (0.5 + 1e-8), 1e-15) &&
           near(net.values()[1], 0.25 * (1 - 0.001) - 0.01 * 0.25 / (0.25 + 1e-8), 1e-15);
}());

// --- fit: least squares on t = 2x + 1 at x = 0, 1, 2 converges to w = 2, b = 1 (the exact
// fit); gradient descent with lr 0.1 contracts the error by at least 0.96 an epoch. ---
static_assert([] {
    line net;
    const auto result = ctnn::fit(net, ctnn::batch<double, 3, 1>{{{0.0}, {1.0}, {2.0}}},
                                  ctnn::batch<double, 3, 1>{{{1.0}, {3.0}, {5.0}}},
                                  ctnn::half_sum_squares{}, ctnn::sgd{0.1}, 1000);
    return result.stop == ctnn::training_stop::none && result.epochs == 1000 &&
           near(net.values()[0], 2.0, 1e-12) && near(net.values()[1], 1.0, 1e-12);
}());

// --- initialize: ranges at compile time (the values themselves are compared with the run-time
// ones below). uniform01 draws in [0, 1); xavier_uniform in [-a, a], a = sqrt(6 / (2 + 3)) for
// the 2-3 layer, and biases 0. ---
using small_net = ctnn::basic_network<ctnn::options<double>, 2, 3, 1>;
constexpr small_net initialised(std::uint64_t seed)
{
    small_net net;
    ctnn::initialize(net, ctnn::uniform01{}, seed);
    return net;
}
static_assert([] {
    const small_net net = initialised(42);
    bool in_range = true;
    for (double v : net.values())
        in_range = in_range && v >= 0.0 && v < 1.0;
    return in_range && !(net == initialised(43)) && net == initialised(42);
}());
static_assert([] {
    small_net net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 7);
    bool ok = true;
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t o = 0; o < 3; ++o)
            ok = ok && net.weights<0>()(i, o) * net.weights<0>()(i, o) <= 6.0 / 5.0;
    for (double b : net.bias<0>())
        ok = ok && b == 0.0;
    return ok;
}());

// --- check_gradient in the compiler: backprop against central differences, sigmoid layers
// with bias and the cross-entropy's constexpr log. ---
static_assert([] {
    small_net net;
    ctnn::initialize(net, ctnn::uniform_range{-1.0, 1.0}, 3);
    return ctnn::check_gradient(net, ctnn::batch<double, 2, 2>{{{0.5, -1.0}, {1.0, 2.0}}},
                                ctnn::batch<double, 2, 1>{{{1.0}, {0.0}}},
                                ctnn::binary_cross_entropy{})
        .passed;
}());

// --- The activations whose run-time code calls <cmath> (tanh, elu, softplus) forward and
// backprop in constant expressions too; tanh(0) = 0, elu(0) = 0, softplus(0) = ln 2 and
// softplus'(0) = 1/2. ---
template <class Activation>
constexpr double activation_at_zero()
{
    ctnn::sequential<ctnn::options<double, Activation>, ctnn::input<1>, ctnn::dense<1>> net;
    return net.forward(std::array<double, 1>{1.0})[0];
}
static_assert(activation_at_zero<ctnn::tanh>() == 0.0);
static_assert(activation_at_zero<ctnn::elu<>>() == 0.0);
static_assert(near(activation_at_zero<ctnn::softplus>(), ln2, 1e-16));
static_assert([] {
    // E = (softplus(z) - 0)^2 / 2 at z = 0: dE/db = softplus(0) softplus'(0) = ln2 / 2.
    ctnn::sequential<ctnn::options<double, ctnn::softplus>, ctnn::input<1>, ctnn::dense<1>> net;
    decltype(net)::gradient_type grad;
    net.backprop(ctnn::batch<double, 1, 1>{{{0.0}}}, ctnn::batch<double, 1, 1>{{{0.0}}}, grad,
                 ctnn::half_sum_squares{});
    return near(grad.values()[1], ln2 / 2, 1e-16);
}());

// --- The tutorial's network (2-3-1, double, no bias) with its initial weights. With the
// polynomial exp named explicitly, the compile-time and run-time forward passes run the same
// arithmetic, so they must agree to the last bit (compared at run time below). ---
using tutorial_network = ctnn::basic_network<
    ctnn::options<double, ctnn::no_bias, ctnn::basic_sigmoid<ctnn::polynomial_exp>>, 2, 3, 1>;
constexpr tutorial_network tutorial_start()
{
    tutorial_network net;
    net.set_weights<0>({{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}});
    net.set_weights<1>({{0.7}, {0.8}, {0.9}});
    return net;
}
constexpr ctnn::batch<double, 4, 2> tutorial_inputs{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
constexpr auto tutorial_outputs_compile_time = tutorial_start().forward(tutorial_inputs);
// The same in float with the default sigmoid, whose run-time exp is the polynomial for float on
// every target.
using tutorial_network_float =
    ctnn::basic_network<ctnn::options<float, ctnn::no_bias>, 2, 3, 1>;
constexpr tutorial_network_float tutorial_start_float()
{
    tutorial_network_float net;
    net.set_weights<0>({{0.1f, 0.2f, 0.3f}, {0.4f, 0.5f, 0.6f}});
    net.set_weights<1>({{0.7f}, {0.8f}, {0.9f}});
    return net;
}
constexpr ctnn::batch<float, 4, 2> tutorial_inputs_float{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
constexpr auto tutorial_outputs_float_compile_time =
    tutorial_start_float().forward(tutorial_inputs_float);

// A value the optimiser cannot see through, so that the run-time calls below really run at run
// time (is_constant_evaluated() false in them).
template <class T>
T opaque(T value)
{
    volatile T copy = value;
    return copy;
}
// Every parameter of a network or gradient passed through opaque().
template <class Parameters>
Parameters opaque_parameters(const Parameters& p)
{
    Parameters out;
    for (std::size_t k = 0; k < p.values().size(); ++k)
        out.values()[k] = opaque(p.values()[k]);
    return out;
}

} // namespace

TEST_CASE("constexpr forward of the tutorial network equals the run-time forward bit for bit",
          "[constexpr]")
{
    const tutorial_network net = opaque_parameters(tutorial_start());
    for (std::size_t s = 0; s < 4; ++s) {
        const std::array<double, 2> x{opaque(tutorial_inputs[s][0]),
                                      opaque(tutorial_inputs[s][1])};
        const double run_time = net.forward(x)[0];
        CAPTURE(s);
        REQUIRE(run_time == tutorial_outputs_compile_time[s][0]);
    }
    const tutorial_network_float net_f = opaque_parameters(tutorial_start_float());
    for (std::size_t s = 0; s < 4; ++s) {
        const std::array<float, 2> x{opaque(tutorial_inputs_float[s][0]),
                                     opaque(tutorial_inputs_float[s][1])};
        CAPTURE(s);
        REQUIRE(net_f.forward(x)[0] == tutorial_outputs_float_compile_time[s][0]);
    }
}

TEST_CASE("constexpr initialize draws the same parameters as at run time", "[constexpr]")
{
    constexpr small_net compile_time = initialised(42);
    small_net run_time;
    ctnn::initialize(run_time, ctnn::uniform01{}, opaque(std::uint64_t{42}));
    REQUIRE(run_time == compile_time);

    // xavier_normal uses the constexpr log and square root of the normal sampler.
    constexpr small_net normal_compile_time = [] {
        small_net net;
        ctnn::initialize(net, ctnn::xavier_normal{}, 9);
        return net;
    }();
    small_net normal_run_time;
    ctnn::initialize(normal_run_time, ctnn::xavier_normal{}, opaque(std::uint64_t{9}));
    REQUIRE(normal_run_time == normal_compile_time);
}

TEST_CASE("constexpr adam step equals the run-time step bit for bit", "[constexpr]")
{
    // constexpr_sqrt is correctly rounded, like std::sqrt: the two paths give the same bits.
    constexpr line compile_time = [] {
        line net = make_line(0.5, 0.25);
        ctnn::optimizer_state<ctnn::adam, line> state;
        for (int k = 0; k < 3; ++k)
            ctnn::adam{}.step(net, line_gradient(), state, 0.01);
        return net;
    }();
    line run_time = opaque_parameters(make_line(0.5, 0.25));
    ctnn::optimizer_state<ctnn::adam, line> state;
    const auto grad = opaque_parameters(line_gradient());
    for (int k = 0; k < 3; ++k)
        ctnn::adam{}.step(run_time, grad, state, 0.01);
    REQUIRE(run_time == compile_time);
}
