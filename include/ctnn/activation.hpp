// ctnn/activation.hpp: every activation function ctnn ships, and the activation concepts.
#pragma once

#include <ctnn/activation/concept.hpp>
#include <ctnn/activation/elu.hpp>
#include <ctnn/activation/gelu.hpp>
#include <ctnn/activation/gelu_tanh.hpp>
#include <ctnn/activation/identity.hpp>
#include <ctnn/activation/relu.hpp>
#include <ctnn/activation/sigmoid.hpp>
#include <ctnn/activation/silu.hpp>
#include <ctnn/activation/softmax.hpp>
#include <ctnn/activation/softplus.hpp>
#include <ctnn/activation/tanh.hpp>
