// ctnn/layer/concept.hpp: the layer contract. What the user writes in a layer list (a spec, e.g.
// `dense<32, relu>`) turns into the layer that runs through one customisation point, layer_for;
// the layer declares its parameter blocks, its scratch, and a forward pass that knows whether it
// is training, and a backward pass. The network, its parameters and gradient, every optimiser,
// initialisation, save/load, bake, the cost report and check_gradient walk these declarations:
// none of them knows a layer kind by name.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>

namespace ctnn {

class random_engine; // ctnn/random.hpp

// How initialize() fills a block: from the initializer's weight() or bias() (given the layer's
// in_size and out_size as fan-in and fan-out), or with a constant.
enum class block_init { weight, bias, zero, one };

// One named array of a layer's parameters: a matrix of rows x cols, row-major (a dense layer's
// weights, in_size x out_size), or a vector of cols values (rows == 1). A trained block is what
// the optimiser updates from its gradient; a block that is not trained is running state (batch
// statistics): saved, loaded and baked with the network, never touched by an optimiser.
struct parameter_block {
    std::string_view name; // one token: "weights", "bias", "gain", "running_mean"
    std::size_t rows;
    std::size_t cols;
    bool trained;
    block_init init;
    bool matrix = false; // saved files describe it as "rows x cols", row by row

