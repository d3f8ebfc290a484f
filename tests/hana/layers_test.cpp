// A network, its gradient and its layers as Hana sequences (ctnn/hana.hpp): the static facts of
// the views, the Iterable and Foldable operations against the network's own facts, and
// hana::for_each writing through the views (clipping) against a plain loop over values().
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <ctnn/ctnn.hpp>
#include <ctnn/hana.hpp>

namespace hana = boost::hana;

namespace {

using net_t = ctnn::network<2, 3, 1>;
using wide_t = ctnn::sequential<ctnn::options<double>, ctnn::input<4>, ctnn::dense<8, ctnn::relu>,
                                ctnn::batch_norm, ctnn::dense<3, ctnn::identity, ctnn::no_bias>>;

// ---- static facts ----------------------------------------------------------------------------
static_assert(hana::Foldable<net_t>::value && hana::Iterable<net_t>::value);
static_assert(hana::Foldable<ctnn::gradient<net_t>>::value &&
              hana::Iterable<ctnn::gradient<net_t>>::value);
static_assert(hana::Foldable<ctnn::hana::layer_view<net_t, 0>>::value);
static_assert(hana::Searchable<net_t>::value);
static_assert(!hana::Sequence<net_t>::value); // a network is not built from views
static_assert(ctnn::hana::layered<const wide_t&> && !ctnn::hana::layered<int>);

constexpr net_t constant_net{};
static_assert(hana::length(constant_net) == hana::size_c<net_t::layer_count>);
static_assert(decltype(hana::length(std::declval<wide_t&>()))::value == 3);
static_assert(!decltype(hana::is_empty(constant_net))::value);

using view0 = decltype(hana::at_c<0>(std::declval<net_t&>()));
using view1 = decltype(hana::at_c<1>(constant_net));
static_assert(std::is_same_v<view0, ctnn::hana::layer_view<net_t, 0>>);
static_assert(std::is_same_v<view1, ctnn::hana::layer_view<const net_t, 1>>);
static_assert(view0::index == 0 && view0::in_size == 2 && view0::out_size == 3);
static_assert(view1::index == 1 && view1::in_size == 3 && view1::out_size == 1);
static_assert(view0::kind == "dense" && view0::block_count == 2 && view0::parameter_count == 9);
static_assert(std::is_same_v<view0::layer_type, net_t::layer<0>>);

// Blocks: weights (in x out) then bias; a const network gives read-only values.
using weights0 = decltype(hana::at_c<0>(std::declval<view0>()));
using bias1 = decltype(hana::at_c<1>(std::declval<view1>()));
static_assert(weights0::name == "weights" && weights0::rows == 2 && weights0::cols == 3);
static_assert(bias1::name == "bias" && bias1::rows == 1 && bias1::cols == 1 && bias1::trained);
static_assert(std::is_same_v<decltype(std::declval<weights0>().values()), std::span<float, 6>>);
static_assert(
    std::is_same_v<decltype(std::declval<bias1>().values()), std::span<const float, 1>>);
static_assert(std::is_same_v<decltype(std::declval<weights0>().matrix()),
                             ctnn::matrix_ref<float, 2, 3>>);

// batch_norm: four blocks, the last two running state.
using norm_view = ctnn::hana::layer_view<wide_t, 1>;
static_assert(norm_view::kind == "batch_norm" && norm_view::block_count == 4);
static_assert(norm_view::parameter_count == 16 && norm_view::state_count == 16);
static_assert(!decltype(std::declval<norm_view>().block<3>())::trained);
static_assert(decltype(std::declval<norm_view>().block<3>())::name == "running_var");

// fold_left over the layers counts what the network counts, at compile time.
template <class Net>
constexpr std::size_t parameters_by_fold(const Net& net)
{
    return hana::fold_left(net, std::size_t{0},
                           [](std::size_t sum, auto layer) { return sum + layer.parameter_count; });
}
static_assert(parameters_by_fold(constant_net) == net_t::parameter_count);
constexpr wide_t constant_wide{};
static_assert(parameters_by_fold(constant_wide) == wide_t::parameter_count);

// fold_right and unpack, the other Foldable entry points.
static_assert(hana::fold_right(constant_net, std::size_t{0},
                               [](auto layer, std::size_t sum) { return sum + layer.out_size; }) ==
              3 + 1);
static_assert(hana::unpack(constant_wide, [](auto... layer) { return (layer.in_size + ...); }) ==
              4 + 8 + 8);

// transform: the layers' shapes, as a hana::tuple.
constexpr auto shapes = hana::transform(constant_wide, [](auto layer) {
    return std::pair{layer.in_size, layer.out_size};
});
static_assert(hana::at_c<0>(shapes) == std::pair<std::size_t, std::size_t>{4, 8});
static_assert(hana::at_c<1>(shapes) == std::pair<std::size_t, std::size_t>{8, 8});
static_assert(hana::at_c<2>(shapes) == std::pair<std::size_t, std::size_t>{8, 3});

// drop_front: the later layers, as a hana::tuple of views; past the end, none.
static_assert(hana::length(hana::drop_front(constant_wide, hana::size_c<1>)) == hana::size_c<2>);
static_assert(hana::length(hana::drop_front(constant_wide, hana::size_c<9>)) == hana::size_c<0>);

// Clips every block of params (a network or a gradient) to [-bound, bound] through Hana.
template <class Params, class T>
void clip_with_hana(Params& params, T bound)
{
    hana::for_each(params, [bound](auto layer) {
        hana::for_each(layer, [bound](auto block) {
            for (T& v : block.values())
                v = std::clamp(v, -bound, bound);
        });
    });
}

// The same with plain loops over every value, trained (values()) and running state (state());
// the number of values they change.
template <class Params, class T>
std::size_t clip_by_hand(Params& params, T bound)
{
    std::size_t changed = 0;
    const auto clip = [&](T& v) {
        const T clipped = std::clamp(v, -bound, bound);
        changed += clipped != v ? 1 : 0;
        v = clipped;
    };
    std::for_each(params.values().begin(), params.values().end(), clip);
    std::for_each(params.state().begin(), params.state().end(), clip);
    return changed;
}

template <class Params>
void require_clipping_agrees(Params& params)
{
    using T = typename Params::scalar_type;
    const T bound = T(0.5);
    Params by_hand = params;
    const std::size_t changed = clip_by_hand(by_hand, bound);
    REQUIRE(changed > 0);                              // some values lay beyond the bound...
    REQUIRE(changed < Params::parameter_count);        // ...and some did not
    clip_with_hana(params, bound);
    REQUIRE(params == by_hand);
}

} // namespace

