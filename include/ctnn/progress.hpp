// ctnn/progress.hpp: `progress`, a ready-made training callback that shows how training goes.
//
//   ctnn::progress show;                         // to stdout
//   train.fit(net, data, validation, 20, show);
//
// On a terminal it draws a bar for the current epoch with the rate and the time left, redrawn at
// most ten times a second, and ends each epoch with one line; when the output is not a terminal
// (a log file, a pipe, CI) it writes only that one line per epoch:
//
//   epoch  3/20  loss 0.3125  acc 0.8862  val_loss 0.3391  val_acc 0.8771  lr 0.001  1.02 s  58.8k samples/s
//
// It formats into a fixed buffer and writes with std::fwrite: no allocation, so it can run
// inside a heap-free training loop. Not in <ctnn/ctnn.hpp> because it uses POSIX isatty().
#pragma once

#include <cstdarg>
#include <cstddef>
#include <cstdio>

#include <unistd.h>

#include <ctnn/trainer.hpp>

namespace ctnn {

class progress {
public:
    enum class style {
        automatic, // bar on a terminal, lines otherwise
        bar,       // always the bar (with \r redraws)
        lines,     // one line per epoch
        quiet,     // nothing
    };

    explicit progress(std::FILE* out = stdout, style s = style::automatic) noexcept
        : out_(out), style_(s)
    {
        if (style_ == style::automatic)
            style_ = ::isatty(::fileno(out_)) != 0 ? style::bar : style::lines;
    }

    style chosen_style() const noexcept { return style_; }

    template <class Net>
    void operator()(const training_report<Net>& r) noexcept
    {
        if (style_ == style::quiet)
            return;
        if (r.event == training_event::batch_end) {
            if (style_ == style::bar &&
                (r.batch == r.batches || r.epoch_seconds - last_draw_ >= 0.1 || r.batch == 1)) {
                last_draw_ = r.epoch_seconds;
                draw_bar(r);
            }
            return;
        }
        last_draw_ = -1;
        line_.clear();
        if (style_ == style::bar)
            line_.add("\r\033[K"); // back to the line's start and clear the bar
        epoch_prefix(r);
        line_.add("  loss %.4g  acc %.4f", static_cast<double>(r.loss), r.accuracy);
        if (r.has_validation)
            line_.add("  val_loss %.4g  val_acc %.4f", static_cast<double>(r.validation.loss),
                      r.validation.accuracy);
        line_.add("  lr %.3g  %.2f s  ", r.learning_rate, r.epoch_seconds);
        add_rate(static_cast<double>(r.samples), r.epoch_seconds);
        line_.add("\n");
        line_.write(out_);
    }

private:
    // A line of at most 255 characters built with snprintf.
    class buffer {
    public:
        void clear() noexcept { used_ = 0; }
#if defined(__GNUC__)
        __attribute__((format(printf, 2, 3)))
#endif
        void add(const char* format, ...) noexcept
        {
            if (used_ + 1 >= sizeof(text_))
                return;
            std::va_list args;
            va_start(args, format);
            const int n = std::vsnprintf(text_ + used_, sizeof(text_) - used_, format, args);
            va_end(args);
            if (n > 0)
                used_ = used_ + static_cast<std::size_t>(n) < sizeof(text_)
                            ? used_ + static_cast<std::size_t>(n)
                            : sizeof(text_) - 1;
        }
        void write(std::FILE* out) const noexcept
        {
            std::fwrite(text_, 1, used_, out);
            std::fflush(out);
        }

    private:
        char text_[256]{};
        std::size_t used_ = 0;
    };

    template <class Net>
    void epoch_prefix(const training_report<Net>& r) noexcept
    {
        const int digits = r.epochs >= 1000 ? 4 : r.epochs >= 100 ? 3 : r.epochs >= 10 ? 2 : 1;
        line_.add("epoch %*zu/%zu", digits, r.epoch, r.epochs);
    }

    void add_rate(double samples, double seconds) noexcept
    {
        const double rate = seconds > 0 ? samples / seconds : 0.0;
        if (rate >= 1e6)
            line_.add("%.1fM samples/s", rate / 1e6);
        else if (rate >= 1e3)
            line_.add("%.1fk samples/s", rate / 1e3);
        else
            line_.add("%.0f samples/s", rate);
    }

    template <class Net>
    void draw_bar(const training_report<Net>& r) noexcept
    {
        constexpr std::size_t width = 30;
        const std::size_t filled = r.batches == 0 ? width : width * r.batch / r.batches;
        char bar[width + 1];
        for (std::size_t k = 0; k < width; ++k)
            bar[k] = k < filled ? '=' : (k == filled ? '>' : ' ');
        bar[width] = '\0';
        line_.clear();
        line_.add("\r");
        epoch_prefix(r);
        line_.add(" [%s] %zu/%zu  ", bar, r.batch, r.batches);
        add_rate(static_cast<double>(r.samples), r.epoch_seconds);
        const double left = r.batch == 0 ? 0.0
                                         : r.epoch_seconds / static_cast<double>(r.batch) *
                                               static_cast<double>(r.batches - r.batch);
        const auto whole = static_cast<long>(left + 0.5);
        line_.add("  ETA %ld:%02ld  loss %.4g\033[K", whole / 60, whole % 60,
                  static_cast<double>(r.loss));
        line_.write(out_);
    }

    std::FILE* out_;
    style style_;
    double last_draw_ = -1;
    buffer line_;
};

} // namespace ctnn
