// ctnn/trainer.hpp: minibatch training on a dataset (`trainer`, ctnn/training/trainer.hpp),
// evaluation (`evaluate`, `confusion`: ctnn/training/evaluation.hpp), early stopping and combined
// callbacks (ctnn/training/callbacks.hpp), with the full-batch `fit` (ctnn/train.hpp); also the
// trainer's clock on a hosted target (ctnn/training/steady_clock.hpp, <chrono>) and the
// confusion matrix's operator<< (ctnn/training/confusion_ostream.hpp, <ostream>), which
// <ctnn/core.hpp> leaves out.
#pragma once

#include <ctnn/train.hpp>
#include <ctnn/training/callbacks.hpp>
#include <ctnn/training/confusion_ostream.hpp>
#include <ctnn/training/evaluation.hpp>
#include <ctnn/training/steady_clock.hpp>
#include <ctnn/training/trainer.hpp>
