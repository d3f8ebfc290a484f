// Backprop in double against an independent backprop in long double (x87's 64-bit significand
// on x86-64), to 1e-10 relative per element: finite differences cannot get near that, so the
// reference here differentiates analytically, with every activation's derivative written from
// z with long double maths (std::exp, std::expm1, std::log1p, std::erfc on long double), and
// shares no code with ctnn's. Random topologies of 2 to 5 layers (reference_network.hpp's), every
// activation as a hidden and as the output layer (softmax as the output), batches of 1 and 3,
// with inputs and parameters scaled by 1, 3 and 8 so that units saturate.
//
// The bound per element is 1e-10 times M, where M is the same backprop run on magnitudes: |w|,
// |x|, |t| + |y| for the loss gradient, each activation's derivative replaced by the sum of its
// terms' magnitudes. M = |gradient| where nothing cancels, so the check is then 1e-10 relative;
// where terms of a sum over units or samples cancel, or where silu's, gelu's and gelu_tanh's
// derivatives pass through their zero, the error is relative to the terms, and so is the bound.
// tanh and sigmoid take their derivatives from the stored value a (no second exp; the sigmoid's
// is the tutorial's a (1 - a)), whose own rounding (2 ulp at most, 2^-52 absolute near +-1) the
// derivative magnifies by its slope in a; M adds that slope times 2^-52, divided by 1e-10, so
// that saturated tanh and sigmoid units are held to their inherent accuracy and no better.
#include "reference_network.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

