// ctnn/detail/fixed_name.hpp: a short string built in constant expressions, with no heap: the
// names a built-in gives itself ("leaky_relu(1/100)", "ctnn::elu<1, 2>"), file signatures and
// error messages (detail/invalid_argument.hpp: counts and fractions written as std::to_string
// writes them, without <string> or <cstdio>).
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ctnn::detail {

// The decimal digits of mantissa * 2^shift (shift >= 0, up to 2^1024: 309 digits), most
// significant first, through 32-bit limbs (no 128-bit integers on 32-bit targets), into
// `digits`; returns how many.
constexpr std::size_t whole_digits(std::uint64_t mantissa, int shift,
                                   std::array<char, 320>& digits) noexcept
{
    std::array<std::uint32_t, 34> limbs{}; // 1024 + 53 bits, least significant first
    const auto word = static_cast<std::size_t>(shift / 32);
    const int bit = shift % 32;
    const std::uint64_t low = mantissa << bit;
    const std::uint64_t high = bit == 0 ? 0 : mantissa >> (64 - bit);
    limbs[word] = static_cast<std::uint32_t>(low);
    limbs[word + 1] = static_cast<std::uint32_t>(low >> 32);
    limbs[word + 2] = static_cast<std::uint32_t>(high);
    std::size_t n = 0;
    for (bool nonzero = true; nonzero;) { // divide by 10: the remainder is the next digit
        std::uint64_t remainder = 0;
        nonzero = false;
        for (std::size_t i = limbs.size(); i-- > 0;) {
            const std::uint64_t current = (remainder << 32) | limbs[i];
            limbs[i] = static_cast<std::uint32_t>(current / 10);
            remainder = current % 10;
            nonzero = nonzero || limbs[i] != 0;
        }
        digits[n++] = static_cast<char>('0' + remainder);
    }
    for (std::size_t i = 0; i < n / 2; ++i) {
        const char c = digits[i];
        digits[i] = digits[n - 1 - i];
        digits[n - 1 - i] = c;
    }
    return n;
}

// mantissa / 2^shift (0 < shift <= 1074) to six decimals, rounded to nearest with ties to even:
// the whole part, and the decimals as a number below 10^6.
struct six_decimals {
    std::uint64_t whole;
    std::uint32_t decimals;
};
constexpr six_decimals round_to_six_decimals(std::uint64_t mantissa, int shift) noexcept
{
    std::uint64_t whole = shift >= 64 ? 0 : mantissa >> shift;
    const std::uint64_t rest =
        shift >= 64 ? mantissa : mantissa & ((std::uint64_t{1} << shift) - 1);
    // The fraction rest / 2^shift as 128 bits after the point, in four 32-bit limbs (most
    // significant last); `sticky` says whether bits below them were lost (shift > 128).
    std::array<std::uint32_t, 4> fraction{};
    bool sticky = false;
    for (int b = 0; b < 64; ++b) { // bit b of rest is the fraction's bit 128 - shift + b
        if (((rest >> b) & 1) == 0)
            continue;
        const int position = 128 - shift + b;
        if (position < 0)
            sticky = true;
        else
            fraction[static_cast<std::size_t>(position / 32)] |= std::uint32_t{1}
                                                                 << (position % 32);
    }
    std::uint32_t decimals = 0;
    for (int d = 0; d < 6; ++d) { // times 10: the carry out is the next digit
        std::uint64_t carry = 0;
        for (std::uint32_t& limb : fraction) {
            const std::uint64_t product = std::uint64_t{limb} * 10 + carry;
            limb = static_cast<std::uint32_t>(product);
            carry = product >> 32;
        }
        decimals = decimals * 10 + static_cast<std::uint32_t>(carry);
    }
    // What is left, against one half (the top bit alone).
    constexpr std::uint32_t half = 0x80000000u;
    const bool lower = (fraction[2] | fraction[1] | fraction[0]) != 0 || sticky;
    const bool above_half = fraction[3] > half || (fraction[3] == half && lower);
    const bool tie = fraction[3] == half && !lower;
    if ((above_half || (tie && decimals % 2 == 1)) && ++decimals == 1'000'000) {
        decimals = 0;
        ++whole;
    }
    return {whole, decimals};
}

// Text past Capacity is dropped: a name is never longer than its users need.
template <std::size_t Capacity>
struct fixed_name {
    std::array<char, Capacity> chars{};
    std::size_t size = 0;

    constexpr fixed_name& append(std::string_view text) noexcept
    {
        for (char c : text)
            if (size < Capacity)
                chars[size++] = c;
        return *this;
    }
    constexpr fixed_name& append_unsigned(std::uintmax_t value) noexcept
    {
        char digits[24]{};
        std::size_t n = 0;
        do {
            digits[n++] = static_cast<char>('0' + value % 10);
            value /= 10;
        } while (value != 0);
        while (n > 0)
            append(std::string_view(&digits[--n], 1));
        return *this;
    }
    constexpr fixed_name& append_integer(std::intmax_t value) noexcept
    {
        // Through the unsigned magnitude, so that INTMAX_MIN does not overflow.
        const auto magnitude = static_cast<std::uintmax_t>(value);
        if (value < 0)
            return append("-").append_unsigned(~magnitude + 1);
        return append_unsigned(magnitude);
    }
    // As std::to_string(double) writes it, that is printf's "%f": six decimals, exact, the last
    // rounded to nearest with ties to even; "inf", "-inf", "nan", "-nan".
    constexpr fixed_name& append_fixed(double value) noexcept
    {
        const auto bits = std::bit_cast<std::uint64_t>(value);
        const bool negative = (bits >> 63) != 0;
        const auto biased = static_cast<int>((bits >> 52) & 0x7ff);
        const std::uint64_t fraction_bits = bits & ((std::uint64_t{1} << 52) - 1);
        if (negative)
            append("-");
        if (biased == 0x7ff)
            return append(fraction_bits != 0 ? "nan" : "inf");
        // |value| = mantissa * 2^exponent exactly.
        const std::uint64_t mantissa =
            biased == 0 ? fraction_bits : fraction_bits | (std::uint64_t{1} << 52);
        const int exponent = (biased == 0 ? 1 : biased) - 1075;
        if (exponent >= 0) { // a whole number
            std::array<char, 320> digits{};
            const std::size_t n = whole_digits(mantissa, exponent, digits);
            return append(std::string_view(digits.data(), n)).append(".000000");
        }
        const six_decimals rounded = round_to_six_decimals(mantissa, -exponent);
        append_unsigned(rounded.whole).append(".");
        for (std::uint32_t scale = 100'000; scale > 0; scale /= 10) {
            const char digit = static_cast<char>('0' + rounded.decimals / scale % 10);
            append(std::string_view(&digit, 1));
        }
        return *this;
    }
    constexpr std::string_view view() const noexcept { return {chars.data(), size}; }
};

// A ratio of integers spelled between an opening and a closing text, exactly as the type holds
// it: "leaky_relu(" 1 "/" 100 ")" or "ctnn::leaky_relu<" 1 ", " 100 ">".
constexpr fixed_name<96> ratio_spelling(std::string_view open, std::intmax_t numerator,
                                        std::string_view separator, std::intmax_t denominator,
                                        std::string_view close) noexcept
{
    fixed_name<96> text;
    text.append(open).append_integer(numerator).append(separator).append_integer(denominator);
    return text.append(close);
}

// "ctnn::basic_sigmoid<" + the exp policy's source_name + ">", or "" when the policy has none or
// an empty one (bake then refuses the network, saying so).
template <class Policy>
constexpr fixed_name<96> policy_spelling(std::string_view open) noexcept
{
    fixed_name<96> text;
    if constexpr (requires { std::string_view(Policy::source_name); }) {
        if (!std::string_view(Policy::source_name).empty())
            text.append(open).append(Policy::source_name).append(">");
    }
    return text;
}

} // namespace ctnn::detail
