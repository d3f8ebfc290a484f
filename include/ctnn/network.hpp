// ctnn/network.hpp: the network type `sequential` and its aliases `network` and `basic_network`.
//
//   ctnn::network<2, 3, 1>                                   float, sigmoid, with bias
//   ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>   the tutorial's network
//   ctnn::sequential<ctnn::options<float>, ctnn::input<16>,
//                    ctnn::dense<32>, ctnn::dense<1, ctnn::identity, ctnn::no_bias>>
//
// Every width is written once; each layer's input width is the previous width. A layer list may
// hold any layer kind (ctnn/layer/concept.hpp says what one declares).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <tuple>
#include <type_traits>

#include <ctnn/activation.hpp>
#include <ctnn/detail/cost_formulas.hpp>
#include <ctnn/detail/network_traits.hpp>
#include <ctnn/detail/static_checks.hpp>
#include <ctnn/layer/concept.hpp>
#include <ctnn/layer/default.hpp>
#include <ctnn/layers.hpp>
#include <ctnn/loss.hpp>
#include <ctnn/options.hpp>
#include <ctnn/parameters.hpp>
#include <ctnn/random.hpp>
#include <ctnn/workspace.hpp>

namespace ctnn {

// A feed-forward network: an input of Input::width values, then Layers (each a layer spec, e.g.
// ctnn::dense<Width, ...>), all using Options (see ctnn/options.hpp). It holds nothing but its
// parameters (sizeof(Net) == Net::byte_size); forward() is const and keeps no state, so any
// number of threads may call it on one network at once.
template <class Options, class Input, class... Layers>
class sequential : public parameters<sequential<Options, Input, Layers...>> {
    using traits = detail::network_traits<sequential>;
    using base = parameters<sequential>;

public:
    using options_type = Options;
    using scalar_type = typename traits::scalar;
    using parameters_type = base;
    using gradient_type = gradient<sequential>;

    // Compile-time facts.
    static constexpr std::size_t input_size = traits::widths[0];
    static constexpr std::size_t output_size = traits::widths[traits::layer_count];
    static constexpr std::size_t layer_count = traits::layer_count; // layers: 2 for 2-3-1
    static constexpr std::array<std::size_t, layer_count + 1> widths = traits::widths;
    static constexpr std::size_t parameter_count = traits::parameter_count; // trained
    static constexpr std::size_t state_count = traits::state_count; // running state (batch_norm)
    static constexpr std::size_t byte_size = base::byte_size;
    // Cost facts, so that static_assert(my_net::inline_bytes <= 4096) works; ctnn/cost.hpp has
    // the rest (cost<Net>) and documents the formulas.
    static constexpr std::size_t inline_bytes = byte_size; // == sizeof(sequential)
    static constexpr std::size_t forward_flops = detail::forward_flops<sequential>;
    static constexpr std::size_t transcendentals_per_sample =
        detail::transcendentals_per_sample<sequential>;

    template <std::size_t L>
    using layer = typename traits::template layer<L>;

    using input_type = std::array<scalar_type, input_size>;
    using output_type = std::array<scalar_type, output_size>;
    template <std::size_t Batch>
    using input_batch = batch<scalar_type, Batch, input_size>;
    template <std::size_t Batch>
    using output_batch = batch<scalar_type, Batch, output_size>;
    template <std::size_t Batch>
    using workspace_type = workspace<sequential, Batch>;

    // The network's output for one sample (std::array<T, input_size> in, output_type out), or for
    // a batch (batch<T, B, input_size> in, batch<T, B, output_size> out).
    template <class U, std::size_t N>
    constexpr auto forward(const std::array<U, N>& x) const noexcept
    {
        if constexpr (is_batch<U>) {
            static_assert(check_inputs<typename U::value_type, std::tuple_size_v<U>>());
            workspace<sequential, N> ws;
            load_rows(x, ws.input_);
            run_pass<N, false>(ws, N);
            output_batch<N> out;
            store_rows(std::get<layer_count - 1>(ws.a_), out);
            return out;
        }
        else {
            static_assert(check_inputs<U, N>());
            if constexpr (std::is_same_v<U, scalar_type> && N == input_size)
                return forward_one(x.data());
            else
                return output_type{};
        }
    }

