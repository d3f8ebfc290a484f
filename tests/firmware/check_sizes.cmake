# cmake -P script: the library's share of each sized firmware (programs.cmake's SIZE), text +
# data as arm-none-eabi-size counts them (flash: code, constants, the weights, .data's initial
# values) minus the same of the empty firmware built alike (the same startup, printing, -O level),
# at -Os (<name>.elf) and -O2 (<name>_O2.elf).
#   -DSIZE=<arm-none-eabi-size> -DDIR=<firmware build dir> -DCORE=m4f|m3|m0
#   -DPROGRAMS=<a|b|...> -DBASELINE=<name> [-DBUDGET=<file>]
# Prints one line per program and level: `<core> <program> <level> <share> <total>`. With
# BUDGET (tests/firmware/size_budget.txt: `<core> <program> <level> <bytes> [# comment]` lines),
# fails where a share exceeds its budget or has none.
function(flash_bytes elf out)
  execute_process(COMMAND ${SIZE} -B ${elf} RESULT_VARIABLE status OUTPUT_VARIABLE text
                  ERROR_VARIABLE error)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${SIZE} ${elf} failed: ${error}")
  endif()
  # "   text    data     bss     dec     hex filename\n   1234      8     16 ..."
  if(NOT text MATCHES "\n[ \t]*([0-9]+)[ \t]+([0-9]+)[ \t]+[0-9]+")
    message(FATAL_ERROR "cannot read ${SIZE}'s output:\n${text}")
  endif()
  math(EXPR bytes "${CMAKE_MATCH_1} + ${CMAKE_MATCH_2}")
  set(${out} ${bytes} PARENT_SCOPE)
endfunction()

set(budgets)
if(BUDGET)
  file(STRINGS ${BUDGET} budgets REGEX "^[a-z0-9]+ [a-z_0-9]+ O[s2] [0-9]+( *#.*)?$")
endif()
string(REPLACE "|" ";" PROGRAMS "${PROGRAMS}")
set(over)
foreach(level Os O2)
  set(suffix "")
  if(level STREQUAL "O2")
    set(suffix _O2)
  endif()
  flash_bytes(${DIR}/${BASELINE}${suffix}.elf empty)
  foreach(program IN LISTS PROGRAMS)
    flash_bytes(${DIR}/${program}${suffix}.elf total)
    math(EXPR share "${total} - ${empty}")
    message("${CORE} ${program} ${level} ${share} ${total}")
    if(BUDGET)
      set(entry ${budgets})
      list(FILTER entry INCLUDE REGEX "^${CORE} ${program} ${level} ")
      if(NOT entry)
        list(APPEND over "${CORE} ${program} -${level}: no budget in ${BUDGET}")
      else()
        string(REGEX MATCH "^[^ ]+ [^ ]+ [^ ]+ ([0-9]+)" limit "${entry}")
        set(limit ${CMAKE_MATCH_1})
        if(share GREATER limit)
          list(APPEND over "${CORE} ${program} -${level}: ctnn's share is ${share} bytes, over its \
budget of ${limit} (${BUDGET}); make it smaller, or raise the budget in the same commit and say why")
        endif()
      endif()
    endif()
  endforeach()
endforeach()
if(over)
  list(JOIN over "\n  " over)
  message(FATAL_ERROR "${over}")
endif()
