// "RTNeural's JSON": a dense network RTNeural can hold.
#pragma once

#include <cstdio>

#include <ctnn/ctnn.hpp>

namespace readme_context {
ctnn::sequential<ctnn::options<float>, ctnn::input<4>, ctnn::dense<8, ctnn::tanh>,
                        ctnn::dense<1, ctnn::identity>>
    net;
} // namespace readme_context
