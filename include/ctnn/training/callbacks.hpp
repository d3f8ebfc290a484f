// ctnn/training/callbacks.hpp: callbacks for a trainer: `early_stopping` on the validation
// loss or accuracy, and `callbacks(...)`, several called as one.
#pragma once

#include <cstddef>

#include <ctnn/parameters.hpp>
#include <ctnn/training/callback.hpp>
#include <ctnn/training/trainer.hpp>

namespace ctnn {

template <class Net>
class early_stopping {
public:
    enum class monitor { validation_loss, validation_accuracy };
    struct settings {
        std::size_t patience = 5;  // epochs without improvement before stopping
        double min_delta = 0;      // an improvement must exceed this
        monitor watch = monitor::validation_loss;
    };

    constexpr early_stopping() = default;
    constexpr explicit early_stopping(settings s) noexcept : settings_(s) {}

    constexpr control operator()(const training_report<Net>& report) noexcept
    {
        if (report.event != training_event::epoch_end || !report.has_validation)
            return control::proceed;
        const double value = settings_.watch == monitor::validation_loss
                                 ? -static_cast<double>(report.validation.loss)
                                 : report.validation.accuracy;
        if (best_epoch_ == 0 || value > best_ + settings_.min_delta) {
            best_ = value;
            best_epoch_ = report.epoch;
            best_weights_ = *report.network; // the network's parameters, nothing else
            return control::proceed;
        }
        if (report.epoch - best_epoch_ >= settings_.patience) {
            stopped_epoch_ = report.epoch;
            return control::stop;
        }
        return control::proceed;
    }

    // Puts the best weights seen back into net; false (and net untouched) if none were seen.
    constexpr bool restore(Net& net) const noexcept
    {
        if (best_epoch_ == 0)
            return false;
        static_cast<parameters<Net>&>(net) = best_weights_;
        return true;
    }

    constexpr std::size_t best_epoch() const noexcept { return best_epoch_; }
    // The best validation loss (or accuracy) seen.
    constexpr double best_value() const noexcept
    {
        return settings_.watch == monitor::validation_loss ? -best_ : best_;
    }
    constexpr std::size_t stopped_epoch() const noexcept { return stopped_epoch_; } // 0: not
    constexpr const parameters<Net>& best_weights() const noexcept { return best_weights_; }

private:
    settings settings_{};
    double best_ = 0;
    std::size_t best_epoch_ = 0;
    std::size_t stopped_epoch_ = 0;
    parameters<Net> best_weights_{};
};

// Several callbacks as one: each sees every report, in order; training stops if any says so.
//   train.fit(net, data, validation, 100, ctnn::callbacks(stopper, progress, my_log));
template <class... Callbacks>
constexpr auto callbacks(Callbacks&... each) noexcept
{
    return [&each...](const auto& report) {
        bool stop = false;
        ((stop = (detail::call_back(each, report) == control::stop) || stop), ...);
        return stop ? control::stop : control::proceed;
    };
}

} // namespace ctnn