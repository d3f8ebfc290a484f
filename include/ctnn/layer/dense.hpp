// ctnn/layer/dense.hpp: the fully-connected layer: `dense` (how the user writes one in a network)
// and `dense_layer` (the resolved layer, with its compile-time facts and its loops).
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <ctnn/activation/concept.hpp>
#include <ctnn/activation/cost.hpp>
#include <ctnn/detail/block_kernel.hpp>
#include <ctnn/detail/fixed_name.hpp>
#include <ctnn/detail/independent_iterations.hpp>
#include <ctnn/layer/concept.hpp>
#include <ctnn/matrix_ref.hpp>
#include <ctnn/options.hpp>
#include <ctnn/serialization/names.hpp>

namespace ctnn {

template <class Scalar, std::size_t In, std::size_t Out, class Activation, bool HasBias>
struct dense_layer;

namespace detail {

template <class Scalar, class... Modifiers>
consteval bool check_dense_modifiers()
{
    static_assert((... && (is_bias_tag<Modifiers> || activation<Modifiers, Scalar>)),
                  "ctnn::dense<Width, Modifiers...>: every modifier must be an activation "
                  "(e.g. ctnn::identity) or a bias tag (ctnn::with_bias, ctnn::no_bias)");
    static_assert(count_of<bias_pred, Modifiers...> <= 1,
                  "ctnn::dense<Width, ...> names more than one bias tag; keep one");
    static_assert(count_of<activation_pred_for<Scalar>::template pred, Modifiers...> <= 1,
                  "ctnn::dense<Width, ...> names more than one activation; keep one");
    return true;
}

template <class Options, std::size_t In, std::size_t Width, class... Modifiers>
struct resolve_dense {
    using scalar = typename Options::scalar_type;
    static_assert(check_dense_modifiers<scalar, Modifiers...>());

    using type = dense_layer<
        scalar, In, Width,
        typename first_or<activation_pred_for<scalar>::template pred,
                          typename Options::activation_type, Modifiers...>::type,
        first_or<bias_pred, std::conditional_t<Options::has_bias, with_bias, no_bias>,
                 Modifiers...>::type::enabled>;
};

} // namespace detail

// A fully-connected layer of Width outputs, as written in a network's layer list:
//   ctnn::dense<3>                          width 3, the network's activation and bias setting
//   ctnn::dense<1, ctnn::identity>          a linear output
//   ctnn::dense<4, ctnn::no_bias>           no bias vector in this layer
// Its input width is the previous layer's width: it is never written twice.
template <std::size_t Width, class... Modifiers>
struct dense {
    static constexpr std::size_t width = Width;

    // The layer that runs: the network's scalar, activation and bias setting unless a modifier
    // says otherwise.
    template <class Options, std::size_t In>
    using resolve = typename detail::resolve_dense<Options, In, Width, Modifiers...>::type;

    // "ctnn::dense<3, ctnn::relu>", for bake(); "" when a modifier has no spelling.
    static constexpr detail::fixed_name<256> source_text = [] {
        detail::fixed_name<256> text;
        if ((... && !detail::modifier_source<Modifiers>().empty())) {
            text.append("ctnn::dense<").append_unsigned(Width);
            ((text.append(", ").append(detail::modifier_source<Modifiers>())), ...);
            text.append(">");
        }
        return text;
    }();
    static constexpr std::string_view source = source_text.view();
};

// A dense layer after the network resolved it: In inputs, Out outputs, activation Activation,
// a bias vector if HasBias. Parameters are W (In x Out, one row per input) then b (Out).
// z = x W + b, a = Activation(z).
template <class Scalar, std::size_t In, std::size_t Out, class Activation, bool HasBias>
struct dense_layer {
    static_assert(activation<Activation, Scalar>,
                  "ctnn::dense_layer: the activation models neither ctnn::elementwise_activation "
                  "(static value(z) and derivative(z, a)) nor ctnn::row_activation, for the "
                  "network's scalar type");

