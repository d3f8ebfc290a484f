// ctnn/data/split.hpp: `shuffle_split`, a seeded random split of your samples into a training,
// a validation and a test part, optionally stratified by class, done in place in your arrays.
//
//   auto iris = ctnn::io::read_csv<4>("examples/data/iris.csv");   // sorted by class
//   const auto parts = ctnn::shuffle_split<ctnn::dataset_for<net_t>>(
//       iris.features, iris.labels, {.test = 0.2, .validation = 0.1, .seed = 7, .stratify = true});
//   trainer.fit(net, parts.train, parts.validation, epochs);
//   trainer.evaluate(net, parts.test);
//
// The samples are shuffled in place (inputs and labels, or target rows, move together), then the
// three parts are consecutive runs of your arrays: train, validation, test. They are datasets, so
// views that copy nothing; nothing is allocated. A seed gives the same split with every compiler
// and standard library (the shuffle draws from ctnn::random_engine, not std::shuffle).
//
// Sizes: the test part has round(test * n) samples, the validation part round(validation * n),
// the training part the rest. Stratified, each class c of n_c samples gives each part its share
// of the part's size: n_c * part / n, rounded down, and the samples this leaves over go to the
// classes with the largest remainders (the lower class on a tie), so every class keeps its
// proportion in every part as nearly as whole samples allow, and the part sizes are as above.
//
// Mistakes throw std::invalid_argument (built with -fno-exceptions: message and abort), before
// anything is moved: inputs and labels of different lengths, a label out of range for the
// dataset's classes, fractions below 0, not finite, or adding up to more than 1.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>

#include <ctnn/dataset.hpp>
#include <ctnn/detail/invalid_argument.hpp>
#include <ctnn/random.hpp>

namespace ctnn {

struct split_options {
    double test = 0.2;       // the test part's share of the samples
    double validation = 0.0; // the validation part's share
    std::uint64_t seed = 0;
    bool stratify = false;   // every class in every part in its overall proportion
};

// The three parts, each a view into the arrays shuffle_split reordered.
template <class Dataset>
struct data_split {
    Dataset train;
    Dataset validation;
    Dataset test;
};

namespace detail {

// A uniform index in [0, bound), unbiased: draws above the largest multiple of bound are redrawn.
inline std::uint64_t uniform_below(random_engine& rng, std::uint64_t bound) noexcept
{
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % bound);
    for (;;) {
        const std::uint64_t draw = rng();
        if (draw < limit)
            return draw % bound;
    }
}

inline std::size_t share_of(double fraction, std::size_t n) noexcept
{
    return static_cast<std::size_t>(std::floor(fraction * static_cast<double>(n) + 0.5));
}

// How many samples of each class go to a part of `part` samples out of `total`: the floor of each
// class's share, then one more for the classes with the largest remainders until the part is
// full. counts[c] is the number of class c's samples still unassigned.
template <std::size_t Classes>
std::array<std::size_t, Classes> stratified_quota(const std::array<std::size_t, Classes>& counts,
                                                  std::size_t total, std::size_t part) noexcept
{
    std::array<std::size_t, Classes> quota{};
    if (part == 0) // total may then be 0 too
        return quota;
    std::array<std::size_t, Classes> remainder{}; // of counts[c] * part / total, in 1 / total
    std::size_t given = 0;
    // counts[c] * part needs twice the bits of a std::size_t: 64 on a 32-bit target (where there
    // is no __int128), 128 on a 64-bit one.
#if SIZE_MAX <= UINT32_MAX
    using wide = std::uint64_t;
#else
    __extension__ using wide = unsigned __int128;
#endif
    for (std::size_t c = 0; c < Classes; ++c) {
        const wide scaled = static_cast<wide>(counts[c]) * part;
        quota[c] = static_cast<std::size_t>(scaled / total);
        remainder[c] = static_cast<std::size_t>(scaled % total);
        given += quota[c];
    }
    for (; given < part; ++given) {
        std::size_t best = Classes;
        for (std::size_t c = 0; c < Classes; ++c)
            if (quota[c] < counts[c] && (best == Classes || remainder[c] > remainder[best]))
                best = c;
        ++quota[best];
        remainder[best] = 0;
    }
    return quota;
}

inline void check_split_options(const split_options& options)
{
    const auto bad = [](double f) { return !std::isfinite(f) || f < 0 || f > 1; };
    if (bad(options.test) || bad(options.validation) || options.test + options.validation > 1)
        invalid_argument("ctnn::shuffle_split: test (", options.test, ") and validation (",
                         options.validation,
                         ") must be fractions in [0, 1] adding up to at most 1");
}

// Shuffles samples 0..n-1 (swap(i, j) exchanges two), then, stratified, orders them train,
// validation, test with each class's quota; class_of(s) is sample s's class, < Classes. Returns
// the sizes of the validation and test parts.
template <std::size_t Classes, class Swap, class ClassOf>
std::pair<std::size_t, std::size_t> shuffle_and_arrange(std::size_t n,
                                                        const split_options& options, Swap swap,
                                                        ClassOf class_of)
{
    random_engine rng(options.seed);
    for (std::size_t i = n; i > 1; --i) // Fisher and Yates, from the back
        swap(i - 1, static_cast<std::size_t>(uniform_below(rng, i)));

    const std::size_t test = share_of(options.test, n);
    const std::size_t validation = std::min(share_of(options.validation, n), n - test);
    if (!options.stratify || n == 0)
        return {validation, test};

    std::array<std::size_t, Classes> counts{};
    for (std::size_t s = 0; s < n; ++s)
        ++counts[class_of(s)];
    const auto test_quota = stratified_quota(counts, n, test);
    for (std::size_t c = 0; c < Classes; ++c)
        counts[c] -= test_quota[c];
    const auto validation_quota = stratified_quota(counts, n - test, validation);

    // A three-way partition (Dijkstra's Dutch national flag), each sample given its part when the
    // scan first reaches it: class c's first quota-for-train samples so reached go to training,
    // the next to validation, the rest to test. Samples swapped in from the back are reached
    // later, so each sample is looked at once and the order stays a function of the seed.
    std::array<std::size_t, Classes> seen{};
    std::size_t low = 0, i = 0, high = n;
    while (i < high) {
        const std::size_t c = class_of(i);
        const std::size_t k = seen[c]++;
        const std::size_t train_quota = counts[c] - validation_quota[c];
        if (k < train_quota)
            swap(low++, i++);
        else if (k < train_quota + validation_quota[c])
            ++i;
        else
            swap(i, --high);
    }
    return {validation, test};
}

template <class Dataset, class Inputs, class Others>
data_split<Dataset> make_split(Inputs inputs, Others others,
                               std::pair<std::size_t, std::size_t> sizes)
{
    const auto [validation, test] = sizes;
    const std::size_t train = inputs.size() - validation - test;
    return {Dataset(inputs.first(train), others.first(train)),
            Dataset(inputs.subspan(train, validation), others.subspan(train, validation)),
            Dataset(inputs.last(test), others.last(test))};
}

} // namespace detail

