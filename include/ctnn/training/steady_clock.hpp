// ctnn/training/steady_clock.hpp: `steady_clock`, the trainer's clock where there is an operating
// system (ctnn/training/clock.hpp): std::chrono::steady_clock, elapsed times in seconds. Included
// by <ctnn/trainer.hpp> and <ctnn/ctnn.hpp>, not by <ctnn/core.hpp>, which stays free of
// <chrono>.
#pragma once

#include <chrono>

#include <ctnn/training/clock.hpp>

namespace ctnn {

struct steady_clock {
    using time_point = std::chrono::steady_clock::time_point;
    static time_point now() noexcept { return std::chrono::steady_clock::now(); }
    static double seconds_between(time_point start, time_point end) noexcept
    {
        return std::chrono::duration<double>(end - start).count();
    }
};

} // namespace ctnn
