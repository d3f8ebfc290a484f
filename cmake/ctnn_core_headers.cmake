# ctnn_core_headers(<out-var> <ctnn source dir>): the headers <ctnn/core.hpp> includes, read from
# it (a header added there is covered wherever this list is used), and core.hpp itself, as
# include names ("ctnn/network.hpp"). tests/headers compiles each alone on the host with
# -fno-exceptions -fno-rtti, examples/firmware for a Cortex-M4.
function(ctnn_core_headers out root)
  file(STRINGS ${root}/include/ctnn/core.hpp headers REGEX "^#include <ctnn/.*\\.hpp>$")
  list(TRANSFORM headers REPLACE "^#include <(.*)>$" "\\1")
  list(APPEND headers ctnn/core.hpp)
  set(${out} ${headers} PARENT_SCOPE)
endfunction()
