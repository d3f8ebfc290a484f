// ctnn/ctnn.hpp: the umbrella header; includes every public header of the core library: the
// freestanding core (<ctnn/core.hpp>) and what it leaves out for hosted programs: the trainer's
// steady_clock and operator<< for its reports (<ctnn/trainer.hpp>), the cost report and the
// gradient check.
#pragma once

#include <ctnn/core.hpp>
#include <ctnn/cost.hpp>
#include <ctnn/gradient_check.hpp>
#include <ctnn/trainer.hpp>
