// ctnn/activation/identity.hpp: the identity activation, a = z (a linear layer).
#pragma once

#include <cstddef>
#include <string_view>

namespace ctnn {

// No non-linearity: the layer outputs its pre-activation. Use it for regression outputs.
struct identity {
    static constexpr std::string_view name = "identity";
    static constexpr std::string_view source_name = "ctnn::identity";
    static constexpr std::size_t transcendentals = 0;
    static constexpr std::string_view rtneural_name = ""; // RTNeural writes a linear layer so

    template <class T>
    static constexpr T value(T z) noexcept
    {
        return z;
    }

    template <class T>
    static constexpr T derivative(T /*z*/, T /*a*/) noexcept
    {
        return T(1);
    }
};

} // namespace ctnn
