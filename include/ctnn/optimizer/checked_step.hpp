// ctnn/optimizer/checked_step.hpp: `undo_record` and detail::checked_step, the step a trainer and
// ctnn::fit take: kept only if the gradient, every weight and the optimiser's state are finite
// after it, otherwise undone, bit for bit.
//
// step() itself does not check for NaN or infinity; a trainer and ctnn::fit check the loss, then
// take the step through detail::checked_step. With a rule (ctnn/optimizer/rule.hpp), that is one
// pass that updates every array and records what it overwrites; without, a copy of the weights
// and the state, the step, and a check of both after it (state.finite()).
#pragma once

#include <concepts>
#include <utility>

#include <ctnn/detail/finite.hpp>
#include <ctnn/detail/parameter_update.hpp>
#include <ctnn/optimizer/concept.hpp>
#include <ctnn/optimizer/rule.hpp>
#include <ctnn/parameters.hpp>

namespace ctnn {

// What one step overwrote: the weights and the optimiser's state from before it, which
// restore() puts back exactly. As large as the network and the state together; a trainer keeps
// one inline.
template <class Opt, class Net>
struct undo_record {
    parameters<Net> weights{};
    [[no_unique_address]] optimizer_state<Opt, Net> state{};

    constexpr void restore(Net& net, optimizer_state<Opt, Net>& s) const noexcept
    {
        static_cast<parameters<Net>&>(net) = weights;
        s = state;
    }
};

namespace detail {

// state.finite() where the state defines it, else true (nothing to check: sgd's empty state, or
// a user's optimiser that does not say).
template <class State>
constexpr bool state_is_finite(const State& state) noexcept
{
    if constexpr (requires { { state.finite() } -> std::convertible_to<bool>; })
        return static_cast<bool>(state.finite());
    else
        return true;
}

// One step of opt, kept only if the gradient and everything the step wrote are finite: returns
// false after restoring net and state from undo (bit for bit as they were) otherwise.
template <class Opt, class Net>
constexpr bool checked_step(const Opt& opt, Net& net, const gradient<Net>& grad,
                            optimizer_state<Opt, Net>& state, typename Net::scalar_type rate,
                            undo_record<Opt, Net>& undo) noexcept
{
    bool finite = true;
    if constexpr (per_parameter_optimizer<Opt, Net>) {
        if constexpr (requires { state.copy_counters(undo.state); })
            state.copy_counters(undo.state);
        finite = update_recorded(grad.values(), state.arrays(net),
                                 undo.state.arrays(undo.weights), opt.rule(state, rate));
    }
    else {
        if (!all_finite(grad.values()))
            return false;
        undo.weights = net;
        undo.state = state;
        opt.step(net, grad, state, rate);
        finite = all_finite(std::as_const(net).values()) && state_is_finite(std::as_const(state));
    }
    if (!finite)
        undo.restore(net, state);
    return finite;
}

} // namespace detail
} // namespace ctnn
