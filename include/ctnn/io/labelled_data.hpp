// ctnn/io/labelled_data.hpp: `labelled_data`, what every ctnn::io loader returns: samples of
// Features values of type T, each with an integer class label.
//
//   const auto iris = ctnn::io::read_csv<4>("data/iris.csv"); // labelled_data<4, float>
//   for (std::size_t i = 0; i < iris.size(); ++i)
//       use(iris.features[i], iris.labels[i]);              // std::array<float, 4>, std::size_t
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace ctnn::io {

// The features are one fixed-size array a sample, so a sample goes straight into a network's
// forward() (a network with Features inputs); a wrong width is an error at that call.
template <std::size_t Features, class T = float>
struct labelled_data {
    std::vector<std::array<T, Features>> features;
    std::vector<std::size_t> labels;      // one per sample, each < class_count
    std::size_t class_count = 0;
    std::vector<std::string> class_names; // empty when the file names none

    std::size_t size() const noexcept { return labels.size(); }
};

} // namespace ctnn::io
