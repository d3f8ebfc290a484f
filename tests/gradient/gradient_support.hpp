// gradient_support.hpp: what the gradient tests share: random parameters and batches, an
// independent reference (a forward pass and losses written here from their definitions, and a
// five-point finite-difference stencil over them), and the topologies the sweep covers.
//
// The reference deliberately shares nothing with the library's loops: it walks the layers through
// the public weights<L>() / bias<L>() views, one sample at a time in double, and it differentiates
// with a different stencil and step than ctnn::check_gradient, so that when both agree with
// backprop neither can be hiding the other's mistake.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctnn/ctnn.hpp>

namespace gradient_test {

// ---------------------------------------------------------------------------------------------
// Random parameters and data.

// initialize() draws from [0, 1); the sweep wants signs too, so every parameter p becomes 2p - 1
// in [-1, 1): negative weights exercise the sigmoid on both sides of zero.
template <class Net>
void randomize(Net& net, std::uint64_t seed)
{
    ctnn::initialize(net, ctnn::uniform01{}, seed);
    for (auto& p : net.values())
        p = 2 * p - 1;
}

template <class T, std::size_t Batch, std::size_t Width>
ctnn::batch<T, Batch, Width> random_batch(ctnn::random_engine& rng, double low, double high)
{
    ctnn::batch<T, Batch, Width> rows{};
    for (auto& row : rows)
        for (auto& v : row)
            v = static_cast<T>(low + (high - low) * rng.uniform01<double>());
    return rows;
}

// ---------------------------------------------------------------------------------------------
// Describing networks and parameters in failure messages.

template <class A>
const char* activation_name()
{
    if constexpr (std::is_same_v<A, ctnn::sigmoid>)
        return "sigmoid";
    else if constexpr (std::is_same_v<A, ctnn::identity>)
        return "identity";
    else
        return "custom";
}

// "3-4-2: layer 0 sigmoid+bias, layer 1 identity" so that an index-named template instance
// (TEMPLATE_LIST_TEST_CASE numbers them) says which topology it is.
template <class Net>
std::string describe_network()
{
    std::ostringstream os;
    for (std::size_t k = 0; k < Net::widths.size(); ++k)
        os << (k ? "-" : "") << Net::widths[k];
    os << (std::is_same_v<typename Net::scalar_type, double> ? " double" : " float") << ":";
    [&]<std::size_t... L>(std::index_sequence<L...>) {
        ((os << " layer " << L << ' '
             << activation_name<typename Net::template layer<L>::activation_type>()
             << (Net::template layer<L>::has_bias ? "+bias" : "")
             << (L + 1 < Net::layer_count ? "," : "")),
         ...);
    }(std::make_index_sequence<Net::layer_count>{});
    return os.str();
}

// Where flat parameter k lives, worked out here from the layers' sizes (not from the library's
// own locator, which the checker tests compare against this).
struct location {
    std::size_t layer = 0;
    bool is_bias = false;
    std::size_t row = 0; // input, for a weight
    std::size_t col = 0; // output, for a weight; index, for a bias
};

template <class Net>
location locate(std::size_t k)
{
    location where{};
    std::size_t start = 0;
    [&]<std::size_t... L>(std::index_sequence<L...>) {
        (
            [&] {
                using layer = typename Net::template layer<L>;
                const std::size_t weights = layer::in_size * layer::out_size;
                const std::size_t biases = layer::has_bias ? layer::out_size : 0;
                if (k >= start && k < start + weights) {
                    where = {L, false, (k - start) / layer::out_size, (k - start) % layer::out_size};
                }
                else if (k >= start + weights && k < start + weights + biases) {
                    where = {L, true, 0, k - start - weights};
                }
                start += weights + biases;
            }(),
            ...);
    }(std::make_index_sequence<Net::layer_count>{});
    return where;
}

template <class Net>
std::string describe_parameter(std::size_t k)
{
    const location at = locate<Net>(k);
    std::ostringstream os;
    os << "layer " << at.layer;
    if (at.is_bias)
        os << " bias[" << at.col << ']';
    else
        os << " weight(" << at.row << ", " << at.col << ')';
    os << " (parameter index " << k << ')';
    return os.str();
}

// ---------------------------------------------------------------------------------------------
// The independent reference.

// Activations by their textbook formulas. A test-defined activation (one built to be wrong) is
// evaluated through its own value(), which the test wrote and which is the function it claims.
template <class A>
double reference_activation(double z)
{
    if constexpr (std::is_same_v<A, ctnn::sigmoid>)
        return 1.0 / (1.0 + std::exp(-z));
    else if constexpr (std::is_same_v<A, ctnn::identity>)
        return z;
    else
        return A::value(z);
}

template <std::size_t L, class Net>
std::vector<double> reference_pre_activation(const Net& net, const std::vector<double>& in)
{
    using layer = typename Net::template layer<L>;
    const auto w = net.template weights<L>();
    std::vector<double> z(layer::out_size);
    for (std::size_t o = 0; o < layer::out_size; ++o) {
        double sum = 0;
        if constexpr (layer::has_bias)
            sum = static_cast<double>(net.template bias<L>()[o]);
        for (std::size_t i = 0; i < layer::in_size; ++i)
            sum += in[i] * static_cast<double>(w(i, o));
        z[o] = sum;
    }
    return z;
}

template <std::size_t L, class Net>
std::vector<double> reference_layer(const Net& net, const std::vector<double>& in)
{
    std::vector<double> out = reference_pre_activation<L>(net, in);
    for (double& v : out)
        v = reference_activation<typename Net::template layer<L>::activation_type>(v);
    return out;
}

template <class Net, class Row>
std::vector<double> reference_forward(const Net& net, const Row& x)
{
    std::vector<double> a(x.begin(), x.end());
    [&]<std::size_t... L>(std::index_sequence<L...>) {
        ((a = reference_layer<L>(net, a)), ...);
    }(std::make_index_sequence<Net::layer_count>{});
    return a;
}

// The two shipped losses from their definitions: half_sum_squares = sum of (o - t)^2 / 2 over
// the batch and the outputs; mean_squared_error = the mean of (o - t)^2 over Batch * Width.
template <class Loss, class Net, std::size_t Batch, class X, class Y>
double reference_loss(const Net& net, const std::array<X, Batch>& inputs,
                      const std::array<Y, Batch>& targets)
{
    double sum_squares = 0;
    for (std::size_t s = 0; s < Batch; ++s) {
        const std::vector<double> out = reference_forward(net, inputs[s]);
        for (std::size_t o = 0; o < Net::output_size; ++o) {
            const double e = out[o] - static_cast<double>(targets[s][o]);
            sum_squares += e * e;
        }
    }
    if constexpr (std::is_same_v<Loss, ctnn::half_sum_squares>)
        return sum_squares / 2;
    else if constexpr (std::is_same_v<Loss, ctnn::mean_squared_error>)
        return sum_squares / static_cast<double>(Batch * Net::output_size);
    else
        static_assert(sizeof(Loss) == 0, "reference_loss knows the two shipped losses only");
}

// d(loss)/d(parameter k) by the five-point stencil
//   (-f(p + 2h) + 8 f(p + h) - 8 f(p - h) + f(p - 2h)) / 12h,  h = 1e-3 max(1, |p|),
// whose truncation error is O(h^4), so a step a thousand times larger than the library checker's
// keeps rounding error small without trading it for truncation error.
template <class Loss, class Net, std::size_t Batch, class X, class Y>
std::vector<double> reference_gradient(const Net& net, const std::array<X, Batch>& inputs,
                                       const std::array<Y, Batch>& targets)
{
    static_assert(std::is_same_v<typename Net::scalar_type, double>,
                  "finite differences need double parameters");
    std::vector<double> numeric(Net::parameter_count);
    Net probe = net;
    for (std::size_t k = 0; k < Net::parameter_count; ++k) {
        const double p = net.values()[k];
        const double h = 1e-3 * std::max(1.0, std::fabs(p));
        const auto loss_at = [&](double offset) {
            probe.values()[k] = p + offset;
            return reference_loss<Loss>(probe, inputs, targets);
        };
        numeric[k] =
            (-loss_at(2 * h) + 8 * loss_at(h) - 8 * loss_at(-h) + loss_at(-2 * h)) / (12 * h);
        probe.values()[k] = p;
    }
    return numeric;
}

// Analytic and numeric agree when |a - n| <= absolute + relative * max(|a|, |n|): the relative
// part judges large gradients, the absolute part gradients that are nearly zero.
struct tolerance {
    double absolute = 1e-8;
    double relative = 1e-6;

