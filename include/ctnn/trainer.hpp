// ctnn/trainer.hpp: minibatch training on a dataset (`trainer`), evaluation (`evaluate`,
// `confusion_matrix`), early stopping (`early_stopping`) and callbacks.
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
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <ostream>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

#include <ctnn/dataset.hpp>
#include <ctnn/detail/static_checks.hpp>
#include <ctnn/loss.hpp>
#include <ctnn/network.hpp>
#include <ctnn/optimizer.hpp>
#include <ctnn/parameters.hpp>
#include <ctnn/schedule.hpp>
#include <ctnn/shuffle.hpp>
#include <ctnn/train.hpp>

namespace ctnn {

// A network's loss and accuracy over a dataset. The loss is the dataset's loss as the loss type
// defines it (a mean over samples for mean losses, a sum for half_sum_squares). Accuracy counts
// a sample right when its predicted class (the largest output; for one output, >= 0.5) is its
// label.
template <class T>
struct evaluation {
    T loss = 0;
    double accuracy = 0;
    std::size_t samples = 0;
};

// Counts of (actual class, predicted class) pairs: counts[actual][predicted].
template <std::size_t Classes>
struct confusion_matrix {
    std::array<std::array<std::size_t, Classes>, Classes> counts{};

    constexpr void add(std::size_t actual, std::size_t predicted) noexcept
    {
        ++counts[actual][predicted];
    }
    constexpr std::size_t total() const noexcept
    {
        std::size_t n = 0;
        for (const auto& row : counts)
            for (const std::size_t c : row)
                n += c;
        return n;
    }
    constexpr std::size_t correct() const noexcept
    {
        std::size_t n = 0;
        for (std::size_t c = 0; c < Classes; ++c)
            n += counts[c][c];
        return n;
    }
    constexpr double accuracy() const noexcept
    {
        const std::size_t n = total();
        return n == 0 ? 0.0 : static_cast<double>(correct()) / static_cast<double>(n);
    }
    // Of the samples of class c, the fraction predicted c (0 when there are none).
    constexpr double recall(std::size_t c) const noexcept
    {
        std::size_t n = 0;
        for (std::size_t p = 0; p < Classes; ++p)
            n += counts[c][p];
        return n == 0 ? 0.0 : static_cast<double>(counts[c][c]) / static_cast<double>(n);
    }
    // Of the samples predicted c, the fraction that are c (0 when there are none).
    constexpr double precision(std::size_t c) const noexcept
    {
        std::size_t n = 0;
        for (std::size_t a = 0; a < Classes; ++a)
            n += counts[a][c];
        return n == 0 ? 0.0 : static_cast<double>(counts[c][c]) / static_cast<double>(n);
    }

    // Rows are actual classes, columns predicted ones.
    friend std::ostream& operator<<(std::ostream& os, const confusion_matrix& m)
    {
        os << "actual \\ predicted";
        for (std::size_t p = 0; p < Classes; ++p)
            os << '\t' << p;
        for (std::size_t a = 0; a < Classes; ++a) {
            os << '\n' << a;
            for (std::size_t p = 0; p < Classes; ++p)
                os << '\t' << m.counts[a][p];
        }
        return os << '\n';
    }
};

// The number of classes a network's outputs stand for: its output count, or 2 for one output.
template <class Net>
inline constexpr std::size_t class_count = classes_of_width(Net::output_size);

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
    std::size_t epochs = 0;    // epochs completed by this fit() call
    T loss = 0;                // the last completed epoch's training loss
    training_stop stop = training_stop::none;
    std::size_t stop_epoch = 0; // where training stopped early (epoch, and batch within it;
    std::size_t stop_batch = 0; // 0 when it stopped at an epoch's end; both 0 for empty_dataset)

    constexpr bool completed() const noexcept { return stop == training_stop::none; }
};

struct training_options {
    std::uint64_t seed = 0;   // the shuffling seed: the same seed gives the same run
    bool shuffle = true;      // false visits samples in their stored order
};

