// ctnn::trainer against references built from the core API (net.backprop on std::array batches
// and sgd steps, which the golden tests pin to the tutorial's NumPy figures): minibatches, the
// last partial batch, shuffling, the schedule, callbacks, and stopping on non-finite values.
#include <catch2/catch.hpp>

#include <ctnn/ctnn.hpp>
#include <ctnn/trainer.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace {

using net_t = ctnn::basic_network<ctnn::options<double>, 2, 3, 1>;
using data_t = ctnn::dataset_for<net_t>;

// Ten samples of a smooth target, so that every sample has its own loss.
struct samples {
    std::vector<std::array<double, 2>> x;
    std::vector<std::array<double, 1>> t;
    samples()
    {
        for (int s = 0; s < 10; ++s) {
            const double a = 0.1 * s;
            const double b = std::sin(1.7 * s);
            x.push_back({a, b});
            t.push_back({0.5 + 0.4 * std::cos(a + b)});
        }
    }
    data_t data() const { return data_t(x, t); }
};

net_t start_net()
{
    net_t net;
    ctnn::initialize(net, ctnn::uniform01{}, 3);
    return net;
}

// One sgd step on samples first .. first + Rows - 1, through the core API.
template <std::size_t Rows, class Loss>
void manual_step(net_t& net, const samples& s, std::size_t first, double rate)
{
    ctnn::batch<double, Rows, 2> x;
    ctnn::batch<double, Rows, 1> t;
    for (std::size_t r = 0; r < Rows; ++r) {
        x[r] = s.x[first + r];
        t[r] = s.t[first + r];
    }
    ctnn::gradient<net_t> g;
    net.backprop(x, t, g, Loss{});
    ctnn::sgd{rate}.step(net, g);
}

void require_same_weights(const net_t& a, const net_t& b)
{
    for (std::size_t k = 0; k < net_t::parameter_count; ++k) {
        INFO("parameter " << k);
        REQUIRE(a.values()[k] == Approx(b.values()[k]).epsilon(1e-13).margin(1e-15));
    }
}

} // namespace

TEST_CASE("an epoch runs every minibatch, the last one partial", "[trainer]")
{
    const samples s;
    net_t net = start_net();
    net_t reference = net;
    ctnn::trainer<net_t, ctnn::half_sum_squares, ctnn::sgd, 4> train(ctnn::sgd{0.3}, {},
                                                                       {.shuffle = false});
    std::vector<std::size_t> batch_samples;
    std::size_t epoch_ends = 0;
    const auto result = train.fit(net, s.data(), 2, [&](const ctnn::training_report<net_t>& r) {
        if (r.event == ctnn::training_event::batch_end) {
            CHECK(r.batches == 3);
            batch_samples.push_back(r.samples);
        }
        else {
            ++epoch_ends;
            CHECK(r.samples == 10);
            CHECK(r.batch == 3);
        }
    });
    CHECK(result.completed());
    CHECK(result.epochs == 2);
    CHECK(epoch_ends == 2);
    CHECK(batch_samples == std::vector<std::size_t>{4, 8, 10, 4, 8, 10});

    // The same two epochs by hand: batches of 4, 4 and 2 samples in stored order.
    for (int epoch = 0; epoch < 2; ++epoch) {
        manual_step<4, ctnn::half_sum_squares>(reference, s, 0, 0.3);
        manual_step<4, ctnn::half_sum_squares>(reference, s, 4, 0.3);
        manual_step<2, ctnn::half_sum_squares>(reference, s, 8, 0.3);
    }
    require_same_weights(net, reference);
}

