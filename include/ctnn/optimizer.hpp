// ctnn/optimizer.hpp: every optimiser ctnn ships, one header each under ctnn/optimizer/, each
// defined as PyTorch defines it, with what they share: concept.hpp (the `optimizer` concept and
// optimizer_state<Opt, Net>), rule.hpp (an update stated as a rule per parameter) and
// checked_step.hpp (`undo_record` and the step a trainer keeps only if it is finite).
//
//   ctnn::adam opt{.learning_rate = 1e-3};
//   ctnn::optimizer_state<ctnn::adam, Net> state;          // zeros: a fresh start
//   for (...) {
//       net.backprop(x, t, grad, loss);
//       opt.step(net, grad, state, rate);                  // rate: this epoch's learning rate
//   }
//   ctnn::sgd{0.5}.step(net, grad);                        // stateless sgd at its own rate
#pragma once

#include <ctnn/optimizer/adagrad.hpp>
#include <ctnn/optimizer/adam.hpp>
#include <ctnn/optimizer/checked_step.hpp>
#include <ctnn/optimizer/concept.hpp>
#include <ctnn/optimizer/momentum.hpp>
#include <ctnn/optimizer/nesterov.hpp>
#include <ctnn/optimizer/rmsprop.hpp>
#include <ctnn/optimizer/rule.hpp>
#include <ctnn/optimizer/sgd.hpp>
