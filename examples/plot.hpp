// examples/plot.hpp: the pictures of the tutorial (the loss curve and the decision boundary over
// the input plane) for a trained 2-input, 1-output example, as data files and a gnuplot script.
//
// An example run with `--plot DIR` writes, for its figure name (say "xor"):
//     DIR/xor_loss.dat       epoch and loss, at about 50 epochs per decade (log-spaced)
//     DIR/xor_boundary.dat   the network's output on a 101 x 101 grid over [-0.5, 1.5]^2
//     DIR/xor.gp             a gnuplot script rendering xor_loss.png and xor_boundary.png
// Render with `cd DIR && gnuplot xor.gp` (the script names its files relative to DIR), or build
// the `pictures` target, which runs both examples and gnuplot: `scripts/pictures.sh`.
//
// Use in an example:
//     const auto plot = example_plot::take_plot_option(argc, argv); // removes "--plot DIR"
//     example_plot::loss_curve curve;
//     ctnn::fit(net, x, t, loss, optimizer, epochs,
//               [&](const ctnn::epoch_report<double>& r) { curve.record(r.epoch, r.loss); });
//     if (plot.dir) example_plot::write_files(plot.dir, {"xor", "XOR, ..."}, net, curve, x, t);
//
// Only loss_curve::record runs during training: it keeps a fixed number of points in an array
// inside the object (no heap, one comparison per epoch) and only reads the loss the callback is
// given, so recording cannot change a single training figure. Everything else runs afterwards
// and is free to allocate.
#pragma once

#include <ctnn/ctnn.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

namespace example_plot {

// ---------------------------------------------------------------------------------------------
// The command line.

struct plot_option {
    const char* dir = nullptr; // where to write; nullptr: no pictures, the example runs as before
    bool valid = true;         // false for "--plot" without a directory
};

// Finds "--plot DIR" (or "--plot=DIR") anywhere in argv, removes it and shifts the remaining
// arguments down, so the example parses what is left exactly as it did before the option existed.
inline plot_option take_plot_option(int& argc, char** argv)
{
    plot_option option;
    int kept = 1;
    for (int k = 1; k < argc; ++k) {
        const char* arg = argv[k];
        if (std::strcmp(arg, "--plot") == 0) {
            if (k + 1 == argc || argv[k + 1][0] == '\0') {
                option.valid = false;
                continue;
            }
            option.dir = argv[++k];
        }
        else if (std::strncmp(arg, "--plot=", 7) == 0) {
            option.dir = arg + 7;
            option.valid = option.valid && option.dir[0] != '\0';
        }
        else {
            argv[kept++] = argv[k];
        }
    }
    argc = kept;
    argv[argc] = nullptr; // as the C runtime leaves it
    return option;
}

// ---------------------------------------------------------------------------------------------
// The loss curve.

struct loss_point {
    std::size_t epoch;
    double loss;
};

// Keeps the loss of every epoch up to about 20, then of epochs spaced evenly on a log scale
// (points_per_decade per factor of 10), plus always the last epoch seen. 200,000 epochs give
// about 220 points: enough for a smooth curve on a log axis, where every epoch would be
// 200,000 lines. The XOR curve has a plateau of a few thousand epochs and a fall over tens of
// thousands, which only a log axis shows at once.
class loss_curve {
public:
    static constexpr std::size_t capacity = 512;

    explicit loss_curve(double points_per_decade = 50)
        : ratio_{std::pow(10.0, 1.0 / points_per_decade)}
    {
    }

    // Called from the training callback with what it was told; cheap when the epoch is skipped.
    void record(std::size_t epoch, double loss) noexcept
    {
        last_ = {epoch, loss};
        if (epoch < next_epoch_ || size_ == capacity)
            return;
        points_[size_++] = last_;
        const double spaced = std::ceil(static_cast<double>(epoch) * ratio_);
        next_epoch_ = std::max(epoch + 1, static_cast<std::size_t>(spaced));
    }

    std::span<const loss_point> points() const noexcept { return {points_.data(), size_}; }

