// ctnn/detail/elementwise_inline.hpp: CTNN_ELEMENTWISE, the attribute on every per-value maths
// function a layer loop calls (an activation's value and derivative, the exp policies).
//
// Why: such a loop vectorises only if the whole function is inlined into it. GCC's heuristics
// weigh a function's size against how many places call it, so the same tanh that inlines in a
// small program stays a call in a large one (measured: a benchmark TU with 24 networks spent 47%
// of a 16-32-32-1 tanh training step in an out-of-line `basic_tanh::value<float>`, one call per
// unit, 2.3 times Eigen's time). always_inline makes the choice not depend on the program, and
// flatten inlines what the function calls (exp, its reduction, the selects) as well.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define CTNN_ELEMENTWISE [[gnu::always_inline, gnu::flatten]]
#else
#define CTNN_ELEMENTWISE
#endif
