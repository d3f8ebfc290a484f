// ctnn/cost.hpp: `cost<Net>`, what a network costs in parameters, arithmetic, transcendental
// calls and memory, all worked out at compile time from its type.
//
//   using net = ctnn::network<16, 32, 1>;
//   static_assert(net::inline_bytes <= 4096);                      // also on the network type
//   static_assert(ctnn::cost<net>::train_step_flops(32) < 100'000);
//   static_assert(ctnn::cost<net>::workspace_bytes<32> <= 16 * 1024);
//   ctnn::cost<net>::report<32>(stdout);                           // a readable summary
//
// What is counted (per layer of In inputs and Out outputs):
//   forward_flops           one sample forward: 2 In Out (a multiply and an add per weight)
//                           + Out if the layer has a bias. Activations count 0 FLOPs: their cost
//                           is reported as transcendental calls instead.
//   train_step_flops(B)     B forward passes + B backward passes + one optimiser update.
//                           Backward, per sample: 2 In Out for the weight gradient, + Out for the
//                           bias gradient if any, + Out for the activation's derivative applied
//                           to delta (one multiply per unit; the derivative's own evaluation and
//                           softmax's extra row work are not counted), + 2 In Out for the
//                           gradient to the previous layer in every layer but the first. The
//                           update is optimizer_cost<Opt>::flops_per_parameter per parameter.
//                           The loss and its gradient are not counted.
//   transcendentals_per_sample   exp/log/tanh calls of one sample's forward pass:
//                           Out * activation_cost<A>::transcendentals_per_unit (sigmoid 1, tanh
//                           1, softplus 2, elu 1, softmax 1 per unit, relu/leaky_relu/identity 0).
//   int8_inline_bytes       sizeof the int8 network ctnn::quantize makes of it (ctnn/quantized/):
//                           per layer In Out int8 weights, Out int32 biases, Out int32
//                           multipliers, Out int8 shifts; 0 for a network it does not take.
// Bytes are sizeof of the objects involved, so they include alignment padding.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdio>
#include <type_traits>
#include <utility>

#include <ctnn/detail/cost_formulas.hpp>
#include <ctnn/network.hpp>
#include <ctnn/optimizer.hpp>
#include <ctnn/parameters.hpp>
#include <ctnn/quantized/quantize.hpp>
#include <ctnn/shape.hpp>

namespace ctnn {

namespace detail {
template <class Opt>
concept declares_flops_per_parameter = requires {
    { Opt::flops_per_parameter } -> std::convertible_to<std::size_t>;
};
} // namespace detail

// optimizer_cost<Opt>::flops_per_parameter: the arithmetic of one update of one parameter, as Opt
// states it with `static constexpr std::size_t flops_per_parameter = n;` (each built-in beside its
// rule, a square root counting as one FLOP). Specialise it for an optimiser you cannot change.
template <class Opt>
struct optimizer_cost {
    static_assert(detail::declares_flops_per_parameter<Opt>,
                  "ctnn::optimizer_cost<Opt>: Opt does not state its cost; give it "
                  "`static constexpr std::size_t flops_per_parameter = n;`");
    static constexpr std::size_t flops_per_parameter = [] {
        if constexpr (detail::declares_flops_per_parameter<Opt>)
            return static_cast<std::size_t>(Opt::flops_per_parameter);
        else
            return std::size_t{0};
    }();
};

namespace detail {
template <class Net>
consteval bool check_cost_network()
{
    static_assert(is_network<Net>, "ctnn::cost<Net>: Net must be a network type, e.g. "
                                   "cost<ctnn::network<2, 3, 1>>");
    return true;
}
} // namespace detail

// The cost facts of network type Net; see the top of this file for what each counts.
template <class Net>
struct cost {
    static_assert(detail::check_cost_network<Net>());

private:
    // A valid stand-in after the error above, so that it stays the only one.
    using net = std::conditional_t<is_network<Net>, std::remove_cvref_t<Net>, network<1, 1>>;
    using scalar = typename net::scalar_type;

public:
    // Parameters: every weight and bias; per layer In Out + (Out if it has a bias).
    static constexpr std::size_t parameter_count = net::parameter_count;
    template <std::size_t L>
    static constexpr std::size_t layer_parameters =
        detail::trained_count<typename net::template layer<L>>;
    static constexpr std::array<std::size_t, net::layer_count> layer_parameter_counts =
        []<std::size_t... L>(std::index_sequence<L...>) {
            return std::array<std::size_t, net::layer_count>{
                detail::trained_count<typename net::template layer<L>>...};
        }(std::make_index_sequence<net::layer_count>{});

