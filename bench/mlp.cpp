// bench/mlp.cpp: 16-32-32-1 (batch 16) and 64-32-10 (batch 64).
// Every case registers its agreement check and its twelve benchmarks (benchmarks.hpp). The
// cases are spread over several files so that a parallel build compiles them at once; see
// CMakeLists.txt.
#include "benchmarks.hpp"

namespace bench {

CTNN_BENCH_CASE(mlp_16_32_32_1<double>)
CTNN_BENCH_CASE(mlp_16_32_32_1<float>)
CTNN_BENCH_CASE(mlp_64_32_10<double>)
CTNN_BENCH_CASE(mlp_64_32_10<float>)

} // namespace bench