    using scalar_type = Scalar;
    using activation_type = Activation;
    using weight_shape = shape<In, Out>;
    static constexpr std::size_t in_size = In;
    static constexpr std::size_t out_size = Out;
    static constexpr bool has_bias = HasBias;
    static constexpr std::size_t weight_count = In * Out;
    static constexpr std::size_t bias_count = HasBias ? Out : 0;
    static constexpr std::size_t parameter_count = weight_count + bias_count;

    // The layer contract (ctnn/layer/concept.hpp).
    static constexpr std::string_view kind = "dense";
    static constexpr auto blocks = [] {
        constexpr parameter_block weights{"weights", In, Out, true, block_init::weight, true};
        if constexpr (HasBias)
            return std::array<parameter_block, 2>{
                weights, parameter_block{"bias", 1, Out, true, block_init::bias}};
        else
            return std::array<parameter_block, 1>{weights};
    }();
    // "sigmoid/bias", "identity/no-bias"; "" when the activation has no name for files.
    static constexpr detail::fixed_name<128> file_text = [] {
        detail::fixed_name<128> text;
        if constexpr (requires { activation_name<Activation>::value; })
            text.append(activation_name<Activation>::value)
                .append(HasBias ? "/bias" : "/no-bias");
        return text;
    }();
    static constexpr std::string_view file_name = file_text.view();
    // A multiply and an add per weight and an add per bias; backward the same for the weight
    // gradient, an add per bias and a multiply per unit for the activation's derivative; the
    // gradient to the input, delta W^T, a multiply and an add per weight.
    static constexpr std::size_t forward_flops = 2 * In * Out + bias_count;
    static constexpr std::size_t backward_flops = 2 * In * Out + bias_count + Out;
    static constexpr std::size_t input_gradient_flops = 2 * In * Out;
    static constexpr std::size_t transcendentals =
        Out * activation_cost<Activation>::transcendentals_per_unit;

    // z is saved for the activation's derivative.
    template <std::size_t Rows, class Context>
    static constexpr void forward(const layer_buffers<Scalar>& b, Context&) noexcept
    {
        forward<Rows>(b.params, b.params + weight_count, b.x, b.saved, b.y, b.rows);
    }

    template <std::size_t Rows, bool ApplyActivation, bool InputGradient>
    static constexpr void backward(const layer_buffers<Scalar>& b, Scalar* delta, Scalar* grad,
                                   Scalar* dx) noexcept
    {
        if constexpr (ApplyActivation)
            activation_gradient<Rows>(b.saved, b.y, delta, b.rows);
        parameter_gradient<Rows>(b.x, delta, grad, grad + weight_count, b.rows);
        if constexpr (InputGradient)
            input_gradient<Rows>(b.params, delta, dx, b.rows);
    }

    // The loops. Each takes the number of rows as a template argument Rows when it is known at
    // compile time (a whole batch: constant trip counts, no run-time dispatch between vector and
    // scalar code), or Rows == 0 and the count at run time (a last, partial minibatch).
    // Activations are row-major, one row per sample; `rows` samples (at most the
    // workspace's batch capacity; fewer for a last, partial minibatch). The plain loops walk the
    // weights input-major with the output index innermost (axpy form): contiguous in memory and
    // free of reductions, so GCC and Clang vectorise them without -ffast-math. Whatever path a
    // layer takes, sums run in the order NumPy's matrix products would (bias, then inputs 0, 1,
    // ...; samples 0, 1, ...), except the plain input gradient's partial sums (32 or more outputs).

    // Wide layers (at least one vector register of outputs and 256 weights) run their two
    // products through detail::blocked_product, which keeps a block of outputs in registers;
    // the sums are the same, in the same order. Narrow ones keep the plain loops below, which
    // the compiler unrolls completely.
    static constexpr bool blocked =
        detail::has_block_kernel && Out >= detail::block_lanes<Scalar> && In * Out >= 256;

    template <std::size_t Rows>
    static constexpr bool narrow_forward =
        detail::has_block_kernel && !blocked && Out < detail::block_lanes<Scalar> &&
        Rows >= detail::block_lanes<Scalar> && In * Rows <= 4096 && In * Out >= 64;

    static constexpr bool blocked_narrow_weight_gradient =
        detail::has_block_kernel && !blocked && Out < detail::block_lanes<Scalar> &&
        In >= detail::block_lanes<Scalar> && In * Out >= 64 && In * Out <= 4096;

