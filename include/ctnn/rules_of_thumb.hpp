// ctnn/rules_of_thumb.hpp: the tutorial's rules of thumb for the size of a hidden layer, as
// constexpr functions (starting points, not laws).
#pragma once

#include <cstddef>

namespace ctnn::rule_of_thumb {

// "Fewer than twice the inputs": the largest hidden size the rule allows, 2 * inputs - 1.
constexpr std::size_t max_hidden_size(std::size_t inputs) noexcept
{
    return inputs == 0 ? 0 : 2 * inputs - 1;
}

// "Two thirds of the inputs plus the outputs": floor(2 * inputs / 3 + outputs).
// 2 inputs and 1 output give 2. A floor, not a guarantee: XOR needs more without a bias (a 2-2-1
// network with no bias learnt it for none of 100 seeds, 2-4-1 for all of them).
constexpr std::size_t two_thirds_hidden_size(std::size_t inputs, std::size_t outputs) noexcept
{
    return 2 * inputs / 3 + outputs;
}

// "Between the outputs and the inputs": the closed range [min, max] of the two.
// 3 inputs and 2 outputs give [2, 3].
struct size_range {
    std::size_t min;
    std::size_t max;
    constexpr bool contains(std::size_t n) const noexcept { return min <= n && n <= max; }
    friend constexpr bool operator==(const size_range&, const size_range&) = default;
};

constexpr size_range hidden_size_between(std::size_t inputs, std::size_t outputs) noexcept
{
    return inputs < outputs ? size_range{inputs, outputs} : size_range{outputs, inputs};
}

} // namespace ctnn::rule_of_thumb