    // The last epoch seen, which ends the curve even when it fell between two recorded points.
    loss_point last() const noexcept { return last_; }

private:
    double ratio_;
    std::size_t next_epoch_ = 0;
    std::size_t size_ = 0;
    loss_point last_{0, 0};
    std::array<loss_point, capacity> points_{};
};

// ---------------------------------------------------------------------------------------------
// The files.

// The input plane drawn: the unit square of the truth table and half a unit around it, where the
// network extrapolates (xor.cpp discusses what it answers there, and why).
// 101 points per axis put 0, 0.5 and 1 exactly on the grid.
inline constexpr double plane_low = -0.5;
inline constexpr double plane_high = 1.5;
inline constexpr std::size_t grid_points = 101;

namespace detail {

// fopen/fclose with the error checked once, at close(), which is where a full disk shows.
class output_file {
public:
    explicit output_file(const std::string& path)
        : path_{path}, file_{std::fopen(path.c_str(), "w")}
    {
        if (file_ == nullptr)
            std::fprintf(stderr, "cannot open %s for writing\n", path.c_str());
    }
    output_file(const output_file&) = delete;
    output_file& operator=(const output_file&) = delete;
    ~output_file()
    {
        if (file_ != nullptr)
            std::fclose(file_);
    }

    std::FILE* get() const noexcept { return file_; }

    bool close()
    {
        if (file_ == nullptr)
            return false;
        const bool ok = std::ferror(file_) == 0 && std::fclose(file_) == 0;
        file_ = nullptr;
        if (!ok)
            std::fprintf(stderr, "error writing %s\n", path_.c_str());
        return ok;
    }

private:
    std::string path_;
    std::FILE* file_;
};

// The title goes into a double-quoted gnuplot string marked noenhanced, so only a double quote
// or a backslash could break it.
inline std::string gnuplot_text(std::string_view text)
{
    std::string quoted;
    for (const char c : text)
        quoted += (c == '"' || c == '\\') ? '\'' : c;
    return quoted;
}

} // namespace detail

// What the pictures are called and say.
struct figure {
    std::string_view name;  // file names: <name>_loss.png, ...; letters, digits and _ only
    std::string_view title; // plain text: "XOR, 2-4-1 network, no bias, seed 1"
    // Losses known from elsewhere, drawn as points on the loss curve (for the OR gate: the
    // tutorial's NumPy figures), and their legend. Empty: none.
    std::span<const loss_point> reference_losses{};
    std::string_view reference_label{};
};

// Writes DIR/<name>_loss.dat, DIR/<name>_boundary.dat and DIR/<name>.gp (creating DIR if
// needed) for a trained network with 2 inputs and 1 output, and the training points it was
// taught. Returns false, after saying why on stderr, if a file cannot be written.
template <class Net, class T, std::size_t Batch>
bool write_files(const char* dir, const figure& fig, const Net& net, const loss_curve& curve,
                 const ctnn::batch<T, Batch, 2>& inputs, const ctnn::batch<T, Batch, 1>& targets)
{
    static_assert(Net::input_size == 2 && Net::output_size == 1,
                  "example_plot::write_files draws the output of a network with 2 inputs and "
                  "1 output over the input plane; other networks have no such picture");
    using scalar = typename Net::scalar_type;

    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) {
        std::fprintf(stderr, "cannot create directory %s: %s\n", dir, error.message().c_str());
        return false;
    }
    const std::string stem{fig.name};
    const std::string title{fig.title};
    const std::string base = std::string(dir) + "/" + stem;

    // <name>_loss.dat: "epoch loss", one line per recorded epoch, full precision.
    {
        detail::output_file out{base + "_loss.dat"};
        if (out.get() == nullptr)
            return false;
        std::fprintf(out.get(), "# %s: loss E at log-spaced epochs, measured before each "
                                "epoch's update\n# epoch loss\n",
                     title.c_str());
        std::size_t written_up_to = 0;
        for (const auto& point : curve.points()) {
            std::fprintf(out.get(), "%zu %.17g\n", point.epoch, point.loss);
            written_up_to = point.epoch;
        }
        if (curve.last().epoch > written_up_to)
            std::fprintf(out.get(), "%zu %.17g\n", curve.last().epoch, curve.last().loss);
        if (!out.close())
            return false;
    }

