// examples/embedded/train_sensor.cpp: step 1 of the embedded workflow, run once on a desktop.
//
// Trains a small classifier of room climate readings and bakes it into a C++ header
// (ctnn/bake.hpp) that the device's firmware compiles in: sensor_app.cpp is that firmware.
// The header is committed (sensor_net.hpp beside this file); regenerate it after changing the
// training with
//
//     cmake --build build --target example_embedded_train_sensor
//     ./build/examples/embedded/train_sensor examples/embedded/sensor_net.hpp
//
// CTest runs this program into the build directory and compares the result with the committed
// header, so the shipped file cannot silently drift from the code that produced it.
//
// The readings: temperature in degrees Celsius and relative humidity in percent, each scaled to
// about [-1, 1]; three classes: 0 cold (below 18 C), 1 comfortable, 2 hot or muggy (above 26 C,
// or above 23 C with humidity above 60%).

#include "climate.hpp"

#include <ctnn/bake.hpp>
#include <ctnn/ctnn.hpp>

#include <cstddef>
#include <cstdio>
#include <fstream>
#include <iostream>

int main(int argc, char** argv)
{
    if (argc > 2) {
        std::fprintf(stderr, "usage: %s [OUTPUT_HEADER]   (default: standard output)\n", argv[0]);
        return 2;
    }

    // A grid of readings, 12 to 32 C by 1 C and 20 to 90% by 5%, labelled by the rules above.
    constexpr std::size_t temperatures = 21;
    constexpr std::size_t humidities = 15;
    constexpr std::size_t samples = temperatures * humidities;
    static ctnn::batch<float, samples, 2> inputs{};
    static ctnn::batch<float, samples, 3> targets{};
    for (std::size_t i = 0; i < temperatures; ++i)
        for (std::size_t j = 0; j < humidities; ++j) {
            const float celsius = 12.0f + static_cast<float>(i);
            const float humidity = 20.0f + 5.0f * static_cast<float>(j);
            const std::size_t s = i * humidities + j;
            inputs[s] = climate::scale(celsius, humidity);
            targets[s][climate::rule(celsius, humidity)] = 1.0f;
        }

    climate::network net;
    ctnn::initialize(net, ctnn::he_uniform{}, 2024);
    ctnn::optimizer_state<ctnn::adam, climate::network> state;
    ctnn::gradient<climate::network> grad;
    const ctnn::adam adam{.learning_rate = 0.02};
    for (int epoch = 0; epoch < 3000; ++epoch) {
        net.backprop(inputs, targets, grad, ctnn::categorical_cross_entropy{});
        adam.step(net, grad, state, 0.02f);
    }

    std::size_t correct = 0;
    for (std::size_t s = 0; s < samples; ++s)
        correct += targets[s][climate::predicted_class(net.forward(inputs[s]))] == 1.0f;
    const double accuracy = static_cast<double>(correct) / samples;
    std::fprintf(stderr, "training accuracy %.3f (%zu of %zu)\n", accuracy, correct, samples);
    if (accuracy < 0.95) {
        std::fprintf(stderr, "train_sensor: accuracy below 0.95, not baking\n");
        return 1;
    }

    const ctnn::bake_options options{
        .variable_name = "sensor_net",
        .namespace_name = "climate",
        .include_guard = "CTNN_EXAMPLES_EMBEDDED_SENSOR_NET_HPP",
        .comment = "Regenerate: ./build/examples/embedded/train_sensor "
                   "examples/embedded/sensor_net.hpp (see train_sensor.cpp)."};
    if (argc == 2) {
        std::ofstream file(argv[1]);
        ctnn::bake(net, file, options);
        if (!file) {
            std::fprintf(stderr, "train_sensor: could not write %s\n", argv[1]);
            return 1;
        }
    }
    else {
        ctnn::bake(net, std::cout, options);
    }
    return 0;
}
