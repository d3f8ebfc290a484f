// ctnn/dataset.hpp: `dataset`, a view of N samples (N known at run time) held in the user's memory.
//
//   std::vector<std::array<float, 4>> x = ...;          // or a static array, or mapped memory
//   std::vector<std::size_t> labels = ...;              // class of each sample
//   ctnn::dataset<float, 4, 3> data(x, labels);         // targets: one-hot rows of 3
//   ctnn::dataset<float, 4, 3> data2(x, targets);       // or explicit std::array<float, 3> rows
//
// A dataset owns nothing and copies nothing: it is two spans, so it is as cheap to pass as a
// pointer and works for any storage. Labels stand for one-hot target rows (or, for a network with
// one output, for the target 0 or 1 itself), so classification data needs no target copy.
//
// A mistake in the arguments (counts that differ, a label out of range, a subset past the end)
// throws std::invalid_argument; built with -fno-exceptions, the message goes to the error handler
// (ctnn/error_handler.hpp; by default, stderr) and the program aborts. An empty dataset is valid
// here; training on one is reported by the trainer (training_stop::empty_dataset).
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include <ctnn/detail/invalid_argument.hpp>

namespace ctnn {

// The number of classes a row of Width outputs (or targets) stands for: Width, or 2 for one value.
constexpr std::size_t classes_of_width(std::size_t width) noexcept
{
    return width > 1 ? width : 2;
}

// The class a row of outputs (or targets) stands for: the index of its largest value (the first,
// on a tie), or for a single value whether it is >= 0.5.
template <class T, std::size_t Width>
constexpr std::size_t predicted_class(std::span<const T, Width> row) noexcept
{
    if constexpr (Width == 1)
        return row[0] >= T(0.5) ? 1 : 0;
    else {
        std::size_t best = 0;
        for (std::size_t o = 1; o < Width; ++o)
            if (row[o] > row[best])
                best = o;
        return best;
    }
}

template <class T, std::size_t Inputs, std::size_t Outputs>
class dataset {
public:
    using scalar_type = T;
    using input_row = std::array<T, Inputs>;
    using target_row = std::array<T, Outputs>;
    static constexpr std::size_t input_size = Inputs;
    static constexpr std::size_t output_size = Outputs;

    constexpr dataset() = default;

    // Samples with explicit target rows. Throws std::invalid_argument if the counts differ.
    constexpr dataset(std::span<const input_row> inputs, std::span<const target_row> targets)
        : inputs_(inputs), targets_(targets)
    {
        detail::check_counts("ctnn::dataset", inputs.size(), "inputs", targets.size(), "targets");
    }

    // Samples with class labels. With Outputs > 1, label c is the one-hot row with a 1 at c, so
    // every label must be < Outputs; with one output, the label is the target (0 or 1). Throws
    // std::invalid_argument if the counts differ or a label is out of range.
    constexpr dataset(std::span<const input_row> inputs, std::span<const std::size_t> labels)
        : inputs_(inputs), labels_(labels)
    {
        detail::check_counts("ctnn::dataset", inputs.size(), "inputs", labels.size(), "labels");
        detail::check_labels("ctnn::dataset", labels, classes_of_width(Outputs));
    }

    constexpr std::size_t size() const noexcept { return inputs_.size(); }
    constexpr bool empty() const noexcept { return inputs_.empty(); }

    constexpr const input_row& input(std::size_t s) const noexcept { return inputs_[s]; }
    // Every sample's input row.
    constexpr std::span<const input_row> inputs() const noexcept { return inputs_; }

    // Writes sample s's target row into out (Outputs values).
    template <class Out>
    constexpr void target(std::size_t s, Out&& out) const noexcept
    {
        if (!targets_.empty()) {
            for (std::size_t o = 0; o < Outputs; ++o)
                out[o] = targets_[s][o];
        }
        else if constexpr (Outputs == 1) {
            out[0] = static_cast<T>(labels_[s]);
        }
        else {
            for (std::size_t o = 0; o < Outputs; ++o)
                out[o] = o == labels_[s] ? T(1) : T(0);
        }
    }

    // Sample s's class: its label, or the index of its target row's largest value (for one
    // output, whether the target is >= 0.5).
    constexpr std::size_t label(std::size_t s) const noexcept
    {
        if (targets_.empty())
            return labels_[s];
        return predicted_class(std::span<const T, Outputs>(targets_[s]));
    }

    // Samples first .. first + count - 1 as a dataset of their own (for a validation split).
    // Throws std::invalid_argument unless they all exist (first + count <= size(); count 0 with
    // first <= size() is an empty dataset).
    constexpr dataset subset(std::size_t first, std::size_t count) const
    {
        // Written so that first + count cannot wrap.
        if (first > size() || count > size() - first)
            detail::invalid_argument("ctnn::dataset::subset(", first, ", ", count,
                                     "): the dataset has ", size(),
                                     " samples, so first + count must be at most ", size());
        dataset d;
        d.inputs_ = inputs_.subspan(first, count);
        if (!targets_.empty())
            d.targets_ = targets_.subspan(first, count);
        if (!labels_.empty())
            d.labels_ = labels_.subspan(first, count);
        return d;
    }

private:
    std::span<const input_row> inputs_;
    std::span<const target_row> targets_;
    std::span<const std::size_t> labels_;
};

// The dataset type that fits a network: dataset_for<Net>.
template <class Net>
using dataset_for = dataset<typename Net::scalar_type, Net::input_size, Net::output_size>;

} // namespace ctnn
