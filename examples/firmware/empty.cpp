// examples/firmware/empty.cpp: the baseline of the size figures. The same startup, the same
// printing of a text, a float and a double as the other programs, and no network: what another
// firmware has beyond this is what ctnn (and the program's few lines around it) costs.
#include "support/output.hpp"

namespace {
volatile float some_float = 1.0f; // volatile: printed as read, not folded into a constant
volatile double some_double = 1.0;
} // namespace

int main()
{
    firmware::print("empty\n");
    firmware::print_bits("float", some_float);
    firmware::print_bits("double", some_double);
    return 0;
}
