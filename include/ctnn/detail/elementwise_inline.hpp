// ctnn/detail/elementwise_inline.hpp: CTNN_ELEMENTWISE, the attribute on the per-value functions
// of the larger activations (tanh, elu, softplus: value and derivative) that layer loops call.
//
// Why: such a loop vectorises only if the function is inlined into it. GCC weighs a function's
// size against how many places call it, so the same tanh that inlines in a small program stays a
// call in a large one (measured, AMD EPYC, g++ 12 -O3 -march=native: a benchmark TU with 24
// networks spent 47% of a 16-32-32-1 tanh float training step in an out-of-line
// `basic_tanh::value<float>`, one call per unit: 7.4 us, against 3.1 us inlined). always_inline
// makes the choice independent of the program. Not on the sigmoid and the exp policies: they
// inline anyway, and forcing them (with flatten) slowed the tutorial's 2-3-1 training step from
// 73 to 130-160 ns.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define CTNN_ELEMENTWISE [[gnu::always_inline]]
#else
#define CTNN_ELEMENTWISE
#endif
