// ctnn/optimizer/concept.hpp: the `optimizer` concept, what every optimiser models, and
// `optimizer_state<Opt, Net>`, what an optimiser keeps between steps.
//
// An optimiser holds hyper-parameters only; what it remembers between steps lives in a separate
// state object shaped like the network, so one optimiser value can train several networks and a
// trainer controls when the state starts afresh.
#pragma once

#include <concepts>

#include <ctnn/parameters.hpp>

namespace ctnn {

// What optimiser Opt keeps between steps when it trains a Net.
template <class Opt, class Net>
using optimizer_state = typename Opt::template state<Net>;

// An optimiser for Net is a value type with
//
//   opt.learning_rate                        its base rate (a double); a trainer multiplies it
//                                            by a schedule's factor
//   Opt::state<Net>                          what it remembers between steps, inline (no heap);
//                                            default construction is a fresh start
//   opt.step(net, grad, state, rate)         one update of every parameter of net from grad,
//                                            the gradient of the loss, at learning rate `rate`
//                                            (Net::scalar_type), advancing state; a trainer
//                                            passes its schedule's rate this way. Every built-in
//                                            also takes opt.step(net, grad, state), at its own
//                                            learning_rate
//   state.finite()           (optional)      false once anything the state remembers is NaN or
//                                            infinite; a state without it is never checked
//
// optionally (every built-in has it) its update as one rule per parameter, which lets a trainer
// and ctnn::fit check a step in one pass (ctnn/optimizer/rule.hpp), and its facts, each read by
// one trait that a user may also specialise for an optimiser it cannot change:
//
//   static constexpr std::string_view name   its name in a file holding its state
//                                            (optimizer_name<Opt>, ctnn/serialization.hpp);
//                                            needed to save and load the state
//   static constexpr std::size_t             the arithmetic of one update of one parameter, a
//       flops_per_parameter                  square root counting as one FLOP
//                                            (optimizer_cost<Opt>, ctnn/cost.hpp); needed by the
//                                            cost report
//
// The state is copyable: a trainer must be able to undo a step it rejects, leaving no trace in
// the weights or in the state (ctnn/optimizer/checked_step.hpp). To be saved with the network it
// is an aggregate of parameters<Net>, floating-point and integer members (saved in declaration
// order, without naming them: ctnn/detail/serialization_fields.hpp).
template <class Opt, class Net>
concept optimizer = requires(const Opt& opt, Net& net, const gradient<Net>& grad,
                             optimizer_state<Opt, Net>& state,
                             typename Net::scalar_type rate) {
    { opt.learning_rate } -> std::convertible_to<double>;
    opt.step(net, grad, state, rate);
} && std::default_initializable<optimizer_state<Opt, Net>> &&
     std::copyable<optimizer_state<Opt, Net>>;

} // namespace ctnn
