// ctnn/train.hpp: the full-batch training loop, `fit` (ctnn/training/fit.hpp), and what it
// reports (ctnn/training/result.hpp, shared with the trainer). The optimisers, sgd among them, are
// in ctnn/optimizer.hpp.
#pragma once

#include <ctnn/training/callback.hpp>
#include <ctnn/training/fit.hpp>
#include <ctnn/training/result.hpp>