    // One sample as a braced list, net.forward({0.f, 1.f}), or a built-in array: its length must
    // be input_size (as a std::array parameter, a short list would be padded with zeros).
    template <std::size_t N>
    constexpr output_type forward(const scalar_type (&x)[N]) const noexcept
    {
        static_assert(check_inputs<scalar_type, N>());
        if constexpr (N == input_size)
            return forward_one(x);
        else
            return output_type{};
    }

    // A span of fixed extent: one sample (std::span<const T, input_size>, output_type out), or a
    // flat batch of rows one after another (extent B * input_size, batch<T, B, output_size>
    // out), for data that is already flat. The extent must be a whole number of samples.
    template <class U, std::size_t N>
    constexpr auto forward(std::span<U, N> x) const noexcept
    {
        static_assert(N != std::dynamic_extent,
                      "ctnn: forward() takes a span of fixed extent, std::span<const T, "
                      "input_size> (or B * input_size for a batch): a dynamic one's length is not "
                      "known at compile time");
        using V = std::remove_const_t<U>;
        if constexpr (N == input_size || N == std::dynamic_extent || input_size == 0) {
            if constexpr (N != std::dynamic_extent)
                static_assert(check_inputs<V, N>());
            if constexpr (std::is_same_v<V, scalar_type> && N == input_size)
                return forward_one(x.data());
            else
                return output_type{};
        }
        else {
            static_assert(detail::scalar_type_expected_got<scalar_type, V>,
                          "ctnn: the input's scalar type differs from the network's "
                          "(options<float> or options<double>)");
            static_assert(detail::flat_batch_length_is_whole_samples_of<N, input_size>,
                          "ctnn: forward(): a flat span must hold whole samples, a multiple of "
                          "input_size values (the requirement names the span's length and "
                          "input_size)");
            constexpr std::size_t rows = N / input_size;
            output_batch<rows == 0 ? 1 : rows> out{};
            if constexpr (std::is_same_v<V, scalar_type> && N % input_size == 0 && rows > 0) {
                workspace<sequential, rows> ws;
                for (std::size_t k = 0; k < N; ++k)
                    ws.input_[k] = x[k];
                run_pass<rows, false>(ws, rows);
                store_rows(std::get<layer_count - 1>(ws.a_), out);
            }
            return out;
        }
    }

    // The loss of a batch against its targets, e.g. net.loss(x, t, ctnn::half_sum_squares{}).
    template <class Loss, std::size_t Batch, class X, std::size_t TargetBatch, class Y>
    constexpr scalar_type loss(const std::array<X, Batch>& inputs,
                               const std::array<Y, TargetBatch>& targets, Loss) const noexcept
    {
        static_assert(check_batch_sizes<Batch, TargetBatch>());
        static_assert(check_batch<Loss, X, Y>());
        if constexpr (valid_batch<Loss, X, Y>() && Batch == TargetBatch) {
            workspace<sequential, Batch> ws;
            load_rows(inputs, ws.input_);
            load_rows(targets, ws.target_);
            run_pass<Batch, false>(ws, Batch);
            return Loss::template value<output_size>(
                std::span<const scalar_type>(std::get<layer_count - 1>(ws.a_)),
                std::span<const scalar_type>(ws.target_), Batch);
        }
        else {
            return scalar_type(0); // not reached: the static_assert above failed
        }
    }

