// Datasets, evaluate(), confusion matrices, early stopping and the progress reporter, checked
// against sample-by-sample computations with the core API's single-sample forward().
#include <catch2/catch.hpp>

#include <ctnn/ctnn.hpp>
#include <ctnn/progress.hpp>
#include <ctnn/trainer.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using classifier = ctnn::sequential<ctnn::options<double>, ctnn::input<2>,
                                    ctnn::dense<4, ctnn::tanh>, ctnn::dense<3, ctnn::softmax>>;

struct points {
    std::vector<std::array<double, 2>> x;
    std::vector<std::size_t> labels;
    points()
    {
        for (int s = 0; s < 23; ++s) {
            x.push_back({std::cos(0.9 * s), std::sin(1.3 * s)});
            labels.push_back(static_cast<std::size_t>(s * 7 % 3));
        }
    }
};

classifier random_classifier(std::uint64_t seed)
{
    classifier net;
    ctnn::initialize(net, ctnn::uniform_range{-1.5, 1.5}, seed);
    return net;
}

std::size_t argmax(const std::array<double, 3>& v)
{
    std::size_t best = 0;
    for (std::size_t k = 1; k < 3; ++k)
        if (v[k] > v[best])
            best = k;
    return best;
}

std::string read_file(std::FILE* f)
{
    std::rewind(f);
    std::string text;
    char buffer[512];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0)
        text.append(buffer, n);
    return text;
}

} // namespace

TEST_CASE("a dataset checks its counts and labels, and makes one-hot targets", "[dataset]")
{
    const points p;
    using data_t = ctnn::dataset_for<classifier>;
    const data_t data(p.x, p.labels);
    CHECK(data.size() == 23);
    std::array<double, 3> t{};
    data.target(1, t); // label 7 % 3 = 1
    CHECK(t == std::array<double, 3>{0, 1, 0});
    CHECK(data.label(1) == 1);

    const std::vector<std::size_t> short_labels(22, 0);
    CHECK_THROWS_WITH(data_t(p.x, short_labels), "ctnn::dataset: 23 inputs but 22 labels");
    std::vector<std::size_t> bad = p.labels;
    bad[4] = 3;
    CHECK_THROWS_WITH(data_t(p.x, bad),
                      "ctnn::dataset: label 3 of sample 4 is out of range for 3 classes");

    // Explicit target rows; label() is the largest target.
    const std::vector<std::array<double, 3>> rows{{0.1, 0.7, 0.2}, {0.5, 0.2, 0.3}};
    const data_t soft(std::span(p.x).first(2), rows);
    CHECK(soft.label(0) == 1);
    CHECK(soft.label(1) == 0);
    const std::vector<std::array<double, 3>> three_rows(3);
    CHECK_THROWS_AS(data_t(std::span(p.x).first(2), three_rows), std::invalid_argument);

    // One output: the label is the target itself.
    using binary = ctnn::dataset<double, 2, 1>;
    const std::vector<std::size_t> bits{0, 1};
    const binary b(std::span(p.x).first(2), bits);
    std::array<double, 1> one{};
    b.target(1, one);
    CHECK(one[0] == 1.0);
    const std::vector<std::size_t> two{0, 2};
    CHECK_THROWS_AS(binary(std::span(p.x).first(2), two), std::invalid_argument);

    const data_t tail = data.subset(20, 3);
    CHECK(tail.size() == 3);
    CHECK(tail.label(0) == p.labels[20]);
    CHECK(tail.input(2) == p.x[22]);
}

TEST_CASE("evaluate() and confusion() agree with sample-by-sample forward passes",
          "[evaluate]")
{
    const points p;
    const ctnn::dataset_for<classifier> data(p.x, p.labels);
    const classifier net = random_classifier(8);

    double loss = 0;
    std::size_t right = 0;
    std::array<std::array<std::size_t, 3>, 3> counts{};
    for (std::size_t s = 0; s < p.x.size(); ++s) {
        const auto out = net.forward(p.x[s]);
        loss -= std::log(out[p.labels[s]]);
        if (argmax(out) == p.labels[s])
            ++right;
        ++counts[p.labels[s]][argmax(out)];
    }
    loss /= static_cast<double>(p.x.size());

    // A workspace of 5 rows: 23 samples need four full passes and a partial one.
    ctnn::workspace<classifier, 5> ws;
    const auto e = ctnn::evaluate<ctnn::categorical_cross_entropy>(net, data, ws);
    CHECK(e.samples == 23);
    CHECK(e.loss == Approx(loss).epsilon(1e-13));
    CHECK(e.accuracy == Approx(static_cast<double>(right) / 23.0).epsilon(1e-15));
    REQUIRE(right > 0); // the comparison above means something only if some are right
    REQUIRE(right < 23);

    const auto m = ctnn::confusion(net, data, ws);
    CHECK(m.counts == counts);
    CHECK(m.total() == 23);
    CHECK(m.correct() == right);
    CHECK(m.accuracy() == e.accuracy);
    for (std::size_t c = 0; c < 3; ++c) {
        const std::size_t actual = counts[c][0] + counts[c][1] + counts[c][2];
        const std::size_t predicted = counts[0][c] + counts[1][c] + counts[2][c];
        CHECK(m.recall(c) == (actual ? double(counts[c][c]) / double(actual) : 0.0));
        CHECK(m.precision(c) == (predicted ? double(counts[c][c]) / double(predicted) : 0.0));
    }

    // The same with one-hot target rows instead of labels.
    std::vector<std::array<double, 3>> one_hot(p.x.size());
    for (std::size_t s = 0; s < p.x.size(); ++s)
        one_hot[s][p.labels[s]] = 1;
    const auto e2 = ctnn::evaluate<ctnn::categorical_cross_entropy>(
        net, ctnn::dataset_for<classifier>(p.x, one_hot));
    CHECK(e2.loss == Approx(e.loss).epsilon(1e-14));
    CHECK(e2.accuracy == e.accuracy);
}

