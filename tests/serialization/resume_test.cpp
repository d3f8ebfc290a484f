// Training resumed from a checkpoint continues exactly: 3 Adam steps, save, load into fresh
// objects, 2 more steps gives the same bits as 5 steps straight (the check is
// tests/support/optimizer_checks.hpp's, which each optimiser's own tests also call).
#include <catch2/catch.hpp>

#include <ctnn/optimizer.hpp>

#include "../support/optimizer_checks.hpp"

TEMPLATE_TEST_CASE("training resumed from a checkpoint is bit-identical to training straight",
                   "[serialization]", float, double)
{
    const auto resumed =
        optimizer_checks::check_resume<TestType>(ctnn::adam{.learning_rate = 0.05});
    CHECK(resumed.step_count == 5);
}
