// bench/mlp_elu_softplus.cpp: 16-32-32-1 (batch 16) with elu, and with softplus, hidden layers
// and a linear output.
// Every case registers its agreement check and its twelve benchmarks (benchmarks.hpp). The
// cases are spread over several files so that a parallel build compiles them at once; see
// CMakeLists.txt.
#include "benchmarks.hpp"

namespace bench {

CTNN_BENCH_CASE(mlp_16_32_32_1_elu<double>)
CTNN_BENCH_CASE(mlp_16_32_32_1_elu<float>)
CTNN_BENCH_CASE(mlp_16_32_32_1_softplus<double>)
CTNN_BENCH_CASE(mlp_16_32_32_1_softplus<float>)

} // namespace bench