namespace detail {

template <class Callback, class Report>
constexpr control call_back(Callback& callback, const Report& report)
{
    if constexpr (std::is_same_v<std::invoke_result_t<Callback&, const Report&>, control>)
        return callback(report);
    else {
        callback(report);
        return control::proceed;
    }
}

template <class Net, class Data>
consteval bool check_dataset()
{
    static_assert(scalar_type_expected_got<typename Net::scalar_type, typename Data::scalar_type>,
                  "ctnn: the dataset's scalar type differs from the network's");
    static_assert(input_width_expected_got<Net::input_size, Data::input_size>,
                  "ctnn: the dataset's input width does not match the network's input_size (the "
                  "requirement names expected and given widths)");
    static_assert(target_width_expected_got<Net::output_size, Data::output_size>,
                  "ctnn: the dataset's target width does not match the network's output_size "
                  "(the requirement names expected and given widths)");
    return true;
}

template <class Net, class Data>
inline constexpr bool dataset_fits =
    std::is_same_v<typename Net::scalar_type, typename Data::scalar_type> &&
    Net::input_size == Data::input_size && Net::output_size == Data::output_size;

// Copies samples order(first) .. order(first + rows - 1) into the workspace's rows.
template <class Net, std::size_t Batch, class Data, class Order>
constexpr void load_batch(workspace<Net, Batch>& ws, const Data& data, const Order& order,
                          std::size_t first, std::size_t rows) noexcept
{
    for (std::size_t r = 0; r < rows; ++r) {
        const std::size_t s = order(first + r);
        const auto& x = data.input(s);
        auto in = ws.input(r);
        for (std::size_t i = 0; i < Net::input_size; ++i)
            in[i] = x[i];
        data.target(s, ws.target(r));
    }
}

struct identity_order {
    constexpr std::size_t operator()(std::size_t k) const noexcept { return k; }
};

// The forward pass over data in stored order, Batch rows at a time (the last pass takes the
// remainder); visit(first, rows) reads each pass's results from the workspace.
template <class Net, std::size_t Batch, class Data, class Visit>
constexpr void forward_in_batches(const Net& net, const Data& data, workspace<Net, Batch>& ws,
                                  Visit&& visit) noexcept
{
    for (std::size_t first = 0; first < data.size(); first += Batch) {
        const std::size_t rows = data.size() - first < Batch ? data.size() - first : Batch;
        load_batch(ws, data, identity_order{}, first, rows);
        net.forward(ws, rows);
        visit(first, rows);
    }
}

// Combines one minibatch loss into a dataset loss: mean losses are weighted by their rows.
template <class Loss, class T>
constexpr T weigh(T batch_loss, std::size_t rows) noexcept
{
    if constexpr (Loss::reduction == reduction::mean)
        return batch_loss * static_cast<T>(rows);
    else
        return batch_loss;
}
template <class Loss, class T>
constexpr T finish(T total, std::size_t samples) noexcept
{
    if constexpr (Loss::reduction == reduction::mean)
        return samples == 0 ? T(0) : total / static_cast<T>(samples);
    else
        return total;
}

} // namespace detail

// The loss and accuracy of net over data, forward passes only, in batches of Batch rows through
// the given workspace (or one made on the stack). Over an empty dataset nothing is measured: the
// result has samples == 0, loss 0 and accuracy 0 (no NaN), so check samples before trusting it.
template <class Loss, class Net, std::size_t Batch, class Data>
constexpr evaluation<typename Net::scalar_type> evaluate(const Net& net, const Data& data,
                                                         workspace<Net, Batch>& ws,
                                                         Loss = {}) noexcept
{
    static_assert(detail::check_dataset<Net, Data>());
    using T = typename Net::scalar_type;
    evaluation<T> result;
    if constexpr (detail::dataset_fits<Net, Data>) {
        T total = 0;
        std::size_t right = 0;
        detail::forward_in_batches(net, data, ws, [&](std::size_t first, std::size_t rows) {
            total += detail::weigh<Loss>(
                Loss::template value<Net::output_size>(ws.outputs(rows), ws.targets(rows), rows),
                rows);
            for (std::size_t r = 0; r < rows; ++r)
                if (predicted_class(ws.output(r)) == data.label(first + r))
                    ++right;
        });
        result.samples = data.size();
        result.loss = detail::finish<Loss>(total, data.size());
        result.accuracy = data.size() == 0
                              ? 0.0
                              : static_cast<double>(right) / static_cast<double>(data.size());
    }
    return result;
}

template <class Loss, std::size_t Batch = 32, class Net, class Data>
constexpr evaluation<typename Net::scalar_type> evaluate(const Net& net, const Data& data,
                                                         Loss loss = {}) noexcept
{
    workspace<Net, Batch> ws;
    return evaluate(net, data, ws, loss);
}

// The confusion matrix of net's predictions over data.
template <class Net, std::size_t Batch, class Data>
constexpr confusion_matrix<class_count<Net>> confusion(const Net& net, const Data& data,
                                                       workspace<Net, Batch>& ws) noexcept
{
    static_assert(detail::check_dataset<Net, Data>());
    confusion_matrix<class_count<Net>> matrix;
    if constexpr (detail::dataset_fits<Net, Data>) {
        detail::forward_in_batches(net, data, ws, [&](std::size_t first, std::size_t rows) {
            for (std::size_t r = 0; r < rows; ++r)
                matrix.add(data.label(first + r), predicted_class(ws.output(r)));
        });
    }
    return matrix;
}

template <std::size_t Batch = 32, class Net, class Data>
constexpr confusion_matrix<class_count<Net>> confusion(const Net& net, const Data& data) noexcept
{
    workspace<Net, Batch> ws;
    return confusion(net, data, ws);
}

