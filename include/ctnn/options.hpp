// ctnn/options.hpp: network-wide settings (`options`) and the modifiers they and layers accept.
//
// A modifier is a type written in a layer's or the network's template argument list:
//   - an activation (ctnn::sigmoid, ctnn::identity, or any type modelling ctnn::activation);
//   - a bias tag, ctnn::with_bias or ctnn::no_bias;
//   - ctnn::alignment<Bytes> (network-wide only): the alignment of the parameter storage.
// Modifiers may come in any order; each kind at most once. A layer that does not name an
// activation or a bias tag takes the network's.
#pragma once

#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <ctnn/activation/concept.hpp>
#include <ctnn/activation/sigmoid.hpp>
#include <ctnn/activation/source.hpp>
#include <ctnn/detail/target_simd.hpp>

namespace ctnn {

// Bias tags: a layer computes z = x W + b with a bias vector b, or z = x W without one.
struct with_bias {
    static constexpr bool enabled = true;
};
struct no_bias {
    static constexpr bool enabled = false;
};

// Alignment, in bytes, of a network's (and its gradient's) parameter storage, unless
// ctnn::alignment<Bytes> says otherwise. It follows the target (issue 14):
//  * x86-64 and AArch64: 64, a cache line and the width of an AVX-512 register, whatever the
//    -march, so that sizes (sizeof, cost<Net>'s bytes) do not change with compiler flags;
//  * another target with a vector unit (32-bit x86, 32-bit Arm with NEON or Helium, ...): its
//    widest vector register (CTNN_TARGET_VECTOR_BYTES, detail/target_simd.hpp), 16 or more;
//  * a target without one (a Cortex-M4, most microcontrollers): 1, which options<> raises to
//    the scalar's own alignment: no padding (the tutorial's OR network is 72 bytes, not 128).
// A network's saved files do not depend on it: they hold the parameters, not the padding.
#if defined(__x86_64__) || defined(_M_X64) || defined(__aarch64__) || defined(_M_ARM64)
inline constexpr std::size_t default_alignment = 64;
#elif CTNN_TARGET_VECTOR_BYTES > 0
inline constexpr std::size_t default_alignment = CTNN_TARGET_VECTOR_BYTES;
#else
inline constexpr std::size_t default_alignment = 1;
#endif

namespace detail {
template <std::size_t Bytes>
inline constexpr bool alignment_is_power_of_two = Bytes > 0 && (Bytes & (Bytes - 1)) == 0;

template <std::size_t Bytes>
consteval bool check_alignment()
{
    static_assert(alignment_is_power_of_two<Bytes>,
                  "ctnn::alignment<Bytes> needs a power of two, e.g. alignment<16>");
    return true;
}
} // namespace detail

template <std::size_t Bytes>
struct alignment {
    static_assert(detail::check_alignment<Bytes>());
    // After the error above, a valid stand-in, so that it is the only error.
    static constexpr std::size_t value =
        detail::alignment_is_power_of_two<Bytes> ? Bytes : default_alignment;
};

namespace detail {

template <class M>
inline constexpr bool is_bias_tag = std::same_as<M, with_bias> || std::same_as<M, no_bias>;

template <class M>
inline constexpr bool is_alignment = false;
template <std::size_t B>
inline constexpr bool is_alignment<alignment<B>> = true;

template <class M, class T>
inline constexpr bool is_activation = !is_bias_tag<M> && !is_alignment<M> && activation<M, T>;

// The first of Ms that satisfies Pred, or Default when none does.
template <template <class> class Pred, class Default, class... Ms>
struct first_or {
    using type = Default;
};
template <template <class> class Pred, class Default, class M, class... Ms>
struct first_or<Pred, Default, M, Ms...> {
    using type = std::conditional_t<Pred<M>::value, M,
                                    typename first_or<Pred, Default, Ms...>::type>;
};

template <class M>
struct bias_pred : std::bool_constant<is_bias_tag<M>> {};
template <class M>
struct alignment_pred : std::bool_constant<is_alignment<M>> {};
template <class T>
struct activation_pred_for {
    template <class M>
    struct pred : std::bool_constant<is_activation<M, T>> {};
};

// A modifier's C++ spelling for bake(), or "" when it has none.
template <class M>
constexpr std::string_view modifier_source() noexcept
{
    if constexpr (std::is_same_v<M, with_bias>)
        return "ctnn::with_bias";
    else if constexpr (std::is_same_v<M, no_bias>)
        return "ctnn::no_bias";
    else if constexpr (has_activation_source<M>)
        return activation_source<M>::value;
    else
        return {};
}

template <template <class> class Pred, class... Ms>
inline constexpr std::size_t count_of = (std::size_t{0} + ... + (Pred<Ms>::value ? 1u : 0u));

} // namespace detail

// Network-wide settings: the scalar type, then modifiers (see the top of this file) that every
// layer inherits unless it names its own. options<> is float, sigmoid, with bias, aligned to
// default_alignment (64 on x86-64).
//
//   ctnn::options<double, ctnn::no_bias>          the tutorial's settings
//   ctnn::options<float, ctnn::identity>          linear layers unless a layer says otherwise
namespace detail {

template <class Scalar>
inline constexpr bool is_scalar = std::same_as<Scalar, float> || std::same_as<Scalar, double>;

// The rules for options<Scalar, Modifiers...>, one static_assert each. A consteval function
// rather than assertions in the class itself: when one fails, options stays a complete type, so
// the failed rule is the only error the user sees.
template <class Scalar, class... Modifiers>
consteval bool check_options()
{
    static_assert(is_scalar<Scalar>,
                  "ctnn::options<Scalar, ...>: the scalar type must be float or double");
    using T = std::conditional_t<is_scalar<Scalar>, Scalar, float>;
    static_assert((... && (is_bias_tag<Modifiers> || is_alignment<Modifiers> ||
                           activation<Modifiers, T>)),
                  "ctnn::options<Scalar, Modifiers...>: every modifier must be an activation "
                  "(e.g. ctnn::sigmoid), a bias tag (ctnn::with_bias, ctnn::no_bias) or "
                  "ctnn::alignment<Bytes>");
    static_assert(count_of<bias_pred, Modifiers...> <= 1,
                  "ctnn::options<...> names more than one bias tag; keep one");
    static_assert(count_of<alignment_pred, Modifiers...> <= 1,
                  "ctnn::options<...> names more than one ctnn::alignment; keep one");
    static_assert(count_of<activation_pred_for<T>::template pred, Modifiers...> <= 1,
                  "ctnn::options<...> names more than one activation; keep one (a layer can "
                  "override it: ctnn::dense<Width, Activation>)");
    static_assert(first_or<alignment_pred, alignment<alignof(T)>, Modifiers...>::type::value >=
                      alignof(T),
                  "ctnn::alignment<Bytes> is smaller than the scalar type's own alignment; use "
                  "at least alignof(float) = 4 or alignof(double) = 8");
    return true;
}

} // namespace detail

// Network-wide settings: the scalar type, then modifiers (see the top of this file) that every
// layer inherits unless it names its own. options<> is float, sigmoid, with bias, aligned to
// default_alignment (64 on x86-64).
//
//   ctnn::options<double, ctnn::no_bias>          the tutorial's settings
//   ctnn::options<float, ctnn::identity>          linear layers unless a layer says otherwise
template <class Scalar = float, class... Modifiers>
struct options {
    static_assert(detail::check_options<Scalar, Modifiers...>());

    // float stands in for an invalid scalar after the error above, so that it stays the only one.
    using scalar_type = std::conditional_t<detail::is_scalar<Scalar>, Scalar, float>;
    using activation_type =
        typename detail::first_or<detail::activation_pred_for<scalar_type>::template pred,
                                  sigmoid, Modifiers...>::type;
    static constexpr bool has_bias =
        detail::first_or<detail::bias_pred, with_bias, Modifiers...>::type::enabled;
    static constexpr std::size_t alignment = [] {
        constexpr std::size_t bytes =
            detail::first_or<detail::alignment_pred, ctnn::alignment<default_alignment>,
                             Modifiers...>::type::value;
        return bytes < alignof(scalar_type) ? alignof(scalar_type) : bytes;
    }();
};

} // namespace ctnn