    constexpr std::size_t size() const noexcept { return rows * cols; }
};

// How forward() is run. Inference (the default everywhere) is what a deployed network computes:
// const, no state changes, safe from many threads. Training is what backprop(), fit() and the
// trainer run: dropout draws its masks from `rng`, batch normalisation uses the batch's own
// statistics. The workspace holds the generator, so a seeded workspace repeats a run exactly.
struct inference_t {
    static constexpr bool training = false;
};
struct training_t {
    static constexpr bool training = true;
};
inline constexpr inference_t inference{};
inline constexpr training_t training{};

template <bool Training>
struct forward_context {
    static constexpr bool training = Training;
    random_engine* rng; // nullptr when inferring
};

// One layer's view of a pass over `rows` samples (row-major, one row per sample).
template <class T>
struct layer_buffers {
    const T* params;   // the layer's trained blocks, one after another in declared order
    const T* state;    // its running-state blocks (those not trained), likewise
    const T* x;        // rows x in_size: the layer's input
    T* saved;          // rows x out_size: what backward() needs kept (a dense layer's z)
    T* y;              // rows x out_size: the layer's output
    T* scratch;        // the scratch the layer declared for the workspace's batch
    std::size_t rows;  // the samples in this pass
};

// A layer, as the network runs it (L is a resolved layer, e.g. dense_layer<float, 2, 3, ...>):
//
//   L::scalar_type, L::in_size, L::out_size
//   L::kind                     its kind for messages ("dense", "layer_norm")
//   L::blocks                   std::array<parameter_block, N>, in storage order
//   L::file_name                its description in a saved file's type signature, one token
//                               ("sigmoid/bias", "layer_norm"); empty when it cannot be saved
//   L::forward_flops, L::backward_flops, L::input_gradient_flops, L::transcendentals
//                               per sample, for the cost report (backward_flops leaves out the
//                               gradient to the layer's input, which the first layer skips)
//   L::forward<Rows>(const layer_buffers<T>&, forward_context<Training>&)
//   L::backward<Rows, ApplyActivation, InputGradient>(const layer_buffers<T>&, T* delta,
//                                                     T* grad, T* dx)
//       delta: rows x out_size, dLoss/dy on entry (dLoss/dz, its pre-activation, when
//       !ApplyActivation: a loss fused with the layer's activation wrote that); the layer may
//       overwrite it. grad: the gradient of its trained blocks, written (not added to). dx:
//       rows x in_size, dLoss/dx, written only when InputGradient.
//   Rows: the number of rows when a whole batch is known at compile time, else 0 and
//   layer_buffers::rows says.
//
// Optional:
//   L::scratch_size<Batch>      values of workspace scratch for a batch of Batch (default 0)
//   L::update_state(T* state, const layer_buffers<T>&)
//                               after a training step was applied, folds what the training
//                               pass left in scratch into the running state (batch statistics)
//   L::draws_random             true if its training pass draws from forward_context::rng
//                               (dropout); the workspace holds a generator only then
//   L::activation_type          its activation, if it ends in one: a loss fused with an output
//                               activation (cross-entropy with sigmoid or softmax) checks it
//   L::source                   its spec's C++ spelling for bake(), on the spec (see below)
template <class L>
concept layer = requires {
    typename L::scalar_type;
    { L::in_size } -> std::convertible_to<std::size_t>;
    { L::out_size } -> std::convertible_to<std::size_t>;
    { L::kind } -> std::convertible_to<std::string_view>;
    L::blocks.size();
    { L::file_name } -> std::convertible_to<std::string_view>;
    { L::forward_flops } -> std::convertible_to<std::size_t>;
    { L::backward_flops } -> std::convertible_to<std::size_t>;
    { L::input_gradient_flops } -> std::convertible_to<std::size_t>;
    { L::transcendentals } -> std::convertible_to<std::size_t>;
};

// The customisation point: layer_for<Spec, Options, In> is the layer that runs for Spec, written
// in a layer list of a network with Options, after a layer of In outputs. A spec says it itself,
// as a member alias template:
//
//   template <class Options, std::size_t In> using resolve = my_layer<...>;
//
// or, for a spec type you cannot change, a specialisation of layer_spec_traits<Spec> with that
// member (it wins over the spec's own). A spec also gives, for bake(),
// `static constexpr std::string_view source`: how it is spelled in C++ ("ctnn::dense<3>").
template <class Spec>
struct layer_spec_traits {};

namespace detail {
template <class Spec, class Options, std::size_t In>
struct spec_resolution {};
template <class Spec, class Options, std::size_t In>
    requires requires { typename layer_spec_traits<Spec>::template resolve<Options, In>; }
struct spec_resolution<Spec, Options, In> {
    using type = typename layer_spec_traits<Spec>::template resolve<Options, In>;
};
template <class Spec, class Options, std::size_t In>
    requires(!requires { typename layer_spec_traits<Spec>::template resolve<Options, In>; }) &&
            requires { typename Spec::template resolve<Options, In>; }
struct spec_resolution<Spec, Options, In> {
    using type = typename Spec::template resolve<Options, In>;
};
} // namespace detail

template <class Spec, class Options, std::size_t In>
using layer_for = typename detail::spec_resolution<Spec, Options, In>::type;

// Spec is a layer spec for a network with Options, after a layer of In outputs.
template <class Spec, class Options, std::size_t In>
concept layer_spec_for = requires { typename layer_for<Spec, Options, In>; } &&
                         layer<layer_for<Spec, Options, In>>;

namespace detail {

template <class L>
constexpr std::size_t block_total(bool trained) noexcept
{
    std::size_t n = 0;
    for (const parameter_block& b : L::blocks)
        if (b.trained == trained)
            n += b.size();
    return n;
}

// Values of a layer's trained blocks, and of its running state.
template <class L>
inline constexpr std::size_t trained_count = block_total<L>(true);
template <class L>
inline constexpr std::size_t state_count = block_total<L>(false);

// Where block B starts within its own kind's slice (trained or state) of layer L.
template <class L>
constexpr std::size_t block_offset(std::size_t b) noexcept
{
    std::size_t at = 0;
    for (std::size_t k = 0; k < b; ++k)
        if (L::blocks[k].trained == L::blocks[b].trained)
            at += L::blocks[k].size();
    return at;
}

// The index of L's block named `name`, or L::blocks.size() when it has none.
template <class L>
constexpr std::size_t block_index(std::string_view name) noexcept
{
    std::size_t b = 0;
    while (b < L::blocks.size() && L::blocks[b].name != name)
        ++b;
    return b;
}

template <class L, std::size_t Batch>
consteval std::size_t scratch_of()
{
    if constexpr (requires { L::template scratch_size<Batch>; })
        return L::template scratch_size<Batch>;
    else
        return 0;
}

// A layer whose running state moves with training (batch_norm); a standardize layer's state is
// set by the user and stays.
template <class L>
concept updates_running_state =
    requires(typename L::scalar_type* state, const layer_buffers<typename L::scalar_type>& b) {
        L::update_state(state, b);
    };

template <class L>
concept draws_random_numbers = requires {
    requires L::draws_random;
};

// The activation a layer ends in, for a fused loss's check; a layer without one has none.
struct no_activation {};
template <class L>
struct layer_activation {
    using type = no_activation;
};
template <class L>
    requires requires { typename L::activation_type; }
struct layer_activation<L> {
    using type = typename L::activation_type;
};

} // namespace detail
} // namespace ctnn
