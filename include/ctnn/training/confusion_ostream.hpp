// ctnn/training/confusion_ostream.hpp: `operator<<` for a confusion_matrix, a table with actual
// classes as rows and predicted ones as columns. Apart from ctnn/training/evaluation.hpp so that
// the core (<ctnn/core.hpp>) does not pull <ostream>; <ctnn/trainer.hpp> and <ctnn/ctnn.hpp>
// include it.
#pragma once

#include <cstddef>
#include <ostream>

#include <ctnn/training/evaluation.hpp>

namespace ctnn {

template <std::size_t Classes>
std::ostream& operator<<(std::ostream& os, const confusion_matrix<Classes>& m)
{
    os << "actual \\ predicted";
    for (std::size_t p = 0; p < Classes; ++p)
        os << '\t' << p;
    for (std::size_t a = 0; a < Classes; ++a) {
        os << '\n' << a;
        for (std::size_t p = 0; p < Classes; ++p)
            os << '\t' << m.counts[a][p];
    }
    return os << '\n';
}

} // namespace ctnn
