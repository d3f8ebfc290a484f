// Issue 10, items 4-6: mistakes and numerical failures in training are reported, never hidden.
//
//  * dataset::subset(first, count) past the end throws std::invalid_argument (it was a view past
//    the end of the user's memory, and evaluate() read it: a heap-buffer-overflow under ASan).
//  * A rejected update leaves no trace: the trainer puts back the optimiser's state (Adam's step
//    count and moments, the momentum velocity) as well as the weights, so a later fit() is the
//    run in which the update was never tried.
//  * An empty training or validation set is training_stop::empty_dataset, not a completed run
//    with loss 0; an update that makes the optimiser's state non-finite (Adam's v from an input
//    of 1e21) stops training like a non-finite weight; the epoch count cannot wrap.
#include <catch2/catch.hpp>

#include <ctnn/ctnn.hpp>
#include <ctnn/trainer.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <vector>

#include "../support/optimizer_checks.hpp"

using optimizer_checks::same_state;
using optimizer_checks::state_finite;

namespace {

using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<2>, ctnn::dense<4, ctnn::relu>,
                               ctnn::dense<2, ctnn::softmax>>;
using data_t = ctnn::dataset_for<net_t>;

// Twelve labelled samples, or as many as asked.
struct samples {
    std::vector<std::array<float, 2>> x;
    std::vector<std::size_t> labels;
    explicit samples(std::size_t count = 12)
    {
        for (std::size_t s = 0; s < count; ++s) {
            x.push_back({static_cast<float>(s % 3) - 1.0f, static_cast<float>(s % 2)});
            labels.push_back(s % 2);
        }
    }
    data_t data() const { return data_t(x, labels); }
};

net_t start_net()
{
    net_t net;
    ctnn::initialize(net, ctnn::he_normal{}, 3);
    return net;
}

template <class P>
bool same_bits(const P& a, const P& b)
{
    return std::memcmp(a.values().data(), b.values().data(),
                       a.values().size() * sizeof(a.values()[0])) == 0;
}

template <class P>
bool all_finite(const P& p)
{
    for (const auto w : p.values())
        if (!std::isfinite(w))
            return false;
    return true;
}

// A learning-rate schedule that, while *armed is true, makes every update overflow whatever the
// gradient (an infinite rate): a stand-in for any finite-gradient update that is rejected.
struct spike {
    const bool* armed;
    double factor(std::size_t /*epoch*/) const noexcept
    {
        return *armed ? std::numeric_limits<double>::infinity() : 1.0;
    }
};

} // namespace

// ---------------------------------------------------------------------------------------------
// Item 4

