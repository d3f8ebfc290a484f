// ctnn/detail/target_simd.hpp: the widest vector register of the target this translation unit is
// compiled for, in bytes, from the compilers' predefined macros: CTNN_TARGET_VECTOR_BYTES, 64
// with AVX-512, 32 with AVX, 16 with SSE2, NEON, Helium (MVE), AltiVec/VSX, RISC-V's V or
// WebAssembly SIMD, and 0 on a target without a vector unit (a Cortex-M0 to M7, most microcontrollers).
// block_kernel.hpp uses GCC's and Clang's vector types only where it is not 0: elsewhere they
// would be expanded to scalar code, slower than the plain loops (issue 14: 72
// -Wvector-operation-performance warnings for a Cortex-M4). options.hpp derives the default
// alignment from it.
//
// CTNN_TARGET_HAS_FMA: 1 where the target has a fused multiply-add instruction (x86 with FMA3,
// every AArch64, Arm with VFPv4 or MVE, POWER, RISC-V's F and D...), so that a compiler that
// contracts a * b + c (GCC by default, -ffp-contract=fast; Clang within an expression) may give
// other bits than a separate multiply and add; 0 where it cannot. Tests that compare two
// computations bit for bit use it (or build with -ffp-contract=off).
#pragma once

#if defined(__AVX512F__)
#define CTNN_TARGET_VECTOR_BYTES 64
#elif defined(__AVX__)
#define CTNN_TARGET_VECTOR_BYTES 32
#elif defined(__SSE2__) || defined(_M_X64) || defined(__ARM_NEON) || defined(__ARM_NEON__) ||    \
    defined(__ARM_FEATURE_MVE) || defined(__ALTIVEC__) || defined(__VSX__) ||                   \
    defined(__riscv_vector) || defined(__wasm_simd128__)
#define CTNN_TARGET_VECTOR_BYTES 16
#else
#define CTNN_TARGET_VECTOR_BYTES 0
#endif

#if defined(__FMA__) || defined(__FP_FAST_FMA) || defined(__FP_FAST_FMAF) ||                     \
    defined(__ARM_FEATURE_FMA)
#define CTNN_TARGET_HAS_FMA 1
#else
#define CTNN_TARGET_HAS_FMA 0
#endif
