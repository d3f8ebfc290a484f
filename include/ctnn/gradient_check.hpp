// ctnn/gradient_check.hpp: `check_gradient`, which compares backprop's gradient with central
// finite differences, parameter by parameter. Use it to test a custom activation or loss.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <ostream>
#include <string_view>
#include <type_traits>

#include <ctnn/layer/concept.hpp>
#include <ctnn/parameters.hpp>

namespace ctnn {

// The defaults suit double. Float keeps about 7 digits, so a central difference in float needs a
// larger step and looser tolerances: gradient_check_options::for_scalar<float>() gives them (and
// check_gradient uses them by default on a float network). Prefer double for real checks.
struct gradient_check_options {
    double step = 1e-6; // h = step * max(1, |p|): scaled to the parameter
    double absolute_tolerance = 1e-7;
    double relative_tolerance = 1e-5;

    template <class T>
    static constexpr gradient_check_options for_scalar() noexcept
    {
        if constexpr (sizeof(T) < sizeof(double))
            return {3e-3, 1e-4, 2e-2};
        else
            return {};
    }
};

// Where a parameter sits: its layer, its block ("weights", "bias", "gain", ...), and its row and
// column there (a dense layer's weight: row = input, col = output; a vector block: row 0).
struct parameter_location {
    std::size_t layer = 0;
    bool is_bias = false; // block == "bias"
    std::size_t row = 0;
    std::size_t col = 0;
    std::size_t flat_index = 0;
    std::string_view block = "weights";
};

// The worst parameter found (by how far it is over its tolerance), and whether every parameter
// was within |analytic - numeric| <= absolute_tolerance + relative_tolerance * max(|a|, |n|).
struct gradient_check_result {
    bool passed = true;
    std::size_t parameters_checked = 0;
    std::size_t failures = 0;
    parameter_location worst;
    double analytic = 0;
    double numeric = 0;
    double excess = 0; // |a - n| / tolerance at the worst parameter: passed means <= 1

    friend std::ostream& operator<<(std::ostream& os, const gradient_check_result& r)
    {
        os << (r.passed ? "gradient check passed" : "gradient check FAILED") << " ("
           << r.failures << " of " << r.parameters_checked << " parameters out of tolerance); "
           << "worst: layer " << r.worst.layer << ' '
           << (r.worst.block == "weights" ? std::string_view("weight") : r.worst.block);
        if (r.worst.row == 0 && r.worst.block != "weights")
            os << '[' << r.worst.col << ']';
        else
            os << '(' << r.worst.row << ", " << r.worst.col << ')';
        return os << " analytic " << r.analytic << " numeric " << r.numeric
                  << " error/tolerance " << r.excess;
    }
};

namespace detail {

template <class Net>
constexpr parameter_location locate(std::size_t k) noexcept
{
    parameter_location where{};
    where.flat_index = k;
    [&]<std::size_t... L>(std::index_sequence<L...>) {
        (
            [&] {
                using layer = typename Net::template layer<L>;
                const std::size_t start = network_traits<Net>::offsets[L];
                for (std::size_t b = 0; b < layer::blocks.size(); ++b) {
                    const parameter_block& block = layer::blocks[b];
                    const std::size_t at = start + block_offset<layer>(b);
                    if (block.trained && k >= at && k < at + block.size()) {
                        where.layer = L;
                        where.block = block.name;
                        where.is_bias = block.name == "bias";
                        where.row = (k - at) / block.cols;
                        where.col = (k - at) % block.cols;
                    }
                }
            }(),
            ...);
    }(std::make_index_sequence<Net::layer_count>{});
    return where;
}

// std::fabs and std::fmax at run time; in constant expressions, where they are not constexpr,
// the same results for the finite values a gradient check meets.
constexpr double check_abs(double x) noexcept
{
    if (std::is_constant_evaluated())
        return x < 0 ? -x : x;
    return std::fabs(x);
}
constexpr double check_max(double a, double b) noexcept
{
    if (std::is_constant_evaluated())
        return b != b ? a : (a != a ? b : (a < b ? b : a)); // fmax ignores a NaN
    return std::fmax(a, b);
}

// The loss of a training pass of the batch through net, from a fresh workspace.
template <class Net, class Loss, std::size_t Batch, class X, class Y>
constexpr double training_loss(const Net& net, const std::array<X, Batch>& inputs,
                               const std::array<Y, Batch>& targets, Loss) noexcept
{
    typename Net::template workspace_type<Batch> ws;
    for (std::size_t r = 0; r < Batch; ++r) {
        for (std::size_t i = 0; i < Net::input_size; ++i)
            ws.input(r)[i] = inputs[r][i];
        for (std::size_t o = 0; o < Net::output_size; ++o)
            ws.target(r)[o] = targets[r][o];
    }
    net.forward(ws, Batch, training);
    return Loss::template value<Net::output_size>(ws.outputs(Batch), ws.targets(Batch), Batch);
}

} // namespace detail

// Checks net.backprop(inputs, targets, ...) against (L(p + h) - L(p - h)) / 2h for every
// trained parameter p, L being the loss of the pass backprop differentiates: a training pass
// (dropout masks drawn from a fresh workspace's generator, as backprop's own, so each evaluation
// drops the same units; batch statistics). Run it in double: float's 7 digits leave finite
// differences little to compare.
// constexpr: static_assert(ctnn::check_gradient(net, x, t, loss).passed) checks in the compiler.
template <class Loss, class Net, std::size_t Batch, class X, class Y>
constexpr gradient_check_result
check_gradient(const Net& net, const std::array<X, Batch>& inputs,
               const std::array<Y, Batch>& targets, Loss loss_fn = {},
               gradient_check_options opt =
                   gradient_check_options::for_scalar<typename Net::scalar_type>())
{
    gradient<Net> analytic;
    net.backprop(inputs, targets, analytic, loss_fn);

    gradient_check_result result;
    Net probe = net;
    for (std::size_t k = 0; k < Net::parameter_count; ++k) {
        using T = typename Net::scalar_type;
        const T p = net.values()[k];
        const double h =
            opt.step * detail::check_max(1.0, detail::check_abs(static_cast<double>(p)));
        // Divide by the distance between the values really stored, not by 2h: in float, p + h
        // rounds, and the difference would otherwise be divided by the wrong width.
        const T above = static_cast<T>(static_cast<double>(p) + h);
        const T below = static_cast<T>(static_cast<double>(p) - h);
        probe.values()[k] = above;
        const double up = detail::training_loss(probe, inputs, targets, loss_fn);
        probe.values()[k] = below;
        const double down = detail::training_loss(probe, inputs, targets, loss_fn);
        probe.values()[k] = p;

        const double numeric =
            (up - down) / (static_cast<double>(above) - static_cast<double>(below));
        const double a = analytic.values()[k];
        const double tolerance = opt.absolute_tolerance +
                                 opt.relative_tolerance *
                                     detail::check_max(detail::check_abs(a),
                                                       detail::check_abs(numeric));
        const double excess = detail::check_abs(a - numeric) / tolerance;
        ++result.parameters_checked;
        if (!(excess <= 1)) {
            result.passed = false;
            ++result.failures;
        }
        if (!(excess <= result.excess) || k == 0) {
            result.excess = excess;
            result.analytic = a;
            result.numeric = numeric;
            result.worst = detail::locate<Net>(k);
        }
    }
    return result;
}

} // namespace ctnn
