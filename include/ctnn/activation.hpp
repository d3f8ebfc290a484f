// ctnn/activation.hpp: every activation function ctnn ships, and the `activation` concept.
#pragma once

#include <ctnn/activation/concept.hpp>
#include <ctnn/activation/identity.hpp>
#include <ctnn/activation/sigmoid.hpp>
