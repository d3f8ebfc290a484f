// examples/embedded/quantize_sensor.cpp: step 1b of the embedded workflow, for a core without a
// floating-point unit. It quantises the trained climate classifier (sensor_net.hpp, float) to
// int8 (ctnn/quantized/quantize.hpp), calibrated on the training grid's readings, and bakes it
// into sensor_net_int8.hpp: integer constants and an integer-only forward pass, which a Cortex-M0
// firmware runs without a single soft-float routine (examples/firmware/int8_sensor.cpp, whose
// link map the tests check). The header also holds eight readings as the int8 network takes them
// (quantised here, on the host), as a sensor front end would deliver them.
//
//   quantize_sensor [OUTPUT_HEADER]   (default: standard output)
//
// CTest regenerates the header and requires the committed one byte for byte.
#include "climate.hpp"
#include "sensor_net.hpp"

#include <ctnn/quantized/bake.hpp>
#include <ctnn/quantized/quantize.hpp>

#include <array>
#include <cstddef>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <ostream>
#include <vector>

namespace {

template <class Q>
bool write(std::ostream& out, const Q& q)
{
    ctnn::bake(q, out,
               {.variable_name = "sensor_net_int8",
                .namespace_name = "climate",
                .comment = "Regenerate: ./build/examples/embedded/quantize_sensor "
                           "examples/embedded/sensor_net_int8.hpp (see quantize_sensor.cpp)."});
    // After the network, in the same file (#pragma once covers both).
    out << "\nnamespace climate {\n\n"
           "// climate::afternoon's readings as the int8 network's inputs.\n"
           "inline constexpr std::array<std::array<std::int8_t, 2>, 8> sensor_readings_int8{{\n";
    for (const climate::reading r : climate::afternoon) {
        const auto x = ctnn::quantize_input(q, climate::scale(r.celsius, r.humidity_percent));
        out << "    {" << static_cast<int>(x[0]) << ", " << static_cast<int>(x[1]) << "},\n";
    }
    out << "}};\n\n} // namespace climate\n";
    return static_cast<bool>(out);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 2) {
        std::fprintf(stderr, "usage: %s [OUTPUT_HEADER]   (default: standard output)\n", argv[0]);
        return 2;
    }
    // Calibration: the training grid's readings (train_sensor.cpp), 12 to 32 C, 20 to 90%.
    std::vector<std::array<float, 2>> calibration;
    for (int celsius = 12; celsius <= 32; ++celsius)
        for (int humidity = 20; humidity <= 90; humidity += 5)
            calibration.push_back(
                climate::scale(static_cast<float>(celsius), static_cast<float>(humidity)));
    const auto q = ctnn::quantize(climate::sensor_net, calibration);

    // The int8 network must classify the grid as the float one does, nearly everywhere.
    std::size_t agree = 0;
    for (const auto& x : calibration)
        agree += ctnn::argmax(q.forward(ctnn::quantize_input(q, x))) ==
                 climate::predicted_class(climate::sensor_net.forward(x));
    std::fprintf(stderr, "int8 and float agree on %zu of %zu readings\n", agree,
                 calibration.size());
    if (agree + 3 < calibration.size()) {
        std::fprintf(stderr, "quantize_sensor: more than 3 disagreements, not baking\n");
        return 1;
    }
    if (argc == 2) {
        std::ofstream file(argv[1]);
        if (!write(file, q)) {
            std::fprintf(stderr, "quantize_sensor: could not write %s\n", argv[1]);
            return 1;
        }
        return 0;
    }
    return write(std::cout, q) ? 0 : 1;
}