TEST_CASE("a batch as large as the dataset is the full-batch fit", "[trainer]")
{
    const samples s;
    net_t net = start_net();
    net_t reference = net;
    ctnn::trainer<net_t, ctnn::mean_squared_error, ctnn::sgd, 10> train(ctnn::sgd{0.5});
    train.fit(net, s.data(), 25);
    // Shuffling reorders the rows of one batch: the gradient is a sum over them, so only the
    // summation order differs.
    std::array<std::array<double, 2>, 10> x;
    std::array<std::array<double, 1>, 10> t;
    for (std::size_t r = 0; r < 10; ++r) {
        x[r] = s.x[r];
        t[r] = s.t[r];
    }
    ctnn::fit(reference, x, t, ctnn::mean_squared_error{}, ctnn::sgd{0.5}, 25);
    require_same_weights(net, reference);
}

TEST_CASE("each epoch visits every sample exactly once, in a reproducible shuffled order",
          "[trainer][shuffle]")
{
    const samples s;
    // With a zero learning rate the network never changes, so an epoch's loss (the mean of its
    // minibatch losses weighted by their rows) equals the dataset's loss only if every sample
    // was visited exactly once: the samples' losses all differ.
    net_t net = start_net();
    ctnn::trainer<net_t, ctnn::mean_squared_error, ctnn::sgd, 3> frozen(ctnn::sgd{0.0}, {},
                                                                          {.seed = 11});
    const auto whole = ctnn::evaluate<ctnn::mean_squared_error>(net, s.data());
    std::vector<double> first_batch_losses;
    frozen.fit(net, s.data(), 4, [&](const ctnn::training_report<net_t>& r) {
        if (r.event == ctnn::training_event::epoch_end)
            CHECK(r.loss == Approx(whole.loss).epsilon(1e-14));
        else if (r.batch == 1)
            first_batch_losses.push_back(r.batch_loss);
    });
    // A fresh order each epoch: the first minibatch's loss changes from epoch to epoch.
    REQUIRE(first_batch_losses.size() == 4);
    CHECK(first_batch_losses[0] != first_batch_losses[1]);
    CHECK(first_batch_losses[1] != first_batch_losses[2]);

    // The same seed gives the same run, bit for bit; another seed another run.
    auto run = [&](std::uint64_t seed) {
        net_t n = start_net();
        ctnn::trainer<net_t, ctnn::mean_squared_error, ctnn::sgd, 3> t(ctnn::sgd{0.5}, {},
                                                                         {.seed = seed});
        t.fit(n, s.data(), 5);
        return n;
    };
    const net_t a = run(1), b = run(1), c = run(2);
    CHECK(std::equal(a.values().begin(), a.values().end(), b.values().begin()));
    CHECK(!std::equal(a.values().begin(), a.values().end(), c.values().begin()));

    // The options may come second, without naming the default schedule before them; {} there
    // is still the default schedule.
    net_t d = start_net();
    ctnn::trainer<net_t, ctnn::mean_squared_error, ctnn::sgd, 3> short_form(ctnn::sgd{0.5},
                                                                            {.seed = 1});
    short_form.fit(d, s.data(), 5);
    CHECK(std::equal(a.values().begin(), a.values().end(), d.values().begin()));
    net_t e = start_net();
    ctnn::trainer<net_t, ctnn::mean_squared_error, ctnn::sgd, 3> defaults(ctnn::sgd{0.5}, {});
    defaults.fit(e, s.data(), 5);
    const net_t seed_zero = run(0); // training_options{} has seed 0
    CHECK(std::equal(seed_zero.values().begin(), seed_zero.values().end(), e.values().begin()));
}

TEST_CASE("fit continues where the last fit stopped", "[trainer]")
{
    const samples s;
    net_t once = start_net(), twice = once;
    using trainer_t = ctnn::trainer<net_t, ctnn::half_sum_squares, ctnn::momentum, 4>;
    trainer_t a(ctnn::momentum{.learning_rate = 0.2}, {}, {.seed = 5});
    trainer_t b(ctnn::momentum{.learning_rate = 0.2}, {}, {.seed = 5});
    a.fit(once, s.data(), 5);
    b.fit(twice, s.data(), 2);
    b.fit(twice, s.data(), 3);
    CHECK(b.epochs_done() == 5);
    CHECK(std::equal(once.values().begin(), once.values().end(), twice.values().begin()));
}