    // Backpropagation: runs the batch forward, writes d(loss)/d(parameter) for every weight and
    // bias into grad, and returns the loss (measured before any update). The gradient is the
    // derivative of exactly the number returned.
    template <class Loss, std::size_t Batch, class X, std::size_t TargetBatch, class Y>
    constexpr scalar_type backprop(const std::array<X, Batch>& inputs,
                                   const std::array<Y, TargetBatch>& targets, gradient_type& grad,
                                   Loss) const noexcept
    {
        workspace<sequential, Batch> ws;
        return backprop(inputs, targets, grad, ws, Loss{});
    }

    template <class Loss, std::size_t Batch, class X, std::size_t TargetBatch, class Y,
              std::size_t WorkspaceBatch>
    constexpr scalar_type backprop(const std::array<X, Batch>& inputs,
                                   const std::array<Y, TargetBatch>& targets, gradient_type& grad,
                                   workspace<sequential, WorkspaceBatch>& ws,
                                   Loss) const noexcept
    {
        static_assert(check_batch_sizes<Batch, TargetBatch>());
        static_assert(check_batch<Loss, X, Y>());
        static_assert(detail::workspace_batch_expected_got<Batch, WorkspaceBatch>,
                      "ctnn: backprop(): the workspace was made for another batch size; use "
                      "Net::workspace_type<Batch> with the batch's own size (the requirement "
                      "names expected and given sizes)");
        if constexpr (valid_batch<Loss, X, Y>() && Batch == WorkspaceBatch &&
                      Batch == TargetBatch) {
            load_rows(inputs, ws.input_);
            load_rows(targets, ws.target_);
            return backprop_loaded<Loss, Batch>(ws, Batch, grad);
        }
        else {
            return scalar_type(0); // not reached: a static_assert above failed
        }
    }

    // Backpropagation on a minibatch already written into a workspace (rows 0 .. rows-1 of its
    // input() and target()): 1 <= rows <= Batch, so a last, partial minibatch needs no other
    // workspace. Returns the loss of those rows and writes grad.
    template <class Loss, std::size_t Batch>
    constexpr scalar_type backprop(workspace<sequential, Batch>& ws, std::size_t rows,
                                   gradient_type& grad, Loss) const noexcept
    {
        static_assert(check_loss<Loss>());
        if constexpr (ctnn::loss<Loss, scalar_type>) {
            if (rows == Batch) // the common case, with constant trip counts
                return backprop_loaded<Loss, Batch>(ws, Batch, grad);
            return backprop_loaded<Loss, 0>(ws, rows, grad);
        }
        else
            return scalar_type(0); // not reached: the static_assert above failed
    }

    // Without a loss, one error that says so (a loss is never chosen for you).
    template <std::size_t Batch, class X, std::size_t TargetBatch, class Y>
    constexpr scalar_type loss(const std::array<X, Batch>&,
                               const std::array<Y, TargetBatch>&) const noexcept
    {
        static_assert(detail::loss_argument_given<X>,
                      "ctnn: loss(inputs, targets, loss) needs the loss as its last argument, "
                      "e.g. net.loss(x, t, ctnn::half_sum_squares{})");
        return scalar_type(0);
    }
    template <std::size_t Batch, class X, std::size_t TargetBatch, class Y>
    constexpr scalar_type backprop(const std::array<X, Batch>&,
                                   const std::array<Y, TargetBatch>&,
                                   gradient_type&) const noexcept
    {
        static_assert(detail::loss_argument_given<X>,
                      "ctnn: backprop(inputs, targets, grad, loss) needs the loss as its last "
                      "argument, e.g. net.backprop(x, t, grad, ctnn::half_sum_squares{})");
        return scalar_type(0);
    }
    template <std::size_t Batch>
    constexpr scalar_type backprop(workspace<sequential, Batch>&, std::size_t,
                                   gradient_type&) const noexcept
    {
        static_assert(detail::loss_argument_given<workspace<sequential, Batch>>,
                      "ctnn: backprop(ws, rows, grad, loss) needs the loss as its last "
                      "argument, e.g. net.backprop(ws, rows, grad, ctnn::half_sum_squares{})");
        return scalar_type(0);
    }

