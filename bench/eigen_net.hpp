// bench/eigen_net.hpp: `eigen_baseline::network`, the baseline ctnn has to beat: the same maths as
// ctnn and naive.hpp (a hidden and an output activation, activation_kind.hpp; optional bias; half
// sum of squares; sgd), written as an experienced Eigen user would write it for shapes known at
// compile time.
//
// - Every matrix is a fixed-size Eigen::Matrix, so Eigen knows every dimension and unrolls and
//   vectorises as it sees fit; activations are row-major, one row per sample (batch x width),
//   the layout Eigen's products are fastest on for z = X W, and weights are In x Out, row-major,
//   as ctnn stores them.
// - z = X W + b is `a.noalias() = b.replicate<Rows, 1>() + X * W`, which Eigen turns into
//   a = b.replicate(); a += X W: no temporary. The activation is applied in place with Eigen's
//   own vectorised array functions, so z is never stored separately (softplus in training
//   excepted, below): the sigmoid (1 + exp(-z)).inverse(), tanh() (Eigen 3.4 vectorises it for
//   float, a rational approximation; in double it calls std::tanh on each value), elu as
//   max(z, 0) + alpha expm1(min(z, 0)) (select() is not vectorised in Eigen 3.4; this is the same
//   value, branch-free) and softplus as exp().log1p(). Eigen 3.4 vectorises expm1 and log1p for
//   float only; in double they are std::expm1 and std::log1p on each value.
// - Backprop keeps each derivative in ctnn's form (activation_kind.hpp): from the stored
//   activation for the sigmoid, a (1 - a), tanh, 1 - a^2, and elu, min(a, 0) + 1 (alpha = 1: 1 for
//   a > 0, that is z > 0, and a + alpha otherwise); softplus' is the sigmoid of z, so a training
//   pass keeps z for its layers. Every product is noalias(), and the update is fused into the
//   gradient's product (W -= (lr X^T) D is one GEMM with alpha = -lr): no gradient matrix is
//   written and read back. The gradient flowing to the previous layer is computed first, from the
//   weights before their update.
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
#include <type_traits>
#include <utility>

#include "activation_kind.hpp"

namespace eigen_baseline {

using bench::activation_kind;

// Row-major, except for a column vector, which Eigen only accepts column-major.
template <class T, std::size_t Rows, std::size_t Cols>
using matrix = Eigen::Matrix<T, static_cast<int>(Rows), static_cast<int>(Cols),
                             (Cols == 1 && Rows != 1) ? Eigen::ColMajor : Eigen::RowMajor>;

template <class T, std::size_t In, std::size_t Out>
struct layer {
    matrix<T, In, Out> weights; // weights(i, o) connects input i to output o
    matrix<T, 1, Out> bias;     // unused by a network without bias
};

// a = f(z), in place: a holds z on entry.
template <activation_kind Kind, class A>
void activate(A& a)
{
    using T = typename A::Scalar;
    if constexpr (Kind == activation_kind::sigmoid)
        a.array() = (T(1) + (-a.array()).exp()).inverse();
    else if constexpr (Kind == activation_kind::tanh)
        a.array() = a.array().tanh();
    else if constexpr (Kind == activation_kind::elu)
        a.array() = a.array().max(T(0)) +
                    T(bench::elu_alpha) * a.array().min(T(0)).expm1();
    else if constexpr (Kind == activation_kind::softplus)
        a.array() = a.array().exp().log1p();
    else
        static_assert(Kind == activation_kind::identity);
}

// delta *= f'(z), from the stored activation a, or for softplus from the stored z.
template <activation_kind Kind, class D, class A, class Z>
void multiply_by_derivative(D& delta, const A& a, [[maybe_unused]] const Z& z)
{
    using T = typename D::Scalar;
    if constexpr (Kind == activation_kind::sigmoid)
        delta.array() *= a.array() * (T(1) - a.array());
    else if constexpr (Kind == activation_kind::tanh)
        delta.array() *= T(1) - a.array().square();
    else if constexpr (Kind == activation_kind::elu) {
        static_assert(bench::elu_alpha == 1.0,
                      "eigen_baseline: the elu derivative min(a, 0) + 1 assumes alpha = 1");
        delta.array() *= a.array().min(T(0)) + T(1);
    }
    else if constexpr (Kind == activation_kind::softplus)
        delta.array() *= (T(1) + (-z.array()).exp()).inverse();
    else
        static_assert(Kind == activation_kind::identity);
}

// A network with widths Widths... (input first), Hidden in every layer but the last, Output in
// the last, a bias in every layer if HasBias.
template <class T, bool HasBias, activation_kind Hidden, activation_kind Output,
          std::size_t... Widths>
class network {
public:
    static constexpr std::array<std::size_t, sizeof...(Widths)> widths{Widths...};
    static constexpr std::size_t layer_count = sizeof...(Widths) - 1;
    static constexpr std::size_t input_size = widths[0];
    static constexpr std::size_t output_size = widths[layer_count];