    bool accepts(double analytic, double numeric) const
    {
        return std::fabs(analytic - numeric) <=
               absolute + relative * std::max(std::fabs(analytic), std::fabs(numeric));
    }
};

// One line per parameter out of tolerance, naming its layer and index; empty when all agree.
template <class Net, class Analytic>
std::vector<std::string> mismatches(const Analytic& analytic, const std::vector<double>& numeric,
                                    tolerance tol = {})
{
    std::vector<std::string> lines;
    for (std::size_t k = 0; k < Net::parameter_count; ++k) {
        const double a = static_cast<double>(analytic[k]);
        if (!tol.accepts(a, numeric[k])) {
            std::ostringstream os;
            os.precision(17);
            os << describe_parameter<Net>(k) << ": backprop " << a << ", finite differences "
               << numeric[k];
            lines.push_back(os.str());
        }
    }
    return lines;
}

// The lines, indented; past the first ten, only how many more there are.
inline std::string join(const std::vector<std::string>& lines)
{
    constexpr std::size_t shown = 10;
    std::string all;
    for (std::size_t k = 0; k < lines.size() && k < shown; ++k)
        all += "\n  " + lines[k];
    if (lines.size() > shown)
        all += "\n  ... and " + std::to_string(lines.size() - shown) + " more";
    return all;
}

// ---------------------------------------------------------------------------------------------
// The sweep: one network, one loss, one batch size, several random draws.

template <class Net, class Loss, std::size_t Batch>
void check_topology(std::uint64_t seed)
{
    using T = typename Net::scalar_type;
    INFO(describe_network<Net>() << ", batch " << Batch << ", seed " << seed);

    Net net;
    randomize(net, seed);
    ctnn::random_engine rng(seed * 1000 + Batch);
    const auto inputs = random_batch<T, Batch, Net::input_size>(rng, -1, 1);
    const auto targets = random_batch<T, Batch, Net::output_size>(rng, -1, 1);

    // A gradient object full of garbage: backprop must overwrite every value, not accumulate.
    ctnn::gradient<Net> grad;
    for (auto& g : grad.values())
        g = std::numeric_limits<T>::quiet_NaN();
    const double loss = net.backprop(inputs, targets, grad, Loss{});

    // The loss backprop returns is the loss of this batch, as loss() and the reference see it.
    CHECK(loss == Approx(net.loss(inputs, targets, Loss{})).epsilon(1e-14));
    CHECK(loss == Approx(reference_loss<Loss>(net, inputs, targets)).epsilon(1e-12));

    // The independent reference, parameter by parameter. (Each INFO in its own block, so that
    // a failure's message is not repeated under every later check.)
    {
        const std::vector<double> numeric = reference_gradient<Loss>(net, inputs, targets);
        const auto bad = mismatches<Net>(grad.values(), numeric);
        INFO("parameters where backprop and the reference disagree:" << join(bad));
        CHECK(bad.empty());
    }

    // The library's own checker, with its default step and tolerances.
    {
        const ctnn::gradient_check_result checked =
            ctnn::check_gradient(net, inputs, targets, Loss{});
        INFO(checked);
        CHECK(checked.passed);
        CHECK(checked.failures == 0);
        CHECK(checked.parameters_checked == Net::parameter_count);
    }

    // The overload with a caller's workspace computes the very same numbers.
    {
        ctnn::workspace<Net, Batch> ws;
        ctnn::gradient<Net> grad_ws;
        CHECK(net.backprop(inputs, targets, grad_ws, ws, Loss{}) == loss);
        CHECK(grad_ws == grad);
    }

    // A batch's gradient is the sum (half_sum_squares) or the mean (mean_squared_error, whose
    // per-sample loss is already a mean over the outputs) of its samples' gradients.
    if constexpr (Batch > 1) {
        std::vector<double> combined(Net::parameter_count, 0.0);
        for (std::size_t s = 0; s < Batch; ++s) {
            const std::array<std::array<T, Net::input_size>, 1> x{inputs[s]};
            const std::array<std::array<T, Net::output_size>, 1> t{targets[s]};
            ctnn::gradient<Net> one;
            net.backprop(x, t, one, Loss{});
            for (std::size_t k = 0; k < Net::parameter_count; ++k)
                combined[k] += one.values()[k];
        }
        if constexpr (std::is_same_v<Loss, ctnn::mean_squared_error>)
            for (auto& g : combined)
                g /= Batch;
        const auto off = mismatches<Net>(grad.values(), combined, tolerance{1e-14, 1e-12});
        INFO("parameters where the batch gradient is not the combination of the samples':"
             << join(off));
        CHECK(off.empty());
    }
}

template <class Net, class Loss>
void check_topology_all()
{
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        check_topology<Net, Loss, 1>(seed);
        check_topology<Net, Loss, 5>(seed);
    }
}

