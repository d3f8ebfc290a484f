// bench/implementations.hpp: the three implementations every case runs on, behind one small
// interface so that one timed loop per operation serves all three:
//   ctnn_impl<Case>    ctnn itself
//   eigen_impl<Case>   the hand-written Eigen fixed-size baseline (eigen_net.hpp)
//   naive_impl<Case>   the naive std::vector baseline (naive.hpp)
// Each holds its network with the case's initial weights, the case's training batch already in
// its own layout, scratch for one batch and for one sample, and the ring of single-sample inputs,
// so a timed loop does the operation and nothing else. The three are big for 784-wide cases
// (megabytes), so they are only ever made with std::make_unique, outside any timed loop.
//
// Interface: train_step() -> loss; forward(k) -> the outputs for ring input k; first(out) -> its
// first value; input0(k) -> ring input k's first value, writable; forward_batch() runs the batch
// forward; batch_output(s, o); weight<L>(i, o) and bias<L>(o) (bias only where it exists).
#pragma once

// First: see its note on GCC 12's warnings.
#include "eigen_net.hpp"

#include <array>
#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctnn/loss.hpp>
#include <ctnn/network.hpp>
#include <ctnn/optimizer.hpp>
#include <ctnn/parameters.hpp>

#include "cases.hpp"
#include "naive.hpp"

namespace bench {

// On each implementation's timed operation, so that it is inlined into its timing loop whatever
// else the translation unit holds: GCC's choice otherwise depends on the unit's total size, and
// moved ctnn's 2-3-1 training step between 73 and 99 ns with the library code unchanged.
#define CTNN_BENCH_TIMED [[gnu::always_inline]] inline

template <class Net>
constexpr bool every_layer_has_bias()
{
    return []<std::size_t... L>(std::index_sequence<L...>) {
        return (Net::template layer<L>::has_bias && ...);
    }(std::make_index_sequence<Net::layer_count>{});
}

template <class Net>
constexpr bool no_layer_has_bias()
{
    return []<std::size_t... L>(std::index_sequence<L...>) {
        return (!Net::template layer<L>::has_bias && ...);
    }(std::make_index_sequence<Net::layer_count>{});
}

template <class Case>
class ctnn_impl {
public:
    using case_type = Case;
    using network = typename Case::network;
    using T = typename Case::scalar_type;

    ctnn_impl()
    {
        Case::initialize(net_);
        for (std::size_t s = 0; s < Case::batch_size; ++s) {
            for (std::size_t i = 0; i < network::input_size; ++i)
                workspace_.input(s)[i] = Case::inputs[s][i];
            for (std::size_t o = 0; o < network::output_size; ++o)
                workspace_.target(s)[o] = Case::targets[s][o];
        }
    }

    // backprop() on the rows already in the workspace (as ctnn::trainer calls it), then sgd.
    CTNN_BENCH_TIMED T train_step()
    {
        const T loss = net_.backprop(workspace_, Case::batch_size, grad_, ctnn::half_sum_squares{});
        ctnn::sgd{Case::learning_rate}.step(net_, grad_);
        return loss;
    }

    typename network::output_type forward(std::size_t k) const { return net_.forward(ring_[k]); }
    static T first(const typename network::output_type& out) { return out[0]; }
    T& input0(std::size_t k) { return ring_[k][0]; }

    void forward_batch() { net_.forward(workspace_, Case::batch_size); }
    T batch_output(std::size_t s, std::size_t o) const { return workspace_.output(s)[o]; }

