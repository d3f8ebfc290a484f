// ctnn/detail/block_kernel.hpp: the register-blocked product behind wide dense layers,
//   C[m][n] = init[n] + sum_k A(m, k) B[k][n]      (m < M rows, n < V vectors of lanes)
// where A(m, k) is read one scalar at a time through two strides and B's rows are contiguous.
// The forward pass is z = x W + b (A = x, B = W), the weight gradient x^T delta (A = x^T,
// B = delta): one kernel serves both.
//
// Why it exists: a layer as wide as 128 outputs, written as plain loops (dense.hpp's axpy form),
// loads and stores its output row for every input, which caps it at one vector store a cycle
// (about 65 GFLOP/s in float on this project's AVX-512 machine). Keeping an M x V block of the
// output in registers for the whole sum needs accumulators the compiler holds in registers
// across the k loop; GCC does not do that for a local array however it is written, so the block
// is a set of values of the compilers' generic vector type (GCC and Clang's vector_size
// extension: not intrinsics, the same source for every instruction set). Each output is still
// summed in the plain loops' order (init, then k = 0, 1, ...), so results do not depend on which
// path ran. Constant evaluation, other compilers and targets without a vector unit
// (target_simd.hpp: there the vector type would be expanded to scalar code) take the plain loops.
//
// The vector width and block shape are a template parameter (block_shape<VectorBytes>), so that
// one source serves the width this translation unit was compiled for and, in a default x86-64
// build, the AVX2 and AVX-512 versions that cpu_dispatch.hpp chooses between at run time.
#pragma once

#include <cstddef>

#include <ctnn/detail/cpu_dispatch.hpp>
#include <ctnn/detail/target_simd.hpp>