    // z = x W + b; a = Activation(z). Input-major: row i of W (Out values, contiguous) is
    // applied to every sample while it is in L1, so a batch reads W once, not once a sample.
    template <std::size_t Rows>
    static constexpr void forward(const Scalar* w, const Scalar* b, const Scalar* x, Scalar* z,
                                  Scalar* a, std::size_t dynamic_rows) noexcept
    {
        const std::size_t rows = Rows ? Rows : dynamic_rows;
        if constexpr (blocked) {
            if (!std::is_constant_evaluated()) {
                detail::blocked_product_for<Rows, Scalar, Out>(x, In, 1, w, In,
                                                               HasBias ? b : nullptr, z, rows);
                activate(z, a, rows);
                return;
            }
        }
        else if constexpr (narrow_forward<Rows>) {
            // Too few outputs for a vector: z^T = b + W^T x^T instead, vectorised across the
            // samples, through local tiles of x^T and z^T (at most 4096 + Out * Rows values).
            // Each z(s, o) is still b(o) + x(s, 0) w(0, o) + x(s, 1) w(1, o) + ... in order.
            if (!std::is_constant_evaluated()) {
                Scalar xt[In * Rows];
                Scalar zt[Out * Rows];
                detail::transpose(x, Rows, In, In, xt);
                for (std::size_t o = 0; o < Out; ++o)
                    for (std::size_t s = 0; s < Rows; ++s)
                        zt[o * Rows + s] = HasBias ? b[o] : Scalar(0);
                detail::blocked_product<Scalar, Rows>(w, 1, Out, xt, In, nullptr, zt, Out, true);
                detail::transpose(zt, Out, Rows, Rows, z);
                activate(z, a, rows);
                return;
            }
        }
        forward_plain(w, b, x, z, rows);
        activate(z, a, rows);
    }

    // For 4 to 16 outputs, the plain loops keep a row of sums in a local array (registers, once
    // the loops are unrolled) instead of adding into memory: a sum in memory is a store and a
    // reload per input, a chain of store-to-load forwarding that a small layer's whole step
    // waits on. Same order of additions either way. Measured (bench/, AVX-512): a 4-4 training
    // step 61 -> 49 ns, 8-8 112 -> 104 ns; narrower rows (the tutorial's 3 and 1 outputs) and a
    // single sample's forward pass were faster in memory (OR 65 against 76 ns; 8-8 forward 6
    // against 16 ns), so they keep it. A narrow layer with many inputs is the exception: there
    // the sum's chain is In long, and one sample's too goes through registers (16-32-32-1's
    // 32-to-1 output layer: a chain of 32 stores and reloads, most of its forward pass).
    static constexpr bool row_in_registers = Out >= 4 && Out <= 16;
    static constexpr bool long_narrow_sum = Out < 4 && In >= 16;
    // With GCC, more than one row of such a layer goes through detail::short_rows_product
    // instead, each row's sums as explicit vectors (why, and what it gains: block_kernel.hpp).
    // Only where vectors cover the row (a multiple of 16 bytes, at least two of them) and the
    // sums are at least 4 long: measured (Intel Xeon, AVX-512, -O3 -march=native, four rows),
    // no gain for 4 float outputs (one 16-byte vector: 4-4 float training step 47 -> 47 ns,
    // 8-4 62 -> 63), and losses with 2 inputs (XOR's hidden layer, forward 8.7 -> 26 ns) and
    // with 6 float outputs (four lanes and two plain columns, 31 -> 49 ns), so those keep the
    // loops below.
    static constexpr bool short_rows = detail::short_rows_in_vectors && row_in_registers &&
                                       In >= 4 && Out * sizeof(Scalar) % 16 == 0 &&
                                       Out * sizeof(Scalar) >= 32;