// Samples with class labels: for a network with Outputs > 1, label c stands for class c
// (< Outputs); with one output, labels are 0 and 1.
template <class Dataset>
data_split<Dataset> shuffle_split(std::span<typename Dataset::input_row> inputs,
                                  std::span<std::size_t> labels, const split_options& options = {})
{
    constexpr std::size_t classes = classes_of_width(Dataset::output_size);
    detail::check_split_options(options);
    detail::check_counts("ctnn::shuffle_split", inputs.size(), "inputs", labels.size(), "labels");
    detail::check_labels("ctnn::shuffle_split", labels, classes);
    const auto sizes = detail::shuffle_and_arrange<classes>(
        inputs.size(), options,
        [&](std::size_t a, std::size_t b) {
            std::swap(inputs[a], inputs[b]);
            std::swap(labels[a], labels[b]);
        },
        [&](std::size_t s) { return labels[s]; });
    return detail::make_split<Dataset>(std::span<const typename Dataset::input_row>(inputs),
                                       std::span<const std::size_t>(labels), sizes);
}

// Samples with target rows; stratified by each row's class (its largest value's index, or for one
// output whether it is >= 0.5), as the trainer's accuracy counts them.
template <class Dataset>
data_split<Dataset> shuffle_split(std::span<typename Dataset::input_row> inputs,
                                  std::span<typename Dataset::target_row> targets,
                                  const split_options& options = {})
{
    using T = typename Dataset::scalar_type;
    constexpr std::size_t outputs = Dataset::output_size;
    detail::check_split_options(options);
    detail::check_counts("ctnn::shuffle_split", inputs.size(), "inputs", targets.size(),
                         "targets");
    const auto sizes = detail::shuffle_and_arrange<classes_of_width(outputs)>(
        inputs.size(), options,
        [&](std::size_t a, std::size_t b) {
            std::swap(inputs[a], inputs[b]);
            std::swap(targets[a], targets[b]);
        },
        [&](std::size_t s) { return predicted_class(std::span<const T, outputs>(targets[s])); });
    return detail::make_split<Dataset>(
        std::span<const typename Dataset::input_row>(inputs),
        std::span<const typename Dataset::target_row>(targets), sizes);
}

} // namespace ctnn