    // Arithmetic.
    static constexpr std::size_t forward_flops = detail::forward_flops<net>;
    static constexpr std::size_t backward_flops_per_sample = detail::backward_flops_per_sample<net>;
    template <class Opt = sgd>
    static constexpr std::size_t update_flops =
        optimizer_cost<Opt>::flops_per_parameter * parameter_count;
    // One training step on a batch of `batch` samples, updated by Opt (sgd unless named):
    // batch (forward_flops + backward_flops_per_sample) + update_flops<Opt>.
    template <class Opt = sgd>
    static constexpr std::size_t train_step_flops(std::size_t batch) noexcept
    {
        return batch * (forward_flops + backward_flops_per_sample) + update_flops<Opt>;
    }
    static constexpr std::size_t transcendentals_per_sample =
        detail::transcendentals_per_sample<net>;

    // Memory, in bytes. The network holds only its parameters, the gradient is the same shape.
    static constexpr std::size_t inline_bytes = sizeof(net);
    // The int8 network ctnn::quantize makes of it (ctnn/quantized/), 0 when it has none.
    static constexpr std::size_t int8_inline_bytes = [] {
        if constexpr (detail::int8_quantizable<net>)
            return sizeof(quantized_for<net>);
        else
            return std::size_t{0};
    }();
    static constexpr std::size_t gradient_bytes = sizeof(gradient<net>);
    // What Opt keeps between steps. sgd keeps nothing, yet its empty state, as any object, has
    // sizeof 1.
    template <class Opt>
    static constexpr std::size_t optimizer_state_bytes = sizeof(optimizer_state<Opt, net>);
    // Scratch for a pass of up to Batch samples: inputs, targets, and per layer z, a and delta.
    template <std::size_t Batch>
    static constexpr std::size_t workspace_bytes = sizeof(workspace<net, Batch>);
    // The stack buffer forward() of one sample creates, and the one backprop() of a batch creates
    // when not given a workspace; largest_scratch_bytes<Batch> is the larger of the two.
    static constexpr std::size_t forward_scratch_bytes = workspace_bytes<1>;
    template <std::size_t Batch>
    static constexpr std::size_t backprop_scratch_bytes = workspace_bytes<Batch>;
    template <std::size_t Batch = 1>
    static constexpr std::size_t largest_scratch_bytes =
        std::max(forward_scratch_bytes, backprop_scratch_bytes<Batch>);

    // Writes a summary to out (e.g. stdout), with the training figures at batch size Batch and
    // optimiser Opt. Nothing is allocated.
    template <std::size_t Batch = 1, class Opt = sgd>
    static void report(std::FILE* out) noexcept
    {
        std::fprintf(out, "network ");
        for (std::size_t l = 0; l <= net::layer_count; ++l)
            std::fprintf(out, "%s%zu", l == 0 ? "" : "-", net::widths[l]);
        std::fprintf(out, " (%s)\n", std::is_same_v<scalar, float> ? "float" : "double");
        std::fprintf(out, "  %-36s%zu (", "parameters", parameter_count);
        for (std::size_t l = 0; l < net::layer_count; ++l)
            std::fprintf(out, "%slayer %zu: %zu", l == 0 ? "" : ", ", l,
                         layer_parameter_counts[l]);
        std::fprintf(out, ")\n");
        line(out, "forward FLOPs per sample", forward_flops);
        line(out, "transcendental calls per sample", transcendentals_per_sample);
        std::fprintf(out, "  train step FLOPs at batch %-10zu%zu\n", Batch,
                     train_step_flops<Opt>(Batch));
        line(out, "inline bytes", inline_bytes);
        if (int8_inline_bytes != 0)
            line(out, "int8 inline bytes (ctnn::quantize)", int8_inline_bytes);
        line(out, "gradient bytes", gradient_bytes);
        line(out, "optimiser state bytes", optimizer_state_bytes<Opt>);
        line(out, "forward scratch bytes", forward_scratch_bytes);
        std::fprintf(out, "  backprop scratch bytes at batch %-4zu%zu\n", Batch,
                     backprop_scratch_bytes<Batch>);
    }

private:
    static void line(std::FILE* out, const char* label, std::size_t value) noexcept
    {
        std::fprintf(out, "  %-36s%zu\n", label, value);
    }
};

} // namespace ctnn