namespace ctnn::detail {

#if defined(__GNUC__) && CTNN_TARGET_VECTOR_BYTES > 0 // GCC and Clang, on a target with vectors
inline constexpr bool has_block_kernel = true;

// Vector width and block shape per vector width: M * V accumulators plus V loaded B vectors and
// one broadcast must fit the register file (32 registers with AVX-512, 16 below). A single row
// (a single sample's forward pass, a last sample) takes a 1 x row_vectors block.
template <std::size_t VectorBytes>
struct block_shape {
    static constexpr std::size_t vector_bytes = VectorBytes;
    static constexpr std::size_t rows = VectorBytes == 64 ? 8 : 4;
    static constexpr std::size_t vectors = 2;
    static constexpr std::size_t row_vectors = VectorBytes == 64 ? 8 : 4;
    template <class T>
    static constexpr std::size_t lanes = VectorBytes / sizeof(T);
};

// The shape this translation unit's own instruction set gets.
using compiled_shape = block_shape<CTNN_TARGET_VECTOR_BYTES>;

// What the layers decide their paths by: the compiled width, even where a wider one is
// dispatched (cpu_dispatch.hpp), so that a layer's path does not depend on the CPU.
template <class T>
inline constexpr std::size_t block_lanes = compiled_shape::lanes<T>;

// With run-time dispatch, every function of the loop nest is inlined into the entry point that
// carries the target attribute, or it would be compiled for the baseline (a function of a lower
// target may be inlined into one of a higher, not the other way round). Without, the compiler
// decides, as it always did.
#if CTNN_DISPATCH
#define CTNN_KERNEL_INLINE [[gnu::always_inline]] inline
#else
#define CTNN_KERNEL_INLINE inline
#endif

// One M x (V * lanes) block. a_m, a_k: strides of A(m, k) in `a`; ldb: the row stride of B and
// of C; init: V * lanes values added first (a bias row), or nullptr for zeros; accumulate: start
// from C's values instead (a sum continued over a further range of k).
template <class T, class Shape, std::size_t M, std::size_t V>
CTNN_KERNEL_INLINE void block_product(const T* a, std::size_t a_m, std::size_t a_k, const T* b,
                                      std::size_t ldb, std::size_t k_count, const T* init,
                                      bool accumulate, T* c) noexcept
{
    typedef T vec __attribute__((vector_size(Shape::vector_bytes)));
    constexpr std::size_t lanes = Shape::template lanes<T>;
    // The loops over the block are unrolled by name: -O3 does it anyway, but -O2 (a default
    // build) keeps them as loops, and acc then lives on the stack, not in registers.
    vec acc[M][V];
    if (accumulate) {
#pragma GCC unroll 16
        for (std::size_t m = 0; m < M; ++m)
#pragma GCC unroll 16
            for (std::size_t v = 0; v < V; ++v)
                __builtin_memcpy(&acc[m][v], c + m * ldb + v * lanes, sizeof(vec));
    }
    else {
#pragma GCC unroll 16
        for (std::size_t v = 0; v < V; ++v) {
            vec start{};
            if (init != nullptr)
                __builtin_memcpy(&start, init + v * lanes, sizeof(vec));
#pragma GCC unroll 16
            for (std::size_t m = 0; m < M; ++m)
                acc[m][v] = start;
        }
    }
    for (std::size_t k = 0; k < k_count; ++k) {
        vec row[V];
#pragma GCC unroll 16
        for (std::size_t v = 0; v < V; ++v)
            __builtin_memcpy(&row[v], b + k * ldb + v * lanes, sizeof(vec));
#pragma GCC unroll 16
        for (std::size_t m = 0; m < M; ++m) {
            const T scalar = a[m * a_m + k * a_k];
#pragma GCC unroll 16
            for (std::size_t v = 0; v < V; ++v)
                acc[m][v] += scalar * row[v];
        }
    }
#pragma GCC unroll 16
    for (std::size_t m = 0; m < M; ++m)
#pragma GCC unroll 16
        for (std::size_t v = 0; v < V; ++v)
            __builtin_memcpy(c + m * ldb + v * lanes, &acc[m][v], sizeof(vec));
}

// Columns n_begin .. Cols - 1 of one row of C, each a plain sum in order (the edges that are
// narrower than a vector).
template <class T, std::size_t Cols>
CTNN_KERNEL_INLINE void plain_columns(const T* a, std::size_t a_k, const T* b,
                                      std::size_t k_count, const T* init, bool accumulate, T* c,
                                      std::size_t n_begin) noexcept
{
    for (std::size_t n = n_begin; n < Cols; ++n) {
        T sum = accumulate ? c[n] : (init != nullptr ? init[n] : T(0));
        for (std::size_t k = 0; k < k_count; ++k)
            sum += a[k * a_k] * b[k * Cols + n];
        c[n] = sum;
    }
}

// One row of C (all Cols columns): 1 x row_vectors blocks, then one narrower block, then plain
// columns, each output summed in order.
template <class T, class Shape, std::size_t Cols>
CTNN_KERNEL_INLINE void row_product(const T* a, std::size_t a_k, const T* b, std::size_t k_count,
                                    const T* init, bool accumulate, T* c) noexcept
{
    constexpr std::size_t lanes = Shape::template lanes<T>;
    constexpr std::size_t vectors =
        Cols / lanes < Shape::row_vectors ? Cols / lanes : Shape::row_vectors;
    constexpr std::size_t wide = vectors * lanes;
    constexpr std::size_t full = vectors > 0 ? Cols / wide : 0;
    for (std::size_t f = 0; f < full; ++f)
        block_product<T, Shape, 1, vectors>(a, 0, a_k, b + f * wide, Cols, k_count,
                                            init != nullptr ? init + f * wide : nullptr,
                                            accumulate, c + f * wide);
    constexpr std::size_t done = full * wide;
    constexpr std::size_t rest = (Cols - done) / lanes;
    if constexpr (rest > 0)
        block_product<T, Shape, 1, rest>(a, 0, a_k, b + done, Cols, k_count,
                                         init != nullptr ? init + done : nullptr, accumulate,
                                         c + done);
    plain_columns<T, Cols>(a, a_k, b, k_count, init, accumulate, c, done + rest * lanes);
}

// One row of C narrower than a register block: columns First .. Cols - 1 as vectors of
// VectorBytes while whole ones fit, then of half that, down to 16 bytes (four floats, two
// doubles), then plain columns; each output summed in the plain loops' order.
template <class T, std::size_t Cols, std::size_t VectorBytes = CTNN_TARGET_VECTOR_BYTES,
          std::size_t First = 0>
CTNN_KERNEL_INLINE void short_row_product(const T* a, std::size_t a_k, const T* b,
                                          std::size_t k_count, const T* init, T* c) noexcept
{
    constexpr std::size_t lanes = VectorBytes / sizeof(T);
    if constexpr (VectorBytes < 16 || lanes < 2) {
        plain_columns<T, Cols>(a, a_k, b, k_count, init, false, c, First);
    }
    else {
        constexpr std::size_t vectors = (Cols - First) / lanes;
        if constexpr (vectors > 0)
            block_product<T, block_shape<VectorBytes>, 1, vectors>(
                a, 0, a_k, b + First, Cols, k_count, init != nullptr ? init + First : nullptr,
                false, c + First);
        if constexpr (First + vectors * lanes < Cols)
            short_row_product<T, Cols, VectorBytes / 2, First + vectors * lanes>(a, a_k, b,
                                                                                  k_count, init, c);
    }
}

// C (rows x Cols, Cols narrower than a register block) = init + A B, A(m, k) = a[m * a_m + k *
// a_k], a row at a time through short_row_product: the forward pass of a layer of 4 to 16
// outputs over several samples (dense.hpp's short_rows). Out of line, as blocked_product_outlined
// is: inlined, its vector code made GCC stop inlining the exp of the activation that follows it
// in a training step (a 6-6 double layer's step 78 -> 206 ns, one call per value).
//
// Why GCC only: GCC 12 vectorises the plain loops' rows (a row of sums in a local array, the
// loops unrolled) across the samples, into lane shuffles and, for some shapes, vector
// multiplications followed by scalar additions; measured (Intel Xeon, AVX-512, -O3
// -march=native, four rows), an 8-8 float layer's forward pass took 150 ns that way and 31 ns
// here, 8-16 float 385 ns against 30. Clang 14 vectorises those loops well (8-8 float: 22 ns),
// and given these vectors it left the activation loop after them scalar (116 ns for 4-8 float).
#if defined(__clang__)
inline constexpr bool short_rows_in_vectors = false;
#else
inline constexpr bool short_rows_in_vectors = true;
#endif

template <class T, std::size_t Cols>
[[gnu::noinline]] void short_rows_product(const T* a, std::size_t a_m, std::size_t a_k,
                                          const T* b, std::size_t k_count, const T* init, T* c,
                                          std::size_t rows) noexcept
{
    for (std::size_t m = 0; m < rows; ++m)
        short_row_product<T, Cols>(a + m * a_m, a_k, b, k_count, init, c + m * Cols);
}

// C (rows x Cols, row stride Cols) = init + A B over k_count, A(m, k) = a[m * a_m + k * a_k],
// B (k_count x Cols, row stride Cols), with Shape's vectors. Whole M x V blocks through
// block_product; the rows left over one at a time; the whole rows' right edge (narrower than a
// block) in plain columns. Every output is summed in the same order (init, then k = 0, 1, ...).
// `init` may be nullptr (zeros); with `accumulate`, C += A B instead (init unused).
template <class T, class Shape, std::size_t Cols>
CTNN_KERNEL_INLINE void shaped_product(const T* a, std::size_t a_m, std::size_t a_k, const T* b,
                                       std::size_t k_count, const T* init, T* c,
                                       std::size_t rows, bool accumulate) noexcept
{
    constexpr std::size_t block_rows = Shape::rows;
    constexpr std::size_t width = Shape::vectors * Shape::template lanes<T>;
    constexpr std::size_t whole_cols = Cols / width * width;
    // No whole block fits across Cols: every row goes one at a time.
    const std::size_t whole_rows = whole_cols > 0 ? rows / block_rows * block_rows : 0;
    for (std::size_t m0 = 0; m0 < whole_rows; m0 += block_rows) {
        for (std::size_t n0 = 0; n0 < whole_cols; n0 += width)
            block_product<T, Shape, block_rows, Shape::vectors>(
                a + m0 * a_m, a_m, a_k, b + n0, Cols, k_count,
                init != nullptr ? init + n0 : nullptr, accumulate, c + m0 * Cols + n0);
        for (std::size_t m = m0; m < m0 + block_rows; ++m)
            plain_columns<T, Cols>(a + m * a_m, a_k, b, k_count, init, accumulate, c + m * Cols,
                                   whole_cols);
    }
    for (std::size_t m = whole_rows; m < rows; ++m)
        row_product<T, Shape, Cols>(a + m * a_m, a_k, b, k_count, init, accumulate, c + m * Cols);
}

#if CTNN_DISPATCH
// The entry points of a default x86-64 build, one per level of cpu_dispatch.hpp, each with the
// whole loop nest inlined and compiled for its target. The target strings are what
// `-mavx2 -mfma` and `-mavx512f -mavx2 -mfma` enable, so each gives the bits that the same code
// compiled with those flags gives (tests/gradient/dispatch_*).
template <class T, std::size_t Cols>
void product_sse2(const T* a, std::size_t a_m, std::size_t a_k, const T* b, std::size_t k_count,
                  const T* init, T* c, std::size_t rows, bool accumulate) noexcept
{
    shaped_product<T, block_shape<16>, Cols>(a, a_m, a_k, b, k_count, init, c, rows, accumulate);
}

template <class T, std::size_t Cols>
[[gnu::target("avx2,fma")]] void product_avx2(const T* a, std::size_t a_m, std::size_t a_k,
                                              const T* b, std::size_t k_count, const T* init,
                                              T* c, std::size_t rows, bool accumulate) noexcept
{
    shaped_product<T, block_shape<32>, Cols>(a, a_m, a_k, b, k_count, init, c, rows, accumulate);
}

template <class T, std::size_t Cols>
[[gnu::target("avx512f,avx2,fma")]] void product_avx512(const T* a, std::size_t a_m,
                                                        std::size_t a_k, const T* b,
                                                        std::size_t k_count, const T* init, T* c,
                                                        std::size_t rows,
                                                        bool accumulate) noexcept
{
    shaped_product<T, block_shape<64>, Cols>(a, a_m, a_k, b, k_count, init, c, rows, accumulate);
}

// A level is worth taking for Cols columns only if a whole register block fits across them;
// otherwise every row would go one at a time (row_product), and the next level down, whose
// blocks do fit, is faster. (The blocks give each output the same chain of fused multiply-adds
// on both AVX levels, but the plain columns at a ragged edge need not: at -O3 GCC 12 vectorises
// them for AVX-512 with masked additions that it does not fuse. So the level, like the CPU,
// can change the last bits; tests/gradient/dispatch_outputs.cpp compares each level with its
// compile-time twin, not the levels with each other.)
template <class T, std::size_t Cols, class Shape>
inline constexpr bool fits_block = Cols >= Shape::vectors * Shape::template lanes<T>;
#endif

// blocked_product: shaped_product with this translation unit's shape, or, in a default x86-64
// build, with the widest shape the CPU runs (cpu_dispatch.hpp) that fits Cols.
template <class T, std::size_t Cols>
inline void blocked_product(const T* a, std::size_t a_m, std::size_t a_k, const T* b,
                            std::size_t k_count, const T* init, T* c, std::size_t rows,
                            bool accumulate = false) noexcept
{
#if CTNN_DISPATCH
    const cpu_level_id level = cpu_level();
    if constexpr (fits_block<T, Cols, block_shape<64>>)
        if (level == cpu_level_id::avx512)
            return product_avx512<T, Cols>(a, a_m, a_k, b, k_count, init, c, rows, accumulate);
    if constexpr (fits_block<T, Cols, block_shape<32>>)
        if (level >= cpu_level_id::avx2)
            return product_avx2<T, Cols>(a, a_m, a_k, b, k_count, init, c, rows, accumulate);
    product_sse2<T, Cols>(a, a_m, a_k, b, k_count, init, c, rows, accumulate);
#else
    shaped_product<T, compiled_shape, Cols>(a, a_m, a_k, b, k_count, init, c, rows, accumulate);
#endif
}
// blocked_product for a product over Rows samples (0: a count known at run time): one sample
// inline into the caller, as a single-sample forward pass wants; more in a function of its own,
// never inlined, so that the loop nest is compiled apart from its caller, as each dispatch
// level's is. Inlined into a large caller, GCC 12 allocated the nest's registers worse: measured
// (AMD EPYC, -O3 -march=native), a 784-256-128-10 double batch forward pass took 386 us inlined
// into a benchmark's timing loop against 290 us out of line.
template <class T, std::size_t Cols>
[[gnu::noinline]] void blocked_product_outlined(const T* a, std::size_t a_m, std::size_t a_k,
                                                const T* b, std::size_t k_count, const T* init,
                                                T* c, std::size_t rows, bool accumulate) noexcept
{
    blocked_product<T, Cols>(a, a_m, a_k, b, k_count, init, c, rows, accumulate);
}

template <std::size_t Rows, class T, std::size_t Cols>
CTNN_KERNEL_INLINE void blocked_product_for(const T* a, std::size_t a_m, std::size_t a_k,
                                            const T* b, std::size_t k_count, const T* init, T* c,
                                            std::size_t rows, bool accumulate = false) noexcept
{
    if constexpr (Rows == 1)
        blocked_product<T, Cols>(a, a_m, a_k, b, k_count, init, c, rows, accumulate);
    else
        blocked_product_outlined<T, Cols>(a, a_m, a_k, b, k_count, init, c, rows, accumulate);
}
#else
inline constexpr bool has_block_kernel = false;
inline constexpr bool short_rows_in_vectors = false;
template <class T>
inline constexpr std::size_t block_lanes = 1;

// Declared only: every caller tests has_block_kernel first, so without the kernel the calls sit
// in discarded branches, which must still name something.
template <class T, std::size_t Cols>
void blocked_product(const T* a, std::size_t a_m, std::size_t a_k, const T* b,
                     std::size_t k_count, const T* init, T* c, std::size_t rows,
                     bool accumulate = false) noexcept;
template <std::size_t Rows, class T, std::size_t Cols>
void blocked_product_for(const T* a, std::size_t a_m, std::size_t a_k, const T* b,
                         std::size_t k_count, const T* init, T* c, std::size_t rows,
                         bool accumulate = false) noexcept;
template <class T, std::size_t Cols>
void short_rows_product(const T* a, std::size_t a_m, std::size_t a_k, const T* b,
                        std::size_t k_count, const T* init, T* c, std::size_t rows) noexcept;
#endif

// dst (cols x rows) = the transpose of the rows x cols matrix at src, whose rows are src_stride
// apart: dst[c * rows + r] = src[r * src_stride + c]. The copies into and out of the transposed
// tiles that the narrow and the input-gradient paths work on.
template <class T>
constexpr void transpose(const T* src, std::size_t rows, std::size_t cols, std::size_t src_stride,
                         T* dst) noexcept
{
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c)
            dst[c * rows + r] = src[r * src_stride + c];
}

} // namespace ctnn::detail
