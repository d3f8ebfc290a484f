// ctnn/training/evaluation.hpp: a network's loss and accuracy over a dataset (`evaluate`), its
// confusion matrix (`confusion`), and the batching of a dataset through a workspace that they
// and the trainer share.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>

#include <ctnn/dataset.hpp>
#include <ctnn/detail/static_checks.hpp>
#include <ctnn/loss.hpp>
#include <ctnn/network.hpp>

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
    // Printed with << by ctnn/training/confusion_ostream.hpp (in <ctnn/trainer.hpp>).
};

// The number of classes a network's outputs stand for: its output count, or 2 for one output.
template <class Net>
inline constexpr std::size_t class_count = classes_of_width(Net::output_size);

namespace detail {

// The widths as template arguments of their own, so that both compilers print the numbers (from
// Net::input_size itself, clang printed the expression, not its value).
template <std::size_t Expected, std::size_t Got>
consteval bool check_dataset_input_width()
{
    static_assert(input_width_expected_got<Expected, Got>,
                  "ctnn: the dataset's input width does not match the network's input_size (the "
                  "requirement names expected and given widths)");
    return true;
}
template <std::size_t Expected, std::size_t Got>
consteval bool check_dataset_target_width()
{
    static_assert(target_width_expected_got<Expected, Got>,
                  "ctnn: the dataset's target width does not match the network's output_size "
                  "(the requirement names expected and given widths)");
    return true;
}

template <class Net, class Data>
consteval bool check_dataset()
{
    static_assert(scalar_type_expected_got<typename Net::scalar_type, typename Data::scalar_type>,
                  "ctnn: the dataset's scalar type differs from the network's");
    static_assert(check_dataset_input_width<Net::input_size, Data::input_size>());
    static_assert(check_dataset_target_width<Net::output_size, Data::output_size>());
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

} // namespace ctnn