    static constexpr void forward_plain(const Scalar* w, const Scalar* b, const Scalar* x,
                                        Scalar* z, std::size_t rows) noexcept
    {
        if constexpr (short_rows) {
            if (rows > 1 && !std::is_constant_evaluated()) {
                detail::short_rows_product<Scalar, Out>(x, In, 1, w, In, HasBias ? b : nullptr,
                                                        z, rows);
                return;
            }
        }
        if ((row_in_registers && rows > 1) || long_narrow_sum) {
            for (std::size_t s = 0; s < rows; ++s) {
                Scalar sum[Out];
                for (std::size_t o = 0; o < Out; ++o)
                    sum[o] = HasBias ? b[o] : Scalar(0);
                for (std::size_t i = 0; i < In; ++i) {
                    const Scalar xi = x[s * In + i];
                    for (std::size_t o = 0; o < Out; ++o)
                        sum[o] += xi * w[i * Out + o];
                }
                for (std::size_t o = 0; o < Out; ++o)
                    z[s * Out + o] = sum[o];
            }
            return;
        }
        for (std::size_t s = 0; s < rows; ++s)
            for (std::size_t o = 0; o < Out; ++o)
                z[s * Out + o] = HasBias ? b[o] : Scalar(0);
        for (std::size_t i = 0; i < In; ++i) {
            const Scalar* wi = w + i * Out;
            for (std::size_t s = 0; s < rows; ++s) {
                const Scalar xi = x[s * In + i];
                Scalar* zs = z + s * Out;
                CTNN_DETAIL_INDEPENDENT_ITERATIONS
                for (std::size_t o = 0; o < Out; ++o)
                    zs[o] += xi * wi[o];
            }
        }
    }

    static constexpr void activate(const Scalar* z, Scalar* a, std::size_t rows) noexcept
    {
        if constexpr (elementwise_activation<Activation, Scalar>) {
            CTNN_DETAIL_INDEPENDENT_ITERATIONS
            for (std::size_t k = 0; k < rows * Out; ++k)
                a[k] = Activation::value(z[k]);
        }
        else {
            for (std::size_t s = 0; s < rows; ++s)
                Activation::template forward<Out>(z + s * Out, a + s * Out);
        }
    }

    // delta = dLoss/dz. Writes dLoss/dW = x^T delta and dLoss/db = the column sums of delta.
    // Row i of dW is finished over every sample before the next, so it stays in L1.
    template <std::size_t Rows>
    static constexpr void parameter_gradient(const Scalar* x, const Scalar* delta, Scalar* gw,
                                             Scalar* gb, std::size_t dynamic_rows) noexcept
    {
        const std::size_t rows = Rows ? Rows : dynamic_rows;
        if constexpr (HasBias) {
            for (std::size_t o = 0; o < Out; ++o)
                gb[o] = Scalar(0);
            for (std::size_t s = 0; s < rows; ++s)
                CTNN_DETAIL_INDEPENDENT_ITERATIONS
                for (std::size_t o = 0; o < Out; ++o)
                    gb[o] += delta[s * Out + o];
        }
        if constexpr (blocked) {
            if (!std::is_constant_evaluated()) {
                detail::blocked_product_for<Rows, Scalar, Out>(x, 1, In, delta, rows, nullptr, gw,
                                                               In);
                return;
            }
        }
        else if constexpr (blocked_narrow_weight_gradient) {
            // Too few outputs for a vector: dW^T = delta^T x instead, vectorised across the
            // inputs (x's rows are contiguous), into a local tile, then transposed into place.
            // Each dW(i, o) is still summed over the samples in order.
            if (!std::is_constant_evaluated()) {
                Scalar tile[Out * In];
                detail::blocked_product<Scalar, In>(delta, 1, Out, x, rows, nullptr, tile, Out);
                detail::transpose(tile, Out, In, In, gw);
                return;
            }
        }
        weight_gradient_plain(x, delta, gw, rows);
    }

