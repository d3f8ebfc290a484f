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
// path ran. Constant evaluation and other compilers take the plain loops.
#pragma once

#include <cstddef>

namespace ctnn::detail {

#if defined(__GNUC__) // GCC and Clang
inline constexpr bool has_block_kernel = true;

// Vector width and block shape per instruction set: M * V accumulators plus V loaded B vectors
// and one broadcast must fit the register file (32 registers with AVX-512, 16 below).
#if defined(__AVX512F__)
inline constexpr std::size_t block_vector_bytes = 64;
inline constexpr std::size_t block_rows = 8;
#elif defined(__AVX__)
inline constexpr std::size_t block_vector_bytes = 32;
inline constexpr std::size_t block_rows = 4;
#else
inline constexpr std::size_t block_vector_bytes = 16;
inline constexpr std::size_t block_rows = 4;
#endif
inline constexpr std::size_t block_vectors = 2;
// One row alone (a single sample's forward pass, a last sample): a 1 x row_vectors block.
#if defined(__AVX512F__)
inline constexpr std::size_t row_vectors = 8;
#else
inline constexpr std::size_t row_vectors = 4;
#endif

template <class T>
inline constexpr std::size_t block_lanes = block_vector_bytes / sizeof(T);

template <class T>
struct block_vector {
    typedef T type __attribute__((vector_size(block_vector_bytes)));
};

// One M x (V * lanes) block. a_m, a_k: strides of A(m, k) in `a`; ldb: the row stride of B and
// of C; init: V * lanes values added first (a bias row), or nullptr for zeros; accumulate: start
// from C's values instead (a sum continued over a further range of k).
template <class T, std::size_t M, std::size_t V>
inline void block_product(const T* a, std::size_t a_m, std::size_t a_k, const T* b,
                          std::size_t ldb, std::size_t k_count, const T* init, bool accumulate,
                          T* c) noexcept
{
    using vec = typename block_vector<T>::type;
    constexpr std::size_t lanes = block_lanes<T>;
    vec acc[M][V];
    if (accumulate) {
        for (std::size_t m = 0; m < M; ++m)
            for (std::size_t v = 0; v < V; ++v)
                __builtin_memcpy(&acc[m][v], c + m * ldb + v * lanes, sizeof(vec));
    }
    else {
        for (std::size_t v = 0; v < V; ++v) {
            vec start{};
            if (init != nullptr)
                __builtin_memcpy(&start, init + v * lanes, sizeof(vec));
            for (std::size_t m = 0; m < M; ++m)
                acc[m][v] = start;
        }
    }
    for (std::size_t k = 0; k < k_count; ++k) {
        vec row[V];
        for (std::size_t v = 0; v < V; ++v)
            __builtin_memcpy(&row[v], b + k * ldb + v * lanes, sizeof(vec));
        for (std::size_t m = 0; m < M; ++m) {
            const T scalar = a[m * a_m + k * a_k];
            for (std::size_t v = 0; v < V; ++v)
                acc[m][v] += scalar * row[v];
        }
    }
    for (std::size_t m = 0; m < M; ++m)
        for (std::size_t v = 0; v < V; ++v)
            __builtin_memcpy(c + m * ldb + v * lanes, &acc[m][v], sizeof(vec));
}

// Columns n_begin .. Cols - 1 of one row of C, each a plain sum in order (the edges that are
// narrower than a vector).
template <class T, std::size_t Cols>
inline void plain_columns(const T* a, std::size_t a_k, const T* b, std::size_t k_count,
                          const T* init, bool accumulate, T* c, std::size_t n_begin) noexcept
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
template <class T, std::size_t Cols>
inline void row_product(const T* a, std::size_t a_k, const T* b, std::size_t k_count,
                        const T* init, bool accumulate, T* c) noexcept
{
    constexpr std::size_t lanes = block_lanes<T>;
    constexpr std::size_t vectors = Cols / lanes < row_vectors ? Cols / lanes : row_vectors;
    constexpr std::size_t wide = vectors * lanes;
    constexpr std::size_t full = vectors > 0 ? Cols / wide : 0;
    for (std::size_t f = 0; f < full; ++f)
        block_product<T, 1, vectors>(a, 0, a_k, b + f * wide, Cols, k_count,
                                     init != nullptr ? init + f * wide : nullptr, accumulate,
                                     c + f * wide);
    constexpr std::size_t done = full * wide;
    constexpr std::size_t rest = (Cols - done) / lanes;
    if constexpr (rest > 0)
        block_product<T, 1, rest>(a, 0, a_k, b + done, Cols, k_count,
                                  init != nullptr ? init + done : nullptr, accumulate, c + done);
    plain_columns<T, Cols>(a, a_k, b, k_count, init, accumulate, c, done + rest * lanes);
}

// C (rows x Cols, row stride Cols) = init + A B over k_count, A(m, k) = a[m * a_m + k * a_k],
// B (k_count x Cols, row stride Cols). Whole M x V blocks through block_product; the rows left
// over one at a time; the whole rows' right edge (narrower than a block) in plain columns. Every
// output is summed in the same order (init, then k = 0, 1, ...). `init` may be nullptr (zeros);
// with `accumulate`, C += A B instead (init unused).
template <class T, std::size_t Cols>
inline void blocked_product(const T* a, std::size_t a_m, std::size_t a_k, const T* b,
                            std::size_t k_count, const T* init, T* c, std::size_t rows,
                            bool accumulate = false) noexcept
{
    constexpr std::size_t width = block_vectors * block_lanes<T>;
    constexpr std::size_t whole_cols = Cols / width * width;
    // No whole block fits across Cols: every row goes one at a time.
    const std::size_t whole_rows = whole_cols > 0 ? rows / block_rows * block_rows : 0;
    for (std::size_t m0 = 0; m0 < whole_rows; m0 += block_rows) {
        for (std::size_t n0 = 0; n0 < whole_cols; n0 += width)
            block_product<T, block_rows, block_vectors>(
                a + m0 * a_m, a_m, a_k, b + n0, Cols, k_count,
                init != nullptr ? init + n0 : nullptr, accumulate, c + m0 * Cols + n0);
        for (std::size_t m = m0; m < m0 + block_rows; ++m)
            plain_columns<T, Cols>(a + m * a_m, a_k, b, k_count, init, accumulate, c + m * Cols,
                                   whole_cols);
    }
    for (std::size_t m = whole_rows; m < rows; ++m)
        row_product<T, Cols>(a + m * a_m, a_k, b, k_count, init, accumulate, c + m * Cols);
}
#else
inline constexpr bool has_block_kernel = false;
template <class T>
inline constexpr std::size_t block_lanes = 1;

// Declared only: every caller tests has_block_kernel first, so without the kernel the calls sit
// in discarded branches, which must still name something.
template <class T, std::size_t Cols>
void blocked_product(const T* a, std::size_t a_m, std::size_t a_k, const T* b,
                     std::size_t k_count, const T* init, T* c, std::size_t rows,
                     bool accumulate = false) noexcept;
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