    // The forward pass alone on rows already in a workspace; read the results with ws.output(r).
    // Inference by default; forward(ws, rows, ctnn::training) runs it as backprop() does, with
    // dropout drawing from the workspace's generator and batch statistics (ctnn/layer/concept.hpp).
    template <std::size_t Batch, class Mode = inference_t>
    constexpr void forward(workspace<sequential, Batch>& ws, std::size_t rows,
                           Mode = {}) const noexcept
    {
        static_assert(std::is_same_v<Mode, inference_t> || std::is_same_v<Mode, training_t>,
                      "ctnn: forward(ws, rows, mode): the mode is ctnn::inference or "
                      "ctnn::training");
        if (rows == Batch)
            run_pass<Batch, Mode::training>(ws, Batch);
        else
            run_pass<0, Mode::training>(ws, rows);
    }

    // After a training step was applied: folds the statistics that the last training pass over
    // `rows` rows of ws left behind into the layers' running state (batch_norm's running mean
    // and variance). Does nothing for a network without running state. fit() and the trainer
    // call it after each step they apply; a hand-written loop calls it after its optimiser step.
    template <std::size_t Batch>
    constexpr void update_running_state(workspace<sequential, Batch>& ws,
                                        std::size_t rows) noexcept
    {
        if constexpr (base::state_count != 0)
            [&]<std::size_t... L>(std::index_sequence<L...>) {
                (update_layer_state<L>(ws, rows), ...);
            }(std::make_index_sequence<layer_count>{});
    }

private:
    template <class U>
    static constexpr bool is_batch = detail::is_std_array<U>;

    // The checks at each entry point: consteval functions called from a static_assert, so that
    // each rule is checked where the user called, before anything that depends on it.
    template <class U, std::size_t N>
    static consteval bool check_inputs()
    {
        static_assert(detail::scalar_type_expected_got<scalar_type, U>,
                      "ctnn: the input's scalar type differs from the network's "
                      "(options<float> or options<double>)");
        static_assert(detail::input_width_expected_got<input_size, N>,
                      "ctnn: the input width does not match the network's input_size "
                      "(the requirement names expected and given widths)");
        return true;
    }

    template <class Loss, class X, class Y>
    static consteval bool valid_batch()
    {
        if constexpr (detail::is_std_array<X> && detail::is_std_array<Y>)
            return ctnn::loss<Loss, scalar_type> && fused_activation_fits<Loss>() &&
                   std::is_same_v<typename X::value_type, scalar_type> &&
                   std::is_same_v<typename Y::value_type, scalar_type> &&
                   std::tuple_size_v<X> == input_size && std::tuple_size_v<Y> == output_size;
        else
            return false;
    }

    template <std::size_t InputBatch, std::size_t TargetBatch>
    static consteval bool check_batch_sizes()
    {
        static_assert(detail::input_and_target_batch_sizes_equal<InputBatch, TargetBatch>,
                      "ctnn: the inputs and the targets hold different numbers of samples (the "
                      "requirement names both)");
        return true;
    }

    template <class Loss>
    static consteval bool check_loss()
    {
        static_assert(ctnn::loss<Loss, scalar_type>,
                      "ctnn: the loss type does not model ctnn::loss (reduction, static "
                      "value<Width>() and gradient<Width>(), see ctnn/loss.hpp)");
        if constexpr (detail::fused_loss<Loss>)
            static_assert(detail::output_activation_expected_got<
                              activation_family_t<typename Loss::fused_activation>,
                              activation_family_t<output_activation>>,
                          "ctnn: this loss is fused with an output activation (cross-entropy "
                          "with sigmoid or softmax) and the network's last layer has another one; "
                          "give the last layer that activation (the requirement names both)");
        return true;
    }