// Minibatch training of networks of type Net with loss Loss, optimiser Optimizer (any
// ctnn::optimizer), Batch samples a step and a learning-rate Schedule. See the
// top of this header. The optimiser's state and the epoch count carry over from one fit() call to
// the next, so fit(net, data, 5) twice is fit(net, data, 10); reset() starts afresh.
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
          class Schedule = constant_rate>
class trainer {
    static_assert(Batch > 0, "ctnn::trainer: the batch size must be at least 1");

public:
    using network_type = Net;
    using scalar_type = typename Net::scalar_type;
    using loss_type = Loss;
    using optimizer_type = Optimizer;
    using schedule_type = Schedule;
    using state_type = optimizer_state<Optimizer, Net>;
    using report_type = training_report<Net>;
    using result_type = training_result<scalar_type>;
    static constexpr std::size_t batch_size = Batch;

    constexpr trainer() = default;
    constexpr explicit trainer(Optimizer optimizer, Schedule schedule = {},
                               training_options options = {}) noexcept
        : optimizer_(optimizer), schedule_(schedule), options_(options)
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
    using clock = std::chrono::steady_clock;

    static double seconds_between(clock::time_point start, clock::time_point end) noexcept
    {
        return std::chrono::duration<double>(end - start).count();
    }

    template <class Data, class Callback>
    result_type run(Net& net, const Data& data, const Data* validation, std::size_t epochs,
                    Callback& callback)
    {
        static_assert(detail::check_dataset<Net, Data>());
        result_type result;
        if constexpr (detail::dataset_fits<Net, Data>) {
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
            const auto start = clock::now();
            while (epochs_done_ < last_epoch) {
                const std::size_t epoch = epochs_done_ + 1;
                const double rate =
                    static_cast<double>(optimizer_.learning_rate) * schedule_.factor(epoch - 1);
                const permutation shuffled(n, options_.seed, epoch);
                const bool shuffle = options_.shuffle;
                const auto order = [&](std::size_t k) {
                    return shuffle ? static_cast<std::size_t>(shuffled[k]) : k;
                };
                const auto epoch_start = clock::now();
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
                    const auto now = clock::now();
                    report.seconds = seconds_between(start, now);
                    report.epoch_seconds = seconds_between(epoch_start, now);
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
                report.epoch_seconds = seconds_between(epoch_start, clock::now());
                if (validation != nullptr) {
                    report.has_validation = true;
                    report.validation = evaluate(net, *validation);
                }
                report.seconds = seconds_between(start, clock::now());
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
template <class Net>
class early_stopping {
public:
    enum class monitor { validation_loss, validation_accuracy };
    struct settings {
        std::size_t patience = 5;  // epochs without improvement before stopping
        double min_delta = 0;      // an improvement must exceed this
        monitor watch = monitor::validation_loss;
    };

    constexpr early_stopping() = default;
    constexpr explicit early_stopping(settings s) noexcept : settings_(s) {}

    constexpr control operator()(const training_report<Net>& report) noexcept
    {
        if (report.event != training_event::epoch_end || !report.has_validation)
            return control::proceed;
        const double value = settings_.watch == monitor::validation_loss
                                 ? -static_cast<double>(report.validation.loss)
                                 : report.validation.accuracy;
        if (best_epoch_ == 0 || value > best_ + settings_.min_delta) {
            best_ = value;
            best_epoch_ = report.epoch;
            best_weights_ = *report.network; // the network's parameters, nothing else
            return control::proceed;
        }
        if (report.epoch - best_epoch_ >= settings_.patience) {
            stopped_epoch_ = report.epoch;
            return control::stop;
        }
        return control::proceed;
    }

    // Puts the best weights seen back into net; false (and net untouched) if none were seen.
    constexpr bool restore(Net& net) const noexcept
    {
        if (best_epoch_ == 0)
            return false;
        static_cast<parameters<Net>&>(net) = best_weights_;
        return true;
    }

    constexpr std::size_t best_epoch() const noexcept { return best_epoch_; }
    // The best validation loss (or accuracy) seen.
    constexpr double best_value() const noexcept
    {
        return settings_.watch == monitor::validation_loss ? -best_ : best_;
    }
    constexpr std::size_t stopped_epoch() const noexcept { return stopped_epoch_; } // 0: not
    constexpr const parameters<Net>& best_weights() const noexcept { return best_weights_; }

private:
    settings settings_{};
    double best_ = 0;
    std::size_t best_epoch_ = 0;
    std::size_t stopped_epoch_ = 0;
    parameters<Net> best_weights_{};
};

// Several callbacks as one: each sees every report, in order; training stops if any says so.
//   train.fit(net, data, validation, 100, ctnn::callbacks(stopper, progress, my_log));
template <class... Callbacks>
constexpr auto callbacks(Callbacks&... each) noexcept
{
    return [&each...](const auto& report) {
        bool stop = false;
        ((stop = (detail::call_back(each, report) == control::stop) || stop), ...);
        return stop ? control::stop : control::proceed;
    };
}

} // namespace ctnn
