// ctnn/trainer.hpp: minibatch training on a dataset (`trainer`, ctnn/training/trainer.hpp),
// evaluation (`evaluate`, `confusion`: ctnn/training/evaluation.hpp), early stopping and combined
// callbacks (ctnn/training/callbacks.hpp), with the full-batch `fit` (ctnn/train.hpp); also the
// trainer's clock on a hosted target (ctnn/training/steady_clock.hpp, <chrono>).
#pragma once

#include <ctnn/train.hpp>
#include <ctnn/training/callbacks.hpp>
#include <ctnn/training/evaluation.hpp>
#include <ctnn/training/steady_clock.hpp>
#include <ctnn/training/trainer.hpp>
