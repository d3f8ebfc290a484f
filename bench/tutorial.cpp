// bench/tutorial.cpp: the seed tutorial's OR (2-3-1) and XOR (2-4-1) experiments, batch 4.
// Every case registers its agreement check and its twelve benchmarks (benchmarks.hpp). The
// cases are spread over several files so that a parallel build compiles them at once; see
// CMakeLists.txt.
#include "benchmarks.hpp"

namespace bench {

CTNN_BENCH_CASE(or_2_3_1<double>)
CTNN_BENCH_CASE(or_2_3_1<float>)
CTNN_BENCH_CASE(xor_2_4_1<double>)
CTNN_BENCH_CASE(xor_2_4_1<float>)

} // namespace bench
