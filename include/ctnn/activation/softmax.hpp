// ctnn/activation/softmax.hpp: softmax over a layer's row, a_i = exp(z_i) / sum_j exp(z_j): the
// output layer of a classifier, whose outputs are positive and sum to 1.
#pragma once

#include <cstddef>
#include <string_view>

#include <ctnn/detail/fixed_name.hpp>
#include <ctnn/exp.hpp>

namespace ctnn {

// Subtracts the row's maximum before exponentiating, so that no exp overflows whatever z is
// (the result is unchanged mathematically). backward() is the Jacobian-vector product
// dz_i = a_i (g_i - sum_j g_j a_j). Paired with ctnn::categorical_cross_entropy, backprop skips it
// and uses the fused, stable gradient a - t instead. The exponential is an exp policy
// (ctnn/exp.hpp): ctnn::softmax uses default_exp, ctnn::basic_softmax<ctnn::std_exp> std::exp.
struct softmax;

template <class Exp>
struct basic_softmax {
    using exp_policy = Exp;
    using family = softmax; // the same function whatever the policy: cross-entropy fuses with it

    static constexpr std::string_view name = "softmax";
    static constexpr detail::fixed_name<96> source_text =
        detail::policy_spelling<Exp>("ctnn::basic_softmax<");
    static constexpr std::string_view source_name = source_text.view();
    static constexpr std::size_t transcendentals = 1; // an exp per unit of the row
    static constexpr std::string_view rtneural_name = "softmax";

    template <std::size_t Width, class T>
    static constexpr void forward(const T* z, T* a) noexcept
    {
        T top = z[0];
        for (std::size_t i = 1; i < Width; ++i)
            top = z[i] > top ? z[i] : top;
        T sum = 0;
        for (std::size_t i = 0; i < Width; ++i) {
            a[i] = Exp::exp(z[i] - top);
            sum += a[i];
        }
        const T scale = T(1) / sum;
        for (std::size_t i = 0; i < Width; ++i)
            a[i] *= scale;
    }

    template <std::size_t Width, class T>
    static constexpr void backward(const T* /*z*/, const T* a, T* g) noexcept
    {
        T dot = 0;
        for (std::size_t i = 0; i < Width; ++i)
            dot += g[i] * a[i];
        for (std::size_t i = 0; i < Width; ++i)
            g[i] = a[i] * (g[i] - dot);
    }
};

struct softmax : basic_softmax<default_exp> {
    static constexpr std::string_view source_name = "ctnn::softmax";
};

} // namespace ctnn
