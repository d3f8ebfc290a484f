// reference_network.hpp: the independent reference of gradient_support.hpp, widened to every
// activation ctnn ships (and to test-defined ones), to softmax rows and to the cross-entropy
// losses, plus the sweep that the activation, softmax, cross-entropy and custom-activation tests
// share.
//
// As in gradient_support.hpp, the reference shares nothing with the library's code: activations
// are their textbook formulas written here (not the library's value()), layers are walked one
// sample at a time through the public weights<L>() / bias<L>() views, the losses are their
// definitions without any clamp, and derivatives come from a five-point stencil with a step a
// thousand times the library checker's.
#pragma once

#include "gradient_support.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctnn/ctnn.hpp>

namespace reference {

// ---------------------------------------------------------------------------------------------
// Activations by their textbook formulas.
//
// `kinked` marks the activations whose derivative (relu, leaky_relu, elu with alpha != 1) or
// second derivative (elu with alpha == 1) jumps at z = 0: a finite difference whose stencil
// straddles 0 measures neither side's slope, so the sweep keeps their pre-activations away
// from 0 (see kink_margin below).
template <class A>
struct formula {
    // A test-defined activation: its own value() is the function it claims to be, and what a
    // gradient check compares its derivative against.
    static constexpr bool kinked = false;
    static constexpr bool is_row = !ctnn::elementwise_activation<A, double>;
    static std::string name()
    {
        if constexpr (requires { A::name; })
            return std::string(A::name); // a built-in without a formula here (silu, gelu, ...)
        else
            return "custom";
    }
    static double value(double z) { return A::value(z); }
};

template <>
struct formula<ctnn::identity> {
    static constexpr bool kinked = false;
    static constexpr bool is_row = false;
    static std::string name() { return "identity"; }
    static double value(double z) { return z; }
};

template <>
struct formula<ctnn::sigmoid> {
    static constexpr bool kinked = false;
    static constexpr bool is_row = false;
    static std::string name() { return "sigmoid"; }
    static double value(double z) { return 1.0 / (1.0 + std::exp(-z)); }
};

template <>
struct formula<ctnn::tanh> {
    static constexpr bool kinked = false;
    static constexpr bool is_row = false;
    static std::string name() { return "tanh"; }
    // (e^z - e^-z) / (e^z + e^-z), written as 1 - 2 / (e^2z + 1), which cannot overflow to
    // inf / inf.
    static double value(double z) { return 1.0 - 2.0 / (std::exp(2 * z) + 1.0); }
};

template <>
struct formula<ctnn::relu> {
    static constexpr bool kinked = true;
    static constexpr bool is_row = false;
    static std::string name() { return "relu"; }
    static double value(double z) { return z > 0 ? z : 0.0; }
};

template <std::intmax_t N, std::intmax_t D>
struct formula<ctnn::leaky_relu<N, D>> {
    static constexpr bool kinked = true;
    static constexpr bool is_row = false;
    static std::string name()
    {
        return "leaky_relu<" + std::to_string(N) + ", " + std::to_string(D) + ">";
    }
    static double value(double z)
    {
        return z > 0 ? z : static_cast<double>(N) / static_cast<double>(D) * z;
    }
};

template <std::intmax_t N, std::intmax_t D>
struct formula<ctnn::elu<N, D>> {
    static constexpr bool kinked = true;
    static constexpr bool is_row = false;
    static std::string name() { return "elu<" + std::to_string(N) + ", " + std::to_string(D) + ">"; }
    static double value(double z)
    {
        return z > 0 ? z : static_cast<double>(N) / static_cast<double>(D) * (std::exp(z) - 1);
    }
};

template <>
struct formula<ctnn::softplus> {
    static constexpr bool kinked = false;
    static constexpr bool is_row = false;
    static std::string name() { return "softplus"; }
    static double value(double z) { return std::log(1.0 + std::exp(z)); }
};

template <>
struct formula<ctnn::softmax> {
    static constexpr bool kinked = false;
    static constexpr bool is_row = true;
    static std::string name() { return "softmax"; }
    // exp(z_i) / sum_j exp(z_j) as defined, without the library's shift by the maximum: the
    // sweep's pre-activations are a few units at most.
    static std::vector<double> row(const std::vector<double>& z)
    {
        double sum = 0;
        for (double v : z)
            sum += std::exp(v);
        std::vector<double> a(z.size());
        for (std::size_t i = 0; i < z.size(); ++i)
            a[i] = std::exp(z[i]) / sum;
        return a;
    }
};

template <class A>
std::vector<double> activate_row(const std::vector<double>& z)
{
    if constexpr (std::is_same_v<A, ctnn::softmax>) {
        return formula<A>::row(z);
    }
    else if constexpr (formula<A>::is_row) {
        // A test-defined row activation: its own forward() is its definition.
        std::vector<double> a(z.size());
        [&]<std::size_t... W>(std::index_sequence<W...>) {
            // Width is a template argument: dispatch on the (small) run-time size, 1 to 8.
            ((z.size() == W + 1 ? A::template forward<W + 1>(z.data(), a.data()) : void()), ...);
        }(std::make_index_sequence<8>{});
        return a;
    }
    else {
        std::vector<double> a(z.size());
        for (std::size_t i = 0; i < z.size(); ++i)
            a[i] = formula<A>::value(z[i]);
        return a;
    }
}

// ---------------------------------------------------------------------------------------------
// The forward pass, one sample at a time, recording the pre-activations of kinked layers.

struct pass {
    std::vector<double> out;
    std::vector<double> kinked_z; // every pre-activation of a layer with a kinked activation
};

template <std::size_t L, class Net>
std::vector<double> layer_forward(const Net& net, const std::vector<double>& in, pass& record)
{
    using A = typename Net::template layer<L>::activation_type;
    const std::vector<double> z = gradient_test::reference_pre_activation<L>(net, in);
    if constexpr (formula<A>::kinked)
        record.kinked_z.insert(record.kinked_z.end(), z.begin(), z.end());
    return activate_row<A>(z);
}

template <class Net, class Row>
std::vector<double> forward(const Net& net, const Row& x, pass& record)
{
    std::vector<double> a(x.begin(), x.end());
    [&]<std::size_t... L>(std::index_sequence<L...>) {
        ((a = layer_forward<L>(net, a, record)), ...);
    }(std::make_index_sequence<Net::layer_count>{});
    return a;
}

// Every sample's outputs, and the kinked pre-activations of the whole batch.
template <class Net, std::size_t Batch, class X>
pass forward_batch(const Net& net, const std::array<X, Batch>& inputs)
{
    pass all;
    for (std::size_t s = 0; s < Batch; ++s) {
        const std::vector<double> out = forward(net, inputs[s], all);
        all.out.insert(all.out.end(), out.begin(), out.end());
    }
    return all;
}

// ---------------------------------------------------------------------------------------------
// The four shipped losses from their definitions, over `rows` rows of Width values.

template <class Loss>
inline constexpr bool is_cross_entropy = std::is_same_v<Loss, ctnn::binary_cross_entropy> ||
                                         std::is_same_v<Loss, ctnn::categorical_cross_entropy>;

template <class Loss, std::size_t Width, class Y, std::size_t Batch>
double loss_of(const std::vector<double>& out, const std::array<Y, Batch>& targets)
{
    double sum = 0;
    for (std::size_t s = 0; s < Batch; ++s)
        for (std::size_t o = 0; o < Width; ++o) {
            const double y = out[s * Width + o];
            const double t = static_cast<double>(targets[s][o]);
            if constexpr (std::is_same_v<Loss, ctnn::half_sum_squares>)
                sum += 0.5 * (y - t) * (y - t);
            else if constexpr (std::is_same_v<Loss, ctnn::mean_squared_error>)
                sum += (y - t) * (y - t) / static_cast<double>(Batch * Width);
            else if constexpr (std::is_same_v<Loss, ctnn::binary_cross_entropy>)
                sum -= (t * std::log(y) + (1 - t) * std::log(1 - y)) /
                       static_cast<double>(Batch * Width);
            else if constexpr (std::is_same_v<Loss, ctnn::categorical_cross_entropy>)
                sum -= t * std::log(y) / static_cast<double>(Batch);
            else
                static_assert(sizeof(Loss) == 0, "reference::loss_of knows the shipped losses");
        }
    return sum;
}

template <class Loss, class Net, std::size_t Batch, class X, class Y>
double loss(const Net& net, const std::array<X, Batch>& inputs, const std::array<Y, Batch>& targets)
{
    return loss_of<Loss, Net::output_size>(forward_batch(net, inputs).out, targets);
}

// ---------------------------------------------------------------------------------------------
// Where the kinks are.

// The smallest |z| over every pre-activation of a kinked layer, for every sample; +inf for a
// network without kinked layers.
template <class Net, std::size_t Batch, class X>
double kink_margin(const Net& net, const std::array<X, Batch>& inputs)
{
    double margin = std::numeric_limits<double>::infinity();
    for (double z : forward_batch(net, inputs).kinked_z)
        margin = std::min(margin, std::fabs(z));
    return margin;
}

inline std::vector<bool> signs(const std::vector<double>& z)
{
    std::vector<bool> positive(z.size());
    for (std::size_t k = 0; k < z.size(); ++k)
        positive[k] = z[k] > 0;
    return positive;
}

// ---------------------------------------------------------------------------------------------
// The five-point stencil (gradient_support.hpp's recipe), which also counts the evaluations at
// which some kinked pre-activation sits on the other side of 0 than at the unperturbed point: a
// stencil that crossed a kink would compare backprop with a meaningless number.

struct numeric_gradient {
    std::vector<double> values;
    std::size_t kink_crossings = 0;
};

template <class Loss, class Net, std::size_t Batch, class X, class Y>
numeric_gradient gradient(const Net& net, const std::array<X, Batch>& inputs,
                          const std::array<Y, Batch>& targets)
{
    static_assert(std::is_same_v<typename Net::scalar_type, double>,
                  "finite differences need double parameters");
    numeric_gradient result;
    result.values.resize(Net::parameter_count);
    const std::vector<bool> base = signs(forward_batch(net, inputs).kinked_z);
    Net probe = net;
    for (std::size_t k = 0; k < Net::parameter_count; ++k) {
        const double p = net.values()[k];
        const double h = 1e-3 * std::max(1.0, std::fabs(p));
        const auto loss_at = [&](double offset) {
            probe.values()[k] = p + offset;
            const pass at = forward_batch(probe, inputs);
            if (signs(at.kinked_z) != base)
                ++result.kink_crossings;
            return loss_of<Loss, Net::output_size>(at.out, targets);
        };
        result.values[k] =
            (-loss_at(2 * h) + 8 * loss_at(h) - 8 * loss_at(-h) + loss_at(-2 * h)) / (12 * h);
        probe.values()[k] = p;
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
// Describing a network in failure messages: "3-4-2: layer 0 tanh+bias, layer 1 softmax".

template <class Net>
std::string describe()
{
    std::ostringstream os;
    for (std::size_t k = 0; k < Net::widths.size(); ++k)
        os << (k ? "-" : "") << Net::widths[k];
    os << ":";
    [&]<std::size_t... L>(std::index_sequence<L...>) {
        ((os << " layer " << L << ' '
             << formula<typename Net::template layer<L>::activation_type>::name()
             << (Net::template layer<L>::has_bias ? "+bias" : "")
             << (L + 1 < Net::layer_count ? "," : "")),
         ...);
    }(std::make_index_sequence<Net::layer_count>{});
    return os.str();
}

// ---------------------------------------------------------------------------------------------
// Targets.

enum class targets {
    signed_values, // uniform in [-1, 1]: regression targets
    probabilities, // uniform in [0.05, 0.95]: soft binary targets
    labels,        // 0 or 1: hard binary targets
    one_hot,       // one 1 a row, the rest 0
    soft_rows,     // positive, some entries exactly 0, each row summing to 1
};

inline const char* name(targets kind)
{
    switch (kind) {
    case targets::signed_values: return "targets in [-1, 1]";
    case targets::probabilities: return "targets in (0, 1)";
    case targets::labels: return "0/1 targets";
    case targets::one_hot: return "one-hot targets";
    case targets::soft_rows: return "soft targets summing to 1";
    }
    return "?";
}

template <std::size_t Batch, std::size_t Width>
ctnn::batch<double, Batch, Width> make_targets(ctnn::random_engine& rng, targets kind)
{
    ctnn::batch<double, Batch, Width> rows{};
    for (auto& row : rows) {
        switch (kind) {
        case targets::signed_values:
            for (auto& v : row)
                v = -1 + 2 * rng.uniform01<double>();
            break;
        case targets::probabilities:
            for (auto& v : row)
                v = 0.05 + 0.9 * rng.uniform01<double>();
            break;
        case targets::labels:
            for (auto& v : row)
                v = rng.uniform01<double>() < 0.5 ? 0.0 : 1.0;
            break;
        case targets::one_hot:
            row[std::min(Width - 1, static_cast<std::size_t>(rng.uniform01<double>() *
                                                             static_cast<double>(Width)))] = 1;
            break;
        case targets::soft_rows: {
            double sum = 0;
            for (std::size_t o = 0; o < Width; ++o) {
                // Every third class gets nothing: categorical_cross_entropy skips t == 0 terms
                // in its value but not in its gradient, and both must stay consistent.
                row[o] = (o % 3 == 2) ? 0.0 : 0.1 + rng.uniform01<double>();
                sum += row[o];
            }
            for (auto& v : row)
                v /= sum;
            break;
        }
        }
    }
    return rows;
}

// ---------------------------------------------------------------------------------------------
// The check of one network, one loss, one batch size, one draw.

// A draw is kept when every pre-activation of a kinked layer is at least this far from 0 (the
// brief's ~1e-4 is enough for the library checker, whose stencil moves a parameter by 1e-6
// max(1, |p|); the reference's moves it by up to 2e-3 max(1, |p|)). With parameters and inputs
// in [-1, 1] and widths of at most 5, that keeps every z on its side of 0; rather than rely on
// the argument, the reference counts any evaluation where one crossed
// (numeric_gradient::kink_crossings), and the check requires none.
inline constexpr double kink_clearance = 0.02;

// Draws parameters and inputs from seed until the kinked pre-activations clear the kinks
// (at once for a network without kinked layers). Deterministic: the same seed gives the same
// draw on every run.
template <class Net, std::size_t Batch>
std::uint64_t draw(Net& net, ctnn::batch<double, Batch, Net::input_size>& inputs,
                   std::uint64_t seed)
{
    for (std::uint64_t attempt = 0; attempt < 200; ++attempt) {
        const std::uint64_t s = seed * 1000 + attempt;
        gradient_test::randomize(net, s);
        ctnn::random_engine rng(s * 7 + Batch);
        inputs = gradient_test::random_batch<double, Batch, Net::input_size>(rng, -1, 1);
        if (kink_margin(net, inputs) >= kink_clearance)
            return s;
    }
    return 0; // the caller's REQUIRE on kink_margin reports it
}

template <class Net, class Loss, std::size_t Batch>
void check(std::uint64_t seed, targets kind)
{
    static_assert(std::is_same_v<typename Net::scalar_type, double>);
    Net net;
    ctnn::batch<double, Batch, Net::input_size> inputs;
    const std::uint64_t drawn = draw(net, inputs, seed);
    ctnn::random_engine target_rng(seed * 31 + Batch);
    const auto targets = make_targets<Batch, Net::output_size>(target_rng, kind);
    INFO(describe<Net>() << ", batch " << Batch << ", " << name(kind) << ", seed " << seed
                         << " (draw " << drawn << ")");
    REQUIRE(kink_margin(net, inputs) >= kink_clearance);

    const std::vector<double> outputs = forward_batch(net, inputs).out;
    if constexpr (is_cross_entropy<Loss>) {
        // The reference's logs have no clamp: the outputs must be clear of 0 and 1, where the
        // library's loss clamps and the two would differ.
        for (double o : outputs) {
            REQUIRE(o > 1e-6);
            REQUIRE(o < 1 - 1e-6);
        }
    }

    // A gradient object full of NaNs: backprop must overwrite every value, not accumulate.
    ctnn::gradient<Net> grad;
    for (auto& g : grad.values())
        g = std::numeric_limits<double>::quiet_NaN();
    const double value = net.backprop(inputs, targets, grad, Loss{});

    CHECK(value == Approx(net.loss(inputs, targets, Loss{})).epsilon(1e-14));
    CHECK(value == Approx(loss<Loss>(net, inputs, targets)).epsilon(1e-12));

    {
        const numeric_gradient numeric = gradient<Loss>(net, inputs, targets);
        CHECK(numeric.kink_crossings == 0);
        const auto bad = gradient_test::mismatches<Net>(grad.values(), numeric.values);
        INFO("parameters where backprop and the reference disagree:" << gradient_test::join(bad));
        CHECK(bad.empty());
    }
    {
        const ctnn::gradient_check_result checked = ctnn::check_gradient(net, inputs, targets,
                                                                         Loss{});
        INFO(checked);
        CHECK(checked.passed);
        CHECK(checked.parameters_checked == Net::parameter_count);
    }

    // A fused loss writes dLoss/dz for the output layer: its bias gradient is the column sum of
    // (o - t) / (rows * Width) for binary_cross_entropy, (o - t) / rows for categorical, worked
    // out here from the reference's outputs.
    constexpr std::size_t last = Net::layer_count - 1;
    if constexpr (is_cross_entropy<Loss> && Net::template layer<last>::has_bias) {
        constexpr double scale =
            std::is_same_v<Loss, ctnn::binary_cross_entropy>
                ? 1.0 / static_cast<double>(Batch * Net::output_size)
                : 1.0 / static_cast<double>(Batch);
        const auto bias_grad = grad.template bias<last>();
        for (std::size_t o = 0; o < Net::output_size; ++o) {
            double expected = 0;
            for (std::size_t s = 0; s < Batch; ++s)
                expected += scale * (outputs[s * Net::output_size + o] - targets[s][o]);
            CHECK(bias_grad[o] == Approx(expected).epsilon(1e-12).margin(1e-15));
        }
    }

    // A batch's gradient is the sum (reduction::sum) or the mean (reduction::mean) of its
    // samples' gradients, each sample being a batch of one.
    if constexpr (Batch > 1) {
        std::vector<double> combined(Net::parameter_count, 0.0);
        double combined_loss = 0;
        for (std::size_t s = 0; s < Batch; ++s) {
            const ctnn::batch<double, 1, Net::input_size> x{inputs[s]};
            const ctnn::batch<double, 1, Net::output_size> t{targets[s]};
            ctnn::gradient<Net> one;
            combined_loss += net.backprop(x, t, one, Loss{});
            for (std::size_t k = 0; k < Net::parameter_count; ++k)
                combined[k] += one.values()[k];
        }
        if constexpr (Loss::reduction == ctnn::reduction::mean) {
            for (auto& g : combined)
                g /= Batch;
            combined_loss /= Batch;
        }
        CHECK(value == Approx(combined_loss).epsilon(1e-13));
        const auto off = gradient_test::mismatches<Net>(grad.values(), combined,
                                                        gradient_test::tolerance{1e-14, 1e-12});
        INFO("parameters where the batch gradient is not the combination of the samples':"
             << gradient_test::join(off));
        CHECK(off.empty());
    }
}

// Batch sizes 1 and 4, two draws each.
template <class Net, class Loss>
void check_batches(targets kind)
{
    for (std::uint64_t seed : {1u, 2u}) {
        check<Net, Loss, 1>(seed, kind);
        check<Net, Loss, 4>(seed, kind);
    }
}

// ---------------------------------------------------------------------------------------------
// The topologies an activation A is checked in: 2 to 5 weight layers, A as a hidden layer and
// as the output layer, with and without bias, next to other activations.

template <class... Modifiers>
using f64 = ctnn::options<double, Modifiers...>;

template <class A>
using networks_with = std::tuple<
    // A in both layers, every layer with a bias.
    ctnn::basic_network<f64<A>, 3, 4, 2>,
    // A in two hidden layers, no bias anywhere, a linear output.
    ctnn::sequential<f64<A, ctnn::no_bias>, ctnn::input<2>, ctnn::dense<5>, ctnn::dense<3>,
                     ctnn::dense<2, ctnn::identity>>,
    // A hidden between other activations and as the output, bias in some layers only.
    ctnn::sequential<f64<>, ctnn::input<3>, ctnn::dense<4, ctnn::tanh, ctnn::no_bias>,
                     ctnn::dense<3, A>, ctnn::dense<3, ctnn::sigmoid, ctnn::no_bias>,
                     ctnn::dense<2, A>>,
    // Five layers; A in the last three, the output without a bias.
    ctnn::sequential<f64<A>, ctnn::input<2>, ctnn::dense<3, ctnn::sigmoid>,
                     ctnn::dense<2, ctnn::softplus, ctnn::no_bias>, ctnn::dense<3>, ctnn::dense<4>,
                     ctnn::dense<2, ctnn::no_bias>>>;

template <class A, class Loss>
void check_activation()
{
    [&]<class... Nets>(std::tuple<Nets...>*) {
        (check_batches<Nets, Loss>(targets::signed_values), ...);
    }(static_cast<networks_with<A>*>(nullptr));
}

} // namespace reference