TEST_CASE("hana::for_each over a network: the views in order, with the network's facts")
{
    net_t net;
    std::array<std::pair<std::size_t, std::size_t>, 2> seen{};
    std::size_t blocks = 0;
    hana::for_each(net, [&](auto layer) {
        seen[layer.index] = {layer.in_size, layer.out_size};
        hana::for_each(layer, [&](auto block) {
            ++blocks;
            CHECK(block.layer_index == layer.index);
            CHECK(block.values().size() == block.rows * block.cols);
        });
    });
    CHECK(seen[0] == std::pair<std::size_t, std::size_t>{2, 3});
    CHECK(seen[1] == std::pair<std::size_t, std::size_t>{3, 1});
    CHECK(blocks == 4);
}

TEST_CASE("a block view reaches the network's own storage: values(), matrix(), block<L, B>()")
{
    net_t net;
    net.set_weights<0>({{1.f, 2.f, 3.f}, {4.f, 5.f, 6.f}});
    auto weights = hana::at_c<0>(hana::at_c<0>(net));
    CHECK(weights.values().data() == net.block<0, 0>().data());
    CHECK(weights.matrix()(1, 2) == 6.f);
    weights.matrix()(0, 1) = 7.f;
    CHECK(net.weights<0>()(0, 1) == 7.f);
    auto bias = hana::at_c<1>(hana::at_c<1>(net));
    bias.values()[0] = 0.25f;
    CHECK(net.bias<1>()[0] == 0.25f);
}

TEST_CASE("hana::for_each clipping every block of a network changes what a loop over values() "
          "changes")
{
    net_t net;
    ctnn::initialize(net, ctnn::uniform_range{-1.0, 1.0}, 42);
    require_clipping_agrees(net);

    wide_t wide;
    ctnn::initialize(wide, ctnn::uniform_range{-1.0, 1.0}, 7);
    // batch_norm's running state is a block too: its running variance (1) is clipped as well.
    require_clipping_agrees(wide);
}

TEST_CASE("hana::for_each clipping every block of a gradient changes what a loop over values() "
          "changes")
{
    net_t net;
    ctnn::initialize(net, ctnn::uniform_range{-1.0, 1.0}, 3);
    ctnn::gradient<net_t> grad;
    const ctnn::batch<float, 4, 2> x{{{0.f, 0.f}, {0.f, 1.f}, {1.f, 0.f}, {1.f, 1.f}}};
    const ctnn::batch<float, 4, 1> t{{{0.f}, {1.f}, {1.f}, {0.f}}};
    net.backprop(x, t, grad, ctnn::half_sum_squares{});
    // Scaled so that some entries lie beyond the bound and some within.
    for (float& g : grad.values())
        g *= 8.f;
    require_clipping_agrees(grad);
}

TEST_CASE("Iterable and Searchable on a network: at_c, front, back, any_of, find_if")
{
    wide_t net;
    CHECK(hana::front(net).kind == "dense");
    CHECK(hana::back(net).out_size == 3);
    CHECK(hana::any_of(net, [](auto layer) { return layer.kind == "batch_norm"; }));
    CHECK_FALSE(hana::all_of(net, [](auto layer) { return layer.state_count == 0; }));
    auto norm = hana::find_if(net, [](auto layer) {
        return hana::bool_c<decltype(layer)::kind == std::string_view("batch_norm")>;
    });
    CHECK(norm.value().index == 1);
}

TEST_CASE("hana::transform over a network calls its function once a layer, in order")
{
    net_t net;
    std::size_t calls = 0;
    auto order = hana::transform(net, [&](auto layer) { return std::pair{calls++, layer.index}; });
    CHECK(hana::at_c<0>(order) == std::pair<std::size_t, std::size_t>{0, 0});
    CHECK(hana::at_c<1>(order) == std::pair<std::size_t, std::size_t>{1, 1});
}
