// examples/firmware/int8_sensor.cpp: the climate classifier quantised to int8
// (../embedded/sensor_net_int8.hpp, made by quantize_sensor.cpp) on a Cortex-M0, a core without
// a floating-point unit: an integer-only forward pass (ctnn/quantized/quantized_network.hpp), so
// the firmware links none of libgcc's soft-float routines (the test forbids __aeabi_f* and
// __aeabi_d* in its link map). It classifies the eight readings the float firmware classifies,
// prints every int8 logit, and fails if a class disagrees with the labelling rule.
//
// Built for the host too: integer arithmetic, so the board's lines equal the host's bit for bit.
#include "climate.hpp"
#include "sensor_net_int8.hpp"
#include "support/output.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace {

// The readings' classes by the labelling rule (climate.hpp), worked out by the compiler: the
// firmware holds the eight integers, not the float code.
constexpr std::array<std::size_t, 8> expected = [] {
    std::array<std::size_t, 8> classes{};
    for (std::size_t r = 0; r < 8; ++r)
        classes[r] = climate::rule(climate::afternoon[r].celsius,
                                   climate::afternoon[r].humidity_percent);
    return classes;
}();
static_assert(expected == std::array<std::size_t, 8>{0, 1, 1, 1, 2, 2, 2, 1});

} // namespace

int main()
{
    // volatile, so that the compiler cannot classify at build time (the network is constexpr).
    volatile std::int8_t inputs[8][2];
    for (std::size_t r = 0; r < 8; ++r)
        for (std::size_t i = 0; i < 2; ++i)
            inputs[r][i] = climate::sensor_readings_int8[r][i];

    char label[] = "r0 y0"; // reading r, logit of class k
    int disagreements = 0;
    for (std::size_t r = 0; r < 8; ++r) {
        const std::array<std::int8_t, 2> x{inputs[r][0], inputs[r][1]};
        const std::array<std::int8_t, 3> y = climate::sensor_net_int8.forward(x);
        label[1] = static_cast<char>('0' + r);
        for (std::size_t k = 0; k < 3; ++k) {
            label[4] = static_cast<char>('0' + k);
            firmware::print_bits(label, y[k]);
        }
        disagreements += ctnn::argmax(y) != expected[r];
    }
    firmware::print(disagreements == 0 ? "classes agree with the rule\n" : "classes disagree\n");
    return disagreements == 0 ? 0 : 1;
}
