// ctnn/detail/cpu_dispatch.hpp: which vector instruction set the wide kernels run with when the
// translation unit itself was compiled for less (a default x86-64 build: SSE2 only), chosen at
// run time from the CPU; and CTNN_NO_DISPATCH, which turns that off.
//
// Why: a project that adds the header to an existing build compiles without -march, and there
// the wide layers ran 6.2 times slower than with -march=native (784-128-64-10 float training
// step, AVX-512 machine). The kernels are cheap to compile twice more, for AVX2 + FMA and for
// AVX-512, inside functions carrying a target attribute; block_kernel.hpp picks one per call with
// cpu_level() below. Where the translation unit already targets AVX2 or better (-march=native,
// -mavx2, x86-64-v3), nothing is dispatched: the compile-time path is the only one.
//
// Why an opt-out: the AVX2 and AVX-512 paths use fused multiply-add, as a -march=native build
// does, so a default build's results then depend on the CPU it runs on (each product's sums round
// once per term instead of twice; the README's "Determinism" section). CTNN_NO_DISPATCH keeps the
// baseline (SSE2) kernels only, whose results are the same on every x86-64 machine.
#pragma once

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__AVX2__) && !defined(CTNN_NO_DISPATCH)
#define CTNN_DISPATCH 1
#else
#define CTNN_DISPATCH 0
#endif

#if CTNN_DISPATCH
namespace ctnn::detail {

// The levels, in order: a level's kernels need every feature its target attribute names.
enum class cpu_level_id : unsigned char { sse2, avx2, avx512 };

// The highest level cpu_level() may return: for tests, which run every level the CPU has and
// compare each with its compile-time twin (`cpu_level_limit.store(level)`). Constant-initialised
// (no order of initialisation to get wrong), and atomic so that a test changing it while another
// thread runs a network is not a data race; a relaxed load costs what a plain one does.
//
// Atomic through the compiler's __atomic builtins (GCC and Clang, the only compilers that
// dispatch) rather than std::atomic: libstdc++'s C++20 <atomic> brings in <string>,
// <stdexcept> and <system_error> for its wait and notify, and this header is in every unit that
// includes <ctnn/network.hpp> (scripts/parse_time.sh: about 200 of its 385 ms with g++).
class cpu_level_cap {
    unsigned char level_;

public:
    explicit constexpr cpu_level_cap(cpu_level_id level) noexcept
        : level_(static_cast<unsigned char>(level))
    {
    }
    void store(cpu_level_id level) noexcept
    {
        __atomic_store_n(&level_, static_cast<unsigned char>(level), __ATOMIC_SEQ_CST);
    }
    cpu_level_id load_relaxed() const noexcept
    {
        return static_cast<cpu_level_id>(__atomic_load_n(&level_, __ATOMIC_RELAXED));
    }
};
inline constinit cpu_level_cap cpu_level_limit{cpu_level_id::avx512};

// The best level this CPU runs. __builtin_cpu_supports reads flags that libgcc's (or
// compiler-rt's) constructor fills in from CPUID; __builtin_cpu_init fills them in first if that
// constructor has not run yet (a network used from another static initialiser), and returns at
// once otherwise. No heap, no lock, nothing initialised at run time.
inline cpu_level_id cpu_level() noexcept
{
    __builtin_cpu_init();
    cpu_level_id best = cpu_level_id::sse2;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        best = cpu_level_id::avx2;
        if (__builtin_cpu_supports("avx512f"))
            best = cpu_level_id::avx512;
    }
    const cpu_level_id limit = cpu_level_limit.load_relaxed();
    return best < limit ? best : limit;
}

} // namespace ctnn::detail
#endif
