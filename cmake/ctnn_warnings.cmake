# Warnings for ctnn's own targets (tests, examples, benchmarks), never for its consumers: the
# INTERFACE target carries no flags. Errors only when CTNN_WARNINGS_AS_ERRORS is on (CI).
function(ctnn_target_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                             -Wsign-conversion -Wold-style-cast)
    if(CTNN_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
