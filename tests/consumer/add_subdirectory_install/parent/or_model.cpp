#include "or_model.hpp"

#include <ctnn/io/csv.hpp>

#include <stdexcept>

namespace or_model {

net_t train(const char* path, std::size_t epochs)
{
    const auto data = ctnn::io::read_csv<2>(path);
    if (data.size() != 4)
        throw std::runtime_error("or_model: expected the four rows of the OR gate");
    ctnn::batch<float, 4, 2> inputs{};
    ctnn::batch<float, 4, 1> targets{};
    for (std::size_t i = 0; i < 4; ++i) {
        inputs[i] = data.features[i];
        targets[i] = {static_cast<float>(data.labels[i])};
    }
    net_t net;
    ctnn::initialize(net, ctnn::uniform01{}, 1);
    ctnn::fit(net, inputs, targets, ctnn::half_sum_squares{}, ctnn::sgd{0.5f}, epochs);
    return net;
}

} // namespace or_model
