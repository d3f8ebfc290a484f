// ctnn/ctnn.hpp: the umbrella header; includes every public header of the core library.
#pragma once

#include <ctnn/activation.hpp>
#include <ctnn/cost.hpp>
#include <ctnn/data.hpp>
#include <ctnn/dataset.hpp>
#include <ctnn/gradient_check.hpp>
#include <ctnn/initializer.hpp>
#include <ctnn/layers.hpp>
#include <ctnn/loss.hpp>
#include <ctnn/matrix_ref.hpp>
#include <ctnn/network.hpp>
#include <ctnn/optimizer.hpp>
#include <ctnn/options.hpp>
#include <ctnn/parameters.hpp>
#include <ctnn/random.hpp>
#include <ctnn/rules_of_thumb.hpp>
#include <ctnn/schedule.hpp>
#include <ctnn/shape.hpp>
#include <ctnn/shuffle.hpp>
#include <ctnn/train.hpp>
#include <ctnn/trainer.hpp>
#include <ctnn/version.hpp>
#include <ctnn/workspace.hpp>
