// ctnn/layers.hpp: every built-in layer kind (ctnn/layer/concept.hpp says what a layer is).
#pragma once

#include <ctnn/layer/batch_norm.hpp>
#include <ctnn/layer/dense.hpp>
#include <ctnn/layer/dropout.hpp>
#include <ctnn/layer/layer_norm.hpp>
#include <ctnn/layer/standardize.hpp>
