// The data helpers (ctnn/data.hpp): shuffle_split against an independent Python implementation of
// its stated algorithm (split_reference.py) and against its promises (a permutation; part sizes;
// stratified quotas worked out by hand; every sample equally likely in each part; errors that
// move nothing); the standardizer against statistics worked out by hand, and the standardize
// layer against it (the same bits, saved and loaded with the network, gradients through it);
// one_hot.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <ctnn/ctnn.hpp>
#include <ctnn/bake.hpp>
#include <ctnn/serialization.hpp>

namespace {

// Samples whose only feature is their original index, so that a split shows where each went.
template <std::size_t Outputs = 3>
struct indexed {
    std::vector<std::array<float, 1>> x;
    std::vector<std::size_t> labels;
    using data_t = ctnn::dataset<float, 1, Outputs>;

    explicit indexed(std::vector<std::size_t> l) : labels(std::move(l))
    {
        for (std::size_t s = 0; s < labels.size(); ++s)
            x.push_back({static_cast<float>(s)});
    }
    static std::vector<std::size_t> order(const data_t& d)
    {
        std::vector<std::size_t> o;
        for (std::size_t s = 0; s < d.size(); ++s)
            o.push_back(static_cast<std::size_t>(d.input(s)[0]));
        return o;
    }
    // Every row still carries its own label.
    bool rows_kept_their_labels(const std::vector<std::size_t>& original) const
    {
        for (std::size_t s = 0; s < x.size(); ++s)
            if (labels[s] != original[static_cast<std::size_t>(x[s][0])])
                return false;
        return true;
    }
};

std::vector<std::size_t> concat(std::vector<std::size_t> a, const std::vector<std::size_t>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace

TEST_CASE("shuffle_split gives the order of an independent implementation of its algorithm",
          "[data][split]")
{
    // The orders printed by split_reference.py.
    SECTION("unstratified: 10 samples, seed 7, test 0.2, validation 0.1")
    {
        indexed<3> d(std::vector<std::size_t>(10, 0));
        const auto parts = ctnn::shuffle_split<indexed<3>::data_t>(
            d.x, d.labels, {.test = 0.2, .validation = 0.1, .seed = 7});
        REQUIRE(d.order(parts.train) == std::vector<std::size_t>{8, 3, 9, 0, 7, 2, 1});
        REQUIRE(d.order(parts.validation) == std::vector<std::size_t>{6});
        REQUIRE(d.order(parts.test) == std::vector<std::size_t>{5, 4});
    }
    SECTION("stratified: classes of 6, 4 and 2, seed 3, test 0.25, validation 0.25")
    {
        const std::vector<std::size_t> labels{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2};
        indexed<3> d(labels);
        const auto parts = ctnn::shuffle_split<indexed<3>::data_t>(
            d.x, d.labels, {.test = 0.25, .validation = 0.25, .seed = 3, .stratify = true});
        REQUIRE(d.order(parts.train) == std::vector<std::size_t>{10, 0, 9, 6, 3, 2});
        REQUIRE(d.order(parts.validation) == std::vector<std::size_t>{11, 7, 1});
        REQUIRE(d.order(parts.test) == std::vector<std::size_t>{4, 8, 5});
        REQUIRE(d.rows_kept_their_labels(labels));
    }
    SECTION("stratified: classes of 7, 3 and 1, seed 11, test 0.3")
    {
        const std::vector<std::size_t> labels{0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2};
        indexed<3> d(labels);
        const auto parts = ctnn::shuffle_split<indexed<3>::data_t>(
            d.x, d.labels, {.test = 0.3, .seed = 11, .stratify = true});
        REQUIRE(d.order(parts.train) == std::vector<std::size_t>{7, 8, 5, 6, 2, 3, 10, 0});
        REQUIRE(parts.validation.empty());
        REQUIRE(d.order(parts.test) == std::vector<std::size_t>{1, 9, 4});
    }
}

TEST_CASE("shuffle_split: part sizes, a permutation, and stratified quotas by hand",
          "[data][split]")
{
    SECTION("150 samples sorted by class (iris): 105 / 15 / 30, 35 / 5 / 10 of each class")
    {
        std::vector<std::size_t> labels;
        for (std::size_t c = 0; c < 3; ++c)
            labels.insert(labels.end(), 50, c);
        indexed<3> d(labels);
        const auto parts = ctnn::shuffle_split<indexed<3>::data_t>(
            d.x, d.labels, {.test = 0.2, .validation = 0.1, .seed = 1, .stratify = true});
        REQUIRE(parts.train.size() == 105);
        REQUIRE(parts.validation.size() == 15);
        REQUIRE(parts.test.size() == 30);
        const auto per_class = [](const indexed<3>::data_t& part) {
            std::array<std::size_t, 3> n{};
            for (std::size_t s = 0; s < part.size(); ++s)
                ++n[part.label(s)];
            return n;
        };
        REQUIRE(per_class(parts.train) == std::array<std::size_t, 3>{35, 35, 35});
        REQUIRE(per_class(parts.validation) == std::array<std::size_t, 3>{5, 5, 5});
        REQUIRE(per_class(parts.test) == std::array<std::size_t, 3>{10, 10, 10});
        REQUIRE(d.rows_kept_their_labels(labels));
        // The parts are views into the reordered arrays: train, validation, test in a row.
        REQUIRE(&parts.train.input(0) == &d.x[0]);
        REQUIRE(&parts.validation.input(0) == &d.x[105]);
        REQUIRE(&parts.test.input(0) == &d.x[120]);
        // A permutation: every index once.
        auto all = concat(concat(d.order(parts.train), d.order(parts.validation)),
                          d.order(parts.test));
        std::sort(all.begin(), all.end());
        for (std::size_t s = 0; s < all.size(); ++s)
            REQUIRE(all[s] == s);
    }
    SECTION("unstratified, the part sizes round to nearest, and the same seed repeats")
    {
        indexed<2> a(std::vector<std::size_t>(7, 1));
        indexed<2> b(std::vector<std::size_t>(7, 1));
        indexed<2> c(std::vector<std::size_t>(7, 1));
        // 0.3 * 7 = 2.1 -> 2 for testing; 0.5 * 7 = 3.5 -> 4 for validation; 1 left to train.
        const auto pa = ctnn::shuffle_split<indexed<2>::data_t>(a.x, a.labels,
                                                                {.test = 0.3, .validation = 0.5});
        REQUIRE(pa.test.size() == 2);
        REQUIRE(pa.validation.size() == 4);
        REQUIRE(pa.train.size() == 1);
        ctnn::shuffle_split<indexed<2>::data_t>(b.x, b.labels, {.test = 0.3, .validation = 0.5});
        ctnn::shuffle_split<indexed<2>::data_t>(c.x, c.labels,
                                                {.test = 0.3, .validation = 0.5, .seed = 1});
        REQUIRE(a.x == b.x);
        REQUIRE(a.x != c.x);
        // Rounding that would overfill: 0.5 + 0.5 of 3 samples is 2 + 2; validation gets 1.
        indexed<2> e(std::vector<std::size_t>(3, 0));
        const auto pe = ctnn::shuffle_split<indexed<2>::data_t>(e.x, e.labels,
                                                                {.test = 0.5, .validation = 0.5});
        REQUIRE(pe.test.size() == 2);
        REQUIRE(pe.validation.size() == 1);
        REQUIRE(pe.train.empty());
    }
    SECTION("no samples, and everything for testing")
    {
        indexed<3> none(std::vector<std::size_t>{});
        const auto p0 = ctnn::shuffle_split<indexed<3>::data_t>(none.x, none.labels,
                                                                {.stratify = true});
        REQUIRE((p0.train.empty() && p0.validation.empty() && p0.test.empty()));
        indexed<3> d(std::vector<std::size_t>{2, 1, 0, 2});
        const auto p1 = ctnn::shuffle_split<indexed<3>::data_t>(d.x, d.labels,
                                                                {.test = 1, .stratify = true});
        REQUIRE(p1.test.size() == 4);
        REQUIRE(p1.train.empty());
    }
    SECTION("target rows: stratified by each row's class")
    {
        std::vector<std::array<double, 2>> x;
        std::vector<std::array<double, 2>> t;
        for (std::size_t s = 0; s < 20; ++s) {
            x.push_back({static_cast<double>(s), 0.0});
            t.push_back(s < 16 ? std::array<double, 2>{0.9, 0.1} : std::array<double, 2>{0.2, 0.8});
        }
        const auto parts = ctnn::shuffle_split<ctnn::dataset<double, 2, 2>>(
            x, t, {.test = 0.25, .seed = 4, .stratify = true});
        REQUIRE(parts.test.size() == 5);
        std::size_t ones = 0;
        for (std::size_t s = 0; s < parts.test.size(); ++s) {
            ones += parts.test.label(s);
            // The row moved with its input.
            REQUIRE((parts.test.input(s)[0] < 16) == (parts.test.label(s) == 0));
        }
        REQUIRE(ones == 1); // 4 * 5 / 20
    }
}

TEST_CASE("shuffle_split: over seeds, every sample is equally likely in the test part",
          "[data][split]")
{
    // 12 samples of class 0 and 8 of class 1, a quarter for testing: 3 and 2 of them. Stratified,
    // each sample of class 0 should be in the test part with probability 3/12, of class 1 2/8;
    // unstratified, 5/20 for every sample. Over 4000 seeds a frequency's standard deviation is
    // about 0.007; the bound is 5 of them.
    for (const bool stratify : {true, false}) {
        std::array<std::size_t, 20> in_test{};
        const std::size_t seeds = 4000;
        for (std::size_t seed = 0; seed < seeds; ++seed) {
            std::vector<std::size_t> labels(12, 0);
            labels.insert(labels.end(), 8, 1);
            indexed<2> d(labels);
            const auto parts = ctnn::shuffle_split<indexed<2>::data_t>(
                d.x, d.labels, {.test = 0.25, .seed = seed, .stratify = stratify});
            std::array<std::size_t, 2> per_class{};
            for (std::size_t s = 0; s < parts.test.size(); ++s) {
                ++in_test[static_cast<std::size_t>(parts.test.input(s)[0])];
                ++per_class[parts.test.label(s)];
            }
            if (stratify)
                REQUIRE(per_class == std::array<std::size_t, 2>{3, 2});
        }
        for (std::size_t s = 0; s < 20; ++s) {
            INFO("stratify " << stratify << ", sample " << s);
            REQUIRE(static_cast<double>(in_test[s]) / seeds == Approx(0.25).margin(0.035));
        }
    }
}

TEST_CASE("shuffle_split: mistakes throw and move nothing", "[data][split]")
{
    indexed<3> d(std::vector<std::size_t>{0, 1, 2, 0, 1});
    const auto x = d.x;
    const auto labels = d.labels;
    using data_t = indexed<3>::data_t;
    const auto unchanged = [&] { return d.x == x && d.labels == labels; };

    std::span<std::size_t> short_labels(d.labels.data(), 4);
    REQUIRE_THROWS_WITH(ctnn::shuffle_split<data_t>(d.x, short_labels),
                        "ctnn::shuffle_split: 5 inputs but 4 labels");
    REQUIRE(unchanged());
    const ctnn::split_options too_much{.test = 0.7, .validation = 0.4};
    REQUIRE_THROWS_WITH(ctnn::shuffle_split<data_t>(d.x, d.labels, too_much),
                        "ctnn::shuffle_split: test (0.700000) and validation (0.400000) must be "
                        "fractions in [0, 1] adding up to at most 1");
    const ctnn::split_options negative{.test = -0.1};
    const ctnn::split_options not_a_number{.test = std::numeric_limits<double>::quiet_NaN()};
    REQUIRE_THROWS_AS(ctnn::shuffle_split<data_t>(d.x, d.labels, negative), std::invalid_argument);
    REQUIRE_THROWS_AS(ctnn::shuffle_split<data_t>(d.x, d.labels, not_a_number),
                      std::invalid_argument);
    REQUIRE(unchanged());
    d.labels[3] = 3;
    const auto labels_with_3 = d.labels;
    REQUIRE_THROWS_WITH(ctnn::shuffle_split<data_t>(d.x, d.labels),
                        "ctnn::shuffle_split: label 3 of sample 3 is out of range for 3 classes");
    REQUIRE((d.x == x && d.labels == labels_with_3));
}

TEST_CASE("standardizer: means and population deviations worked out by hand", "[data]")
{
    // Feature 0: 1, 2, 3, 4: mean 2.5, deviation sqrt(1.25). Feature 1: constant 7, scale 1.
    // Feature 2: -2, 0, 0, 2: mean 0, deviation sqrt(2).
    const std::vector<std::array<double, 3>> rows{
        {1, 7, -2}, {2, 7, 0}, {3, 7, 0}, {4, 7, 2}};
    const auto s = ctnn::standardizer<double, 3>::fit(rows);
    REQUIRE(s.mean == std::array<double, 3>{2.5, 7, 0});
    REQUIRE(s.scale[0] == Approx(1 / std::sqrt(1.25)).epsilon(1e-15));
    REQUIRE(s.scale[1] == 1);
    REQUIRE(s.scale[2] == Approx(1 / std::sqrt(2.0)).epsilon(1e-15));
    const auto y = s({4, 7, 2});
    REQUIRE(y[0] == Approx(1.5 / std::sqrt(1.25)).epsilon(1e-15));
    REQUIRE(y[1] == 0);
    REQUIRE(y[2] == Approx(std::sqrt(2.0)).epsilon(1e-15));

    // Fitted on a dataset (the training part), applied in place to every row.
    std::vector<std::array<float, 2>> x{{10, 0}, {20, 1}, {30, 0}, {1000, 1000}};
    const std::vector<std::size_t> labels{0, 1, 0, 1};
    const ctnn::dataset<float, 2, 2> train{std::span(x).first(3), std::span(labels).first(3)};
    const auto f = ctnn::standardizer<float, 2>::fit(train);
    REQUIRE(f.mean[0] == 20);
    REQUIRE(f.mean[1] == Approx(1.0 / 3).epsilon(1e-7));
    REQUIRE(f.scale[0] == Approx(1 / std::sqrt(200.0 / 3)).epsilon(1e-7)); // deviation 8.165
    REQUIRE(f.scale[1] == Approx(1 / std::sqrt(2.0 / 9)).epsilon(1e-7));
    const auto expected_last = f(x[3]);
    f.apply(x);
    REQUIRE(x[1][0] == 0);
    REQUIRE(x[3] == expected_last);
    // Standardised training features have mean 0 and deviation 1.
    double sum = 0, squares = 0;
    for (std::size_t s2 = 0; s2 < 3; ++s2) {
        sum += x[s2][0];
        squares += static_cast<double>(x[s2][0]) * x[s2][0];
    }
    REQUIRE(sum == Approx(0).margin(1e-6));
    REQUIRE(squares / 3 == Approx(1).epsilon(1e-6));

    // A default standardizer is the identity.
    const ctnn::standardizer<float, 2> identity;
    REQUIRE(identity({3.5f, -1}) == std::array<float, 2>{3.5f, -1});
}

TEST_CASE("standardizer: no samples or a value that is not finite is refused", "[data]")
{
    using fit2 = ctnn::standardizer<float, 2>;
    const std::vector<std::array<float, 2>> none;
    REQUIRE_THROWS_WITH(fit2::fit(none), "ctnn::standardizer::fit: no samples to measure");
    const std::vector<std::array<float, 2>> rows{
        {1, 2}, {3, std::numeric_limits<float>::infinity()}};
    REQUIRE_THROWS_WITH(fit2::fit(rows),
                        "ctnn::standardizer::fit: feature 1 of sample 1 is not finite");
}

TEST_CASE("the standardize layer computes the standardizer's bits and keeps its statistics",
          "[data][layer]")
{
    using plain = ctnn::sequential<ctnn::options<float>, ctnn::input<3>, ctnn::dense<4, ctnn::tanh>,
                                   ctnn::dense<2, ctnn::softmax>>;
    using with_layer = ctnn::sequential<ctnn::options<float>, ctnn::input<3>, ctnn::standardize,
                                        ctnn::dense<4, ctnn::tanh>, ctnn::dense<2, ctnn::softmax>>;
    static_assert(with_layer::parameter_count == plain::parameter_count);
    static_assert(with_layer::state_count == 6);
    static_assert(with_layer::layer<0>::kind == "standardize");

    const std::vector<std::array<float, 3>> rows{
        {1, 50, -3}, {2, 70, -1}, {4, 40, 0}, {9, 65, 8}};
    const auto s = ctnn::standardizer<float, 3>::fit(rows);

    plain a;
    ctnn::initialize(a, ctnn::xavier_uniform{}, 3);
    with_layer b;
    ctnn::initialize(b, ctnn::xavier_uniform{}, 3); // mean 0, scale 1: the identity
    for (std::size_t k = 0; k < plain::parameter_count; ++k)
        b.values()[k] = a.values()[k];
    REQUIRE(b.forward(rows[1]) == a.forward(rows[1]));
    ctnn::set_standardizer<0>(b, s);
    for (const auto& r : rows)
        REQUIRE(b.forward(r) == a.forward(s(r)));

    // Saved and loaded with the network, in both formats; baked as state.
    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        std::stringstream file;
        REQUIRE(ctnn::save(b, file, how));
        with_layer back;
        REQUIRE(ctnn::load(back, file));
        REQUIRE(back.forward(rows[3]) == b.forward(rows[3]));
        REQUIRE(back.block<0, 1>()[2] == s.scale[2]);
    }
    std::ostringstream baked;
    ctnn::bake(b, baked);
    REQUIRE(baked.str().find("ctnn::input<3>,\n        ctnn::standardize,\n") !=
            std::string::npos);
    REQUIRE(baked.str().find("// layer 0 scale") != std::string::npos);

    // Training leaves the statistics alone (running state, no optimiser touches it).
    std::vector<std::size_t> labels{0, 1, 0, 1};
    const ctnn::dataset_for<with_layer> data(rows, labels);
    ctnn::trainer<with_layer, ctnn::categorical_cross_entropy, ctnn::adam, 2> trainer(
        ctnn::adam{.learning_rate = 0.01});
    const auto state_before = std::vector<float>(b.state().begin(), b.state().end());
    REQUIRE(trainer.fit(b, data, 5).completed());
    REQUIRE(std::vector<float>(b.state().begin(), b.state().end()) == state_before);
}

TEST_CASE("gradients pass through the standardize layer (finite differences)", "[data][gradient]")
{
    using net_t = ctnn::sequential<ctnn::options<double>, ctnn::input<3>, ctnn::dense<4, ctnn::tanh>,
                                   ctnn::standardize, ctnn::dense<2, ctnn::identity>>;
    net_t net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 12);
    const ctnn::standardizer<double, 4> s{{0.1, -0.2, 0.3, 0.05}, {2.0, 0.5, 1.5, 3.0}};
    ctnn::set_standardizer<1>(net, s);
    const std::array<std::array<double, 3>, 2> x{{{0.3, -0.7, 0.2}, {-0.1, 0.4, 0.9}}};
    const std::array<std::array<double, 2>, 2> t{{{0.5, -0.25}, {0.1, 0.7}}};
    const auto result = ctnn::check_gradient(net, x, t, ctnn::half_sum_squares{});
    INFO(result);
    REQUIRE(result.passed);
    REQUIRE(result.parameters_checked == net_t::parameter_count);
}

