// ctnn/schedule.hpp: the `schedule` concept and the learning-rate schedules `constant_rate`,
// `step_decay`, `cosine_decay` and `exponential_decay`.
//
//   ctnn::cosine_decay schedule{.epochs = 1000, .floor = 0.01};
//   const double rate = opt.learning_rate * schedule.factor(epoch);   // epoch counts from 0
//
// A schedule scales the optimiser's learning_rate; it does not know the rate itself, so one
// schedule fits any optimiser. Every factor() is constexpr and exact up to rounding.
#pragma once

#include <algorithm>
#include <concepts>
#include <cstddef>

#include <ctnn/detail/constexpr_math.hpp>

namespace ctnn {

// A schedule is a value type with
//
//   s.factor(epoch) -> double    the multiplier of the learning rate during epoch `epoch`
//                                (a std::size_t counting from 0)
//
// const and noexcept, usually 1 at epoch 0.
template <class S>
concept schedule = requires(const S& s, std::size_t epoch) {
    { s.factor(epoch) } -> std::same_as<double>;
};

// The learning rate never changes.
struct constant_rate {
    constexpr double factor(std::size_t /*epoch*/) const noexcept { return 1.0; }
};

// torch.optim.lr_scheduler.StepLR: the rate is multiplied by gamma every `every` epochs,
// factor = gamma^(epoch / every) (whole division). every == 0 is treated as 1.
struct step_decay {
    std::size_t every = 10;
    double gamma = 0.1;

    constexpr double factor(std::size_t epoch) const noexcept
    {
        return detail::integer_power(gamma, epoch / (every == 0 ? 1 : every));
    }
};

// torch.optim.lr_scheduler.CosineAnnealingLR with eta_min = floor * lr, in closed form: the
// factor falls from 1 at epoch 0 to floor at epoch `epochs` along half a cosine, and stays at
// floor afterwards:
//   factor = floor + (1 - floor) (1 + cos(pi min(epoch, epochs) / epochs)) / 2.
// epochs == 0 means already decayed: the factor is floor.
struct cosine_decay {
    std::size_t epochs;
    double floor = 0.0;

    constexpr double factor(std::size_t epoch) const noexcept
    {
        if (epochs == 0)
            return floor;
        const double progress =
            static_cast<double>(std::min(epoch, epochs)) / static_cast<double>(epochs);
        return floor + (1.0 - floor) * 0.5 * (1.0 + detail::cos_pi(progress));
    }
};

// torch.optim.lr_scheduler.ExponentialLR: the rate is multiplied by gamma every epoch,
// factor = gamma^epoch.
struct exponential_decay {
    double gamma;

    constexpr double factor(std::size_t epoch) const noexcept
    {
        return detail::integer_power(gamma, epoch);
    }
};

} // namespace ctnn
