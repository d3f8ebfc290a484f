// ctnn/optimizer/rule.hpp: `per_parameter_optimizer`, an optimiser that states its update as one
// rule per parameter, and detail::rule_step, the plain step that runs such a rule over a network.
#pragma once

#include <ctnn/detail/parameter_update.hpp>
#include <ctnn/optimizer/concept.hpp>
#include <ctnn/parameters.hpp>

namespace ctnn {

// An optimiser whose update is a rule per parameter also has
//
//   state.arrays(p)                          the weights (p, a parameters<Net>) and each
//                                            parameter-shaped array of the state, as a
//                                            std::array of pointers to their first values
//   opt.rule(state, rate)                    a callable rule(g, p, s...) that updates one
//                                            weight p and its state values s... from its
//                                            gradient value g; making it may advance what the
//                                            state keeps once per step (Adam's step count)
//   state.copy_counters(to)      (optional)  copies that once-per-step part into `to`
//
// Its step() can then be detail::rule_step, and a trainer's checked step is one pass over memory
// that updates every array and records what it overwrites (ctnn/optimizer/checked_step.hpp).
template <class Opt, class Net>
concept per_parameter_optimizer =
    optimizer<Opt, Net> && requires(const Opt& opt, parameters<Net>& p,
                                    optimizer_state<Opt, Net>& state,
                                    typename Net::scalar_type rate) {
        state.arrays(p);
        opt.rule(state, rate);
    };

// The rate argument of a built-in's step(): a rate of its own (a schedule's, as a trainer passes
// it), or, left out, the optimiser's learning_rate, so that opt.step(net, grad, state) works.
template <class T>
struct step_rate {
    constexpr step_rate() noexcept = default;
    constexpr step_rate(T rate) noexcept : value(rate), given(true) {} // NOLINT: implicit on purpose
    template <class Opt>
    constexpr T or_learning_rate_of(const Opt& opt) const noexcept
    {
        return given ? value : static_cast<T>(opt.learning_rate);
    }
    T value{};
    bool given = false;
};

namespace detail {

// step(net, grad, state[, rate]) of an optimiser with a rule.
template <class Opt, class Net>
constexpr void rule_step(const Opt& opt, Net& net, const gradient<Net>& grad,
                         optimizer_state<Opt, Net>& state,
                         step_rate<typename Net::scalar_type> rate) noexcept
{
    update_in_place(grad.values(), state.arrays(net),
                    opt.rule(state, rate.or_learning_rate_of(opt)));
}

} // namespace detail
} // namespace ctnn
