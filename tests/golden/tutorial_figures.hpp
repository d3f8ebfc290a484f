// The seed tutorial's reference figures, copied from ../shared/seed/SUMMARY.md ("Reference figures
// (its code, run with NumPy float64)"). They were computed by NumPy, not by ctnn: an independent
// reference.
#pragma once

#include <array>
#include <cstddef>

namespace tutorial {

inline constexpr std::array<std::array<double, 2>, 4> inputs{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
inline constexpr std::array<std::array<double, 1>, 4> or_targets{{{0}, {1}, {1}, {1}}};
inline constexpr std::array<std::array<double, 1>, 4> xor_targets{{{0}, {1}, {1}, {0}}};

inline constexpr double learning_rate = 0.05;
inline constexpr std::size_t or_epochs = 200'000;

// OR gate, 2-3-1, no bias: E measured on the forward pass of the epoch named.
struct epoch_loss {
    std::size_t epoch;
    double loss;
};
inline constexpr std::array<epoch_loss, 6> or_losses{{
    {1, 0.34794838215653723},
    {10, 0.34729812938050897},
    {1000, 0.31818031847289768},
    {10000, 0.013098855258260982},
    {100000, 0.00055984076454626585},
    {200000, 0.00026501585489401616},
}};

inline constexpr double or_final_hidden[2][3] = {
    {-3.8227077336286484, 2.363248027066564, 3.138671070163179},
    {-3.7949094492302113, 2.4518314838352047, 3.1854138287366816}};
inline constexpr double or_final_output[3][1] = {
    {-13.226894813703959}, {1.7439178280608298}, {3.5042650221451983}};

// Predictions with the final weights, for (1,1), (0,0), (1,0), (0,1).
struct prediction {
    std::array<double, 2> input;
    double output;
};
inline constexpr std::array<prediction, 4> or_predictions{{
    {{1, 1}, 0.99462917352215352},
    {{0, 0}, 0.018175179867391329},
    {{1, 0}, 0.99071056061660157},
    {{0, 1}, 0.99080476890753744},
}};

} // namespace tutorial
