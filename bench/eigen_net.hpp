// bench/eigen_net.hpp: `eigen_baseline::network`, the baseline ctnn has to beat: the same maths as
// ctnn and naive.hpp (sigmoid layers, optional bias, half sum of squares, sgd), written as an
// experienced Eigen user would write it for shapes known at compile time.
//
// - Every matrix is a fixed-size Eigen::Matrix, so Eigen knows every dimension and unrolls and
//   vectorises as it sees fit; activations are row-major, one row per sample (batch x width),
//   the layout Eigen's products are fastest on for z = X W, and weights are In x Out, row-major,
//   as ctnn stores them.
// - z = X W + b is `a.noalias() = b.replicate<Rows, 1>() + X * W`, which Eigen turns into
//   a = b.replicate(); a += X W: no temporary. The sigmoid is Eigen's vectorised exp,
//   (1 + exp(-z)).inverse(), in place, so z is never stored separately.
// - Backprop keeps the sigmoid's derivative as a (1 - a) from the stored activation, every
//   product is noalias(), and the update is fused into the gradient's product (W -= (lr X^T) D
//   is one GEMM with alpha = -lr): no gradient matrix is written and read back. The gradient
//   flowing to the previous layer is computed first, from the weights before their update.
//
// Large fixed-size matrices do not fit on a stack, so the benchmarks allocate a network and its
// workspaces with std::make_unique, once, outside the timed loops.
#pragma once

// Eigen refuses, at compile time, a fixed-size object above 128 KiB wherever it lives; ours live
// on the heap (see above), so the limit is lifted. It must come before the first Eigen include.
#ifndef EIGEN_STACK_ALLOCATION_LIMIT
#define EIGEN_STACK_ALLOCATION_LIMIT 0
#endif
// Two false positives of GCC 12 at -O3, each an error under -Werror, silenced for the lines of
// the headers included here only (GCC applies the pragma by source location, even to optimiser
// warnings): a loop in Eigen's matrix-vector product (GeneralMatrixVector.h) "invokes undefined
// behavior" at an iteration it never reaches, for the narrow fixed sizes of the mlp cases; and
// with -march=native on an AVX-512 machine, _mm512_undefined_pd() in GCC's own avx512fintrin.h
// "is used uninitialized" (GCC bug 105593, fixed in GCC 13). That header must first be included
// here, so this file is included before any other that might include <immintrin.h>.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Waggressive-loop-optimizations"
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include <array>
#include <cstddef>
#include <tuple>
#include <utility>

namespace eigen_baseline {

// Row-major, except for a column vector, which Eigen only accepts column-major.
template <class T, std::size_t Rows, std::size_t Cols>
using matrix = Eigen::Matrix<T, static_cast<int>(Rows), static_cast<int>(Cols),
                             (Cols == 1 && Rows != 1) ? Eigen::ColMajor : Eigen::RowMajor>;

template <class T, std::size_t In, std::size_t Out>
struct layer {
    matrix<T, In, Out> weights; // weights(i, o) connects input i to output o
    matrix<T, 1, Out> bias;     // unused by a network without bias
};

// A sigmoid network with widths Widths... (input first), a bias in every layer if HasBias.
template <class T, bool HasBias, std::size_t... Widths>
class network {
public:
    static constexpr std::array<std::size_t, sizeof...(Widths)> widths{Widths...};
    static constexpr std::size_t layer_count = sizeof...(Widths) - 1;
    static constexpr std::size_t input_size = widths[0];
    static constexpr std::size_t output_size = widths[layer_count];

    template <std::size_t L>
    using layer_type = layer<T, widths[L], widths[L + 1]>;

private:
    template <class Seq>
    struct layers_of;
    template <std::size_t... L>
    struct layers_of<std::index_sequence<L...>> {
        using type = std::tuple<layer_type<L>...>;
        template <std::size_t Rows>
        using activations = std::tuple<matrix<T, Rows, widths[L + 1]>...>;
    };
    using all_layers = layers_of<std::make_index_sequence<layer_count>>;

public:
    // Scratch for one pass of Rows samples: each layer's activation and the gradient flowing back
    // through it (dE/dz).
    template <std::size_t Rows>
    struct workspace {
        typename all_layers::template activations<Rows> a;
        typename all_layers::template activations<Rows> delta;

        const matrix<T, Rows, output_size>& output() const { return std::get<layer_count - 1>(a); }
    };

    typename all_layers::type layers;

    template <std::size_t L>
    layer_type<L>& get() noexcept
    {
        return std::get<L>(layers);
    }
    template <std::size_t L>
    const layer_type<L>& get() const noexcept
    {
        return std::get<L>(layers);
    }

    // The outputs of the samples in x (Rows x input_size) end in ws.output().
    template <std::size_t Rows, class X>
    void forward(workspace<Rows>& ws, const X& x) const
    {
        forward_from<0>(ws, x);
    }

    // One step of full-batch gradient descent on the half sum of squares of x against targets;
    // returns the loss measured on this step's forward pass, before the update.
    template <std::size_t Rows, class X, class Y>
    T train_step(workspace<Rows>& ws, const X& x, const Y& targets, T learning_rate)
    {
        constexpr std::size_t last = layer_count - 1;
        forward_from<0>(ws, x);
        const auto& out = std::get<last>(ws.a);
        auto& delta = std::get<last>(ws.delta);
        delta = out - targets;
        const T loss = T(0.5) * delta.squaredNorm();
        delta.array() *= out.array() * (T(1) - out.array());
        backward_from<last>(ws, x, learning_rate);
        return loss;
    }

private:
    template <std::size_t L, std::size_t Rows, class X>
    void forward_from(workspace<Rows>& ws, const X& x) const
    {
        const auto& lay = std::get<L>(layers);
        auto& a = std::get<L>(ws.a);
        if constexpr (HasBias)
            a.noalias() = lay.bias.template replicate<static_cast<int>(Rows), 1>() +
                          x * lay.weights;
        else
            a.noalias() = x * lay.weights;
        a.array() = (T(1) + (-a.array()).exp()).inverse();
        if constexpr (L + 1 < layer_count)
            forward_from<L + 1>(ws, a);
    }

    // On entry ws.delta<L> holds dE/dz of layer L.
    template <std::size_t L, std::size_t Rows, class X>
    void backward_from(workspace<Rows>& ws, const X& x, T learning_rate)
    {
        auto& lay = std::get<L>(layers);
        const auto& delta = std::get<L>(ws.delta);
        if constexpr (L > 0) {
            const auto& a = std::get<L - 1>(ws.a);
            auto& previous = std::get<L - 1>(ws.delta);
            previous.noalias() = delta * lay.weights.transpose();
            previous.array() *= a.array() * (T(1) - a.array());
            lay.weights.noalias() -= (learning_rate * a.transpose()) * delta;
        }
        else {
            lay.weights.noalias() -= (learning_rate * x.transpose()) * delta;
        }
        if constexpr (HasBias)
            lay.bias.noalias() -= learning_rate * delta.colwise().sum();
        if constexpr (L > 0)
            backward_from<L - 1>(ws, x, learning_rate);
    }
};

} // namespace eigen_baseline
