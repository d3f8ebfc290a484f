// ctnn/training/trainer.hpp: minibatch training on a dataset (`trainer`).
//
//   using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<4>,
//                                  ctnn::dense<8, ctnn::relu>, ctnn::dense<3, ctnn::softmax>>;
//   net_t net;
//   ctnn::initialize(net, ctnn::he_normal{}, 42);
//   ctnn::trainer<net_t, ctnn::categorical_cross_entropy, ctnn::adam, 16> train(
//       ctnn::adam{.learning_rate = 0.01});
//   auto result = train.fit(net, train_data, 100);               // 100 epochs
//   auto test = train.evaluate(net, test_data);                  // test.loss, test.accuracy
//
// A trainer holds everything a training step touches besides the network: the gradient, the
// optimiser's state, copies of the weights and of the state from before the current step (to
// undo a step that overflows) and the scratch workspace for one minibatch, all inline, so that
// training never allocates. Its size grows with the network (Adam's state is twice the
// network's, and is kept twice), so a large one belongs in static storage or in memory the user
// allocates once:
//   static trainer_t train;                    or    auto train = std::make_unique<trainer_t>();
//
// Each epoch visits every sample once in a fresh pseudo-random order (ctnn::permutation, from
// the seed and the epoch number: reproducible, and the same with every compiler), in minibatches
// of Batch samples and a last, smaller one when Batch does not divide the dataset's size.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

#include <ctnn/dataset.hpp>
#include <ctnn/loss.hpp>
#include <ctnn/network.hpp>
#include <ctnn/optimizer.hpp>
#include <ctnn/parameters.hpp>
#include <ctnn/schedule.hpp>
#include <ctnn/shuffle.hpp>
#include <ctnn/training/callback.hpp>
#include <ctnn/training/clock.hpp>
#include <ctnn/training/evaluation.hpp>
#include <ctnn/training/result.hpp>

namespace ctnn {

// When a training callback is called: after every minibatch, and after every epoch (once the
// validation set, if any, is evaluated).
enum class training_event { batch_end, epoch_end };

// What a training callback sees.
template <class Net>
struct training_report {
    using scalar_type = typename Net::scalar_type;

    training_event event;
    std::size_t epoch;          // 1 for the first epoch the trainer ever ran
    std::size_t epochs;         // the last epoch this fit() call will run
    std::size_t batch;          // minibatches done in this epoch (batches at epoch_end)
    std::size_t batches;        // minibatches per epoch
    std::size_t samples;        // samples done in this epoch
    std::size_t dataset_size;   // samples per epoch
    scalar_type batch_loss;     // the last minibatch's loss, before its update
    scalar_type loss;           // this epoch's loss so far, over its samples so far
    double accuracy;            // this epoch's training accuracy so far
    double learning_rate;       // the rate of this epoch's updates (after the schedule)
    double seconds;             // since this fit() call began (validation included)
    double epoch_seconds;       // this epoch's training so far (validation not included)
    bool has_validation;        // true at epoch_end when fit() was given a validation set
    evaluation<scalar_type> validation;
    const Net* network;         // the network being trained (after this batch's update)
};

struct training_options {
    std::uint64_t seed = 0;   // shuffling and dropout's masks: the same seed, the same run
    bool shuffle = true;      // false visits samples in their stored order
};

// Minibatch training of networks of type Net with loss Loss, optimiser Optimizer (any
// ctnn::optimizer), Batch samples a step, a learning-rate Schedule and a Clock for the reports'
// elapsed times (ctnn/training/clock.hpp: no_clock reports 0 s). See the top of this header. The
// optimiser's state and the epoch count carry over from one fit() call to the next, so
// fit(net, data, 5) twice is fit(net, data, 10); reset() starts afresh.
//
// What fit() reports instead of failing silently (result.stop; fit() itself never throws):
//  * empty_dataset: the training set (or the validation set given) has no samples. Nothing runs,
//    no callback is called, the network and the trainer are untouched.
//  * non_finite: a minibatch's loss or gradient is NaN or infinite, or the update leaves a
//    weight, or the optimiser's state (Adam's moments, the momentum velocity), NaN or infinite.
//    The update is undone, weights and state alike, so the network and the trainer are exactly
//    as the last finite update left them and a later fit() continues as if the rejected update
//    had never been tried. stop_epoch and stop_batch say where. The undo record (the weights and
//    the state before the update) is held inline; a built-in optimiser fills it in the same pass
//    that updates and checks (detail::checked_step), a user's optimiser without a rule by a copy
//    before the step and a check after it.
//  * The epoch count cannot wrap: epochs asked for beyond SIZE_MAX - epochs_done() are cut to
//    SIZE_MAX - epochs_done(), so fit(net, data, SIZE_MAX) trains until a callback stops it.
template <class Net, class Loss, class Optimizer, std::size_t Batch,
          class Schedule = constant_rate, class Clock = default_clock>
class trainer {
    static_assert(Batch > 0, "ctnn::trainer: the batch size must be at least 1");

public:
    using network_type = Net;
    using scalar_type = typename Net::scalar_type;
    using loss_type = Loss;
    using optimizer_type = Optimizer;
    using schedule_type = Schedule;
    using clock_type = Clock;
    using state_type = optimizer_state<Optimizer, Net>;
    using report_type = training_report<Net>;
    using result_type = training_result<scalar_type>;
    static constexpr std::size_t batch_size = Batch;