namespace {

using real = long double;

real sigmoid_ld(real z)
{
    return 1 / (1 + std::exp(-z));
}

// An activation's value, derivative and the magnitude bound of its derivative (see above), from
// z (and, for the a-based slack, a) in long double.
struct unit {
    real value;
    real derivative;
    real magnitude;
};

constexpr real a_rounding_over_tolerance = 0x1p-52L / 1e-10L;

template <class A>
struct exact;

template <>
struct exact<ctnn::identity> {
    static unit at(real z) { return {z, 1, 1}; }
};
template <>
struct exact<ctnn::relu> {
    static unit at(real z) { return {z > 0 ? z : 0, z > 0 ? 1.0L : 0.0L, z > 0 ? 1.0L : 0.0L}; }
};
template <std::intmax_t N, std::intmax_t D>
struct exact<ctnn::leaky_relu<N, D>> {
    static unit at(real z)
    {
        const real slope = static_cast<real>(static_cast<double>(N) / static_cast<double>(D));
        return {z > 0 ? z : slope * z, z > 0 ? 1 : slope, z > 0 ? 1 : std::fabs(slope)};
    }
};
template <std::intmax_t N, std::intmax_t D>
struct exact<ctnn::elu<N, D>> {
    static unit at(real z)
    {
        const real alpha = static_cast<real>(static_cast<double>(N) / static_cast<double>(D));
        if (z > 0)
            return {z, 1, 1};
        const real d = alpha * std::exp(z);
        return {alpha * std::expm1(z), d, std::fabs(d)};
    }
};
template <>
struct exact<ctnn::sigmoid> {
    static unit at(real z)
    {
        const real s = sigmoid_ld(z);
        const real d = s * sigmoid_ld(-z);
        return {s, d, d + std::fabs(1 - 2 * s) * a_rounding_over_tolerance};
    }
};
template <>
struct exact<ctnn::tanh> {
    static unit at(real z)
    {
        const real a = std::tanh(z);
        const real e = std::exp(-2 * std::fabs(z));
        const real d = 4 * e / ((1 + e) * (1 + e)); // sech^2, without 1 - tanh^2's cancellation
        return {a, d, d + 2 * std::fabs(a) * a_rounding_over_tolerance};
    }
};
template <>
struct exact<ctnn::softplus> {
    static unit at(real z)
    {
        const real d = sigmoid_ld(z);
        return {(z > 0 ? z : 0) + std::log1p(std::exp(-std::fabs(z))), d, d};
    }
};
template <>
struct exact<ctnn::silu> {
    static unit at(real z)
    {
        const real s = sigmoid_ld(z);
        const real c = sigmoid_ld(-z);
        return {z * s, s * (1 + z * c), s * (1 + std::fabs(z) * c)};
    }
};
template <>
struct exact<ctnn::gelu_tanh> {
    static unit at(real z)
    {
        const real c = 1.5957691216057307117597L; // 2 sqrt(2/pi)
        const real y = c * (z + 0.044715L * z * z * z);
        const real s = sigmoid_ld(y);
        const real tail = z * s * sigmoid_ld(-y) * c * (1 + 3 * 0.044715L * z * z);
        return {z * s, s + tail, s + std::fabs(tail)};
    }
};
template <>
struct exact<ctnn::gelu> {
    static unit at(real z)
    {
        const real phi_cdf = std::erfc(-z / std::sqrt(2.0L)) / 2;
        const real tail = z * std::exp(-z * z / 2) / std::sqrt(2 * 3.14159265358979323846264L);
        return {z * phi_cdf, phi_cdf + tail, phi_cdf + std::fabs(tail)};
    }
};

// One layer's record for one sample.
struct layer_record {
    std::vector<real> in;
    std::vector<real> z;
    std::vector<real> a;
};

template <std::size_t L, class Net>
layer_record forward_layer(const Net& net, const std::vector<real>& in)
{
    using layer = typename Net::template layer<L>;
    using A = typename layer::activation_type;
    const auto w = net.template weights<L>();
    layer_record r{in, std::vector<real>(layer::out_size), std::vector<real>(layer::out_size)};
    for (std::size_t o = 0; o < layer::out_size; ++o) {
        real sum = 0;
        if constexpr (layer::has_bias)
            sum = net.template bias<L>()[o];
        for (std::size_t i = 0; i < layer::in_size; ++i)
            sum += in[i] * static_cast<real>(w(i, o));
        r.z[o] = sum;
    }
    if constexpr (std::is_same_v<A, ctnn::softmax>) {
        real top = r.z[0];
        for (real v : r.z)
            top = std::max(top, v);
        real total = 0;
        for (std::size_t o = 0; o < r.z.size(); ++o)
            total += r.a[o] = std::exp(r.z[o] - top);
        for (real& v : r.a)
            v /= total;
    }
    else {
        for (std::size_t o = 0; o < r.z.size(); ++o)
            r.a[o] = exact<A>::at(r.z[o]).value;
    }
    return r;
}

// delta (dLoss/da of layer L's output) and its magnitude bound, taken through the activation to
// dLoss/dz; then the layer's parameter gradients and magnitudes are added into g and m, and the
// delta for the layer's input returned.
template <std::size_t L, class Net>
void backward_layer(const Net& net, const layer_record& r, std::vector<real>& delta,
                    std::vector<real>& bound, std::vector<real>& g, std::vector<real>& m)
{
    using layer = typename Net::template layer<L>;
    using A = typename layer::activation_type;
    const std::size_t out = layer::out_size;
    if constexpr (std::is_same_v<A, ctnn::softmax>) {
        real dot = 0;
        real dot_bound = 0;
        for (std::size_t o = 0; o < out; ++o) {
            dot += delta[o] * r.a[o];
            dot_bound += bound[o] * r.a[o];
        }
        for (std::size_t o = 0; o < out; ++o) {
            delta[o] = r.a[o] * (delta[o] - dot);
            bound[o] = r.a[o] * (bound[o] + dot_bound);
        }
    }
    else {
        for (std::size_t o = 0; o < out; ++o) {
            const unit u = exact<A>::at(r.z[o]);
            delta[o] *= u.derivative;
            bound[o] *= u.magnitude;
        }
    }
    // Flat layout: the weights input-major (w(i, o) at i * out + o), then the bias; found through
    // the public views' addresses rather than assumed.
    const auto w = net.template weights<L>();
    const auto* base = net.values().data();
    for (std::size_t i = 0; i < layer::in_size; ++i)
        for (std::size_t o = 0; o < out; ++o) {
            const auto k = static_cast<std::size_t>(&w(i, o) - base);
            g[k] += r.in[i] * delta[o];
            m[k] += std::fabs(r.in[i]) * bound[o];
        }
    if constexpr (layer::has_bias)
        for (std::size_t o = 0; o < out; ++o) {
            const auto k = static_cast<std::size_t>(&net.template bias<L>()[o] - base);
            g[k] += delta[o];
            m[k] += bound[o];
        }
    std::vector<real> next(layer::in_size, 0);
    std::vector<real> next_bound(layer::in_size, 0);
    for (std::size_t i = 0; i < layer::in_size; ++i)
        for (std::size_t o = 0; o < out; ++o) {
            next[i] += static_cast<real>(w(i, o)) * delta[o];
            next_bound[i] += std::fabs(static_cast<real>(w(i, o))) * bound[o];
        }
    delta = std::move(next);
    bound = std::move(next_bound);
}

struct reference_gradient {
    std::vector<real> g;
    std::vector<real> m;
};

// half_sum_squares: dLoss/dy = y - t, summed over the batch.
template <class Net, std::size_t Batch>
reference_gradient backprop_ld(const Net& net, const ctnn::batch<double, Batch, Net::input_size>& x,
                               const ctnn::batch<double, Batch, Net::output_size>& t)
{
    constexpr std::size_t layers = Net::layer_count;
    reference_gradient result{std::vector<real>(Net::parameter_count, 0),
                              std::vector<real>(Net::parameter_count, 0)};
    for (std::size_t s = 0; s < Batch; ++s) {
        std::vector<layer_record> records;
        std::vector<real> a(x[s].begin(), x[s].end());
        [&]<std::size_t... L>(std::index_sequence<L...>) {
            ((records.push_back(forward_layer<L>(net, a)), a = records.back().a), ...);
        }(std::make_index_sequence<layers>{});
        std::vector<real> delta(Net::output_size);
        std::vector<real> bound(Net::output_size);
        for (std::size_t o = 0; o < Net::output_size; ++o) {
            delta[o] = a[o] - t[s][o];
            bound[o] = std::fabs(a[o]) + std::fabs(static_cast<real>(t[s][o]));
        }
        [&]<std::size_t... L>(std::index_sequence<L...>) {
            ((backward_layer<layers - 1 - L>(net, records[layers - 1 - L], delta, bound, result.g,
                                             result.m)),
             ...);
        }(std::make_index_sequence<layers>{});
    }
    return result;
}

struct tally {
    std::size_t elements = 0;
    std::size_t relative = 0; // held to 1e-10 of |gradient| itself (M < 2 |gradient|)
    double worst_relative = 0;
    double worst_of_bound = 0; // the largest error / (1e-10 M), over every element
};

template <class Net, std::size_t Batch>
void check_one(std::uint64_t seed, double scale, tally& count)
{
    Net net;
    gradient_test::randomize(net, seed);
    for (auto& p : net.values())
        p *= scale;
    ctnn::random_engine rng(seed * 7 + Batch);
    const auto x = gradient_test::random_batch<double, Batch, Net::input_size>(rng, -scale, scale);
    const auto t = gradient_test::random_batch<double, Batch, Net::output_size>(rng, -1, 1);

    ctnn::gradient<Net> grad;
    net.backprop(x, t, grad, ctnn::half_sum_squares{});
    const reference_gradient want = backprop_ld(net, x, t);

    std::ostringstream off;
    off.precision(17);
    for (std::size_t k = 0; k < Net::parameter_count; ++k) {
        const real got = grad.values()[k];
        const real error = std::fabs(got - want.g[k]);
        ++count.elements;
        // Below double's normal range (long double's reaches 1e-4951) double has no relative
        // precision to hold: an element there passes with an error under the smallest normal.
        constexpr real smallest_normal = std::numeric_limits<double>::min();
        if (error < smallest_normal && std::fabs(want.g[k]) < smallest_normal)
            continue;
        if (want.m[k] < 2 * std::fabs(want.g[k])) {
            ++count.relative;
            count.worst_relative = std::max(count.worst_relative,
                                            static_cast<double>(error / std::fabs(want.g[k])));
        }
        if (want.m[k] > 0)
            count.worst_of_bound =
                std::max(count.worst_of_bound, static_cast<double>(error / (1e-10L * want.m[k])));
        if (!(error <= 1e-10L * want.m[k]))
            off << "\n  " << gradient_test::describe_parameter<Net>(k) << ": ctnn " << grad.values()[k]
                << ", long double " << static_cast<double>(want.g[k]) << ", bound "
                << static_cast<double>(1e-10L * want.m[k]);
    }
    INFO(reference::describe<Net>() << ", batch " << Batch << ", scale " << scale << ", seed "
                                    << seed << off.str());
    CHECK(off.str().empty());
}

template <class Net>
void check_network(tally& count)
{
    for (double scale : {1.0, 3.0, 8.0})
        for (std::uint64_t seed : {11u, 12u}) {
            check_one<Net, 1>(seed, scale, count);
            check_one<Net, 3>(seed, scale, count);
        }
}

template <class A>
void check_activation()
{
    tally count;
    [&]<class... Nets>(std::tuple<Nets...>*) {
        (check_network<Nets>(count), ...);
    }(static_cast<reference::networks_with<A>*>(nullptr));
    INFO(A::name << ": " << count.elements << " gradient elements, " << count.relative
                 << " of them without cancellation, worst relative error there "
                 << count.worst_relative << ", largest error / bound " << count.worst_of_bound);
    CHECK(count.worst_relative <= 1e-10);
}

using elementwise_activations =
    std::tuple<ctnn::identity, ctnn::sigmoid, ctnn::tanh, ctnn::relu, ctnn::leaky_relu<>,
               ctnn::elu<>, ctnn::elu<1, 2>, ctnn::softplus, ctnn::silu, ctnn::gelu_tanh,
               ctnn::gelu>;

// softmax as the output layer, after each kind of hidden layer.
template <class Hidden>
using softmax_network =
    ctnn::sequential<reference::f64<Hidden>, ctnn::input<3>, ctnn::dense<4>,
                     ctnn::dense<3, ctnn::no_bias>, ctnn::dense<3, ctnn::softmax>>;

} // namespace

TEMPLATE_LIST_TEST_CASE("backprop in double matches a long double reference to 1e-10 per element",
                        "[gradient][activation][long_double]", elementwise_activations)
{
    check_activation<TestType>();
}

TEMPLATE_LIST_TEST_CASE("backprop through softmax matches a long double reference to 1e-10 per "
                        "element",
                        "[gradient][softmax][long_double]", elementwise_activations)
{
    tally count;
    check_network<softmax_network<TestType>>(count);
    INFO(count.elements << " gradient elements, " << count.relative
                        << " of them without cancellation, worst relative error there "
                        << count.worst_relative << ", largest error / bound "
                        << count.worst_of_bound);
    CHECK(count.worst_relative <= 1e-10);
}