    static constexpr void weight_gradient_plain(const Scalar* x, const Scalar* delta, Scalar* gw,
                                                std::size_t rows) noexcept
    {
        if constexpr (row_in_registers) {
            for (std::size_t i = 0; i < In; ++i) {
                Scalar sum[Out];
                for (std::size_t o = 0; o < Out; ++o)
                    sum[o] = Scalar(0);
                for (std::size_t s = 0; s < rows; ++s) {
                    const Scalar xi = x[s * In + i];
                    for (std::size_t o = 0; o < Out; ++o)
                        sum[o] += xi * delta[s * Out + o];
                }
                for (std::size_t o = 0; o < Out; ++o)
                    gw[i * Out + o] = sum[o];
            }
            return;
        }
        for (std::size_t i = 0; i < In; ++i) {
            Scalar* gwi = gw + i * Out;
            for (std::size_t o = 0; o < Out; ++o)
                gwi[o] = Scalar(0);
            for (std::size_t s = 0; s < rows; ++s) {
                const Scalar xi = x[s * In + i];
                const Scalar* ds = delta + s * Out;
                CTNN_DETAIL_INDEPENDENT_ITERATIONS
                for (std::size_t o = 0; o < Out; ++o)
                    gwi[o] += xi * ds[o];
            }
        }
    }

    // Writes dLoss/dx = delta W^T, the gradient flowing to the previous layer's output.
    // Wide layers run the blocked product over W^T, vectorised across the inputs, copying W^T a
    // tile of `chunk` outputs at a time into a local array of at most 2048 values (8 or 16 KB of
    // stack); the copy costs In * Out moves against rows * In * Out multiply-adds, and each
    // dx sums over the outputs in order, tile after tile. Narrow layers take dot products over
    // the outputs; for Out >= 32 in `lanes` independent partial sums (added at the end), which
    // vectorise without -ffast-math, where one running sum would be a chain of dependent
    // additions.
    static constexpr bool blocked_input_gradient =
        detail::has_block_kernel &&
        In >= detail::block_lanes<Scalar> && In * Out >= 256;

    template <std::size_t Rows>
    static constexpr void input_gradient(const Scalar* w, const Scalar* delta, Scalar* dx,
                                         std::size_t dynamic_rows) noexcept
    {
        const std::size_t rows = Rows ? Rows : dynamic_rows;
        if constexpr (blocked_input_gradient) {
            if (!std::is_constant_evaluated()) {
                constexpr std::size_t chunk = In >= 2048 ? 1 : 2048 / In;
                Scalar tile[chunk * In];
                for (std::size_t k0 = 0; k0 < Out; k0 += chunk) {
                    const std::size_t count = Out - k0 < chunk ? Out - k0 : chunk;
                    detail::transpose(w + k0, In, count, Out, tile);
                    detail::blocked_product_for<Rows, Scalar, In>(delta + k0, Out, 1, tile, count,
                                                                  nullptr, dx, rows, k0 > 0);
                }
                return;
            }
        }
        constexpr std::size_t lanes = 16;
        for (std::size_t s = 0; s < rows; ++s) {
            const Scalar* ds = delta + s * Out;
            for (std::size_t i = 0; i < In; ++i) {
                const Scalar* wi = w + i * Out;
                Scalar sum = 0;
                if constexpr (Out >= 2 * lanes) {
                    Scalar part[lanes]{};
                    constexpr std::size_t whole = Out / lanes * lanes;
                    for (std::size_t o = 0; o < whole; o += lanes)
                        for (std::size_t l = 0; l < lanes; ++l)
                            part[l] += ds[o + l] * wi[o + l];
                    for (std::size_t l = 0; l < lanes; ++l)
                        sum += part[l];
                    for (std::size_t o = whole; o < Out; ++o)
                        sum += ds[o] * wi[o];
                }
                else {
                    for (std::size_t o = 0; o < Out; ++o)
                        sum += ds[o] * wi[o];
                }
                dx[s * In + i] = sum;
            }
        }
    }

    // delta = dLoss/da * da/dz, in place over dLoss/da.
    template <std::size_t Rows>
    static constexpr void activation_gradient(const Scalar* z, const Scalar* a, Scalar* grad,
                                              std::size_t dynamic_rows) noexcept
    {
        const std::size_t rows = Rows ? Rows : dynamic_rows;
        if constexpr (elementwise_activation<Activation, Scalar>) {
            CTNN_DETAIL_INDEPENDENT_ITERATIONS
            for (std::size_t k = 0; k < rows * Out; ++k)
                grad[k] *= Activation::derivative(z[k], a[k]);
        }
        else {
            for (std::size_t s = 0; s < rows; ++s)
                Activation::template backward<Out>(z + s * Out, a + s * Out, grad + s * Out);
        }
    }
};

} // namespace ctnn
