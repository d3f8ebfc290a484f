// ctnn/training/clock.hpp: the trainer's clock policy (issue 14): `no_clock`, `default_clock`,
// and the declaration of `steady_clock`, which ctnn/training/steady_clock.hpp defines.
//
// The trainer reads its clock after every minibatch to fill the reports' `seconds` and
// `epoch_seconds`. A clock is a type with
//   using time_point = ...;                                       // any copyable type
//   static time_point now() noexcept;
//   static double seconds_between(time_point start, time_point end) noexcept;
// and is the trainer's sixth template argument:
//   ctnn::trainer<net_t, loss, ctnn::adam, 16, ctnn::constant_rate, ctnn::no_clock> t;
//
// `default_clock` is `steady_clock` (std::chrono::steady_clock) where there is an operating
// system (Unix, macOS, Windows) and `no_clock` elsewhere: on bare metal, steady_clock::now()
// reaches a stub that fails (ENOSYS), and libstdc++'s <chrono> brings kilobytes of exception
// runtime with it. <chrono> is therefore not here: <ctnn/trainer.hpp> and <ctnn/ctnn.hpp> include
// ctnn/training/steady_clock.hpp; with <ctnn/core.hpp> alone, a trainer on the default clock on
// a hosted target asks for that include (or for no_clock) in a static_assert.
#pragma once

namespace ctnn {

// No time at all: every elapsed time is reported as 0 seconds. No clock is read.
struct no_clock {
    struct time_point {};
    static constexpr time_point now() noexcept { return {}; }
    static constexpr double seconds_between(time_point, time_point) noexcept { return 0.0; }
};

// std::chrono::steady_clock, in seconds: defined in ctnn/training/steady_clock.hpp.
struct steady_clock;

#if __STDC_HOSTED__ && (defined(__unix__) || defined(__APPLE__) || defined(_WIN32))
using default_clock = steady_clock;
#else
using default_clock = no_clock;
#endif

} // namespace ctnn
