// bench/mnist_256.cpp: 784-256-128-10, batch 32.
// Every case registers its agreement check and its twelve benchmarks (benchmarks.hpp). The
// cases are spread over several files so that a parallel build compiles them at once; see
// CMakeLists.txt.
#include "benchmarks.hpp"

namespace bench {

CTNN_BENCH_CASE(mlp_784_256_128_10<double>)
CTNN_BENCH_CASE(mlp_784_256_128_10<float>)

} // namespace bench
