// expect: ctnn::network<\.\.\.> needs at least an input and an output width
// sanity: the "mistake" below is correct code, so the build succeeds, the message never appears
// and the test fails. Registered with WILL_FAIL: it passes only if the harness can fail.
#include <ctnn/network.hpp>

int main()
{
#ifdef CTNN_COMPILE_FAIL
    const ctnn::network<2, 1> net{}; // not a mistake
#else
    const ctnn::network<2, 1> net{};
#endif
    return net.values()[0] == 0.0f ? 0 : 1;
}