    constexpr trainer() = default;
    constexpr explicit trainer(Optimizer optimizer, Schedule schedule = {},
                               training_options options = {}) noexcept
        : optimizer_(optimizer), schedule_(schedule), options_(options)
    {
        workspace_.seed(options.seed); // dropout's masks: the same seed, the same run
    }
    // The options without naming the schedule before them: trainer_t t(opt, {.seed = 7}). A
    // template, so that trainer_t t(opt, {}) still means the default schedule (a non-template
    // wins a tie).
    template <class Options = training_options>
        requires std::same_as<Options, training_options>
    constexpr trainer(Optimizer optimizer, Options options) noexcept
        : trainer(optimizer, Schedule{}, options)
    {
    }

    // Trains for `epochs` more epochs on data. callback(const training_report<Net>&) runs after
    // every minibatch and every epoch, and may return control::stop. Keeps no update whose loss,
    // gradient, new weights or new optimiser state are not finite (the network and the state
    // keep their last finite values), and says where in the result; an empty dataset is reported
    // as training_stop::empty_dataset.
    template <class Data, class Callback = detail::no_callback>
    result_type fit(Net& net, const Data& data, std::size_t epochs, Callback&& callback = {})
    {
        return run(net, data, static_cast<const Data*>(nullptr), epochs, callback);
    }

    // The same, evaluating the validation set after every epoch (report.validation).
    template <class Data, class Callback = detail::no_callback>
    result_type fit(Net& net, const Data& data, const Data& validation, std::size_t epochs,
                    Callback&& callback = {})
    {
        return run(net, data, &validation, epochs, callback);
    }

    template <class Data>
    constexpr evaluation<scalar_type> evaluate(const Net& net, const Data& data) noexcept
    {
        return ctnn::evaluate<Loss>(net, data, workspace_);
    }

    template <class Data>
    constexpr confusion_matrix<class_count<Net>> confusion(const Net& net,
                                                           const Data& data) noexcept
    {
        return ctnn::confusion(net, data, workspace_);
    }

    // Epochs run so far, over every fit() call since construction or reset().
    constexpr std::size_t epochs_done() const noexcept { return epochs_done_; }
    constexpr const Optimizer& optimizer() const noexcept { return optimizer_; }
    constexpr const state_type& state() const noexcept { return state_; }
    constexpr const training_options& options() const noexcept { return options_; }

