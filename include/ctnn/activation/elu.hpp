// ctnn/activation/elu.hpp: the exponential linear unit, a = z for z > 0, alpha (exp(z) - 1) else.
#pragma once

#include <cmath>
#include <cstdint>
#include <type_traits>

#include <ctnn/detail/constexpr_activation_math.hpp>

namespace ctnn {

// alpha = Numerator / Denominator, 1 by default (Clevert et al. 2015). exp is only evaluated for
// z <= 0, where it cannot overflow. The derivative for z <= 0 is a + alpha, from the stored value.
// In constant expressions std::expm1 gives way to detail::constexpr_expm1.
template <std::intmax_t Numerator = 1, std::intmax_t Denominator = 1>
struct elu {
    static_assert(Denominator != 0, "ctnn::elu<Numerator, Denominator>: Denominator is 0");
    static constexpr double alpha = static_cast<double>(Numerator) / static_cast<double>(Denominator);

    template <class T>
    static constexpr T value(T z) noexcept
    {
        if (std::is_constant_evaluated())
            return z > T(0) ? z
                            : static_cast<T>(alpha) *
                                  static_cast<T>(detail::constexpr_expm1(static_cast<double>(z)));
        return z > T(0) ? z : static_cast<T>(alpha) * std::expm1(z);
    }

    template <class T>
    static constexpr T derivative(T z, T a) noexcept
    {
        return z > T(0) ? T(1) : a + static_cast<T>(alpha);
    }
};

} // namespace ctnn
