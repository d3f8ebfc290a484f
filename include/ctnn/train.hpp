// ctnn/train.hpp: the full-batch training loop (`fit`). The optimisers, sgd among them, are in
// ctnn/optimizer.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <type_traits>

#include <ctnn/loss.hpp>
#include <ctnn/optimizer.hpp>
#include <ctnn/parameters.hpp>

namespace ctnn {

// What a training callback is told after each epoch.
template <class T>
struct epoch_report {
    std::size_t epoch; // 1 for the first epoch
    T loss;            // measured on this epoch's forward pass, before its update
};

// What a callback may answer (a callback may also return void, which means proceed).
enum class control { proceed, stop };

enum class training_status {
    completed,       // ran every epoch asked for
    stopped,         // the callback answered control::stop
    non_finite_loss, // the loss, a gradient or an updated weight was NaN or infinite; that
                     // update was not applied (the weights are the last finite ones)
};

template <class T>
struct fit_result {
    std::size_t epochs;     // epochs whose update was applied
    T loss;                 // the last loss measured
    training_status status;
};

namespace detail {

struct no_callback {
    template <class Report>
    constexpr void operator()(const Report&) const noexcept
    {
    }
};

} // namespace detail

// Full-batch training: every epoch runs backprop on all the samples at once and applies one step
// of the optimiser (any ctnn::optimizer, ctnn/optimizer.hpp's or your own; its state lives for
// the call and starts fresh), exactly as the tutorial's loop does. After each epoch,
// callback(epoch_report) runs and may return control::stop. A non-finite loss stops training
// before the update, and an update whose gradient or new weights or state are not finite is not
// kept, so NaN never reaches the weights, and the result says so. The batch must hold at least
// one sample (std::array<X, 0> is refused at compile time), and any epoch count, SIZE_MAX
// included, runs that many epochs or until the callback stops it.
//
//   ctnn::fit(net, inputs, targets, ctnn::half_sum_squares{}, ctnn::sgd{0.05}, 200'000);
template <class Net, std::size_t Batch, class X, class Y, class Loss, class Optimizer,
          class Callback = detail::no_callback>
constexpr auto fit(Net& net, const std::array<X, Batch>& inputs,
                   const std::array<Y, Batch>& targets, Loss loss_fn, const Optimizer& optimizer,
                   std::size_t epochs, Callback&& callback = {})
{
    static_assert(Batch > 0, "ctnn::fit needs at least one training sample: std::array<X, 0> is "
                             "an empty training set");
    static_assert(ctnn::optimizer<Optimizer, Net>,
                  "ctnn::fit: the optimiser does not model ctnn::optimizer for this network (see "
                  "ctnn/optimizer.hpp: learning_rate, state<Net>, step(net, grad, state, rate))");
    using T = typename Net::scalar_type;
    gradient<Net> grad;
    typename Net::template workspace_type<Batch> ws;
    // The optimiser's state lives for this call (fresh, as a new optimiser's is); undo holds
    // what the current update overwrote.
    optimizer_state<Optimizer, Net> state{};
    undo_record<Optimizer, Net> undo{};
    const T rate = static_cast<T>(optimizer.learning_rate);
    fit_result<T> result{0, T(0), training_status::completed};
    // Counted by the epochs done, which stay below `epochs` inside the loop, so epoch = done + 1
    // cannot wrap (a loop to `epoch <= epochs` would never end for epochs == SIZE_MAX).
    for (std::size_t done = 0; done < epochs; ++done) {
        const std::size_t epoch = done + 1;
        result.loss = net.backprop(inputs, targets, grad, ws, loss_fn);
        // An update can overflow even from a finite gradient (an absurd rate): checked_step
        // keeps it only if the gradient and everything it wrote are finite, and puts the weights
        // and the state back otherwise.
        if (!detail::is_finite(result.loss) ||
            !detail::checked_step(optimizer, net, grad, state, rate, undo)) {
            result.status = training_status::non_finite_loss;
            return result;
        }
        result.epochs = epoch;
        const epoch_report<T> report{epoch, result.loss};
        if constexpr (std::is_same_v<std::invoke_result_t<Callback&, const epoch_report<T>&>,
                                     control>) {
            if (callback(report) == control::stop) {
                result.status = training_status::stopped;
                return result;
            }
        }
        else {
            callback(report);
        }
    }
    return result;
}

} // namespace ctnn
