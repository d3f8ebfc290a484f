// ctnn/data/one_hot.hpp: `one_hot`, class labels as target rows: label c of Classes is the row
// with a 1 at c and 0 elsewhere.
//
//   constexpr auto row = ctnn::one_hot<3, float>(2);          // {0, 0, 1}
//   ctnn::one_hot<3>(std::span(labels), std::span(targets));  // every label into your rows
//
// A dataset built from labels already treats each label as this row without storing it; one_hot
// is for code that wants the rows themselves (a loss computed by hand, a file of targets, another
// library). A label >= Classes, or label and row counts that differ, throws std::invalid_argument
// (-fno-exceptions: message and abort), leaving the rows unchanged.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include <ctnn/detail/invalid_argument.hpp>

namespace ctnn {

template <std::size_t Classes, class T = float>
constexpr std::array<T, Classes> one_hot(std::size_t label)
{
    static_assert(Classes > 0, "ctnn::one_hot<Classes>: needs at least one class");
    if (label >= Classes)
        detail::invalid_argument("ctnn::one_hot: label ", label, " is out of range for ", Classes,
                                 " classes");
    std::array<T, Classes> row{};
    row[label] = T(1);
    return row;
}

template <std::size_t Classes, class T, std::size_t Extent>
constexpr void one_hot(std::span<const std::size_t> labels,
                       std::span<std::array<T, Classes>, Extent> rows)
{
    detail::check_counts("ctnn::one_hot", labels.size(), "labels", rows.size(), "rows");
    detail::check_labels("ctnn::one_hot", labels, Classes);
    for (std::size_t s = 0; s < labels.size(); ++s)
        rows[s] = one_hot<Classes, T>(labels[s]);
}

} // namespace ctnn
