// ctnn/training/result.hpp: what a training run reports, the same for ctnn::fit and a
// ctnn::trainer's fit(): how many epochs ran, the loss, and why training stopped where it did.
#pragma once

#include <cstddef>

namespace ctnn {

// Why training stopped. fit() (full batch) never sees empty_dataset: its batch is a std::array,
// and an empty one does not compile.
enum class training_stop {
    none,          // every epoch asked for ran
    callback,      // a callback answered control::stop
    non_finite,    // a loss or gradient was NaN or infinite, or the update made a weight or the
                   // optimiser's state so: that update was not applied (weights and state are
                   // as the last finite update left them)
    empty_dataset, // the training set, or the validation set, has no samples: nothing ran
};

template <class T>
struct training_result {
    std::size_t epochs = 0;    // epochs completed (their updates applied) by this call
    T loss = 0;                // the trainer: the last completed epoch's training loss; fit: the
                               // last loss measured (on a non_finite stop, the one refused)
    training_stop stop = training_stop::none;
    std::size_t stop_epoch = 0; // where training stopped early (epoch, and batch within it;
    std::size_t stop_batch = 0; // 0 when it stopped at an epoch's end; both 0 for empty_dataset)

    constexpr bool completed() const noexcept { return stop == training_stop::none; }
};

} // namespace ctnn
