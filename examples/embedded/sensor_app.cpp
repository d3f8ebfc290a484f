// examples/embedded/sensor_app.cpp: step 2 of the embedded workflow, the device's program.
//
// The network was trained once on a desktop (train_sensor.cpp) and shipped as a header,
// sensor_net.hpp: a constexpr network whose 51 weights are hexadecimal literals. This program
// includes it and classifies readings. It opens no file, allocates nothing, and needs no
// training code: the weights are in the program image (read-only data), and a classification is
// one forward pass, 2 x 8 + 8 x 3 multiply-adds and three exps.
//
// Because the network is constexpr, even classifications can happen in the compiler: the
// static_asserts below check, at build time, that the shipped network agrees with the labelling
// rule at a few readings. A firmware might use the same to precompute a lookup table.

#include "climate.hpp"
#include "sensor_net.hpp"

#include <array>
#include <cstddef>
#include <cstdio>

namespace {

constexpr std::size_t classify(float celsius, float humidity_percent)
{
    return climate::predicted_class(
        climate::sensor_net.forward(climate::scale(celsius, humidity_percent)));
}

// The shipped header defines the type the trainer trained, and it is small.
static_assert(std::is_same_v<climate::sensor_net_type, climate::network>);
static_assert(sizeof(climate::sensor_net) == 51 * sizeof(float));

// Classified by the compiler, away from the class boundaries.
static_assert(classify(14.0f, 50.0f) == 0, "14 C is cold");
static_assert(classify(21.0f, 45.0f) == 1, "21 C at 45% is comfortable");
static_assert(classify(30.0f, 40.0f) == 2, "30 C is hot");
static_assert(classify(25.0f, 80.0f) == 2, "25 C at 80% is muggy");

} // namespace

int main()
{
    constexpr const char* names[] = {"cold", "comfortable", "hot or muggy"};
    int disagreements = 0;
    for (const climate::reading r : climate::afternoon) {
        const auto p = climate::sensor_net.forward(climate::scale(r.celsius, r.humidity_percent));
        const std::size_t c = climate::predicted_class(p);
        const std::size_t expected = climate::rule(r.celsius, r.humidity_percent);
        disagreements += c != expected;
        std::printf("%5.1f C %3.0f%%  ->  %-13s (p = %.3f %.3f %.3f)%s\n", r.celsius,
                    r.humidity_percent, names[c], p[0], p[1], p[2],
                    c == expected ? "" : "  [rule says otherwise]");
    }
    // These readings lie clear of the class boundaries, where the network must follow the rule.
    return disagreements == 0 ? 0 : 1;
}
