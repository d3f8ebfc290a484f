// Prints a digest of the weights that the fixed training runs (fixed_runs.hpp) produce: one line
// per run with its FNV-1a hash, then every parameter as a C99 hex float. scripts/determinism.sh
// builds this file with g++ and clang++ at the same flags and compares the outputs; CTest runs it
// in every build so that it keeps compiling and finishing.
//   weights_digest           everything
//   weights_digest --short   the two digest lines only
#include "fixed_runs.hpp"

#include <cinttypes>
#include <cstdio>
#include <cstring>

namespace {

template <class Net>
void print(const char* name, const Net& net, bool all)
{
    std::printf("%s %016" PRIx64 "\n", name, robust::digest(net));
    if (!all)
        return;
    std::size_t k = 0;
    for (const auto value : net.values())
        std::printf("  %s[%zu] = %a\n", name, k++, static_cast<double>(value));
    for (const auto value : net.state())
        std::printf("  %s state[%zu] = %a\n", name, k++, static_cast<double>(value));
}

} // namespace

int main(int argc, char** argv)
{
    const bool all = !(argc > 1 && std::strcmp(argv[1], "--short") == 0);
    const auto classifier = robust::train_classifier();
    const auto xor_run = robust::train_xor();
    const auto layered = robust::train_layered();
    if (!classifier.result.completed() || !layered.result.completed() ||
        xor_run.result.stop != ctnn::training_stop::none) {
        std::fputs("weights_digest: a fixed training run did not complete\n", stderr);
        return 1;
    }
    print("classifier_4_8_3_float_adam", classifier.net, all);
    print("xor_2_4_1_double_sgd", xor_run.net, all);
    print("layered_4_8_8_3_float_adam_dropout_norms", layered.net, all);
    return 0;
}