TEST_CASE("dataset::subset refuses samples past the end", "[dataset][subset]")
{
    const samples s(53);
    const data_t data = s.data();
    CHECK(data.subset(40, 13).size() == 13);
    CHECK(data.subset(40, 13).input(12) == s.x[52]);
    CHECK(data.subset(53, 0).empty()); // an empty subset at the end is still a subset
    // Found by ASan: subset(40, 20) of 53 samples was a view of 7 samples past the end, which
    // evaluate() then read.
    CHECK_THROWS_WITH(data.subset(40, 20),
                      "ctnn::dataset::subset(40, 20): the dataset has 53 samples, so first + "
                      "count must be at most 53");
    CHECK_THROWS_AS(data.subset(40, 20), std::invalid_argument);
    CHECK_THROWS_AS(data.subset(54, 0), std::invalid_argument);
    CHECK_THROWS_AS(data.subset(0, 54), std::invalid_argument);
    // first + count wraps to 0: refused all the same.
    CHECK_THROWS_AS(data.subset(1, std::numeric_limits<std::size_t>::max()),
                    std::invalid_argument);
    // The same with explicit target rows.
    const std::vector<std::array<float, 2>> rows(53, std::array<float, 2>{1, 0});
    const data_t with_rows(s.x, rows);
    CHECK(with_rows.subset(50, 3).size() == 3);
    CHECK_THROWS_AS(with_rows.subset(50, 4), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Item 5

TEMPLATE_TEST_CASE("trainer: a rejected update leaves no trace in the optimiser's state",
                   "[trainer][undo]", ctnn::momentum, ctnn::nesterov, ctnn::adam, ctnn::adamw,
                   ctnn::rmsprop, ctnn::adagrad)
{
    using trainer_t = ctnn::trainer<net_t, ctnn::categorical_cross_entropy, TestType, 4, spike>;
    const samples s;
    bool armed = false;
    const TestType optimizer{.learning_rate = 0.05};

    // Two epochs, then an epoch whose first update overflows, then two more epochs.
    net_t net = start_net();
    trainer_t train(optimizer, spike{&armed}, {.seed = 7});
    REQUIRE(train.fit(net, s.data(), 2).completed());
    const net_t after_two = net;
    const auto state_after_two = train.state();
    armed = true;
    const auto rejected = train.fit(net, s.data(), 1);
    armed = false;
    REQUIRE(rejected.stop == ctnn::training_stop::non_finite);
    CHECK(rejected.stop_epoch == 3);
    CHECK(rejected.stop_batch == 1);
    CHECK(train.epochs_done() == 2);
    CHECK(same_bits(net, after_two));
    // Before the fix only the weights were put back: Adam's step count was one ahead and its
    // moments, like the momentum velocity, held the rejected step's gradient.
    CHECK(same_state(train.state(), state_after_two));
    REQUIRE(train.fit(net, s.data(), 2).completed());

    // The run in which the rejected update was never tried: the same bits.
    net_t reference = start_net();
    trainer_t never(optimizer, spike{&armed}, {.seed = 7});
    REQUIRE(never.fit(reference, s.data(), 4).completed());
    CHECK(train.epochs_done() == 4);
    CHECK(same_state(train.state(), never.state()));
    CHECK(same_bits(net, reference));
}

// ---------------------------------------------------------------------------------------------
// Item 6

TEST_CASE("trainer: an empty training or validation set is an error, not a completed run",
          "[trainer][empty]")
{
    const samples s;
    const data_t data = s.data();
    const data_t empty = data.subset(12, 0);
    net_t net = start_net();
    const net_t before = net;
    ctnn::trainer<net_t, ctnn::categorical_cross_entropy, ctnn::adam, 4> train(
        ctnn::adam{.learning_rate = 0.01});
    std::size_t reports = 0;
    const auto count = [&](const ctnn::training_report<net_t>&) { ++reports; };

    // Before the fix each was stop == none, completed(): an empty training set ran no epoch and
    // called no callback; beside an empty validation set, 5 epochs ran and each was "validated"
    // with loss 0.
    for (const auto& result : {train.fit(net, empty, 5, count), train.fit(net, data_t{}, 5),
                               train.fit(net, data, empty, 5, count),
                               train.fit(net, empty, data, 5, count)}) {
        CHECK(result.stop == ctnn::training_stop::empty_dataset);
        CHECK(!result.completed());
        CHECK(result.epochs == 0);
        CHECK(result.stop_epoch == 0);
        CHECK(result.stop_batch == 0);
    }
    CHECK(reports == 0);
    CHECK(train.epochs_done() == 0);
    CHECK(train.state().step_count == 0);
    CHECK(same_bits(net, before));

    // Evaluation over nothing measures nothing, and says so with samples == 0 (no NaN).
    const auto e = train.evaluate(net, empty);
    CHECK(e.samples == 0);
    CHECK(e.loss == 0.0f);
    CHECK(e.accuracy == 0.0);
    CHECK(train.confusion(net, empty).total() == 0);
}

TEST_CASE("trainer: an input of 1e21 that makes Adam's second moment infinite stops training",
          "[trainer][non_finite]")
{
    // Sample 9, in minibatch 5 of 6 in stored order: its largest weight gradient is about 8e20,
    // finite in float, but (1 - beta2) g^2 is about 7e38, above FLT_MAX, so v becomes +inf. Before the fix the update was kept
    // (the weights stay finite: m / sqrt(inf) is 0), the weights fed by the big input froze for
    // the rest of the run, and the run reported completed().
    samples s;
    s.x[9] = {1e21f, 1.0f};
    net_t net = start_net();
    using trainer_t = ctnn::trainer<net_t, ctnn::categorical_cross_entropy, ctnn::adam, 2>;
    trainer_t train(ctnn::adam{.learning_rate = 0.01}, {}, {.shuffle = false});
    net_t last_weights = net;
    ctnn::optimizer_state<ctnn::adam, net_t> last_state;
    std::size_t batches_seen = 0;
    const auto result = train.fit(net, s.data(), 3, [&](const ctnn::training_report<net_t>& r) {
        if (r.event == ctnn::training_event::batch_end) {
            last_weights = *r.network;
            last_state = train.state();
            ++batches_seen;
        }
    });
    CHECK(result.stop == ctnn::training_stop::non_finite);
    CHECK(result.stop_epoch == 1);
    CHECK(result.stop_batch == 5);
    CHECK(batches_seen == 4);
    CHECK(train.state().step_count == 4);
    CHECK(state_finite(train.state()));
    CHECK(same_state(train.state(), last_state));
    CHECK(all_finite(net));
    CHECK(same_bits(net, last_weights));
}

TEST_CASE("trainer: SIZE_MAX epochs after earlier epochs train until a callback stops them",
          "[trainer][epochs]")
{
    const samples s;
    net_t net = start_net();
    ctnn::trainer<net_t, ctnn::categorical_cross_entropy, ctnn::sgd, 4> train(ctnn::sgd{0.1});
    REQUIRE(train.fit(net, s.data(), 1).completed());
    constexpr std::size_t most = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> epochs, last_epochs;
    // Before the fix, 1 + SIZE_MAX wrapped to 0: no epoch ran, no callback, completed().
    const auto result = train.fit(net, s.data(), most, [&](const ctnn::training_report<net_t>& r) {
        if (r.event != ctnn::training_event::epoch_end)
            return ctnn::control::proceed;
        epochs.push_back(r.epoch);
        last_epochs.push_back(r.epochs);
        return r.epoch == 4 ? ctnn::control::stop : ctnn::control::proceed;
    });
    CHECK(result.stop == ctnn::training_stop::callback);
    CHECK(result.epochs == 3);
    CHECK(result.stop_epoch == 4);
    CHECK(epochs == std::vector<std::size_t>{2, 3, 4});
    // The last epoch this call would run: saturated at SIZE_MAX, not wrapped.
    CHECK(last_epochs == std::vector<std::size_t>{most, most, most});
    CHECK(train.epochs_done() == 4);
}

TEST_CASE("fit: SIZE_MAX epochs train until the callback stops", "[fit][epochs]")
{
    using small_t = ctnn::basic_network<ctnn::options<double>, 2, 3, 1>;
    constexpr ctnn::batch<double, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    constexpr ctnn::batch<double, 4, 1> t{{{0}, {1}, {1}, {0}}};
    small_t net;
    ctnn::initialize(net, ctnn::uniform01{}, 1);
    std::vector<std::size_t> epochs;
    const auto result = ctnn::fit(net, x, t, ctnn::half_sum_squares{}, ctnn::sgd{0.5},
                                  std::numeric_limits<std::size_t>::max(),
                                  [&](const ctnn::epoch_report<double>& r) {
                                      epochs.push_back(r.epoch);
                                      return r.epoch == 3 ? ctnn::control::stop
                                                          : ctnn::control::proceed;
                                  });
    CHECK(result.stop == ctnn::training_stop::callback);
    CHECK(result.epochs == 3);
    CHECK(epochs == std::vector<std::size_t>{1, 2, 3});
}
