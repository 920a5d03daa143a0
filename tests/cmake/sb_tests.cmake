# SPDX-License-Identifier: MIT
# The two ways a test is added, used by every folder under tests/ (tests/README.md says how to write one).
#
# sb_add_script_test(NAME name SCRIPT file.sh [LABELS label...] [TIMEOUT seconds] [ENV VAR=value...]
#                    [ARGS extra...] [SERIAL] [SKIPPABLE])
#   runs `bash file.sh BINARY SCRATCH SOURCE [extra...]`: the spawnbench binary, a scratch directory
#   (${CMAKE_CURRENT_BINARY_DIR}/name.d) and the source root, the order tests/lib.sh reads. Every script
#   gets SB_PYTHON3 (the one python3) and SB_BUILD (the build root) in its environment. The folder's name
#   is always one of its labels (ctest -L driver). SERIAL: nothing else runs beside it (timing, BPF, limits).
#   SKIPPABLE: exit 77 counts as skipped; without it, 77 is a failure like any other non-zero status.
#   TIMEOUT defaults to 300.
#
# sb_add_unit_test(NAME name SOURCES file.c... LIBS library... [ARGS arg...] [LABELS label...] [TIMEOUT s])
#   a cmocka test program linked against LIBS, run with ARGS; it includes tests/unit.h.
find_program(SB_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT SB_PYTHON3)
  find_program(SB_PYTHON3 NAMES python3 REQUIRED)
endif()
pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)
# tests/, where unit.h is.
get_filename_component(SB_TESTS_DIR ${CMAKE_CURRENT_LIST_DIR} DIRECTORY)

function(sb_add_script_test)
  cmake_parse_arguments(T "SERIAL;SKIPPABLE" "NAME;SCRIPT;TIMEOUT" "LABELS;ENV;ARGS" ${ARGN})
  if(NOT T_NAME OR NOT T_SCRIPT)
    message(FATAL_ERROR "sb_add_script_test: NAME and SCRIPT are required")
  endif()
  if(NOT IS_ABSOLUTE ${T_SCRIPT})
    set(T_SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/${T_SCRIPT})
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  get_filename_component(folder ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  add_test(NAME ${T_NAME}
    COMMAND bash ${T_SCRIPT} $<TARGET_FILE:spawnbench> ${CMAKE_CURRENT_BINARY_DIR}/${T_NAME}.d ${CMAKE_SOURCE_DIR}
            ${T_ARGS})
  set(labels ${folder} ${T_LABELS})
  set(env SB_PYTHON3=${SB_PYTHON3} SB_BUILD=${CMAKE_BINARY_DIR} ${T_ENV})
  set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT} LABELS "${labels}" ENVIRONMENT "${env}")
  if(T_SERIAL)
    set_tests_properties(${T_NAME} PROPERTIES RUN_SERIAL TRUE)
  endif()
  if(T_SKIPPABLE)
    set_tests_properties(${T_NAME} PROPERTIES SKIP_RETURN_CODE 77)
  endif()
endfunction()

function(sb_add_unit_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;ARGS;LABELS" ${ARGN})
  if(NOT T_NAME OR NOT T_SOURCES)
    message(FATAL_ERROR "sb_add_unit_test: NAME and SOURCES are required")
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 60)
  endif()
  get_filename_component(folder ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  list(GET T_SOURCES 0 first)
  get_filename_component(exe ${first} NAME_WE)
  add_executable(${exe} ${T_SOURCES})
  target_include_directories(${exe} PRIVATE ${SB_TESTS_DIR})
  target_link_libraries(${exe} PRIVATE ${T_LIBS} PkgConfig::CMOCKA)
  add_test(NAME ${T_NAME} COMMAND ${exe} ${T_ARGS})
  set(labels ${folder} unit ${T_LABELS})
  set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT} LABELS "${labels}")
endfunction()
