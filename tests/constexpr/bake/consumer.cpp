// The second half of the bake test: compiles the headers the generator baked (in the build
// directory) and checks that they define the very network types that were trained, that every
// parameter came back bit for bit, that the baked networks' outputs equal the generator's to the
// last bit, and that their forward pass is a constant expression.
#include <catch2/catch.hpp>

#include "networks.hpp"

#include <baked_double.hpp>
#include <baked_edge_double.hpp>
#include <baked_edge_float.hpp>
#include <baked_float.hpp>
#include <baked_norm.hpp>
#include <expected.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace {

// The generated type spelling names the trained type itself, not a look-alike.
static_assert(std::is_same_v<baked::float_net_type, bake_test::float_net>);
static_assert(std::is_same_v<baked::double_net_type, bake_test::double_net>);
static_assert(std::is_same_v<baked::norm_net_type, bake_test::norm_net>);
static_assert(std::is_same_v<baked::edge_float_type, bake_test::edge_net<float>>);
static_assert(std::is_same_v<std::remove_cv_t<decltype(baked::float_net)>, bake_test::float_net>);

// Exact literals: -0, subnormals, min, max, lowest, 1/3 and 0.1 come back with the same bits,
// checked by the compiler.
template <class Net, class T>
constexpr bool same_bits(const Net& net, const std::array<T, 8>& values)
{
    using bits = std::conditional_t<std::is_same_v<T, float>, std::uint32_t, std::uint64_t>;
    for (std::size_t k = 0; k < values.size(); ++k)
        if (std::bit_cast<bits>(net.values()[k]) != std::bit_cast<bits>(values[k]))
            return false;
    return true;
}
static_assert(same_bits(baked::edge_float, bake_test::edge_values<float>()));
static_assert(same_bits(baked::edge_double, bake_test::edge_values<double>()));

// The baked networks run in the compiler: a batch forward pass as a constant.
constexpr auto float_outputs_compile_time = baked::float_net.forward(bake_test::float_probes);
constexpr auto double_outputs_compile_time = baked::double_net.forward(bake_test::double_probes);
// layer_norm, dropout (the identity when inferring) and batch_norm (its running statistics).
constexpr auto norm_outputs_compile_time = baked::norm_net.forward(bake_test::norm_probes);

template <class T>
constexpr bool close_to(T value, std::uint64_t expected_bits, T tolerance)
{
    T expected_value{};
    if constexpr (std::is_same_v<T, float>)
        expected_value = std::bit_cast<float>(static_cast<std::uint32_t>(expected_bits));
    else
        expected_value = std::bit_cast<double>(expected_bits);
    const T d = value - expected_value;
    return (d < 0 ? -d : d) <= tolerance;
}
// In the compiler tanh and elu use ctnn's constexpr stand-ins for <cmath>, within a few ulp of the
// C library; the softmax's exp is the same polynomial at both times. So agreement to a few ulp of
// the values, here 1e-6 (float) and 1e-13 (double) absolute on outputs in (0, 1).
static_assert([] {
    for (std::size_t s = 0; s < bake_test::probe_count; ++s)
        for (std::size_t o = 0; o < 3; ++o)
            if (!close_to<float>(float_outputs_compile_time[s][o],
                                 expected::float_outputs[s * 3 + o], 1e-6f))
                return false;
    for (std::size_t s = 0; s < bake_test::probe_count; ++s)
        if (!close_to<double>(double_outputs_compile_time[s][0], expected::double_outputs[s],
                              1e-13))
            return false;
    // Outputs of order 1; layer_norm's and batch_norm's square roots are correctly rounded at
    // both times, so only tanh's stand-in differs.
    for (std::size_t s = 0; s < bake_test::probe_count; ++s)
        for (std::size_t o = 0; o < 2; ++o)
            if (!close_to<double>(norm_outputs_compile_time[s][o],
                                  expected::norm_outputs[s * 2 + o], 1e-12))
                return false;
    return true;
}());

template <class T>
auto bits_of(T value)
{
    if constexpr (std::is_same_v<T, float>)
        return std::bit_cast<std::uint32_t>(value);
    else
        return std::bit_cast<std::uint64_t>(value);
}

} // namespace

TEST_CASE("baked parameters equal the trained ones bit for bit", "[bake]")
{
    for (std::size_t k = 0; k < bake_test::float_net::parameter_count; ++k) {
        CAPTURE(k);
        REQUIRE(bits_of(baked::float_net.values()[k]) == expected::float_parameters[k]);
    }
    for (std::size_t k = 0; k < bake_test::double_net::parameter_count; ++k) {
        CAPTURE(k);
        REQUIRE(bits_of(baked::double_net.values()[k]) == expected::double_parameters[k]);
    }
    // The trained values, then the running state (batch_norm's mean and variance).
    using norm = bake_test::norm_net;
    static_assert(norm::state_count == 8);
    for (std::size_t k = 0; k < norm::parameter_count + norm::state_count; ++k) {
        CAPTURE(k);
        const double value = k < norm::parameter_count
                                 ? baked::norm_net.values()[k]
                                 : baked::norm_net.state()[k - norm::parameter_count];
        REQUIRE(bits_of(value) == expected::norm_parameters[k]);
    }
}

TEST_CASE("baked networks give the generator's outputs bit for bit at run time", "[bake]")
{
    // A copy, so that the run-time forward pass is not folded into a constant.
    const bake_test::float_net float_copy = baked::float_net;
    const bake_test::double_net double_copy = baked::double_net;
    const bake_test::norm_net norm_copy = baked::norm_net;
    for (std::size_t s = 0; s < bake_test::probe_count; ++s) {
        CAPTURE(s);
        const auto y = float_copy.forward(bake_test::float_probes[s]);
        for (std::size_t o = 0; o < 3; ++o)
            REQUIRE(bits_of(y[o]) == expected::float_outputs[s * 3 + o]);
        REQUIRE(bits_of(double_copy.forward(bake_test::double_probes[s])[0]) ==
                expected::double_outputs[s]);
        const auto n = norm_copy.forward(bake_test::norm_probes[s]);
        for (std::size_t o = 0; o < 2; ++o)
            REQUIRE(bits_of(n[o]) == expected::norm_outputs[s * 2 + o]);
    }
}