    template <std::size_t L>
    T weight(std::size_t i, std::size_t o) const
    {
        return net_.template weights<L>()(i, o);
    }
    template <std::size_t L>
    T bias(std::size_t o) const
    {
        return net_.template bias<L>()[o];
    }

private:
    network net_;
    ctnn::gradient<network> grad_;
    typename network::template workspace_type<Case::batch_size> workspace_;
    forward_ring<T, network::input_size> ring_ = forward_inputs<T, network::input_size>();
};

template <class Case,
          class Seq = std::make_index_sequence<Case::network::layer_count + 1>>
struct eigen_network_for;
template <class Case, std::size_t... K>
struct eigen_network_for<Case, std::index_sequence<K...>> {
    using Net = typename Case::network;
    static_assert(every_layer_has_bias<Net>() || no_layer_has_bias<Net>(),
                  "bench: the Eigen baseline has a bias in every layer or in none");
    using type = eigen_baseline::network<typename Net::scalar_type, every_layer_has_bias<Net>(),
                                         Case::hidden_activation, Case::output_activation,
                                         Net::widths[K]...>;
};

// The case's activations are what its ctnn network computes, layer by layer.
template <class Case>
constexpr bool activations_match()
{
    using Net = typename Case::network;
    return []<std::size_t... L>(std::index_sequence<L...>) {
        return ((kind_of<typename Net::template layer<L>::activation_type>() ==
                 (L + 1 < Net::layer_count ? Case::hidden_activation
                                           : Case::output_activation)) &&
                ...);
    }(std::make_index_sequence<Net::layer_count>{});
}

template <class Case>
class eigen_impl {
public:
    using case_type = Case;
    using T = typename Case::scalar_type;
    using network = typename eigen_network_for<Case>::type;
    static_assert(activations_match<Case>(),
                  "bench: the case's hidden_activation and output_activation differ from its ctnn "
                  "network's layers");
    static constexpr std::size_t batch_size = Case::batch_size;
    static constexpr std::size_t in = network::input_size;
    static constexpr std::size_t out = network::output_size;

    eigen_impl()
    {
        // The same initial weights as ctnn's, read from a ctnn network of the case.
        const auto reference = std::make_unique<typename Case::network>();
        Case::initialize(*reference);
        [&]<std::size_t... L>(std::index_sequence<L...>) {
            (copy_layer<L>(*reference), ...);
        }(std::make_index_sequence<network::layer_count>{});
        for (std::size_t s = 0; s < batch_size; ++s) {
            for (std::size_t i = 0; i < in; ++i)
                inputs_(index(s), index(i)) = Case::inputs[s][i];
            for (std::size_t o = 0; o < out; ++o)
                targets_(index(s), index(o)) = Case::targets[s][o];
        }
        const auto ring = forward_inputs<T, in>();
        for (std::size_t k = 0; k < forward_input_count; ++k)
            for (std::size_t i = 0; i < in; ++i)
                ring_[k](0, index(i)) = ring[k][i];
    }

    CTNN_BENCH_TIMED T train_step()
    {
        return net_.train_step(batch_, inputs_, targets_, static_cast<T>(Case::learning_rate));
    }

    const eigen_baseline::matrix<T, 1, out>& forward(std::size_t k)
    {
        net_.forward(single_, ring_[k]);
        return single_.output();
    }
    static T first(const eigen_baseline::matrix<T, 1, out>& output) { return output(0, 0); }
    T& input0(std::size_t k) { return ring_[k](0, 0); }

    void forward_batch() { net_.forward(batch_, inputs_); }
    T batch_output(std::size_t s, std::size_t o) const
    {
        return batch_.output()(index(s), index(o));
    }

    template <std::size_t L>
    T weight(std::size_t i, std::size_t o) const
    {
        return net_.template get<L>().weights(index(i), index(o));
    }
    template <std::size_t L>
    T bias(std::size_t o) const
    {
        return net_.template get<L>().bias(0, index(o));
    }

private:
    static Eigen::Index index(std::size_t k) { return static_cast<Eigen::Index>(k); }

    template <std::size_t L>
    void copy_layer(const typename Case::network& reference)
    {
        using layer = typename Case::network::template layer<L>;
        auto& target = net_.template get<L>();
        const auto w = reference.template weights<L>();
        for (std::size_t i = 0; i < layer::in_size; ++i)
            for (std::size_t o = 0; o < layer::out_size; ++o)
                target.weights(index(i), index(o)) = w(i, o);
        target.bias.setZero();
        if constexpr (layer::has_bias)
            for (std::size_t o = 0; o < layer::out_size; ++o)
                target.bias(0, index(o)) = reference.template bias<L>()[o];
    }

