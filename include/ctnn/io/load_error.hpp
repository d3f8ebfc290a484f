// ctnn/io/load_error.hpp: `load_error`, the one exception every ctnn::io loader throws.
//
//   try {
//       auto iris = ctnn::io::read_csv<4>("data/iris.csv");
//   } catch (const ctnn::io::load_error& e) {
//       std::cerr << e.what() << '\n'; // "data/iris.csv: line 7: expected 5 fields (...), found 4"
//   }
//
// Every failure is one, running out of memory included ("out of memory while loading ..."): no
// std::bad_alloc or std::length_error leaves a loader.
//
// The loaders live apart from the core headers (ctnn/ctnn.hpp does not include them) because
// they allocate, throw and, for .gz files, need zlib: link ctnn::io rather than ctnn::ctnn.
#pragma once

#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>

namespace ctnn::io {

// what() is "<file>: <problem>", so a message names the file without the caller adding it;
// problem() is the message alone, for a caller that shows the file some other way.
class load_error : public std::runtime_error {
public:
    load_error(std::filesystem::path file, const std::string& problem)
        : std::runtime_error(file.string() + ": " + problem), file_(std::move(file)),
          problem_(problem)
    {
    }

    const std::filesystem::path& file() const noexcept { return file_; }
    const std::string& problem() const noexcept { return problem_; }

private:
    std::filesystem::path file_;
    std::string problem_;
};

namespace detail {

// Runs `load` (a loader's body), reporting an allocation that failed (std::bad_alloc) or a size
// no container can hold (std::length_error) as the load_error for `file`. By then the
// unwinding has freed what the load held, so the message itself can be allocated.
template <class Load>
auto reporting_memory(const std::filesystem::path& file, Load&& load) -> decltype(load())
{
    try {
        return load();
    }
    catch (const std::bad_alloc&) {
        throw load_error(file, "out of memory while loading (an allocation failed)");
    }
    catch (const std::length_error&) {
        throw load_error(file, "out of memory while loading (a size beyond what a container "
                               "can hold)");
    }
}

} // namespace detail

} // namespace ctnn::io
