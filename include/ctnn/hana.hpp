// ctnn/hana.hpp: the Boost.Hana adapter (optional; CMake target ctnn::hana, needs Boost's headers,
// Debian: libboost-dev). It defines
//   * layer_view and block_view: a layer of a network or gradient, and one parameter block of it,
//     seen through a reference to their storage;
//   * Hana's Foldable and Iterable concepts for a network, any ctnn::parameters<Net> (a
//     gradient) and a layer view: a network is a sequence of its layer views, a layer view a
//     sequence of its block views, so hana::for_each, fold_left, fold_right, unpack, transform,
//     length, at_c, front, back, drop_front, any_of, all_of and find_if work on them;
//   * hana::Struct for the reports: cost<Net>, evaluation<T>, training_result<T>, epoch_report<T>
//     and training_report<Net>, so hana::keys, hana::members and hana::at_key log them with no
//     per-field code; enum_name() spells the enums among their fields.
//
//   using net_t = ctnn::network<2, 3, 1>;
//   net_t net;
//   boost::hana::for_each(net, [](auto layer) {             // layer 0, then layer 1
//       std::printf("%zu -> %zu\n", layer.in_size, layer.out_size);
//       boost::hana::for_each(layer, [](auto block) {       // weights, then bias
//           for (float& v : block.values()) v = std::clamp(v, -1.f, 1.f);
//       });
//   });
//
// The views hold a pointer into the network they came from, so the network must outlive them (a
// temporary serves the one expression it is in). hana::transform and hana::drop_front give a
// hana::tuple (a network cannot be built from views, so it is no hana::Sequence). This is the one
// header under include/ctnn/ that includes Boost, and the core never includes it: Hana's
// algorithms cost instantiation time that only the users of this header pay (README,
// "Boost.Hana").
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/hana.hpp>

#include <ctnn/cost.hpp>
#include <ctnn/matrix_ref.hpp>
#include <ctnn/parameters.hpp>
#include <ctnn/training/evaluation.hpp>
#include <ctnn/training/fit.hpp>
#include <ctnn/training/result.hpp>
#include <ctnn/training/trainer.hpp>

namespace ctnn::hana {

// The Hana tag of every ctnn object that Hana sees as a sequence of views.
struct view_tag {};

namespace detail {
template <class Net>
void parameters_base(const parameters<Net>*); // declared only: matches a network or parameters
} // namespace detail

// T (ignoring const) is a network or a parameters<Net> (a gradient): what Hana walks layer by
// layer.
template <class T>
concept layered = requires(const std::remove_cvref_t<T>* p) { detail::parameters_base(p); };

// Block B of layer L of Params (a network or parameters<Net>, const for a read-only view):
// name, shape and whether it is trained are compile-time facts; values() and matrix() reach the
// values themselves, writable when Params is not const.
template <class Params, std::size_t L, std::size_t B>
class block_view {
    using storage = std::remove_const_t<Params>;
    using layer_type = typename storage::template layer<L>;
    static constexpr parameter_block info = layer_type::blocks[B];

public:
    using scalar_type = typename storage::scalar_type;
    using value_type = std::conditional_t<std::is_const_v<Params>, const scalar_type, scalar_type>;
    static constexpr std::size_t layer_index = L;
    static constexpr std::size_t index = B;
    static constexpr std::string_view name = info.name;
    static constexpr std::size_t rows = info.rows;
    static constexpr std::size_t cols = info.cols;
    static constexpr std::size_t size = rows * cols;
    static constexpr bool trained = info.trained; // false: running state (batch_norm)

    constexpr explicit block_view(Params& params) noexcept : params_(&params) {}

    // Its values, flat and row-major: Params::block<L, B>().
    constexpr std::span<value_type, size> values() const noexcept
    {
        return params_->template block<L, B>();
    }
    // The same values as a rows x cols matrix (a dense layer's weights: one row per input).
    constexpr matrix_ref<value_type, rows, cols> matrix() const noexcept
    {
        return matrix_ref<value_type, rows, cols>(values().data());
    }

private:
    Params* params_;
};

// Layer L of Params (a network or parameters<Net>, const for a read-only view): its facts, and
// its blocks as block views. A Hana Foldable and Iterable sequence of those block views.
template <class Params, std::size_t L>
class layer_view {
    using storage = std::remove_const_t<Params>;

public:
    using hana_tag = view_tag;
    using layer_type = typename storage::template layer<L>; // e.g. dense_layer<float, 2, 3, ...>
    using scalar_type = typename storage::scalar_type;
    static constexpr std::size_t index = L;
    static constexpr std::size_t in_size = layer_type::in_size;
    static constexpr std::size_t out_size = layer_type::out_size;
    static constexpr std::string_view kind = layer_type::kind; // "dense", "layer_norm", ...
    static constexpr std::size_t block_count = layer_type::blocks.size();
    static constexpr std::size_t parameter_count = ctnn::detail::trained_count<layer_type>;
    static constexpr std::size_t state_count = ctnn::detail::state_count<layer_type>;