    // <name>_boundary.dat: "x1 x2 output" in gnuplot's grid format: one block per value of x1,
    // blocks separated by a blank line, which both `splot ... with pm3d` and `plot ... with image`
    // read as a grid.
    {
        detail::output_file out{base + "_boundary.dat"};
        if (out.get() == nullptr)
            return false;
        std::fprintf(out.get(),
                     "# %s: network output over [%g, %g]^2, %zu x %zu grid\n# x1 x2 output\n",
                     title.c_str(), plane_low, plane_high, grid_points, grid_points);
        // (low * 100 + 2 * i) / 100: an integer over 100, so 0 and 1 come out exact and the
        // training points lie on the grid, not 1e-16 beside it.
        const auto coordinate = [](std::size_t i) {
            constexpr auto intervals = static_cast<double>(grid_points - 1);
            return (plane_low * intervals + (plane_high - plane_low) * static_cast<double>(i)) /
                   intervals;
        };
        for (std::size_t i = 0; i < grid_points; ++i) {
            const double x1 = coordinate(i);
            for (std::size_t j = 0; j < grid_points; ++j) {
                const double x2 = coordinate(j);
                const std::array<scalar, 2> x{static_cast<scalar>(x1), static_cast<scalar>(x2)};
                std::fprintf(out.get(), "%g %g %.9g\n", x1, x2,
                             static_cast<double>(net.forward(x)[0]));
            }
            std::fprintf(out.get(), "\n");
        }
        if (!out.close())
            return false;
    }