    template <class Loss, class X, class Y>
    static consteval bool check_batch()
    {
        static_assert(check_loss<Loss>());
        static_assert(is_batch<X>, "ctnn: the inputs must be a batch, std::array<std::array<T, "
                                   "input_size>, Batch> (ctnn::batch<T, Batch, input_size>)");
        static_assert(is_batch<Y>, "ctnn: the targets must be a batch, std::array<std::array<T, "
                                   "output_size>, Batch> (ctnn::batch<T, Batch, output_size>)");
        if constexpr (is_batch<X> && is_batch<Y>) {
            static_assert(check_inputs<typename X::value_type, std::tuple_size_v<X>>());
            static_assert(detail::scalar_type_expected_got<scalar_type, typename Y::value_type>,
                          "ctnn: the targets' scalar type differs from the network's");
            static_assert(detail::target_width_expected_got<output_size, std::tuple_size_v<Y>>,
                          "ctnn: the target width does not match the network's output_size (the "
                          "requirement names expected and given widths)");
        }
        return true;
    }

    // Copies rows of a batch into a flat row-major buffer (and back), so that the loops work on
    // one contiguous array; it also keeps pointer arithmetic inside one array, as constant
    // evaluation requires.
    template <class Row, std::size_t Batch, std::size_t Size>
    static constexpr void load_rows(const std::array<Row, Batch>& rows,
                                    std::array<scalar_type, Size>& flat) noexcept
    {
        constexpr std::size_t width = std::tuple_size_v<Row>;
        if constexpr (width * Batch == Size)
            for (std::size_t s = 0; s < Batch; ++s)
                for (std::size_t k = 0; k < width; ++k)
                    flat[s * width + k] = rows[s][k];
    }
    template <std::size_t Size, class Row, std::size_t Batch>
    static constexpr void store_rows(const std::array<scalar_type, Size>& flat,
                                     std::array<Row, Batch>& rows) noexcept
    {
        constexpr std::size_t width = std::tuple_size_v<Row>;
        for (std::size_t s = 0; s < Batch; ++s)
            for (std::size_t k = 0; k < width; ++k)
                rows[s][k] = flat[s * width + k];
    }

    template <class Loss>
    static consteval bool fused_activation_fits()
    {
        if constexpr (detail::fused_loss<Loss>)
            return std::is_same_v<activation_family_t<typename Loss::fused_activation>,
                                  activation_family_t<output_activation>>;
        else
            return true;
    }

    using output_activation =
        typename detail::layer_activation<layer<layer_count - 1>>::type;

    // Rows: the number of rows when known at compile time, else 0 and `rows` says.
    template <class Loss, std::size_t Rows, std::size_t Batch>
    constexpr scalar_type backprop_loaded(workspace<sequential, Batch>& ws, std::size_t rows,
                                          gradient_type& grad) const noexcept
    {
        run_pass<Rows, true>(ws, rows);
        constexpr std::size_t last = layer_count - 1;
        const std::size_t n = rows * output_size;
        const scalar_type value = Loss::template gradient<output_size>(
            std::span<const scalar_type>(std::get<last>(ws.a_).data(), n),
            std::span<const scalar_type>(ws.target_.data(), n),
            std::span<scalar_type>(std::get<last>(ws.delta_).data(), n), rows);
        // A fused loss wrote dLoss/dz already: skip the output activation's derivative.
        run_backward<last, Rows, !detail::fused_loss<Loss>>(ws, grad, rows);
        return value;
    }

    // One sample of input_size values through the network.
    constexpr output_type forward_one(const scalar_type* x) const noexcept
    {
        workspace<sequential, 1> ws;
        for (std::size_t i = 0; i < input_size; ++i)
            ws.input_[i] = x[i];
        run_pass<1, false>(ws, 1);
        output_type out;
        const auto& a = std::get<layer_count - 1>(ws.a_);
        for (std::size_t o = 0; o < output_size; ++o)
            out[o] = a[o];
        return out;
    }

