// The tutorial's rules of thumb for a hidden layer's size, checked on the tutorial's own examples.
#include <ctnn/rules_of_thumb.hpp>

namespace {

namespace rot = ctnn::rule_of_thumb;

// "Fewer than twice the number of inputs": 2 inputs allow at most 3 hidden units.
static_assert(rot::max_hidden_size(2) == 3);
static_assert(rot::max_hidden_size(1) == 1);
static_assert(rot::max_hidden_size(10) == 19);
static_assert(rot::max_hidden_size(0) == 0); // no inputs, no hidden units (and no underflow)

// "Two thirds of the inputs plus the outputs", rounded down: 2 inputs, 1 output give 2.
static_assert(rot::two_thirds_hidden_size(2, 1) == 2); // 4/3 + 1 = 2.33
static_assert(rot::two_thirds_hidden_size(3, 1) == 3); // 2 + 1
static_assert(rot::two_thirds_hidden_size(4, 2) == 4); // 8/3 + 2 = 4.67
static_assert(rot::two_thirds_hidden_size(784, 10) == 532); // 1568/3 = 522.67, + 10

// "Between the number of outputs and the number of inputs": 3 inputs, 2 outputs give 2 or 3.
static_assert(rot::hidden_size_between(3, 2) == rot::size_range{2, 3});
static_assert(rot::hidden_size_between(3, 2).min == 2 && rot::hidden_size_between(3, 2).max == 3);
static_assert(rot::hidden_size_between(3, 2).contains(2));
static_assert(rot::hidden_size_between(3, 2).contains(3));
static_assert(!rot::hidden_size_between(3, 2).contains(1));
static_assert(!rot::hidden_size_between(3, 2).contains(4));
// More outputs than inputs: the range is the same, whichever comes first.
static_assert(rot::hidden_size_between(2, 3) == rot::size_range{2, 3});
static_assert(rot::hidden_size_between(4, 4) == rot::size_range{4, 4});

} // namespace