    // <name>.gp: the two pictures. Everything the plots need beyond the two data files (the
    // training points, the titles) is written into the script, so it runs on its own.
    {
        detail::output_file out{base + ".gp"};
        if (out.get() == nullptr)
            return false;
        std::FILE* gp = out.get();
        const std::string text = detail::gnuplot_text(fig.title);
        std::fprintf(gp,
                     "# %s.gp, written by an example run with --plot: renders %s_loss.png and\n"
                     "# %s_boundary.png from %s_loss.dat and %s_boundary.dat. Run it where\n"
                     "# those files are:  cd DIR && gnuplot %s.gp\n\n",
                     stem.c_str(), stem.c_str(), stem.c_str(), stem.c_str(), stem.c_str(),
                     stem.c_str());
        // pngcairo draws antialiased lines and text; Debian's gnuplot-nox has it, but a gnuplot
        // built without cairo still has the libgd png terminal.
        std::fprintf(gp, "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {\n"
                         "    set terminal pngcairo size 640,480 font 'DejaVu Sans,10'\n"
                         "} else {\n"
                         "    set terminal png size 640,480\n"
                         "}\n\n");
        std::fprintf(gp, "# The training points: x1 x2 target\n$training << EOD\n");
        for (std::size_t k = 0; k < Batch; ++k)
            std::fprintf(gp, "%g %g %g\n", static_cast<double>(inputs[k][0]),
                         static_cast<double>(inputs[k][1]), static_cast<double>(targets[k][0]));
        std::fprintf(gp, "EOD\n\n");
        if (!fig.reference_losses.empty()) {
            std::fprintf(gp, "# %s: epoch loss\n$reference << EOD\n",
                         std::string(fig.reference_label).c_str());
            for (const auto& point : fig.reference_losses)
                std::fprintf(gp, "%zu %.17g\n", point.epoch, point.loss);
            std::fprintf(gp, "EOD\n\n");
        }

        // The reference line: the loss of the best constant output, the mean target, which is
        // all a network that ignores its inputs can reach (under half_sum_squares, the examples'
        // loss). XOR's plateau sits on it: every output 0.5, E = 4 * 0.5 * 0.5^2 = 0.5.
        double mean_target = 0;
        for (const auto& target : targets)
            mean_target += static_cast<double>(target[0]) / static_cast<double>(Batch);
        double constant_loss = 0;
        for (const auto& target : targets)
            constant_loss += 0.5 * std::pow(static_cast<double>(target[0]) - mean_target, 2);

        std::fprintf(gp,
                     "# The loss curve, on log axes: a plateau and a fall of three orders of\n"
                     "# magnitude both stay visible.\n"
                     "set output '%s_loss.png'\n"
                     "set title \"%s: loss during training\" noenhanced\n"
                     "set xlabel 'epoch'\n"
                     "set ylabel 'loss E = sum of (output - target)^2 / 2' noenhanced\n"
                     "set logscale xy\n"
                     "set xrange [0.8:%g]\n"
                     "set format x '10^{%%L}'\n"
                     "set format y '10^{%%L}'\n"
                     "set grid xtics ytics lt 1 lw 1 lc rgb '#dddddd'\n"
                     "set key bottom left Left reverse box opaque samplen 2 spacing 1.3\n"
                     "constant_loss = %.17g\n"
                     "plot '%s_loss.dat' using 1:2 with lines lw 2 lc rgb '#b2182b' \\\n"
                     "         title 'E on the %zu training points, before each update', \\\n"
                     "     constant_loss with lines dt 2 lw 1.5 lc rgb '#555555' \\\n"
                     "         title sprintf('E = %%.3g: best constant output, inputs ignored', "
                     "constant_loss)",
                     stem.c_str(), text.c_str(), 1.25 * static_cast<double>(curve.last().epoch),
                     constant_loss, stem.c_str(), Batch);
        if (!fig.reference_losses.empty())
            std::fprintf(gp,
                         ", \\\n"
                         "     $reference using 1:2 with points pt 6 ps 1.8 lw 1.5 \\\n"
                         "         lc rgb 'black' title \"%s\" noenhanced",
                         detail::gnuplot_text(fig.reference_label).c_str());
        std::fprintf(gp, "\nunset output\n\n");

        std::fprintf(gp,
                     "# The decision boundary. gnuplot traces the 0.5 contour of the grid\n"
                     "# into a table first, then draws it over the output as an image.\n"
                     "reset\n"
                     "set contour base\n"
                     "set cntrparam levels discrete 0.5\n"
                     "unset surface\n"
                     "set table $boundary\n"
                     "splot '%s_boundary.dat' using 1:2:3 with lines\n"
                     "unset table\n"
                     "unset contour\n"
                     "set surface\n\n"
                     "set output '%s_boundary.png'\n"
                     "set title \"%s: output over the input plane\" noenhanced\n"
                     "set xlabel 'input x1' noenhanced\n"
                     "set ylabel 'input x2' noenhanced\n"
                     "set cblabel 'network output'\n"
                     "set xrange [%g:%g]\n"
                     "set yrange [%g:%g]\n"
                     "set cbrange [0:1]\n"
                     "set lmargin at screen 0.12\n"
                     "set rmargin at screen 0.66\n"
                     "set bmargin at screen 0.13\n"
                     "set tmargin at screen 0.85\n"
                     "set colorbox user origin screen 0.69, 0.45 size screen 0.03, 0.40\n"
                     "set xtics 0.5\n"
                     "set ytics 0.5\n"
                     "set cbtics 0.25\n"
                     "set palette defined (0 '#2166ac', 0.5 '#f7f7f7', 1 '#b2182b')\n"
                     "set key at screen 0.68, 0.36 left top vertical Left reverse samplen 2 \\\n"
                     "    spacing 1.5\n"
                     "plot '%s_boundary.dat' using 1:2:3 with image notitle, \\\n"
                     "     $boundary using 1:2 with lines lw 2 lc rgb 'black' \\\n"
                     "         title 'boundary, output 0.5', \\\n"
                     "     $training using 1:($3 > 0.5 ? $2 : NaN) with points pt 7 ps 2.2 \\\n"
                     "         lc rgb 'black' title 'training point, target 1', \\\n"
                     "     $training using 1:($3 > 0.5 ? NaN : $2) with points pt 6 ps 2.2 \\\n"
                     "         lw 2.5 lc rgb 'black' title 'training point, target 0'\n"
                     "unset output\n",
                     stem.c_str(), stem.c_str(), text.c_str(), plane_low, plane_high, plane_low,
                     plane_high, stem.c_str());
        if (!out.close())
            return false;
    }

    std::printf("\npictures: wrote %s_loss.dat, %s_boundary.dat and %s.gp\n"
                "render them with: cd %s && gnuplot %s.gp\n",
                base.c_str(), base.c_str(), base.c_str(), dir, stem.c_str());
    return true;
}

} // namespace example_plot
