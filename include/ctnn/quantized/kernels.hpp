// ctnn/quantized/kernels.hpp: one int8 layer's arithmetic, In inputs to Out outputs,
//
//   acc[o] = bias[o] + sum over i < In of (x[i] - zx) * w[o * In + i]      (exact in int32)
//   v[o]   = fixed_point::scale(acc[o], multiplier[o], shift[o])
//   y[o]   = table ? table[clamp(v[o], -128, 127) + 128] : clamp(v[o] + zero, low, 127)
//
// as plain loops (everywhere, and in constant evaluation), and as x86-64 kernels that use the
// integer dot-product instructions where the CPU has them.
//
// Why: plain loops over one output at a time made the int8 forward pass 1.4-1.5 times slower
// than the float one on x86-64: a horizontal sum and a scalar requantisation per output, int16
// products at SSE2 width. The kernels take eight outputs at once, sum their rows together and
// requantise the eight in one vector:
//   avx512_vnni  vpdpbusd, 64 products of a row per instruction. It multiplies unsigned bytes by
//                signed ones, so x is offset to x + 128 (its bits with the top one flipped) and
//                the offset's share, (zx + 128) * the row's sum, is taken off; the row's sum comes
//                from the same instruction with ones in place of x.
//   avx2         vpmaddwd on x - zx and the weights widened to 16 bits, 16 products a row.
// Every step is exact integer arithmetic (quantized_network.hpp bounds the inputs and the bias
// so that no sum overflows), so the order of additions does not matter: each kernel gives
// exactly the plain loops' outputs on any CPU. tests/quantized/kernels_test.cpp checks that at
// every level the CPU runs, on shapes with and without tails.
//
// Dispatch: the best kernel the translation unit is compiled for (-march=native, -mavx2) is
// called directly; otherwise, as for the float kernels (detail/cpu_dispatch.hpp), the kernels
// carry target attributes and one is chosen per call from the CPU, unless CTNN_NO_DISPATCH is
// defined. Without SSE2 (other architectures, -mgeneral-regs-only, -mno-sse) only the plain
// loops exist.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <ctnn/detail/cpu_dispatch.hpp>
#include <ctnn/quantized/requantize.hpp>

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && defined(__SSE2__)
#define CTNN_INT8_X86_KERNELS 1
#else
#define CTNN_INT8_X86_KERNELS 0
#endif

