// Zero heap during minibatch training: trainer::fit with every optimiser, a schedule, shuffling,
// a last partial minibatch, a validation set, early stopping and the progress reporter, plus
// evaluate() and confusion(). The dataset's storage is made before counting starts: only what
// training itself does is counted.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <memory>
#include <vector>

#include <ctnn/ctnn.hpp>
#include <ctnn/progress.hpp>

#include "allocation_counter.hpp"

using heap_test::count_allocations;

namespace {

using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<3>, ctnn::dense<8, ctnn::relu>,
                               ctnn::dense<6, ctnn::tanh>, ctnn::dense<4, ctnn::softmax>>;
using data_t = ctnn::dataset_for<net_t>;

struct blobs {
    std::vector<std::array<float, 3>> x;
    std::vector<std::size_t> labels;
    blobs()
    {
        for (int s = 0; s < 53; ++s) { // 53 = 6 minibatches of 8 and one of 5
            const float a = static_cast<float>(s);
            x.push_back({std::sin(a), std::cos(1.3f * a), 0.01f * a});
            labels.push_back(static_cast<std::size_t>(s % 4));
        }
    }
};

// Every layer kind: dropout's masks, batch_norm's statistics and their running update, too.
using layered_net =
    ctnn::sequential<ctnn::options<float>, ctnn::input<3>, ctnn::dense<8, ctnn::relu>,
                     ctnn::batch_norm, ctnn::dropout<1, 4>, ctnn::dense<8, ctnn::tanh>,
                     ctnn::layer_norm, ctnn::dense<4, ctnn::softmax>>;

template <class Net = net_t, class Optimizer, class Schedule = ctnn::constant_rate>
void require_heap_free_training(Optimizer optimizer, Schedule schedule = {})
{
    using dataset_t = ctnn::dataset_for<Net>;
    const blobs b;
    const dataset_t train(b.x, b.labels);
    const dataset_t validation = train.subset(40, 13);
    using trainer_t = ctnn::trainer<Net, ctnn::categorical_cross_entropy, Optimizer, 8,
                                    Schedule>;
    // Made before counting; the point is that fit() itself allocates nothing.
    auto net = std::make_unique<Net>();
    ctnn::initialize(*net, ctnn::he_normal{}, 4);
    auto trainer = std::make_unique<trainer_t>(optimizer, schedule);
    ctnn::early_stopping<Net> stopper({.patience = 100});
    std::FILE* sink = std::tmpfile();
    REQUIRE(sink != nullptr);
    // stdio mallocs a stream's buffer at its first write; give it one, as that allocation is
    // the C library's, once per stream, not the reporter's.
    static char stream_buffer[4096];
    std::setvbuf(sink, stream_buffer, _IOFBF, sizeof stream_buffer);
    ctnn::progress show(sink, ctnn::progress::style::bar);
    const double before = static_cast<double>(trainer->evaluate(*net, train).loss);

    ctnn::training_result<float> result;
    ctnn::evaluation<float> after;
    ctnn::confusion_matrix<4> matrix;
    const auto counts = count_allocations([&] {
        result = trainer->fit(*net, train, validation, 20, ctnn::callbacks(stopper, show));
        after = trainer->evaluate(*net, train);
        matrix = trainer->confusion(*net, train);
    });
    std::fclose(sink);
    INFO(counts);
    CHECK(counts.total() == 0);
    // And it trained: the loss fell, and every sample was counted.
    CHECK(result.completed());
    CHECK(static_cast<double>(after.loss) < before);
    CHECK(matrix.total() == 53);
}

} // namespace

TEST_CASE("minibatch training allocates nothing, with every optimiser", "[heap][trainer]")
{
    SECTION("sgd") { require_heap_free_training(ctnn::sgd{0.1}); }
    SECTION("momentum") { require_heap_free_training(ctnn::momentum{.learning_rate = 0.05}); }
    SECTION("nesterov") { require_heap_free_training(ctnn::nesterov{.learning_rate = 0.05}); }
    SECTION("adam") { require_heap_free_training(ctnn::adam{.learning_rate = 0.01}); }
    SECTION("rmsprop") { require_heap_free_training(ctnn::rmsprop{.learning_rate = 0.01}); }
    SECTION("adagrad") { require_heap_free_training(ctnn::adagrad{.learning_rate = 0.05}); }
    SECTION("adamw, cosine schedule")
    {
        require_heap_free_training(ctnn::adamw{.learning_rate = 0.01},
                                   ctnn::cosine_decay{.epochs = 20});
    }
    SECTION("sgd, step schedule")
    {
        require_heap_free_training(ctnn::sgd{0.1}, ctnn::step_decay{.every = 5, .gamma = 0.5});
    }
    SECTION("adam, a network with dropout, batch_norm and layer_norm")
    {
        require_heap_free_training<layered_net>(ctnn::adam{.learning_rate = 0.01});
    }
}

