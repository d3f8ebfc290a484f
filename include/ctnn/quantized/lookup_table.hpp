// ctnn/quantized/lookup_table.hpp: the 256-entry tables through which an int8 network computes
// sigmoid and tanh, built by the compiler, and the fixed formats around them.
//
// A table is indexed by an int8 whose scale must be known when the table is built, so a sigmoid
// or tanh layer requantises its accumulator not to a calibrated format but to a fixed one:
//   table input    q in [-128, 127] means q / 16 (scale 1/16, zero point 0): [-8, 7.9375]
//   sigmoid out    r means (r + 128) / 256 (scale 1/256, zero point -128), TFLite's format
//   tanh out       r means r / 128 (scale 1/128, zero point 0), TFLite's format
// and entry q + 128 of a table is the output format's nearest value to f(q / 16), ties away from
// zero, clamped to [-128, 127]:
//   sigmoid  r = clamp(round(256 * sigmoid(q / 16)) - 128)
//   tanh     r = clamp(round(128 * tanh(q / 16)))
// What it costs: inputs are rounded to 1/16 (sigmoid' <= 1/4, so at most 1/128 of error in the
// output from that, tanh' <= 1: 1/32) and saturate outside [-8, 8) (where sigmoid and tanh are
// within 3.4e-4 of their limits, below the output's own step of 1/256 and 1/128).
//
// The tables are made by a consteval function: the compiler runs it and the helpers it calls
// (constexpr, because Clang 14 refuses consteval calls in some template branches), so a program
// that includes this header contains no floating-point instruction because of it
// (tests/quantized's integer-only build checks).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace ctnn::fixed_point {

// The fixed formats, as scale = 1 / scale_inverse and zero point.
inline constexpr int table_input_scale_inverse = 16;
inline constexpr int sigmoid_output_scale_inverse = 256;
inline constexpr int sigmoid_output_zero_point = -128;
inline constexpr int tanh_output_scale_inverse = 128;
inline constexpr int tanh_output_zero_point = 0;

namespace table_math {

// exp(x) for |x| <= 9: exp(x / 1024)^1024 from a Taylor series to 12 terms, error about 1e-13
// relative, far below what rounding to 1/256 can notice (tests/quantized checks every entry
// against std::exp).
constexpr double exp(double x)
{
    const double r = x / 1024.0;
    double term = 1.0, sum = 1.0;
    for (int k = 1; k <= 12; ++k) {
        term *= r / k;
        sum += term;
    }
    for (int k = 0; k < 10; ++k)
        sum *= sum;
    return sum;
}

// round(v) to nearest, ties away from zero, plus zero_point, clamped to [-128, 127].
constexpr std::int8_t round_to_int8(double v, int zero_point)
{
    const long long rounded = v >= 0 ? static_cast<long long>(v + 0.5)
                                     : -static_cast<long long>(-v + 0.5);
    const long long shifted = rounded + zero_point;
    return static_cast<std::int8_t>(shifted < -128 ? -128 : shifted > 127 ? 127 : shifted);
}

} // namespace table_math

enum class table_function : unsigned char { sigmoid, tanh };

namespace table_math {

template <table_function F>
consteval std::array<std::int8_t, 256> make_table()
{
    std::array<std::int8_t, 256> table{};
    for (int k = 0; k < 256; ++k) {
        const double x = static_cast<double>(k - 128) / table_input_scale_inverse;
        if constexpr (F == table_function::sigmoid)
            table[static_cast<std::size_t>(k)] = round_to_int8(
                sigmoid_output_scale_inverse / (1.0 + exp(-x)), sigmoid_output_zero_point);
        else {
            const double e = exp(2.0 * x);
            table[static_cast<std::size_t>(k)] = round_to_int8(
                tanh_output_scale_inverse * (e - 1.0) / (e + 1.0), tanh_output_zero_point);
        }
    }
    return table;
}

} // namespace table_math

// Entry q + 128 is f(q / 16) in f's output format (see the top of this file).
template <table_function F>
inline constexpr std::array<std::int8_t, 256> lookup_table = table_math::make_table<F>();

} // namespace ctnn::fixed_point
