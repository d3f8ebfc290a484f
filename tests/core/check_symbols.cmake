# The symbols of core_program (tests/core/CMakeLists.txt), a program that includes <ctnn/core.hpp>
# and nothing else that could bring these, built with -fno-exceptions -fno-rtti: none may come
# from <chrono>, stdio, the exception runtime or the heap. nm -C lists what the program defines
# and what it needs from the C and C++ libraries (-C demangles: "std::chrono::..." rather than
# "_ZNSt6chrono..."). What the C runtime's start-up code needs (__libc_start_main) and what
# ctnn's default error handler calls (write, abort) are expected; everything matched below is
# not. -DNM=<nm> -DPROGRAM=<path>.
execute_process(COMMAND ${NM} -C ${PROGRAM} RESULT_VARIABLE result OUTPUT_VARIABLE symbols
                ERROR_VARIABLE error)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${NM} failed: ${error}")
endif()
# One pattern per kind, each matched against whole symbol names (nm prints "<address> <type>
# <name>", or "<type> <name>" padded for undefined ones).
set(banned
  "std::chrono::"                               # <chrono>: clocks and their durations
  "clock_gettime"                               # what steady_clock::now() calls
  "__cxa_throw" "__cxa_allocate_exception"      # throwing
  "__cxa_begin_catch" "__gxx_personality"       # catching, unwinding through C++ frames
  "_Unwind_Resume"                              # unwinding
  "std::__throw_"                               # libstdc++'s throwing helpers (at(), ...)
  "typeinfo for" "__cxa_pure_virtual"           # RTTI, virtual bases
  " printf" " fprintf" " snprintf" " puts" " fputs" " fwrite" " putchar" " fputc" # <cstdio>
  " stdout" " stderr" "_IO_2_1_" " fopen"        # FILE streams (not _IO_stdin_used: crt1.o has it)
  "std::ostream" "std::basic_ostream" "std::ios_base" # <ostream>
  "std::__cxx11::basic_string"                  # <string>
  "operator new" "operator delete" " malloc" " calloc" " realloc" " free@" # the heap
  "pthread_"                                    # <thread>, <mutex>
)
string(REPLACE "\n" ";" lines "${symbols}")
set(found)
foreach(line IN LISTS lines)
  foreach(pattern IN LISTS banned)
    string(FIND " ${line}" "${pattern}" at)
    if(NOT at EQUAL -1)
      list(APPEND found "${line}")
      break()
    endif()
  endforeach()
endforeach()
if(found)
  list(JOIN found "\n  " found)
  message(FATAL_ERROR "core_program references symbols the core must not bring:\n  ${found}")
endif()
# The check can fail: the error path it guards is in the program (a sanity check on the build).
if(NOT symbols MATCHES "ctnn::detail::report_invalid_argument")
  message(FATAL_ERROR "core_program does not contain ctnn's error path; the check proves nothing")
endif()
