// examples/firmware/sensor_inference.cpp: the embedded example's baked 2-8-3 climate classifier
// (../embedded/sensor_net.hpp, float, relu then softmax) on a microcontroller. It classifies the
// readings sensor_app.cpp classifies, prints every probability's bits, and fails if a class
// disagrees with the labelling rule (these readings lie clear of the class boundaries).
//
// Built for the host too: the test compares the board's lines with the host's, bit for bit where
// the arithmetic is the same (Cortex-M3 and M0, and the M4F with -ffp-contract=off) and within a
// bound where the M4F fuses multiply-adds (tests/firmware/CMakeLists.txt states it).
#include "climate.hpp"
#include "sensor_net.hpp"
#include "support/output.hpp"

#include <array>
#include <cstddef>

namespace {

// climate::afternoon, as sensor_app.cpp; volatile, so that the compiler cannot classify them at
// build time (the network is constexpr) and the board really runs the forward passes.
using climate::afternoon;
volatile climate::reading readings[] = {afternoon[0], afternoon[1], afternoon[2], afternoon[3],
                                        afternoon[4], afternoon[5], afternoon[6], afternoon[7]};

} // namespace

int main()
{
    char label[] = "r0 p0"; // reading r, probability of class k
    int disagreements = 0;
    for (std::size_t r = 0; r < 8; ++r) {
        const float celsius = readings[r].celsius;
        const float humidity = readings[r].humidity_percent;
        const std::array<float, 3> p = climate::sensor_net.forward(climate::scale(celsius, humidity));
        label[1] = static_cast<char>('0' + r);
        for (std::size_t k = 0; k < 3; ++k) {
            label[4] = static_cast<char>('0' + k);
            firmware::print_bits(label, p[k]);
        }
        disagreements += climate::predicted_class(p) != climate::rule(celsius, humidity);
    }
    firmware::print(disagreements == 0 ? "classes agree with the rule\n" : "classes disagree\n");
    return disagreements == 0 ? 0 : 1;
}