// ---------------------------------------------------------------------------------------------
// The topologies: 1 to 5 weight layers, every activation network-wide and mixed per layer, bias
// network-wide on and off and mixed per layer. All double: finite differences need the digits.

using ctnn::dense;
using ctnn::identity;
using ctnn::input;
using ctnn::no_bias;
using ctnn::sigmoid;
using ctnn::with_bias;

template <class... Modifiers>
using f64 = ctnn::options<double, Modifiers...>;

using gradient_networks = std::tuple<
    // One layer: backprop's base case, no hidden delta.
    ctnn::basic_network<f64<>, 3, 2>,
    // Sigmoid everywhere, with and without bias.
    ctnn::basic_network<f64<>, 3, 4, 2>,
    ctnn::basic_network<f64<no_bias>, 2, 5, 3, 1>,
    ctnn::basic_network<f64<>, 1, 2, 3, 2, 1, 2>,
    // Identity everywhere (a deep linear network), with and without bias.
    ctnn::basic_network<f64<identity>, 4, 3, 3, 2, 2>,
    ctnn::basic_network<f64<identity, no_bias>, 3, 4, 2>,
    // Mixed per layer: activations and bias tags overriding the network's.
    ctnn::sequential<f64<>, input<2>, dense<5, identity>, dense<3, no_bias>, dense<1, identity>>,
    ctnn::sequential<f64<identity, no_bias>, input<4>, dense<3, sigmoid>, dense<3, with_bias>,
                     dense<2, sigmoid, with_bias>, dense<2>>,
    ctnn::sequential<f64<no_bias, ctnn::alignment<8>>, input<1>, dense<2, with_bias>,
                     dense<3, identity>, dense<2, with_bias>, dense<1, identity, with_bias>,
                     dense<2>>>;

} // namespace gradient_test
