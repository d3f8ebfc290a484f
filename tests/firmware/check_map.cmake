# cmake -P script: the link map of a Cortex-M firmware (examples/firmware, linked with
# -Wl,-Map) holds nothing from stdio, the exception runtime, clocks or the heap, nor anything the
# firmware's own FORBID patterns name (programs.cmake), and does hold what REQUIRE names (by
# default a symbol of ctnn's), so that the check cannot pass on a map that has nothing to check.
#   -DMAP=<file.map> [-DFORBID=<regex>] [-DREQUIRE=<regex>]
# The map's "Discarded input sections" (what --gc-sections dropped) is left out: only what the
# image holds, and the archive members pulled in to satisfy references, count. Section names
# are mangled (.text._ZN4ctnn...), symbol lines demangled (ctnn::...): a pattern may match either.
file(READ "${MAP}" map)
string(REGEX REPLACE "\nDiscarded input sections.*\nMemory Configuration" "\n" map "${map}")

set(forbidden
  "printf" "[^a-z]puts" "fputs" "fwrite" "putchar" "_write_r" "__sfp" "_impure_ptr"  # stdio
  "__cxa_" "__gxx_personality" "_Unwind_" "_ZTI" "typeinfo for"   # exceptions, RTTI, guards
  "clock_gettime" "gettimeofday" "_ZNSt6chrono" "std::chrono"     # clocks
  "malloc" "_free_r" "_sbrk" "_Znwj" "_Znaj" "operator new"        # the heap
)
if(FORBID)
  list(APPEND forbidden "${FORBID}")
endif()
list(JOIN forbidden "|" forbidden_regex)

string(REPLACE "\n" ";" lines "${map}")
set(found)
foreach(line IN LISTS lines)
  if(line MATCHES "${forbidden_regex}")
    string(STRIP "${line}" line)
    list(APPEND found "${line}")
  endif()
endforeach()
if(found)
  list(REMOVE_DUPLICATES found)
  list(JOIN found "\n  " found)
  message(FATAL_ERROR "${MAP} holds what this firmware must not link:\n  ${found}")
endif()
if(NOT REQUIRE)
  set(REQUIRE "_ZN4ctnn|ctnn::")
endif()
if(NOT map MATCHES "${REQUIRE}")
  message(FATAL_ERROR "${MAP} holds nothing matching '${REQUIRE}': the check proves nothing")
endif()
message(STATUS "${MAP}: none of the forbidden symbols; '${REQUIRE}' present")
