// examples/embedded/climate.hpp: what the trainer and the firmware share: the network type, how a
// reading is scaled into its inputs, and the labelling rule (which the firmware uses only to check
// the network). Deliberately free of I/O.
#pragma once

#include <ctnn/network.hpp>

#include <array>
#include <cstddef>

namespace climate {

// 2 inputs (temperature, humidity), 8 relu units, 3 classes by softmax, float. Alignment 4 (the
// float's own) rather than the default 64: on a microcontroller there is no cache line to fill,
// and the network then takes exactly its 51 parameters' 204 bytes.
using network = ctnn::sequential<ctnn::options<float, ctnn::alignment<4>>, ctnn::input<2>,
                                 ctnn::dense<8, ctnn::relu>, ctnn::dense<3, ctnn::softmax>>;
static_assert(network::inline_bytes == 51 * sizeof(float));

constexpr std::array<float, 2> scale(float celsius, float humidity_percent)
{
    return {(celsius - 22.0f) / 10.0f, (humidity_percent - 55.0f) / 35.0f};
}

enum class comfort : std::size_t { cold = 0, comfortable = 1, hot = 2 };

constexpr std::size_t rule(float celsius, float humidity_percent)
{
    if (celsius < 18.0f)
        return 0;
    if (celsius > 26.0f || (celsius > 23.0f && humidity_percent > 60.0f))
        return 2;
    return 1;
}

// What a sensor might report over an afternoon: eight readings clear of the class boundaries, where
// the network must follow the rule (sensor_app.cpp and the firmware classify them).
struct reading {
    float celsius;
    float humidity_percent;
};
inline constexpr std::array<reading, 8> afternoon{{{15.5f, 40.0f},
                                                   {19.0f, 35.0f},
                                                   {21.5f, 55.0f},
                                                   {24.0f, 50.0f},
                                                   {24.5f, 75.0f},
                                                   {27.5f, 30.0f},
                                                   {31.0f, 65.0f},
                                                   {20.0f, 85.0f}}};

constexpr std::size_t predicted_class(const std::array<float, 3>& probabilities)
{
    std::size_t best = 0;
    for (std::size_t k = 1; k < probabilities.size(); ++k)
        best = probabilities[k] > probabilities[best] ? k : best;
    return best;
}

} // namespace climate
