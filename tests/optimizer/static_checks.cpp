// Compile-time facts about the optimisers, schedules and initialisers: the concepts accept what
// they should and reject what they should, the states have the documented sizes, and the
// optimisers are aggregates with PyTorch's defaults. Compiling is passing.
#include <algorithm>
#include <concepts>
#include <cstddef>
#include <type_traits>

#include <ctnn/ctnn.hpp>

namespace {

using tiny = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 1, 1>;
using tutorial = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>;
using small_float = ctnn::network<2, 3, 1>;
using packed = ctnn::basic_network<ctnn::options<float, ctnn::alignment<4>>, 3, 5, 2>;

template <class Net>
constexpr bool every_optimizer = ctnn::optimizer<ctnn::sgd, Net> &&
                                 ctnn::optimizer<ctnn::momentum, Net> &&
                                 ctnn::optimizer<ctnn::nesterov, Net> &&
                                 ctnn::optimizer<ctnn::adam, Net> &&
                                 ctnn::optimizer<ctnn::adamw, Net>;
static_assert(every_optimizer<tiny>);
static_assert(every_optimizer<tutorial>);
static_assert(every_optimizer<small_float>);
static_assert(every_optimizer<packed>);

// Not optimisers: no nested state, no learning rate, or a step of the wrong shape.
struct no_state {
    double learning_rate;
    template <class Net>
    void step(Net&, const ctnn::gradient<Net>&) const
    {
    }
};
struct no_rate {
    template <class Net>
    struct state {};
    template <class Net>
    void step(Net&, const ctnn::gradient<Net>&, state<Net>&, typename Net::scalar_type) const
    {
    }
};
static_assert(!ctnn::optimizer<no_state, tiny>);
static_assert(!ctnn::optimizer<no_rate, tiny>);
static_assert(!ctnn::optimizer<int, tiny>);
static_assert(!ctnn::optimizer<ctnn::constant_rate, tiny>);

// States: inline, shaped like the network. Adam keeps two parameter arrays and three counters
// that pad to one alignment unit.
template <class Net>
constexpr bool state_sizes_as_documented =
    std::is_empty_v<ctnn::optimizer_state<ctnn::sgd, Net>> &&
    sizeof(ctnn::optimizer_state<ctnn::momentum, Net>) == sizeof(ctnn::parameters<Net>) &&
    sizeof(ctnn::optimizer_state<ctnn::nesterov, Net>) == sizeof(ctnn::parameters<Net>) &&
    sizeof(ctnn::adam::state<Net>) >= 2 * sizeof(ctnn::parameters<Net>) &&
    sizeof(ctnn::adam::state<Net>) <=
        2 * sizeof(ctnn::parameters<Net>) + std::max<std::size_t>(Net::alignment, 24) &&
    sizeof(ctnn::adamw::state<Net>) == sizeof(ctnn::adam::state<Net>);
static_assert(state_sizes_as_documented<tiny>);
static_assert(state_sizes_as_documented<tutorial>);
static_assert(state_sizes_as_documented<small_float>);
static_assert(state_sizes_as_documented<packed>);
// tutorial: 9 doubles, 72 bytes, round up to 128; the counters take one more 64-byte unit.
static_assert(sizeof(ctnn::adam::state<tutorial>) == 2 * 128 + 64);
static_assert(std::default_initializable<ctnn::adam::state<tutorial>>);

// A trainer copies the state before each step to undo a rejected one, and asks every state that
// remembers numbers whether they are still finite (sgd's empty state has nothing to say).
template <class Opt, class Net>
concept reports_finiteness = requires(const ctnn::optimizer_state<Opt, Net>& s) {
    { s.finite() } -> std::same_as<bool>;
};
static_assert(std::copyable<ctnn::adam::state<tutorial>> &&
              std::copyable<ctnn::momentum::state<tutorial>> &&
              std::copyable<ctnn::sgd::state<tutorial>>);
static_assert(reports_finiteness<ctnn::momentum, tutorial> &&
              reports_finiteness<ctnn::nesterov, tutorial> &&
              reports_finiteness<ctnn::adam, tutorial> && reports_finiteness<ctnn::adamw, tutorial>);
static_assert(!reports_finiteness<ctnn::sgd, tutorial>);
static_assert(ctnn::adam::state<tutorial>{}.finite());

// Hyper-parameters: aggregates with PyTorch's defaults, designated-initialisable.
static_assert(std::is_aggregate_v<ctnn::adam> && std::is_aggregate_v<ctnn::sgd>);
constexpr ctnn::adam adam_defaults{};
static_assert(adam_defaults.learning_rate == 1e-3 && adam_defaults.beta1 == 0.9 &&
              adam_defaults.beta2 == 0.999 && adam_defaults.epsilon == 1e-8);
constexpr ctnn::adamw adamw_defaults{.learning_rate = 3e-4};
static_assert(adamw_defaults.learning_rate == 3e-4 && adamw_defaults.weight_decay == 1e-2);
static_assert(ctnn::momentum{0.1}.beta == 0.9 && ctnn::nesterov{0.1}.beta == 0.9);
static_assert(ctnn::step_decay{}.every == 10 && ctnn::step_decay{}.gamma == 0.1);

// Schedules.
static_assert(ctnn::schedule<ctnn::constant_rate> && ctnn::schedule<ctnn::step_decay> &&
              ctnn::schedule<ctnn::cosine_decay> && ctnn::schedule<ctnn::exponential_decay>);
static_assert(!ctnn::schedule<int> && !ctnn::schedule<ctnn::adam>);

// Initialisers.
template <class T>
constexpr bool every_initializer =
    ctnn::initializer<ctnn::uniform01, T> && ctnn::initializer<ctnn::uniform_range, T> &&
    ctnn::initializer<ctnn::xavier_uniform, T> && ctnn::initializer<ctnn::xavier_normal, T> &&
    ctnn::initializer<ctnn::he_uniform, T> && ctnn::initializer<ctnn::he_normal, T>;
static_assert(every_initializer<float> && every_initializer<double>);
static_assert(!ctnn::initializer<ctnn::adam, double> && !ctnn::initializer<ctnn::he_normal, int>);

// The stateless sgd step that ctnn::fit calls still exists.
template <class Net>
concept has_plain_step = requires(Net& net, const ctnn::gradient<Net>& grad) {
    ctnn::sgd{0.1}.step(net, grad);
};
static_assert(has_plain_step<tutorial> && has_plain_step<small_float>);

} // namespace
