# Checks that README.md holds the lines of SOURCE between "// README begin" and "// README end"
# exactly, so the README's Boost.Hana snippet is the code this test compiles and runs.
file(READ ${SOURCE} source)
string(REGEX MATCH "// README begin\n(.*)// README end" _ "${source}")
set(snippet "${CMAKE_MATCH_1}")
if(snippet STREQUAL "")
  message(FATAL_ERROR "${SOURCE} has no \"// README begin\" ... \"// README end\" block")
endif()
file(READ ${README} readme)
string(FIND "${readme}" "${snippet}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "README.md does not hold ${SOURCE}'s snippet as written there:\n${snippet}")
endif()