TEST_CASE("full-batch fit of a network with every layer kind allocates nothing", "[heap][fit]")
{
    using net2 = ctnn::sequential<ctnn::options<double>, ctnn::input<2>, ctnn::dense<6>,
                                  ctnn::batch_norm, ctnn::dropout<1, 3>, ctnn::layer_norm,
                                  ctnn::dense<1>>;
    auto net = std::make_unique<net2>();
    ctnn::initialize(*net, ctnn::xavier_uniform{}, 2);
    const ctnn::batch<double, 4, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    const ctnn::batch<double, 4, 1> t{{{0}, {1}, {1}, {0}}};
    ctnn::training_result<double> result;
    const auto counts = count_allocations([&] {
        result = ctnn::fit(*net, x, t, ctnn::half_sum_squares{},
                           ctnn::adam{.learning_rate = 0.01}, 50);
    });
    INFO(counts);
    CHECK(counts.total() == 0);
    CHECK(result.completed());
}

namespace {

// From the second epoch on, an infinite learning rate: every update overflows and is rejected.
struct overflow_from_epoch_two {
    double factor(std::size_t epoch) const noexcept
    {
        return epoch == 0 ? 1.0 : std::numeric_limits<double>::infinity();
    }
};

} // namespace

// The undo of a rejected step (issue 10, item 5) copies the weights and Adam's state back from
// the trainer's inline copies: still nothing on the heap.
TEST_CASE("a rejected and undone Adam step allocates nothing", "[heap][trainer]")
{
    const blobs b;
    const data_t train(b.x, b.labels);
    using trainer_t = ctnn::trainer<net_t, ctnn::categorical_cross_entropy, ctnn::adam, 8,
                                    overflow_from_epoch_two>;
    auto net = std::make_unique<net_t>();
    ctnn::initialize(*net, ctnn::he_normal{}, 4);
    auto trainer = std::make_unique<trainer_t>(ctnn::adam{.learning_rate = 0.01});
    ctnn::training_result<float> result;
    const auto counts = count_allocations([&] { result = trainer->fit(*net, train, 3); });
    INFO(counts);
    CHECK(counts.total() == 0);
    CHECK(result.stop == ctnn::training_stop::non_finite);
    CHECK(result.stop_epoch == 2);
    CHECK(result.stop_batch == 1);
    CHECK(trainer->state().step_count == 7); // epoch 1's seven steps, not the rejected eighth
}

TEST_CASE("the data helpers allocate nothing: split, standardise, one-hot", "[heap][data]")
{
    using split_net = ctnn::sequential<ctnn::options<float>, ctnn::input<4>, ctnn::standardize,
                                       ctnn::dense<3, ctnn::softmax>>;
    std::array<std::array<float, 4>, 30> x{};
    std::array<std::size_t, 30> labels{};
    for (std::size_t s = 0; s < x.size(); ++s) {
        labels[s] = s % 3;
        for (std::size_t f = 0; f < 4; ++f)
            x[s][f] = static_cast<float>(s * (f + 1) % 7);
    }
    std::array<std::array<float, 3>, 30> targets{};
    split_net net;
    const auto counts = count_allocations([&] {
        const auto parts = ctnn::shuffle_split<ctnn::dataset_for<split_net>>(
            x, labels, {.test = 0.2, .validation = 0.2, .seed = 5, .stratify = true});
        const auto s = ctnn::standardizer<float, 4>::fit(parts.train);
        ctnn::set_standardizer<0>(net, s);
        s.apply(x);
        ctnn::one_hot<3>(std::span<const std::size_t>(labels), std::span(targets));
        heap_test::escape(&net);
        heap_test::escape(x.data());
        heap_test::escape(targets.data());
    });
    INFO(counts);
    CHECK(counts.total() == 0);
    for (std::size_t s = 0; s < labels.size(); ++s) // labels reordered by the split
        CHECK(targets[s][labels[s]] == 1.0f);
}
