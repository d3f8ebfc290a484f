# examples/pictures.cmake: the pictures pipeline, for the `pictures` target and the
# `example_pictures` test (cmake -P, so it needs nothing but CMake, the two examples and gnuplot):
#
#   cmake -DOR_GATE=<or_gate> -DXOR=<xor> -DGNUPLOT=<gnuplot> -DOUTPUT_DIR=<dir> -P pictures.cmake
#
# It runs `or_gate --plot DIR` and `xor --plot DIR`, then `gnuplot or.gp` and `gnuplot xor.gp` in
# DIR, and then checks what came out, so that a picture that silently failed to render fails here:
#   - every PNG exists and is a PNG (its 8-byte signature) of 640 x 480 pixels (its IHDR chunk);
#   - gnuplot printed nothing on stderr (it reports a broken plot as a warning and exits with 0);
#   - each boundary grid holds 101 x 101 points and, at the four training points, which lie on
#     the grid, the network output the example itself checked: within 0.05 of the truth table;
#   - each loss curve starts at epoch 1 and ends at epoch 200000, the training's last epoch.
cmake_minimum_required(VERSION 3.21)

foreach(variable OR_GATE XOR GNUPLOT OUTPUT_DIR)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "pictures.cmake needs -D${variable}=...")
  endif()
endforeach()

# Earlier pictures must not pass for new ones.
foreach(name or xor)
  file(REMOVE "${OUTPUT_DIR}/${name}_loss.png" "${OUTPUT_DIR}/${name}_boundary.png")
endforeach()

function(run_step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE output
                  ERROR_VARIABLE errors WORKING_DIRECTORY "${OUTPUT_DIR}")
  if(NOT status EQUAL 0 OR NOT errors STREQUAL "")
    string(JOIN " " command ${ARGN})
    message(FATAL_ERROR "`${command}` failed (status ${status}) or wrote to stderr:\n"
                        "${output}${errors}")
  endif()
endfunction()

file(MAKE_DIRECTORY "${OUTPUT_DIR}")
# RUNNER (optional): the emulator script of a cross build (CTNN_TARGET_RUNNER).
run_step(${RUNNER} "${OR_GATE}" --plot "${OUTPUT_DIR}")
run_step(${RUNNER} "${XOR}" --plot "${OUTPUT_DIR}")
run_step("${GNUPLOT}" or.gp)
run_step("${GNUPLOT}" xor.gp)

# Truth tables at (0,0) (0,1) (1,0) (1,1).
set(or_targets 0 1 1 1)
set(xor_targets 0 1 1 0)
set(points "0 0" "0 1" "1 0" "1 1")

foreach(name or xor)
  foreach(kind loss boundary)
    set(png "${OUTPUT_DIR}/${name}_${kind}.png")
    if(NOT EXISTS "${png}")
      message(FATAL_ERROR "${png} was not written")
    endif()
    file(READ "${png}" signature LIMIT 8 HEX)
    if(NOT signature STREQUAL "89504e470d0a1a0a")
      message(FATAL_ERROR "${png} is not a PNG file (it starts with ${signature})")
    endif()
    # After the signature: the IHDR chunk's length (4 bytes) and type (4), then width and height
    # as 4-byte big-endian numbers.
    file(READ "${png}" size LIMIT 8 OFFSET 16 HEX)
    if(NOT size STREQUAL "00000280000001e0")
      message(FATAL_ERROR "${png} is not 640 x 480 pixels (IHDR width and height: ${size})")
    endif()
  endforeach()

  file(STRINGS "${OUTPUT_DIR}/${name}_boundary.dat" grid REGEX "^[-0-9]")
  list(LENGTH grid grid_size)
  if(NOT grid_size EQUAL 10201)
    message(FATAL_ERROR "${name}_boundary.dat holds ${grid_size} points, not 101 x 101")
  endif()
  foreach(k RANGE 3)
    list(GET points ${k} point)
    list(GET ${name}_targets ${k} target)
    set(line "")
    file(STRINGS "${OUTPUT_DIR}/${name}_boundary.dat" line REGEX "^${point} ")
    if(NOT line MATCHES "^${point} ([-+.0-9eE]+)$")
      message(FATAL_ERROR "${name}_boundary.dat has no single grid point (${point})")
    endif()
    set(output ${CMAKE_MATCH_1})
    if((target EQUAL 1 AND output LESS 0.95) OR (target EQUAL 0 AND output GREATER 0.05))
      message(FATAL_ERROR "${name}_boundary.dat: output ${output} at (${point}), target ${target}")
    endif()
  endforeach()

  file(STRINGS "${OUTPUT_DIR}/${name}_loss.dat" curve REGEX "^[0-9]")
  list(GET curve 0 first)
  list(GET curve -1 last)
  if(NOT first MATCHES "^1 " OR NOT last MATCHES "^200000 ")
    message(FATAL_ERROR "${name}_loss.dat runs from '${first}' to '${last}', "
                        "not from epoch 1 to epoch 200000")
  endif()
endforeach()

message(STATUS "pictures in ${OUTPUT_DIR}: or_loss.png or_boundary.png xor_loss.png "
               "xor_boundary.png")
