// ctnn/training/fit.hpp: the full-batch training loop (`fit`), the tutorial's: every epoch one
// backprop over all the samples and one step of the optimiser.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <type_traits>

#include <ctnn/loss.hpp>
#include <ctnn/optimizer.hpp>
#include <ctnn/parameters.hpp>
#include <ctnn/training/callback.hpp>
#include <ctnn/training/result.hpp>

namespace ctnn {

// What a training callback is told after each epoch.
template <class T>
struct epoch_report {
    std::size_t epoch; // 1 for the first epoch
    T loss;            // measured on this epoch's forward pass, before its update
};

// Full-batch training: every epoch runs backprop on all the samples at once and applies one step
// of the optimiser (any ctnn::optimizer, ctnn/optimizer.hpp's or your own; its state lives for
// the call and starts fresh), exactly as the tutorial's loop does. After each epoch,
// callback(epoch_report) runs and may return control::stop. A non-finite loss stops training
// before the update, and an update whose gradient or new weights or state are not finite is not
// kept, so NaN never reaches the weights, and the result says so. The batch must hold at least
// one sample (std::array<X, 0> is refused at compile time), and any epoch count, SIZE_MAX
// included, runs that many epochs or until the callback stops it. It returns a training_result
// (ctnn/training/result.hpp), as a trainer's fit() does: stop is none, callback or non_finite,
// stop_epoch the epoch where it stopped early (stop_batch 1 when that epoch's update was refused,
// 0 when the callback stopped after it). Each backprop is a training pass (dropout drops,
// batch_norm uses the batch's statistics); after each step kept, the network's running state
// moves (update_running_state), never after a refused one.
//
//   ctnn::fit(net, inputs, targets, ctnn::half_sum_squares{}, ctnn::sgd{0.05}, 200'000);
template <class Net, std::size_t Batch, class X, std::size_t TargetBatch, class Y, class Loss,
          class Optimizer, class Callback = detail::no_callback>
constexpr auto fit(Net& net, const std::array<X, Batch>& inputs,
                   const std::array<Y, TargetBatch>& targets, Loss loss_fn,
                   const Optimizer& optimizer, std::size_t epochs, Callback&& callback = {})
{
    static_assert(detail::input_and_target_batch_sizes_equal<Batch, TargetBatch>,
                  "ctnn::fit: the inputs and the targets hold different numbers of samples (the "
                  "requirement names both)");
    static_assert(Batch > 0, "ctnn::fit needs at least one training sample: std::array<X, 0> is "
                             "an empty training set");
    static_assert(ctnn::optimizer<Optimizer, Net>,
                  "ctnn::fit: the optimiser does not model ctnn::optimizer for this network (see "
                  "ctnn/optimizer.hpp: learning_rate, state<Net>, step(net, grad, state, rate))");
    using T = typename Net::scalar_type;
    if constexpr (Batch != TargetBatch) {
        return training_result<T>{}; // not reached: the static_assert above failed
    }
    else {
        gradient<Net> grad;
        typename Net::template workspace_type<Batch> ws;
        // The optimiser's state lives for this call (fresh, as a new optimiser's is); undo holds
        // what the current update overwrote.
        optimizer_state<Optimizer, Net> state{};
        undo_record<Optimizer, Net> undo{};
        const T rate = static_cast<T>(optimizer.learning_rate);
        training_result<T> result{};
        // Counted by the epochs done, which stay below `epochs` inside the loop, so
        // epoch = done + 1 cannot wrap (a loop to `epoch <= epochs` would never end for
        // epochs == SIZE_MAX).
        for (std::size_t done = 0; done < epochs; ++done) {
            const std::size_t epoch = done + 1;
            result.loss = net.backprop(inputs, targets, grad, ws, loss_fn);
            // An update can overflow even from a finite gradient (an absurd rate): checked_step
            // keeps it only if the gradient and everything it wrote are finite, and puts the
            // weights and the state back otherwise.
            if (!detail::is_finite(result.loss) ||
                !detail::checked_step(optimizer, net, grad, state, rate, undo)) {
                result.stop = training_stop::non_finite;
                result.stop_epoch = epoch;
                result.stop_batch = 1; // the epoch's one batch
                return result;
            }
            net.update_running_state(ws, Batch); // batch statistics, once the step is kept
            result.epochs = epoch;
            if (detail::call_back(callback, epoch_report<T>{epoch, result.loss}) == control::stop) {
                result.stop = training_stop::callback;
                result.stop_epoch = epoch;
                return result;
            }
        }
        return result;
    }
}

} // namespace ctnn