    template <std::size_t L>
    static constexpr activation_kind activation_of = L + 1 < layer_count ? Hidden : Output;
    // Whether a training pass keeps z (softplus's derivative needs it).
    static constexpr bool keeps_z =
        Hidden == activation_kind::softplus || Output == activation_kind::softplus;

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
    // through it (dE/dz), and z where keeps_z (otherwise an empty tuple that takes no space).
    template <std::size_t Rows>
    struct workspace {
        typename all_layers::template activations<Rows> a;
        typename all_layers::template activations<Rows> delta;
        [[no_unique_address]] std::conditional_t<
            keeps_z, typename all_layers::template activations<Rows>, std::tuple<>> z;

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
        forward_from<0, false>(ws, x);
    }

    // One step of full-batch gradient descent on the half sum of squares of x against targets;
    // returns the loss measured on this step's forward pass, before the update.
    template <std::size_t Rows, class X, class Y>
    T train_step(workspace<Rows>& ws, const X& x, const Y& targets, T learning_rate)
    {
        constexpr std::size_t last = layer_count - 1;
        forward_from<0, true>(ws, x);
        const auto& out = std::get<last>(ws.a);
        auto& delta = std::get<last>(ws.delta);
        delta = out - targets;
        const T loss = T(0.5) * delta.squaredNorm();
        multiply_by_derivative<Output>(delta, out, z_of<last>(ws));
        backward_from<last>(ws, x, learning_rate);
        return loss;
    }

private:
    // Layer L's stored z, or its activation where z is not kept (and not needed).
    template <std::size_t L, std::size_t Rows>
    static const auto& z_of(const workspace<Rows>& ws)
    {
        if constexpr (keeps_z)
            return std::get<L>(ws.z);
        else
            return std::get<L>(ws.a);
    }

    // KeepZ: a training pass, whose softplus layers store z before activating it.
    template <std::size_t L, bool KeepZ, std::size_t Rows, class X>
    void forward_from(workspace<Rows>& ws, const X& x) const
    {
        constexpr activation_kind kind = activation_of<L>;
        const auto& lay = std::get<L>(layers);
        auto& a = std::get<L>(ws.a);
        if constexpr (KeepZ && keeps_z && kind == activation_kind::softplus) {
            auto& z = std::get<L>(ws.z);
            if constexpr (HasBias)
                z.noalias() = lay.bias.template replicate<static_cast<int>(Rows), 1>() +
                              x * lay.weights;
            else
                z.noalias() = x * lay.weights;
            a.array() = z.array().exp().log1p();
        }
        else {
            if constexpr (HasBias)
                a.noalias() = lay.bias.template replicate<static_cast<int>(Rows), 1>() +
                              x * lay.weights;
            else
                a.noalias() = x * lay.weights;
            activate<kind>(a);
        }
        if constexpr (L + 1 < layer_count)
            forward_from<L + 1, KeepZ>(ws, a);
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
            multiply_by_derivative<Hidden>(previous, a, z_of<L - 1>(ws));
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
