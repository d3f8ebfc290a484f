// bench/main.cpp: the benchmarks' main. Before anything is timed it runs every case's agreement
// check (agreement.hpp): ctnn, the Eigen baseline and the naive baseline must give the same
// forward outputs, and after one training step the same loss and the same weights and biases
// (1e-12 relative in double, 1e-5 in float; check_case.hpp says why and at which scales), and
// OR's loss must be NumPy's. On any disagreement it names the values and exits with failure
// without running a benchmark; otherwise it says how close the closest call came.
#include <cstdio>
#include <cstdlib>

#include <benchmark/benchmark.h>

#include "agreement.hpp"

int main(int argc, char** argv)
{
    bench::agreement check;
    for (const auto run_check : bench::case_checks())
        run_check(check);
    if (check.failures() > 0) {
        std::fprintf(stderr,
                     "bench: ctnn and its baselines disagree on %zu of %zu values; timing them "
                     "against each other would compare different computations, so no benchmark "
                     "was run.\n",
                     check.failures(), check.compared());
        return EXIT_FAILURE;
    }
    // stderr, so that --benchmark_format=json on stdout stays valid JSON.
    std::fprintf(stderr,
                 "bench: ctnn, Eigen and naive agree on all %zu values compared over %zu cases "
                 "(forward outputs, and loss, weights and biases after one training step).\n",
                 check.compared(), bench::case_checks().size());
    std::fprintf(stderr, "bench: the closest call used %.1f%% of its tolerance (%s).\n",
                 100 * check.closest(), check.closest_what().c_str());

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return EXIT_FAILURE;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return EXIT_SUCCESS;
}