    // Forgets the optimiser's state and the epoch count.
    constexpr void reset() noexcept
    {
        state_ = state_type{};
        epochs_done_ = 0;
    }

private:
    template <class Data, class Callback>
    result_type run(Net& net, const Data& data, const Data* validation, std::size_t epochs,
                    Callback& callback)
    {
        static_assert(detail::check_dataset<Net, Data>());
        constexpr bool clock_defined = requires { Clock::now(); };
        static_assert(clock_defined,
                      "ctnn::trainer: its clock is ctnn::steady_clock by default on a hosted "
                      "target, and it is not defined here: include "
                      "<ctnn/training/steady_clock.hpp> (or <ctnn/trainer.hpp>), or give the "
                      "trainer ctnn::no_clock as its sixth template argument");
        result_type result;
        if constexpr (detail::dataset_fits<Net, Data> && clock_defined) { // one error, above
            using T = scalar_type;
            const std::size_t n = data.size();
            // An empty set would "complete" every epoch with loss 0 and no callback, and an
            // empty validation set would report loss 0, the best possible, after every epoch.
            if (n == 0 || (validation != nullptr && validation->empty())) {
                result.stop = training_stop::empty_dataset;
                return result;
            }
            const std::size_t batches = n / Batch + (n % Batch != 0 ? 1 : 0);
            // epochs_done_ + epochs, saturated at SIZE_MAX instead of wrapping (a wrapped sum
            // would be below epochs_done_, and fit(net, data, SIZE_MAX) would train nothing).
            constexpr std::size_t most = std::numeric_limits<std::size_t>::max();
            const std::size_t last_epoch =
                epochs <= most - epochs_done_ ? epochs_done_ + epochs : most;
            const auto start = Clock::now();
            while (epochs_done_ < last_epoch) {
                const std::size_t epoch = epochs_done_ + 1;
                const double rate =
                    static_cast<double>(optimizer_.learning_rate) * schedule_.factor(epoch - 1);
                const permutation shuffled(n, options_.seed, epoch);
                const bool shuffle = options_.shuffle;
                const auto order = [&](std::size_t k) {
                    return shuffle ? static_cast<std::size_t>(shuffled[k]) : k;
                };
                const auto epoch_start = Clock::now();
                T total = 0;
                std::size_t right = 0;
                report_type report{};
                report.epoch = epoch;
                report.epochs = last_epoch;
                report.batches = batches;
                report.dataset_size = n;
                report.learning_rate = rate;
                report.network = &net;
                for (std::size_t b = 0; b < batches; ++b) {
                    const std::size_t first = b * Batch;
                    const std::size_t rows = n - first < Batch ? n - first : Batch;
                    detail::load_batch(workspace_, data, order, first, rows);
                    const T batch_loss = net.backprop(workspace_, rows, gradient_, Loss{});
                    // An update can overflow even from a finite gradient (an absurd rate), in
                    // the weights or in the state (Adam's v from a gradient above ~5.8e20 in
                    // float, which then freezes the weight): checked_step keeps the step only if
                    // the gradient and everything it wrote are finite, and puts back the weights
                    // and the state otherwise.
                    if (!detail::is_finite(batch_loss) ||
                        !detail::checked_step(optimizer_, net, gradient_, state_,
                                              static_cast<T>(rate), undo_)) {
                        result.stop = training_stop::non_finite;
                        result.stop_epoch = epoch;
                        result.stop_batch = b + 1;
                        return result;
                    }
                    net.update_running_state(workspace_, rows); // once the step is kept
                    total += detail::weigh<Loss>(batch_loss, rows);
                    for (std::size_t r = 0; r < rows; ++r)
                        if (predicted_class(workspace_.output(r)) == data.label(order(first + r)))
                            ++right;
                    report.event = training_event::batch_end;
                    report.batch = b + 1;
                    report.samples = first + rows;
                    report.batch_loss = batch_loss;
                    report.loss = detail::finish<Loss>(total, first + rows);
                    report.accuracy =
                        static_cast<double>(right) / static_cast<double>(first + rows);
                    const auto now = Clock::now();
                    report.seconds = Clock::seconds_between(start, now);
                    report.epoch_seconds = Clock::seconds_between(epoch_start, now);
                    if (detail::call_back(callback, std::as_const(report)) == control::stop) {
                        result.stop = training_stop::callback;
                        result.stop_epoch = epoch;
                        result.stop_batch = b + 1;
                        return result;
                    }
                }
                epochs_done_ = epoch;
                ++result.epochs;
                result.loss = report.loss;
                report.event = training_event::epoch_end;
                report.epoch_seconds = Clock::seconds_between(epoch_start, Clock::now());
                if (validation != nullptr) {
                    report.has_validation = true;
                    report.validation = evaluate(net, *validation);
                }
                report.seconds = Clock::seconds_between(start, Clock::now());
                if (detail::call_back(callback, std::as_const(report)) == control::stop) {
                    result.stop = training_stop::callback;
                    result.stop_epoch = epoch;
                    return result;
                }
            }
        }
        return result;
    }

    Optimizer optimizer_{};
    Schedule schedule_{};
    training_options options_{};
    std::size_t epochs_done_ = 0;
    gradient<Net> gradient_{};
    state_type state_{};
    workspace<Net, Batch> workspace_;
    undo_record<Optimizer, Net> undo_{}; // what the current update overwrote
};

// Stops training when the validation loss (or accuracy) has not improved for `patience` epochs,
// keeping a copy of the best weights seen, which restore() puts back. It lives inline like
// everything else (its copy is as large as the network). Use it as, or within, a trainer's
// callback; it acts on epoch_end reports that carry a validation evaluation.
//
//   ctnn::early_stopping<net_t> stopper{{.patience = 5}};
//   train.fit(net, training, validation, 200, stopper);
//   stopper.restore(net);

} // namespace ctnn
