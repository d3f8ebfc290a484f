# cmake -P script: runs a firmware under qemu-system-arm and its host build, and compares what they
# print (examples/firmware/support/output.hpp: one `label 0x<bits>` line per number).
#   -DQEMU=<qemu-system-arm> -DMACHINE=<board> -DELF=<firmware> -DHOST=<host program>
#   -DCOMPARE=exact | ulps:<n> | status
# exact: the lines are the same, bit for bit. ulps:<n>: the same labels and text, and every
# 8-digit (float) number within n units in the last place of the host's. status: only the exit
# statuses count (the firmware checks its own results); the lines that differ are reported.
# Either way both programs must exit 0. The semihosting output goes to a chardev on QEMU's stdout;
# QEMU's own messages stay on stderr.
execute_process(
  COMMAND ${QEMU} -M ${MACHINE} -display none -monitor none -serial null
          -chardev stdio,id=semihosting -semihosting-config enable=on,target=native,chardev=semihosting
          -kernel ${ELF}
  TIMEOUT 60 RESULT_VARIABLE board_status OUTPUT_VARIABLE board ERROR_VARIABLE board_error)
execute_process(COMMAND ${HOST} RESULT_VARIABLE host_status OUTPUT_VARIABLE host)
message("${MACHINE}: ${ELF}\n${board}${board_error}")
if(NOT board_status EQUAL 0)
  message(FATAL_ERROR "the firmware exited with status ${board_status}")
endif()
if(NOT host_status EQUAL 0)
  message(FATAL_ERROR "the host program ${HOST} exited with status ${host_status}:\n${host}")
endif()

string(REPLACE "\n" ";" board_lines "${board}")
string(REPLACE "\n" ";" host_lines "${host}")
list(LENGTH board_lines board_count)
list(LENGTH host_lines host_count)
if(NOT board_count EQUAL host_count)
  message(FATAL_ERROR "the firmware printed ${board_count} lines, the host ${host_count}:\n${host}")
endif()

# A float's bits as an integer that orders floats as they order (sign-magnitude to two's
# complement), so that a difference of two counts the floats between them.
function(float_order bits out)
  math(EXPR value "${bits}")
  if(value GREATER_EQUAL 2147483648)
    math(EXPR value "-(${value} - 2147483648)")
  endif()
  set(${out} ${value} PARENT_SCOPE)
endfunction()

set(bound -1)
if(COMPARE MATCHES "^ulps:([0-9]+)$")
  set(bound ${CMAKE_MATCH_1})
elseif(NOT COMPARE MATCHES "^(exact|status)$")
  message(FATAL_ERROR "COMPARE is '${COMPARE}': exact, ulps:<n> or status")
endif()
set(differences 0)
set(failures)
set(worst 0)
math(EXPR last "${host_count} - 1")
foreach(i RANGE ${last})
  list(GET board_lines ${i} b)
  list(GET host_lines ${i} h)
  if(b STREQUAL h)
    continue()
  endif()
  math(EXPR differences "${differences} + 1")
  if(bound GREATER_EQUAL 0 AND b MATCHES "^(.*) (0x[0-9a-f]+)$")
    set(b_label "${CMAKE_MATCH_1}")
    set(b_bits "${CMAKE_MATCH_2}")
    if(h MATCHES "^(.*) (0x[0-9a-f]+)$" AND CMAKE_MATCH_1 STREQUAL b_label)
      string(LENGTH "${b_bits}" b_length)
      string(LENGTH "${CMAKE_MATCH_2}" h_length)
      if(b_length EQUAL 10 AND h_length EQUAL 10)
        float_order(${b_bits} b_value)
        float_order(${CMAKE_MATCH_2} h_value)
        math(EXPR distance "${b_value} - ${h_value}")
        if(distance LESS 0)
          math(EXPR distance "-${distance}")
        endif()
        if(distance GREATER worst)
          set(worst ${distance})
        endif()
        if(distance LESS_EQUAL bound)
          continue()
        endif()
      endif()
    endif()
  endif()
  list(APPEND failures "board: ${b}\n  host:  ${h}")
endforeach()

if(COMPARE STREQUAL "status")
  message(STATUS "${differences} of ${host_count} lines differ from the host's (not compared)")
elseif(failures)
  list(JOIN failures "\n  " failures)
  message(FATAL_ERROR "the firmware's lines differ from the host's (${COMPARE}):\n  ${failures}")
else()
  message(STATUS "${differences} of ${host_count} lines differ from the host's; the largest "
                 "distance is ${worst} ulps (${COMPARE})")
endif()
