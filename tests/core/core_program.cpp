// tests/core/core_program.cpp: a program that uses <ctnn/core.hpp> alone, built with
// -fno-exceptions -fno-rtti (issue 14). It trains the tutorial's OR network with `fit` and with a
// trainer on ctnn::no_clock, checks that both learned OR through forward(), and, given "handler"
// or "default", makes a dataset mistake to show how errors are reported without exceptions. Its
// symbols are checked by check_symbols.cmake: nothing from <chrono>, <cstdio>, the exception
// runtime or the heap. It includes no other library header that could bring them, so whatever
// such symbol the check finds came through ctnn.
#include <ctnn/core.hpp>

#include <array>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace {

using or_network = ctnn::basic_network<ctnn::options<double, ctnn::no_bias>, 2, 3, 1>;

constexpr ctnn::batch<double, 4, 2> inputs{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
constexpr ctnn::batch<double, 4, 1> targets{{{0}, {1}, {1}, {1}}};
constexpr std::array<std::size_t, 4> labels{0, 1, 1, 1};

constexpr const char* expected_mistake = "ctnn::dataset: 4 inputs but 3 labels";

or_network tutorial_start()
{
    or_network net;
    net.set_weights<0>({{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}});
    net.set_weights<1>({{0.7}, {0.8}, {0.9}});
    return net;
}

bool learned_or(const or_network& net)
{
    for (std::size_t s = 0; s < inputs.size(); ++s)
        if ((net.forward(inputs[s])[0] >= 0.5) != (labels[s] == 1))
            return false;
    return true;
}

// One label short of the four inputs: reported before the dataset exists.
int make_a_mistake()
{
    const std::array<std::size_t, 3> short_labels{0, 1, 1};
    const ctnn::dataset<double, 2, 1> data(inputs, short_labels);
    return 10 + static_cast<int>(data.size()); // not reached
}

} // namespace

int main(int argc, char** argv)
{
    const std::string_view mode = argc > 1 ? argv[1] : "";
    if (mode == "handler") {
        ctnn::set_error_handler([](const char* message) noexcept {
            std::_Exit(std::strcmp(message, expected_mistake) == 0 ? 0 : 3);
        });
        return make_a_mistake();
    }
    if (mode == "default") // the message on stderr, then std::abort()
        return make_a_mistake();

    or_network by_fit = tutorial_start();
    const auto fitted = ctnn::fit(by_fit, inputs, targets, ctnn::half_sum_squares{},
                                  ctnn::sgd{0.05}, 20'000);
    if (!fitted.completed() || !(fitted.loss < 0.02) || !learned_or(by_fit))
        return 1;

    or_network by_trainer = tutorial_start();
    const ctnn::dataset<double, 2, 1> data(inputs, labels);
    ctnn::trainer<or_network, ctnn::half_sum_squares, ctnn::sgd, 2, ctnn::constant_rate,
                  ctnn::no_clock>
        trainer(ctnn::sgd{0.5}, {.seed = 1});
    double seconds = -1;
    std::size_t reports = 0;
    const auto trained = trainer.fit(by_trainer, data, 5'000,
                                     [&](const ctnn::training_report<or_network>& report) {
                                         seconds = report.seconds + report.epoch_seconds;
                                         ++reports;
                                         return ctnn::control::proceed;
                                     });
    // no_clock: every elapsed time is 0; two minibatches and an epoch end per epoch.
    if (!trained.completed() || seconds != 0.0 || reports != 15'000 || !learned_or(by_trainer))
        return 2;
    return 0;
}
