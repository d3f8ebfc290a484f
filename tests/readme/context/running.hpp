// "Running and training": the section's table speaks of a double 2-3-1 network, a batch x of B
// samples with targets t, the same rows flat, and a seed.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>

#include <ctnn/ctnn.hpp>

namespace readme_context {
ctnn::basic_network<ctnn::options<double>, 2, 3, 1> net;
constexpr std::size_t B = 4;
const ctnn::batch<double, B, 2> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
const ctnn::batch<double, B, 1> t{{{0}, {1}, {1}, {1}}};
const std::array<double, 2 * B> flat{0, 0, 0, 1, 1, 0, 1, 1};
const std::uint64_t seed = 1;
} // namespace readme_context
