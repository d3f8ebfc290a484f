// or_model: a library built on ctnn that vendors it with add_subdirectory and installs both.
#pragma once

#include <ctnn/ctnn.hpp>

#include <cstddef>

namespace or_model {

using net_t = ctnn::network<2, 3, 1>;

// Trains the OR gate for `epochs` full-batch epochs on the CSV file `path` (its four rows
// "a,b,label"; gzip if the name ends in .gz).
net_t train(const char* path, std::size_t epochs);

} // namespace or_model
