// ctnn/layer/default.hpp: the layer kind a network written as widths is made of, and the layer a
// mistaken layer list keeps compiling with so that its error is the only one: both dense.
#pragma once

#include <cstddef>

#include <ctnn/layer/dense.hpp>

namespace ctnn {

// network<2, 3, 1> is sequential<options<>, input<2>, default_layer<3>, default_layer<1>>.
template <std::size_t Width>
using default_layer = dense<Width>;

namespace detail {
using stand_in_layer = dense<1>;
} // namespace detail

} // namespace ctnn