namespace ctnn::detail {

// What one layer needs besides its weights and input; see the top of this file.
struct int8_requantization {
    const std::int32_t* bias;
    const std::int32_t* multiplier;
    const std::int8_t* shift;
    std::int32_t zero; // the output zero point
    std::int32_t low;  // the clamp's lower end: relu's real zero, -128 otherwise
    const std::int8_t* table; // sigmoid's or tanh's 256 entries, or null for the clamp
};

// y from v, the scaled accumulator, for one output. Table: whether q.table is used (a
// compile-time fact of the layer, so that a layer without a table has no code for it).
template <bool Table>
constexpr std::int8_t int8_output(std::int32_t v, const int8_requantization& q) noexcept
{
    if constexpr (Table)
        return q.table[fixed_point::clamp_int8(v, -128, 127) + 128];
    // v + zero in 64 bits: v may be INT32_MAX after saturation.
    const std::int64_t shifted = std::int64_t{v} + q.zero;
    return static_cast<std::int8_t>(shifted < q.low ? q.low : shifted > 127 ? 127 : shifted);
}

template <std::size_t In, std::size_t Out, bool Table>
constexpr void int8_forward_plain(const std::int8_t* w, const std::int8_t* x, std::int32_t zx,
                                const int8_requantization& q, std::int8_t* y) noexcept
{
    std::int16_t centred[In]; // x - zx in [-255, 255]: a narrow type the loops vectorise
    for (std::size_t i = 0; i < In; ++i)
        centred[i] = static_cast<std::int16_t>(x[i] - zx);
    for (std::size_t o = 0; o < Out; ++o) {
        const std::int8_t* row = w + o * In;
        std::int32_t acc = q.bias[o];
        for (std::size_t i = 0; i < In; ++i)
            acc += std::int32_t{centred[i]} * std::int32_t{row[i]};
        y[o] = int8_output<Table>(fixed_point::scale(acc, q.multiplier[o], q.shift[o]), q);
    }
}

#if CTNN_INT8_X86_KERNELS

#define CTNN_INT8_AVX2 __attribute__((target("avx2")))
#define CTNN_INT8_AVX512 __attribute__((target("avx512f,avx512bw,avx512vnni")))
#define CTNN_INT8_AVX2_INLINE __attribute__((target("avx2"), always_inline)) inline
#define CTNN_INT8_AVX512_INLINE                                                                   \
    __attribute__((target("avx512f,avx512bw,avx512vnni"), always_inline)) inline

// The kernels are written in GCC's and Clang's generic vector types (as block_kernel.hpp's
// are), which the target attributes compile to AVX2 and AVX-512 instructions, and four
// builtins for what those types cannot say (vpmaddwd, vpmuldq, vpdpbusd, a masked byte load):
// not <immintrin.h>, whose parsing took 0.37 s of g++'s time in every unit including this
// header (0.44 s for all of <ctnn/core.hpp> without it).
namespace int8_simd {

typedef std::int8_t i8x16 __attribute__((vector_size(16)));
typedef std::int8_t i8x32 __attribute__((vector_size(32)));
typedef std::int8_t i8x64 __attribute__((vector_size(64)));
typedef std::uint8_t u8x64 __attribute__((vector_size(64)));
typedef std::int16_t i16x16 __attribute__((vector_size(32)));
typedef std::int32_t i32x8 __attribute__((vector_size(32)));
typedef std::uint32_t u32x8 __attribute__((vector_size(32)));
typedef std::int32_t i32x16 __attribute__((vector_size(64)));
typedef std::int64_t i64x4 __attribute__((vector_size(32)));
typedef std::uint64_t u64x4 __attribute__((vector_size(32)));
typedef std::uint64_t u64x2 __attribute__((vector_size(16)));
// The builtins' own element types.
typedef char char16 __attribute__((vector_size(16)));
typedef char char64 __attribute__((vector_size(64)));
typedef int int8v __attribute__((vector_size(32)));
typedef int int16v __attribute__((vector_size(64)));

template <class To, class From>
CTNN_INT8_AVX2_INLINE To as(From v) noexcept
{
    return __builtin_bit_cast(To, v);
}

template <class V>
CTNN_INT8_AVX2_INLINE V load(const void* p) noexcept
{
    V v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

// The same for 64-byte vectors, which only AVX-512 code may pass by value.
template <class To, class From>
CTNN_INT8_AVX512_INLINE To as512(From v) noexcept
{
    return __builtin_bit_cast(To, v);
}
template <class V>
CTNN_INT8_AVX512_INLINE V load512(const void* p) noexcept
{
    V v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

// m ? a : b lane by lane, m's lanes all ones or all zeros (a comparison's result): the vector
// conditional, which the compilers make a blend (AVX2) or a masked move (AVX-512); written as
// bit operations it became longer sequences through mask registers with -march=native.
template <class V>
CTNN_INT8_AVX2_INLINE V select(V m, V a, V b) noexcept
{
    return m ? a : b;
}

// a clamped to [low, high], lane by lane.
CTNN_INT8_AVX2_INLINE i32x8 clamp(i32x8 a, i32x8 low, i32x8 high) noexcept
{
    return select(a < low, low, select(a > high, high, a));
}

// The rows' sums by in-lane shuffles (unpacking 32-bit then 64-bit elements, each 128-bit block
// on its own), then across the blocks: eight rows' lanes to one vector of eight sums, lane r row
// r's. unpack32 of two rows leaves each 128-bit block with [a, b, a, b] partial sums, unpack64
// of two such pairs [a, b, c, d]; the blocks of a four are then added.
CTNN_INT8_AVX2_INLINE i32x8 unpack32(i32x8 a, i32x8 b) noexcept
{
    return __builtin_shufflevector(a, b, 0, 8, 1, 9, 4, 12, 5, 13) +
           __builtin_shufflevector(a, b, 2, 10, 3, 11, 6, 14, 7, 15);
}
CTNN_INT8_AVX2_INLINE i32x8 unpack64(i32x8 a, i32x8 b) noexcept
{
    return __builtin_shufflevector(a, b, 0, 1, 8, 9, 4, 5, 12, 13) +
           __builtin_shufflevector(a, b, 2, 3, 10, 11, 6, 7, 14, 15);
}
// Rows 0-3 in each block of f0, rows 4-7 in each of f1: the blocks added.
CTNN_INT8_AVX2_INLINE i32x8 blocks(i32x8 f0, i32x8 f1) noexcept
{
    return __builtin_shufflevector(f0, f1, 0, 1, 2, 3, 8, 9, 10, 11) +
           __builtin_shufflevector(f0, f1, 4, 5, 6, 7, 12, 13, 14, 15);
}
CTNN_INT8_AVX2_INLINE i32x8 sum_rows(const i32x8 (&s)[8]) noexcept
{
    return blocks(unpack64(unpack32(s[0], s[1]), unpack32(s[2], s[3])),
                  unpack64(unpack32(s[4], s[5]), unpack32(s[6], s[7])));
}
CTNN_INT8_AVX512_INLINE i32x16 unpack32(i32x16 a, i32x16 b) noexcept
{
    return __builtin_shufflevector(a, b, 0, 16, 1, 17, 4, 20, 5, 21, 8, 24, 9, 25, 12, 28, 13, 29) +
           __builtin_shufflevector(a, b, 2, 18, 3, 19, 6, 22, 7, 23, 10, 26, 11, 27, 14, 30, 15,
                                   31);
}
CTNN_INT8_AVX512_INLINE i32x16 unpack64(i32x16 a, i32x16 b) noexcept
{
    return __builtin_shufflevector(a, b, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29) +
           __builtin_shufflevector(a, b, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30,
                                   31);
}
// A four's 256-bit halves added: each 128-bit block of the result still holds the same rows.
CTNN_INT8_AVX512_INLINE i32x8 halves(i32x16 f) noexcept
{
    return __builtin_shufflevector(f, f, 0, 1, 2, 3, 4, 5, 6, 7) +
           __builtin_shufflevector(f, f, 8, 9, 10, 11, 12, 13, 14, 15);
}
CTNN_INT8_AVX512_INLINE i32x8 sum_rows(const i32x16 (&s)[8]) noexcept
{
    return blocks(halves(unpack64(unpack32(s[0], s[1]), unpack32(s[2], s[3]))),
                  halves(unpack64(unpack32(s[4], s[5]), unpack32(s[6], s[7]))));
}

// The bytes widened to 16 and 32 bits (vpmovsxbw, vpmovsxbd): Clang's conversion compiles to
// the one instruction, GCC 12's to two halves and a merge, so GCC gets its builtins.
CTNN_INT8_AVX2_INLINE i16x16 widen16(i8x16 a) noexcept
{
#if defined(__clang__)
    return __builtin_convertvector(a, i16x16);
#else
    return as<i16x16>(__builtin_ia32_pmovsxbw256(as<char16>(a)));
#endif
}
CTNN_INT8_AVX2_INLINE i32x8 widen32(i8x16 a) noexcept
{
#if defined(__clang__)
    return __builtin_convertvector(__builtin_shufflevector(a, a, 0, 1, 2, 3, 4, 5, 6, 7), i32x8);
#else
    return as<i32x8>(__builtin_ia32_pmovsxbd256(as<char16>(a)));
#endif
}

// pmaddwd: lane k = a[2k] * b[2k] + a[2k+1] * b[2k+1], exact for our operands.
CTNN_INT8_AVX2_INLINE i32x8 madd(i16x16 a, i16x16 b) noexcept
{
    return as<i32x8>(__builtin_ia32_pmaddwd256(a, b));
}

// pmuldq: the 64-bit products of the low halves of a's and b's 64-bit lanes, signed.
CTNN_INT8_AVX2_INLINE i64x4 mul_even(i32x8 a, i32x8 b) noexcept
{
    return as<i64x4>(__builtin_ia32_pmuldq256(as<int8v>(a), as<int8v>(b)));
}

// vpdpbusd: acc lane k plus the four products of a's unsigned and b's signed bytes 4k..4k+3.
CTNN_INT8_AVX512_INLINE i32x16 dot_bytes(i32x16 acc, u8x64 a, i8x64 b) noexcept
{
#if defined(__clang__)
    return as512<i32x16>(
        __builtin_ia32_vpdpbusd512(as512<int16v>(acc), as512<int16v>(a), as512<int16v>(b)));
#else
    return as512<i32x16>(
        __builtin_ia32_vpdpbusd_v16si(as512<int16v>(acc), as512<int16v>(a), as512<int16v>(b)));
#endif
}

// The bytes of p under mask, zeros elsewhere; bytes outside the mask are not read.
CTNN_INT8_AVX512_INLINE i8x64 load_masked(const std::int8_t* p, unsigned long long mask) noexcept
{
#if defined(__clang__)
    return as512<i8x64>(
        __builtin_ia32_loaddquqi512_mask(reinterpret_cast<const char64*>(p), char64{}, mask));
#else
    return as512<i8x64>(
        __builtin_ia32_loaddquqi512_mask(reinterpret_cast<const char*>(p), char64{}, mask));
#endif
}

} // namespace int8_simd

// doubling_high_mul of the low halves of a's and b's 64-bit lanes, in the low 32 bits of each.
// requantize.hpp's definition, (p + (p >= 0 ? 2^30 : 1 - 2^30)) / 2^31 truncated toward zero,
// is floor((p + 2^30) / 2^31) for every product p: for p >= 0 the same expression; for p < 0,
// truncating the negative (p + 1 - 2^30) / 2^31 rounds it up, which is
// floor((p + 1 - 2^30 + 2^31 - 1) / 2^31). So: one multiply, one add and one shift (the
// quotient fits in 32 bits, so a logical shift gives its bits as an arithmetic one would).
CTNN_INT8_AVX2_INLINE int8_simd::i64x4 int8_high_mul_avx2(int8_simd::i32x8 a,
                                                          int8_simd::i32x8 b) noexcept
{
    using namespace int8_simd;
    const i64x4 p = mul_even(a, b) + (std::int64_t{1} << 30);
    return as<i64x4>(as<u64x4>(p) >> 31);
}

// What a layer's parameters need of int8_scale_avx2, found once per call: whether any shift is
// positive (a saturating left shift) and whether any multiplier is INT32_MIN (the one
// overflowing doubling multiply). quantize() never makes such a multiplier and load() refuses
// one (multipliers are 0 or in [2^30, 2^31)); a shift is positive only for a real multiplier of
// 1 or more. Where neither occurs, the two steps are skipped.
struct int8_scale_cases {
    bool left_shift;
    bool min_multiplier;
};

template <std::size_t Out>
CTNN_INT8_AVX2_INLINE int8_scale_cases int8_scale_cases_of(const int8_requantization& q) noexcept
{
    bool left = false;
    bool min = false;
    for (std::size_t o = 0; o < Out; ++o) {
        left |= q.shift[o] > 0;
        min |= q.multiplier[o] == int32_min;
    }
    return {left, min};
}

// fixed_point::scale(acc, m, s) in each of eight 32-bit lanes: requantize.hpp's definitions
// step by step,
//   x = acc * 2^left saturated: acc shifted left, and where shifting back does not give acc,
//       INT32_MIN or INT32_MAX by acc's sign (only when `cases` says a shift is positive);
//   doubling_high_mul(x, m) on the even lanes and on the odd ones (vpmuldq gives 64-bit
//       products), the one overflowing case, x == m == INT32_MIN, set to INT32_MAX (only when
//       `cases` says a multiplier is INT32_MIN);
//   rounding_shift_right(y, right) with per-lane shifts (vpsllvd, vpsravd).
CTNN_INT8_AVX2_INLINE int8_simd::i32x8 int8_scale_avx2(int8_simd::i32x8 acc, int8_simd::i32x8 m,
                                                       int8_simd::i32x8 s,
                                                       int8_scale_cases cases) noexcept
{
    using namespace int8_simd;
    const i32x8 zero{};
    const i32x8 int_min = zero + int32_min;
    const i32x8 int_max = zero + int32_max;
    i32x8 x = acc;
    i32x8 right = zero - s;
    if (cases.left_shift) {
        const i32x8 left = select(s > zero, s, zero);
        right = select(s < zero, right, zero);
        const i32x8 shifted = as<i32x8>(as<u32x8>(acc) << as<u32x8>(left));
        x = select((shifted >> left) == acc, shifted, select(acc < zero, int_min, int_max));
    }
    const i32x8 even = as<i32x8>(int8_high_mul_avx2(x, m));
    const i32x8 odd = as<i32x8>(int8_high_mul_avx2(as<i32x8>(as<u64x4>(x) >> 32),
                                                   as<i32x8>(as<u64x4>(m) >> 32)));
    i32x8 h = __builtin_shufflevector(even, odd, 0, 8, 2, 10, 4, 12, 6, 14);
    if (cases.min_multiplier)
        h = select((x == int_min) & (m == int_min), int_max, h);
    const i32x8 mask = as<i32x8>((as<u32x8>(zero) + 1u) << as<u32x8>(right)) - 1;
    const i32x8 threshold = as<i32x8>(as<u32x8>(mask) >> 1) - (h < zero);
    return (h >> right) - ((h & mask) > threshold);
}

// Eight values through int8_scale_avx2, from and to memory: for kernels_test.cpp.
CTNN_INT8_AVX2 inline void int8_scale8_avx2(const std::int32_t* acc, const std::int32_t* m,
                                            const std::int8_t* s, std::int32_t* v) noexcept
{
    using namespace int8_simd;
    const int8_requantization q{nullptr, m, s, 0, 0, nullptr};
    const i32x8 r = int8_scale_avx2(load<i32x8>(acc), load<i32x8>(m),
                                    widen32(as<i8x16>(u64x2{load<std::uint64_t>(s), 0})),
                                    int8_scale_cases_of<8>(q));
    __builtin_memcpy(v, &r, sizeof r);
}

// Outputs o..o+Rows-1 from their eight sums over the inputs (lanes past Rows unused): the bias,
// int8_scale_avx2, then the table or the clamp. Used by the AVX-512 kernel too.
template <std::size_t Rows, bool Table>
CTNN_INT8_AVX2_INLINE void int8_finish_avx2(int8_simd::i32x8 sums, std::size_t o,
                                            const int8_requantization& q,
                                            int8_scale_cases cases, std::int8_t* y) noexcept
{
    using namespace int8_simd;
    static_assert(Rows >= 1 && Rows <= 8);
    i32x8 bias{};
    i32x8 m{};
    // The shifts as eight bytes (one 64-bit load: a wider one would wait for the narrower
    // store of a copy, which the processor cannot forward).
    std::uint64_t shift = 0;
    __builtin_memcpy(&bias, q.bias + o, Rows * sizeof(std::int32_t));
    __builtin_memcpy(&m, q.multiplier + o, Rows * sizeof(std::int32_t));
    __builtin_memcpy(&shift, q.shift + o, Rows);
    const i32x8 v =
        int8_scale_avx2(sums + bias, m, widen32(as<i8x16>(u64x2{shift, 0})), cases);
    const i32x8 zero{};
    if constexpr (Table) {
        const i32x8 index = clamp(v, zero - 128, zero + 127) + 128;
        alignas(32) std::int32_t at[8];
        __builtin_memcpy(at, &index, sizeof at);
        for (std::size_t r = 0; r < Rows; ++r)
            y[o + r] = q.table[static_cast<std::size_t>(at[r])];
    }
    else {
        // clamp(v + zero, low, 127) with v first clamped to [-384, 384], which changes nothing
        // (zero is in [-128, 127]) and keeps the sum in 32 bits.
        const i32x8 out =
            clamp(clamp(v, zero - 384, zero + 384) + q.zero, zero + q.low, zero + 127);
        // Each lane's low byte (the values are int8 already): one byte shuffle and one
        // permutation, where a conversion became a byte at a time with GCC 12.
        const i8x32 b = as<i8x32>(out);
        const i8x16 bytes = __builtin_shufflevector(b, b, 0, 4, 8, 12, 16, 20, 24, 28, 0, 0, 0, 0,
                                                    0, 0, 0, 0);
        __builtin_memcpy(y + o, &bytes, Rows);
    }
}

// Rows o..o+R-1 (R <= 8): each row's sum of (x - zx) * w, lane r of the result row r's. x - zx
// is made sixteen values at a time in registers (a copy in memory, written in halves and read
// whole, would stall each load).
template <std::size_t In, std::size_t R>
CTNN_INT8_AVX2_INLINE int8_simd::i32x8 int8_rows_avx2(const std::int8_t* w, const std::int8_t* x,
                                                      std::int32_t zx) noexcept
{
    using namespace int8_simd;
    i32x8 s[8] = {};
    const i16x16 offset = i16x16{} + static_cast<std::int16_t>(zx);
    for (std::size_t c = 0; c < In / 16 * 16; c += 16) {
        const i16x16 xv = widen16(load<i8x16>(x + c)) - offset;
        for (std::size_t r = 0; r < R; ++r)
            s[r] += madd(xv, widen16(load<i8x16>(w + r * In + c)));
    }
    i32x8 all = sum_rows(s);
    if constexpr (In % 16 != 0)
        for (std::size_t r = 0; r < R; ++r)
            for (std::size_t i = In / 16 * 16; i < In; ++i)
                all[r] += (std::int32_t{x[i]} - zx) * std::int32_t{w[r * In + i]};
    return all;
}

template <std::size_t In, std::size_t Out, bool Table>
CTNN_INT8_AVX2 void int8_forward_avx2(const std::int8_t* w, const std::int8_t* x, std::int32_t zx,
                                      const int8_requantization& q, std::int8_t* y) noexcept
{
    const int8_scale_cases cases = int8_scale_cases_of<Out>(q);
    for (std::size_t o = 0; o < Out / 8 * 8; o += 8)
        int8_finish_avx2<8, Table>(int8_rows_avx2<In, 8>(w + o * In, x, zx), o, q, cases, y);
    if constexpr (Out % 8 != 0) {
        constexpr std::size_t o = Out / 8 * 8;
        int8_finish_avx2<Out % 8, Table>(int8_rows_avx2<In, Out % 8>(w + o * In, x, zx), o, q,
                                         cases, y);
    }
}

// Rows o..o+R-1 (R <= 8): lane r of the result is row r's sum of (x - zx) * w over all In
// inputs. Eight rows keep their sixteen accumulators, x + 128, the ones and a row's bytes in
// registers.
template <std::size_t In, std::size_t R>
CTNN_INT8_AVX512_INLINE int8_simd::i32x8 int8_rows_avx512(const std::int8_t* w,
                                                          const std::int8_t* x,
                                                          std::int32_t zx) noexcept
{
    using namespace int8_simd;
    i32x16 s[8] = {};
    i32x16 t[8] = {};
    const u8x64 ones = u8x64{} + 1;
    const u8x64 top = u8x64{} + 0x80; // x + 128 as unsigned bytes: x's bits, the top one flipped
    for (std::size_t c = 0; c < In / 64 * 64; c += 64) {
        const u8x64 xv = load512<u8x64>(x + c) ^ top;
        for (std::size_t r = 0; r < R; ++r) {
            const i8x64 wv = load512<i8x64>(w + r * In + c);
            s[r] = dot_bytes(s[r], xv, wv);
            t[r] = dot_bytes(t[r], ones, wv);
        }
    }
    if constexpr (In % 64 != 0) {
        // The last chunk loads only the row's own bytes: the mask keeps the loads inside w.
        constexpr unsigned long long mask = (1ull << (In % 64)) - 1;
        constexpr std::size_t c = In / 64 * 64;
        // Past In, x + 128 is 128 and w is 0: nothing is added.
        const u8x64 xv = as512<u8x64>(load_masked(x + c, mask)) ^ top;
        for (std::size_t r = 0; r < R; ++r) {
            const i8x64 wv = load_masked(w + r * In + c, mask);
            s[r] = dot_bytes(s[r], xv, wv);
            t[r] = dot_bytes(t[r], ones, wv);
        }
    }
    // (x + 128) * w - (zx + 128) * w = (x - zx) * w, lane by lane.
    for (std::size_t r = 0; r < R; ++r)
        s[r] -= t[r] * (zx + 128);
    return sum_rows(s);
}

template <std::size_t In, std::size_t Out, bool Table>
CTNN_INT8_AVX512 void int8_forward_avx512(const std::int8_t* w, const std::int8_t* x,
                                          std::int32_t zx, const int8_requantization& q,
                                          std::int8_t* y) noexcept
{
    const int8_scale_cases cases = int8_scale_cases_of<Out>(q);
    for (std::size_t o = 0; o < Out / 8 * 8; o += 8)
        int8_finish_avx2<8, Table>(int8_rows_avx512<In, 8>(w + o * In, x, zx), o, q, cases, y);
    if constexpr (Out % 8 != 0) {
        constexpr std::size_t o = Out / 8 * 8;
        int8_finish_avx2<Out % 8, Table>(int8_rows_avx512<In, Out % 8>(w + o * In, x, zx), o, q,
                                         cases, y);
    }
}

#undef CTNN_INT8_AVX2
#undef CTNN_INT8_AVX512
#undef CTNN_INT8_AVX2_INLINE
#undef CTNN_INT8_AVX512_INLINE

// The levels, best last; kernels_test.cpp runs each the CPU has. In the order and with the
// values of cpu_dispatch.hpp's levels, which cap them.
enum class int8_level : unsigned char { plain, avx2, avx512_vnni };
#if CTNN_DISPATCH
static_assert(static_cast<int>(int8_level::avx2) == static_cast<int>(cpu_level_id::avx2) &&
              static_cast<int>(int8_level::avx512_vnni) == static_cast<int>(cpu_level_id::avx512));
#endif

#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VNNI__)
inline constexpr int8_level int8_compiled_level = int8_level::avx512_vnni;
#elif defined(__AVX2__)
inline constexpr int8_level int8_compiled_level = int8_level::avx2;
#else
inline constexpr int8_level int8_compiled_level = int8_level::plain;
#endif

// The best level this CPU runs: the compiled one with CTNN_NO_DISPATCH. __builtin_cpu_supports
// reads flags libgcc's (or compiler-rt's) constructor filled in; __builtin_cpu_init fills them
// first if it has not run yet. In a dispatching build, detail::cpu_level_limit caps it as it
// caps the float kernels (its sse2 is the plain loops, its avx512 this file's avx512_vnni), so
// that tests and benchmarks can run a lesser level.
inline int8_level int8_cpu_level() noexcept
{
#if defined(CTNN_NO_DISPATCH)
    return int8_compiled_level;
#else
    if constexpr (int8_compiled_level == int8_level::avx512_vnni)
        return int8_level::avx512_vnni;
    __builtin_cpu_init();
    int8_level best = int8_compiled_level;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vnni"))
        best = int8_level::avx512_vnni;
    else if (__builtin_cpu_supports("avx2"))
        best = int8_level::avx2;
#if CTNN_DISPATCH
    const auto limit = static_cast<int8_level>(cpu_level_limit.load_relaxed());
    return best < limit ? best : limit;
#else
    return best;
#endif
#endif
}

// The layer at a given level, which the CPU must run.
template <std::size_t In, std::size_t Out, bool Table>
void int8_forward_at(int8_level level, const std::int8_t* w, const std::int8_t* x, std::int32_t zx,
                   const int8_requantization& q, std::int8_t* y) noexcept
{
    switch (level) {
    case int8_level::avx512_vnni: int8_forward_avx512<In, Out, Table>(w, x, zx, q, y); return;
    case int8_level::avx2: int8_forward_avx2<In, Out, Table>(w, x, zx, q, y); return;
    case int8_level::plain: break;
    }
    int8_forward_plain<In, Out, Table>(w, x, zx, q, y);
}

#endif // CTNN_INT8_X86_KERNELS

// Layers narrower than this (in inputs and in outputs together) gain nothing from the kernels.
template <std::size_t In, std::size_t Out>
inline constexpr bool int8_forward_uses_kernels = In >= 16 || In * Out >= 64;

template <std::size_t In, std::size_t Out, bool Table>
constexpr void int8_forward(const std::int8_t* w, const std::int8_t* x, std::int32_t zx,
                          const int8_requantization& q, std::int8_t* y) noexcept
{
#if CTNN_INT8_X86_KERNELS
    if constexpr (int8_forward_uses_kernels<In, Out>) {
        if (!std::is_constant_evaluated()) {
            // Rows of 64 inputs or fewer run faster through the AVX2 kernel on a CPU with
            // AVX-512 VNNI too (ctnn_bench's int8_forward_avx2: 16-32-32-1 tanh 154 ns against
            // 231 ns): a 64-byte chunk is mostly padding there, and VNNI's sum of the row
            // costs as much as the products.
            int8_level level = int8_cpu_level();
            if (In <= 64 && level == int8_level::avx512_vnni)
                level = int8_level::avx2;
            int8_forward_at<In, Out, Table>(level, w, x, zx, q, y);
            return;
        }
    }
#endif
    int8_forward_plain<In, Out, Table>(w, x, zx, q, y);
}

} // namespace ctnn::detail