    network net_;
    typename network::template workspace<batch_size> batch_;
    typename network::template workspace<1> single_;
    eigen_baseline::matrix<T, batch_size, in> inputs_;
    eigen_baseline::matrix<T, batch_size, out> targets_;
    std::array<eigen_baseline::matrix<T, 1, in>, forward_input_count> ring_;
};

template <class Case>
class naive_impl {
public:
    using case_type = Case;
    using T = typename Case::scalar_type;
    using network = typename Case::network;

    naive_impl() : net_(widths(), has_bias(), Case::hidden_activation, Case::output_activation)
    {
        const auto reference = std::make_unique<network>();
        Case::initialize(*reference);
        [&]<std::size_t... L>(std::index_sequence<L...>) {
            (copy_layer<L>(*reference), ...);
        }(std::make_index_sequence<network::layer_count>{});
        inputs_ = to_matrix(Case::inputs);
        targets_ = to_matrix(Case::targets);
        for (const auto& x : forward_inputs<T, network::input_size>())
            ring_.push_back(naive::matrix<T>(1, std::vector<T>(x.begin(), x.end())));
    }

    CTNN_BENCH_TIMED T train_step()
    {
        // As ctnn::sgd converts it, so all three take identical steps.
        return net_.train_step(inputs_, targets_, static_cast<T>(Case::learning_rate));
    }

    // A reference into the network's scratch. The scratch is sized for the last call's row count
    // and reallocated when it changes, so a benchmark sticks to forward() or forward_batch().
    const naive::matrix<T>& forward(std::size_t k) { return net_.forward(ring_[k]); }
    static T first(const naive::matrix<T>& output) { return output[0][0]; }
    T& input0(std::size_t k) { return ring_[k][0][0]; }

    void forward_batch() { batch_output_ = &net_.forward(inputs_); }
    T batch_output(std::size_t s, std::size_t o) const { return (*batch_output_)[s][o]; }

    template <std::size_t L>
    T weight(std::size_t i, std::size_t o) const
    {
        return net_.weights[L][i][o];
    }
    template <std::size_t L>
    T bias(std::size_t o) const
    {
        return net_.biases[L][o];
    }

private:
    static std::vector<std::size_t> widths()
    {
        return std::vector<std::size_t>(network::widths.begin(), network::widths.end());
    }
    static std::vector<bool> has_bias()
    {
        return [&]<std::size_t... L>(std::index_sequence<L...>) {
            return std::vector<bool>{network::template layer<L>::has_bias...};
        }(std::make_index_sequence<network::layer_count>{});
    }

    template <std::size_t Batch, std::size_t Width>
    static naive::matrix<T> to_matrix(const ctnn::batch<T, Batch, Width>& rows)
    {
        naive::matrix<T> m = naive::zeros<T>(Batch, Width);
        for (std::size_t s = 0; s < Batch; ++s)
            for (std::size_t k = 0; k < Width; ++k)
                m[s][k] = rows[s][k];
        return m;
    }

    template <std::size_t L>
    void copy_layer(const network& reference)
    {
        using layer = typename network::template layer<L>;
        const auto w = reference.template weights<L>();
        for (std::size_t i = 0; i < layer::in_size; ++i)
            for (std::size_t o = 0; o < layer::out_size; ++o)
                net_.weights[L][i][o] = w(i, o);
        if constexpr (layer::has_bias)
            for (std::size_t o = 0; o < layer::out_size; ++o)
                net_.biases[L][o] = reference.template bias<L>()[o];
    }

    naive::network<T> net_;
    naive::matrix<T> inputs_;
    naive::matrix<T> targets_;
    std::vector<naive::matrix<T>> ring_;
    const naive::matrix<T>* batch_output_ = nullptr;
};

} // namespace bench