    // Layer L's view of a pass over `rows` rows of ws: its input is the previous layer's output.
    template <std::size_t L, std::size_t Batch>
    constexpr layer_buffers<scalar_type> buffers_of(workspace<sequential, Batch>& ws,
                                                    std::size_t rows) const noexcept
    {
        return {this->template layer_data<L>(), this->template layer_state<L>(), input_of<L>(ws),
                std::get<L>(ws.z_).data(), std::get<L>(ws.a_).data(),
                ws.scratch_.data() + ws.scratch_starts[L], rows};
    }
    template <std::size_t L, std::size_t Batch>
    constexpr const scalar_type* input_of(workspace<sequential, Batch>& ws) const noexcept
    {
        if constexpr (L == 0)
            return ws.input_.data();
        else
            return std::get<L - 1>(ws.a_).data();
    }

    template <std::size_t Rows, bool Training, std::size_t Batch>
    constexpr void run_pass(workspace<sequential, Batch>& ws, std::size_t rows) const noexcept
    {
        random_engine* rng = nullptr;
        if constexpr (Training && traits::draws_random)
            rng = &ws.rng_;
        forward_context<Training> context{rng};
        run_forward<0, Rows>(ws, rows, context);
    }

    template <std::size_t L, std::size_t Rows, class Context, std::size_t Batch>
    constexpr void run_forward(workspace<sequential, Batch>& ws, std::size_t rows,
                               Context& context) const noexcept
    {
        layer<L>::template forward<Rows>(buffers_of<L>(ws, rows), context);
        if constexpr (L + 1 < layer_count)
            run_forward<L + 1, Rows>(ws, rows, context);
    }

    // On entry ws.delta_<L> holds d(loss)/d(a_L), or d(loss)/d(z_L) when !ApplyActivation.
    template <std::size_t L, std::size_t Rows, bool ApplyActivation = true, std::size_t Batch>
    constexpr void run_backward(workspace<sequential, Batch>& ws, gradient_type& grad,
                                std::size_t rows) const noexcept
    {
        scalar_type* dx = nullptr;
        if constexpr (L > 0)
            dx = std::get<L - 1>(ws.delta_).data();
        layer<L>::template backward<Rows, ApplyActivation, (L > 0)>(
            buffers_of<L>(ws, rows), std::get<L>(ws.delta_).data(),
            grad.template layer_data<L>(), dx);
        if constexpr (L > 0)
            run_backward<L - 1, Rows>(ws, grad, rows);
    }

    template <std::size_t L, std::size_t Batch>
    constexpr void update_layer_state(workspace<sequential, Batch>& ws, std::size_t rows) noexcept
    {
        if constexpr (detail::updates_running_state<layer<L>>)
            layer<L>::update_state(this->template layer_state<L>(),
                                   buffers_of<L>(ws, rows));
    }
};

namespace detail {

template <class Options, std::size_t... Widths>
struct from_widths {
    static_assert(check_width_count<sizeof...(Widths)>());
    // Keep going with a valid stand-in so that the line above is the only error.
    using type = sequential<Options, input<1>, stand_in_layer>;
};

template <class Options, std::size_t In, std::size_t... Outs>
    requires(sizeof...(Outs) > 0)
struct from_widths<Options, In, Outs...> {
    using type = sequential<Options, input<In>, default_layer<Outs>...>;
};

} // namespace detail

// A network written as its widths, input first: basic_network<options<double>, 2, 3, 1>.
template <class Options, std::size_t... Widths>
using basic_network = typename detail::from_widths<Options, Widths...>::type;

// The short form: float, sigmoid in every layer, every layer with a bias. network<2, 3, 1> has
// 2 inputs, 3 hidden units and 1 output.
template <std::size_t... Widths>
using network = basic_network<options<>, Widths...>;

} // namespace ctnn
