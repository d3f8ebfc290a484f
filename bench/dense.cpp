// bench/dense.cpp: one dense layer, 4->4 and 8->8, batch 4.
// Every case registers its agreement check and its twelve benchmarks (benchmarks.hpp). The
// cases are spread over several files so that a parallel build compiles them at once; see
// CMakeLists.txt.
#include "benchmarks.hpp"

namespace bench {

CTNN_BENCH_CASE(dense_4_4<double>)
CTNN_BENCH_CASE(dense_4_4<float>)
CTNN_BENCH_CASE(dense_8_8<double>)
CTNN_BENCH_CASE(dense_8_8<float>)

} // namespace bench