TEST_CASE("the schedule sets each epoch's learning rate", "[trainer][schedule]")
{
    const samples s;
    net_t net = start_net();
    ctnn::trainer<net_t, ctnn::half_sum_squares, ctnn::sgd, 5, ctnn::step_decay> train(
        ctnn::sgd{0.8}, ctnn::step_decay{.every = 2, .gamma = 0.5});
    std::vector<double> rates;
    train.fit(net, s.data(), 5, [&](const ctnn::training_report<net_t>& r) {
        if (r.event == ctnn::training_event::epoch_end)
            rates.push_back(r.learning_rate);
    });
    // 0.8 * 0.5^floor((epoch - 1) / 2) for epochs 1..5.
    CHECK(rates == std::vector<double>{0.8, 0.8, 0.4, 0.4, 0.2});
}

TEST_CASE("a callback can stop training between minibatches", "[trainer]")
{
    const samples s;
    net_t net = start_net();
    net_t reference = net;
    ctnn::trainer<net_t, ctnn::half_sum_squares, ctnn::sgd, 4> train(ctnn::sgd{0.3}, {},
                                                                       {.shuffle = false});
    const auto result = train.fit(net, s.data(), 3, [](const ctnn::training_report<net_t>& r) {
        return r.batch == 2 ? ctnn::control::stop : ctnn::control::proceed;
    });
    CHECK(result.stop == ctnn::training_stop::callback);
    CHECK(result.stop_epoch == 1);
    CHECK(result.stop_batch == 2);
    CHECK(result.epochs == 0);
    manual_step<4, ctnn::half_sum_squares>(reference, s, 0, 0.3);
    manual_step<4, ctnn::half_sum_squares>(reference, s, 4, 0.3);
    require_same_weights(net, reference);
}

TEST_CASE("a non-finite loss stops training before its update", "[trainer]")
{
    samples s;
    s.x[5][1] = std::numeric_limits<double>::quiet_NaN(); // in the second minibatch
    net_t net = start_net();
    net_t reference = net;
    ctnn::trainer<net_t, ctnn::half_sum_squares, ctnn::sgd, 4> train(ctnn::sgd{0.3}, {},
                                                                       {.shuffle = false});
    const auto result = train.fit(net, s.data(), 3);
    CHECK(result.stop == ctnn::training_stop::non_finite);
    CHECK(result.stop_epoch == 1);
    CHECK(result.stop_batch == 2);
    CHECK(!result.completed());
    // Only the first minibatch's update was applied, and no NaN reached the weights.
    manual_step<4, ctnn::half_sum_squares>(reference, s, 0, 0.3);
    require_same_weights(net, reference);
    for (const double w : net.values())
        CHECK(std::isfinite(w));
}

TEST_CASE("callbacks() calls each callback and stops when any asks", "[trainer]")
{
    const samples s;
    net_t net = start_net();
    ctnn::trainer<net_t, ctnn::half_sum_squares, ctnn::sgd, 4> train(ctnn::sgd{0.1});
    int seen_a = 0, seen_b = 0;
    auto a = [&](const ctnn::training_report<net_t>&) { ++seen_a; };
    auto b = [&](const ctnn::training_report<net_t>& r) {
        ++seen_b;
        return r.event == ctnn::training_event::epoch_end && r.epoch == 2 ? ctnn::control::stop
                                                                           : ctnn::control::proceed;
    };
    const auto result = train.fit(net, s.data(), 10, ctnn::callbacks(a, b));
    CHECK(result.stop == ctnn::training_stop::callback);
    CHECK(result.epochs == 2);
    CHECK(seen_a == 8); // 3 minibatches and 1 epoch end, twice
    CHECK(seen_b == 8);
}
