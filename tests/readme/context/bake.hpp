// "Baking trained weights into a header": the network the example trains.
#pragma once

#include <ctnn/ctnn.hpp>

namespace readme_context {
using my_net = ctnn::sequential<ctnn::options<float, ctnn::alignment<4>>, ctnn::input<2>,
                                ctnn::dense<8, ctnn::relu>, ctnn::dense<3, ctnn::softmax>>;
} // namespace readme_context
