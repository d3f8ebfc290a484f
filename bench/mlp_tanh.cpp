// bench/mlp_tanh.cpp: 16-32-32-1 (batch 16) and 64-32-10 (batch 64) with tanh hidden layers and a
// linear output, RTNeural's benchmark network's activations.
// Every case registers its agreement check and its twelve benchmarks (benchmarks.hpp). The
// cases are spread over several files so that a parallel build compiles them at once; see
// CMakeLists.txt.
#include "benchmarks.hpp"

namespace bench {

CTNN_BENCH_CASE(mlp_16_32_32_1_tanh<double>)
CTNN_BENCH_CASE(mlp_16_32_32_1_tanh<float>)
CTNN_BENCH_CASE(mlp_64_32_10_tanh<double>)
CTNN_BENCH_CASE(mlp_64_32_10_tanh<float>)

} // namespace bench