TEST_CASE("early stopping stops after `patience` epochs without improvement and restores the "
          "best weights",
          "[early_stopping]")
{
    // Reports made by hand: validation losses 1.0, 0.8, 0.9, 0.85, 0.95 with patience 3 stop at
    // epoch 5 (three epochs after the best, epoch 2); each epoch's network is distinct.
    const double losses[] = {1.0, 0.8, 0.9, 0.85, 0.95};
    std::array<classifier, 5> nets;
    for (std::size_t k = 0; k < 5; ++k)
        nets[k] = random_classifier(100 + k);
    ctnn::early_stopping<classifier> stopper({.patience = 3});
    classifier target = random_classifier(7);
    const classifier untouched = target;
    CHECK(!stopper.restore(target)); // nothing seen yet: nothing restored
    CHECK(std::equal(target.values().begin(), target.values().end(), untouched.values().begin()));

    std::vector<ctnn::control> answers;
    for (std::size_t k = 0; k < 5; ++k) {
        ctnn::training_report<classifier> r{};
        r.event = ctnn::training_event::epoch_end;
        r.epoch = k + 1;
        r.has_validation = true;
        r.validation.loss = losses[k];
        r.network = &nets[k];
        answers.push_back(stopper(r));
        // Batch reports and reports without validation are ignored.
        r.event = ctnn::training_event::batch_end;
        CHECK(stopper(r) == ctnn::control::proceed);
    }
    using ctnn::control;
    CHECK(answers == std::vector<control>{control::proceed, control::proceed, control::proceed,
                                          control::proceed, control::stop});
    CHECK(stopper.best_epoch() == 2);
    CHECK(stopper.best_value() == 0.8);
    CHECK(stopper.stopped_epoch() == 5);
    REQUIRE(stopper.restore(target));
    CHECK(std::equal(target.values().begin(), target.values().end(), nets[1].values().begin()));
}

TEST_CASE("early stopping inside a trainer stops `patience` epochs after the best validation "
          "loss and restores that epoch's weights",
          "[early_stopping][trainer]")
{
    // Training on the validation set's labels shifted by one makes the validation loss go up
    // before long, so the run stops well before its 200 epochs.
    const points p;
    std::vector<std::size_t> shifted = p.labels;
    for (auto& l : shifted)
        l = (l + 1) % 3;
    const ctnn::dataset_for<classifier> training(p.x, shifted), validation(p.x, p.labels);
    classifier net = random_classifier(3);
    ctnn::trainer<classifier, ctnn::categorical_cross_entropy, ctnn::sgd, 8> train(
        ctnn::sgd{0.5});
    ctnn::early_stopping<classifier> stopper({.patience = 3});
    std::vector<double> losses;
    std::vector<classifier> weights;
    auto record = [&](const ctnn::training_report<classifier>& r) {
        if (r.event == ctnn::training_event::epoch_end) {
            losses.push_back(r.validation.loss);
            weights.push_back(*r.network);
        }
    };
    const auto result = train.fit(net, training, validation, 200, ctnn::callbacks(record, stopper));
    REQUIRE(result.stop == ctnn::training_stop::callback);
    const std::size_t best =
        static_cast<std::size_t>(std::min_element(losses.begin(), losses.end()) - losses.begin());
    CHECK(stopper.best_epoch() == best + 1);
    CHECK(stopper.best_value() == losses[best]);
    CHECK(losses.size() == best + 1 + 3); // stopped 3 epochs after the best
    CHECK(stopper.stopped_epoch() == losses.size());
    CHECK(result.stop_epoch == losses.size());
    REQUIRE(stopper.restore(net));
    CHECK(std::equal(net.values().begin(), net.values().end(), weights[best].values().begin()));
}

TEST_CASE("progress writes one line per epoch when not on a terminal, a bar when asked",
          "[progress]")
{
    const points p;
    const ctnn::dataset_for<classifier> data(p.x, p.labels);
    classifier net = random_classifier(1);
    ctnn::trainer<classifier, ctnn::categorical_cross_entropy, ctnn::adam, 4> train(
        ctnn::adam{.learning_rate = 0.01});

    std::FILE* file = std::tmpfile();
    REQUIRE(file != nullptr);
    ctnn::progress lines(file); // a file is not a terminal
    CHECK(lines.chosen_style() == ctnn::progress::style::lines);
    train.fit(net, data, data, 3, lines);
    const std::string text = read_file(file);
    std::fclose(file);
    INFO(text);
    CHECK(std::count(text.begin(), text.end(), '\n') == 3);
    CHECK(text.find("epoch 1/3  loss ") == 0);
    CHECK(text.find("epoch 3/3") != std::string::npos);
    CHECK(text.find("val_acc") != std::string::npos);
    CHECK(text.find("samples/s") != std::string::npos);
    CHECK(text.find('\r') == std::string::npos);

    std::FILE* file2 = std::tmpfile();
    REQUIRE(file2 != nullptr);
    ctnn::progress bar(file2, ctnn::progress::style::bar);
    train.fit(net, data, 1, bar);
    const std::string drawn = read_file(file2);
    std::fclose(file2);
    INFO(drawn);
    CHECK(drawn.find("\repoch 4/4 [") != std::string::npos);
    CHECK(drawn.find("ETA") != std::string::npos);
    CHECK(drawn.find("6/6") != std::string::npos); // 23 samples in minibatches of 4
    CHECK(drawn.back() == '\n');
}
