// expect: the dataset's input width does not match the network's input_size
// expect: input_width_expected_got<4(UL)?, 3(UL)?>
//
// Mistake: a dataset of 3 features for a network of 4 inputs. Both compilers print the sizes.
#include <array>
#include <cstddef>
#include <vector>

#include <ctnn/trainer.hpp>

int main()
{
    using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<4>, ctnn::dense<8>,
                                   ctnn::dense<3, ctnn::softmax>>;
#ifdef CTNN_COMPILE_FAIL
    constexpr std::size_t features = 3;
#else
    constexpr std::size_t features = 4;
#endif
    std::vector<std::array<float, features>> x(6);
    std::vector<std::size_t> labels{0, 1, 2, 0, 1, 2};
    const ctnn::dataset<float, features, 3> data(x, labels);
    net_t net;
    ctnn::trainer<net_t, ctnn::categorical_cross_entropy, ctnn::sgd, 2> train(ctnn::sgd{0.1});
    return train.fit(net, data, 1).epochs == 1 ? 0 : 1;
}