TEST_CASE("one_hot: rows for labels, and labels out of range refused", "[data]")
{
    static_assert(ctnn::one_hot<3, float>(2) == std::array<float, 3>{0, 0, 1});
    static_assert(ctnn::one_hot<1, double>(0) == std::array<double, 1>{1});
    REQUIRE_THROWS_WITH(ctnn::one_hot<3>(3), "ctnn::one_hot: label 3 is out of range for 3 classes");

    const std::vector<std::size_t> labels{1, 0, 2};
    std::vector<std::array<double, 3>> rows(3, {9, 9, 9});
    ctnn::one_hot<3>(std::span<const std::size_t>(labels), std::span(rows));
    REQUIRE(rows == std::vector<std::array<double, 3>>{{0, 1, 0}, {1, 0, 0}, {0, 0, 1}});

    const std::vector<std::size_t> bad{1, 5, 0};
    std::vector<std::array<double, 3>> kept(3, {9, 9, 9});
    REQUIRE_THROWS_WITH(ctnn::one_hot<3>(std::span<const std::size_t>(bad), std::span(kept)),
                        "ctnn::one_hot: label 5 of sample 1 is out of range for 3 classes");
    REQUIRE(kept == std::vector<std::array<double, 3>>(3, {9, 9, 9}));
    REQUIRE_THROWS_WITH(
        ctnn::one_hot<3>(std::span<const std::size_t>(labels), std::span(kept).first(2)),
        "ctnn::one_hot: 3 labels but 2 rows");
}