    constexpr explicit layer_view(Params& params) noexcept : params_(&params) {}

    // Block B (after the error for one past the last, block 0, so that the error stays the only
    // one).
    template <std::size_t B>
    constexpr auto block() const noexcept
    {
        static_assert(B < block_count, "ctnn::hana::layer_view::block<B>(): the layer has fewer "
                                       "blocks; block_count says how many");
        return block_view<Params, L, (B < block_count ? B : 0)>(*params_);
    }

private:
    Params* params_;
};

namespace detail {

// How many elements Hana sees in T, and element I of xs: a layer view of a network or
// parameters, a block view of a layer view.
template <class T>
consteval std::size_t element_count() noexcept
{
    using U = std::remove_cvref_t<T>;
    if constexpr (layered<U>)
        return U::layer_count;
    else
        return U::block_count;
}

template <std::size_t I, class Xs>
constexpr auto element(Xs& xs) noexcept
{
    if constexpr (layered<Xs>)
        return layer_view<Xs, I>(xs);
    else
        return xs.template block<I>();
}

// Hana's operations on a sequence of views: element I (clamped, after the error for one out of
// range, so that the error stays the only one), the elements from N on, f(elements...), and the
// results of f on each element, evaluated left to right (a braced list) into a hana::tuple.
template <std::size_t I, class Xs>
constexpr auto at(Xs& xs) noexcept
{
    constexpr std::size_t elements = element_count<Xs>();
    static_assert(I < elements, "ctnn::hana: hana::at(net, n): n is past the last layer (or, of "
                                "a layer view, past its last block)");
    return element<(I < elements ? I : 0)>(xs);
}

template <std::size_t First, class Xs, class F, std::size_t... I>
constexpr decltype(auto) apply_to_elements(Xs& xs, F&& f, std::index_sequence<I...>)
{
    return static_cast<F&&>(f)(element<First + I>(xs)...);
}

struct make_views {
    template <class... Views>
    constexpr auto operator()(Views... views) const noexcept
    {
        return boost::hana::tuple<Views...>{views...};
    }
};

template <std::size_t N, class Xs>
constexpr auto drop_front(Xs& xs) noexcept
{
    constexpr std::size_t elements = element_count<Xs>();
    constexpr std::size_t from = N < elements ? N : elements;
    return apply_to_elements<from>(xs, make_views{}, std::make_index_sequence<elements - from>{});
}

template <class Xs, class F>
constexpr decltype(auto) unpack(Xs& xs, F&& f)
{
    return apply_to_elements<0>(xs, static_cast<F&&>(f),
                                std::make_index_sequence<element_count<Xs>()>{});
}

template <class Xs, class F, std::size_t... I>
constexpr auto transform_each(Xs& xs, F& f, std::index_sequence<I...>)
{
    return boost::hana::tuple<std::remove_cvref_t<decltype(f(element<I>(xs)))>...>{
        f(element<I>(xs))...};
}
template <class Xs, class F>
constexpr auto transform(Xs& xs, F& f)
{
    return transform_each(xs, f, std::make_index_sequence<element_count<Xs>()>{});
}

} // namespace detail

} // namespace ctnn::hana

// Hana's tag-dispatched concepts for view_tag: Iterable (at, drop_front, is_empty), Foldable
// (unpack, length) and transform.
namespace boost::hana {

template <class T>
struct tag_of<T, when<ctnn::hana::layered<T>>> {
    using type = ctnn::hana::view_tag;
};

template <>
struct length_impl<ctnn::hana::view_tag> {
    template <class Xs>
    static constexpr auto apply(const Xs&)
    {
        return hana::size_c<ctnn::hana::detail::element_count<Xs>()>;
    }
};

template <>
struct is_empty_impl<ctnn::hana::view_tag> {
    template <class Xs>
    static constexpr auto apply(const Xs&)
    {
        return hana::bool_c<ctnn::hana::detail::element_count<Xs>() == 0>;
    }
};

template <>
struct at_impl<ctnn::hana::view_tag> {
    template <class Xs, class N>
    static constexpr decltype(auto) apply(Xs&& xs, const N&)
    {
        return ctnn::hana::detail::at<N::value>(xs);
    }
};

// The elements from the n-th on, as a hana::tuple of views (none when n is past the end).
template <>
struct drop_front_impl<ctnn::hana::view_tag> {
    template <class Xs, class N>
    static constexpr decltype(auto) apply(Xs&& xs, const N&)
    {
        return ctnn::hana::detail::drop_front<N::value>(xs);
    }
};

template <>
struct unpack_impl<ctnn::hana::view_tag> {
    template <class Xs, class F>
    static constexpr decltype(auto) apply(Xs&& xs, F&& f)
    {
        return ctnn::hana::detail::unpack(xs, static_cast<F&&>(f));
    }
};

// f applied to every element, left to right, into a hana::tuple of the results.
template <>
struct transform_impl<ctnn::hana::view_tag> {
    template <class Xs, class F>
    static constexpr auto apply(Xs&& xs, F&& f)
    {
        return ctnn::hana::detail::transform(xs, f);
    }
};

} // namespace boost::hana

