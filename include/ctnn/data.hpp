// ctnn/data.hpp: the data helpers: a seeded, optionally stratified split of your samples
// (shuffle_split), a standardizer fitted on the training part, and one-hot target rows. They
// allocate nothing: they work in your arrays.
#pragma once

#include <ctnn/data/one_hot.hpp>
#include <ctnn/data/split.hpp>
#include <ctnn/data/standardizer.hpp>