// The reports as hana::Structs.
namespace ctnn::hana {

// The name of each value of the enums the reports hold, as written in C++.
constexpr std::string_view enum_name(training_stop stop) noexcept
{
    switch (stop) {
    case training_stop::none: return "none";
    case training_stop::callback: return "callback";
    case training_stop::non_finite: return "non_finite";
    case training_stop::empty_dataset: return "empty_dataset";
    }
    return "?";
}
constexpr std::string_view enum_name(training_event event) noexcept
{
    switch (event) {
    case training_event::batch_end: return "batch_end";
    case training_event::epoch_end: return "epoch_end";
    }
    return "?";
}

namespace detail {
// Reads data member Member of a report; a static one (cost<Net>'s facts) through its address.
template <auto Member>
struct accessor {
    template <class S>
    constexpr decltype(auto) operator()(S&& s) const noexcept
    {
        if constexpr (std::is_member_object_pointer_v<decltype(Member)>)
            return (static_cast<S&&>(s).*Member);
        else
            return (*Member);
    }
};
} // namespace detail

} // namespace ctnn::hana

// Hana's accessors for a report template: CTNN_HANA_ADAPT(T, ctnn::evaluation<T>, fields...)
// with each field written CTNN_HANA_FIELD(name), a (key, accessor) pair whose key is the field's
// name as a hana::string.
#define CTNN_HANA_FIELD(name)                                                                  \
    ::boost::hana::make_pair(BOOST_HANA_STRING(#name), ::ctnn::hana::detail::accessor<&S::name>{})
#define CTNN_HANA_ADAPT(Param, Type, ...)                                                      \
    template <class Param>                                                                     \
    struct accessors_impl<Type> {                                                              \
        static constexpr auto apply()                                                          \
        {                                                                                      \
            using S = Type;                                                                    \
            return ::boost::hana::make_tuple(__VA_ARGS__);                                     \
        }                                                                                      \
    };

namespace boost::hana {

// cost<Net>: the figures that do not depend on a batch size or an optimiser (a default-constructed
// cost<Net>{} is the object: every field is static).
CTNN_HANA_ADAPT(Net, ctnn::cost<Net>, CTNN_HANA_FIELD(parameter_count),
                CTNN_HANA_FIELD(layer_parameter_counts), CTNN_HANA_FIELD(forward_flops),
                CTNN_HANA_FIELD(backward_flops_per_sample),
                CTNN_HANA_FIELD(transcendentals_per_sample), CTNN_HANA_FIELD(inline_bytes),
                CTNN_HANA_FIELD(gradient_bytes), CTNN_HANA_FIELD(forward_scratch_bytes))

CTNN_HANA_ADAPT(T, ctnn::evaluation<T>, CTNN_HANA_FIELD(loss), CTNN_HANA_FIELD(accuracy),
                CTNN_HANA_FIELD(samples))

CTNN_HANA_ADAPT(T, ctnn::training_result<T>, CTNN_HANA_FIELD(epochs), CTNN_HANA_FIELD(loss),
                CTNN_HANA_FIELD(stop), CTNN_HANA_FIELD(stop_epoch), CTNN_HANA_FIELD(stop_batch))

CTNN_HANA_ADAPT(T, ctnn::epoch_report<T>, CTNN_HANA_FIELD(epoch), CTNN_HANA_FIELD(loss))

// Every field but `network`, a pointer a log has nothing to write for (read report.network).
CTNN_HANA_ADAPT(Net, ctnn::training_report<Net>, CTNN_HANA_FIELD(event), CTNN_HANA_FIELD(epoch),
                CTNN_HANA_FIELD(epochs), CTNN_HANA_FIELD(batch), CTNN_HANA_FIELD(batches),
                CTNN_HANA_FIELD(samples), CTNN_HANA_FIELD(dataset_size),
                CTNN_HANA_FIELD(batch_loss), CTNN_HANA_FIELD(loss), CTNN_HANA_FIELD(accuracy),
                CTNN_HANA_FIELD(learning_rate), CTNN_HANA_FIELD(seconds),
                CTNN_HANA_FIELD(epoch_seconds), CTNN_HANA_FIELD(has_validation),
                CTNN_HANA_FIELD(validation))

} // namespace boost::hana

#undef CTNN_HANA_ADAPT
#undef CTNN_HANA_FIELD
