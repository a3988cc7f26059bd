# The HTML report as a person sees it: for each example profile, edgecalc writes the page,
# headless Chromium takes a screenshot, and png_stats checks that the page rendered (ink on at
# least 3% of it) and that the charts are drawn (pixels in the options' colours). The pictures go
# to the build tree (SHOTS), never the repository. Without a browser the test is skipped (exit
# 77) with a message, not failed.
#   cmake -DEXE=edgecalc -DSTATS=png_stats -DPROFILES=dir -DSHOTS=dir -P screenshot.cmake
find_program(BROWSER NAMES chromium chromium-browser google-chrome)
if(NOT BROWSER)
  message("SKIPPED: no Chromium on this machine (scripts/dev.sh test installs Debian's chromium)")
  cmake_language(EXIT 77)
endif()
file(MAKE_DIRECTORY ${SHOTS})
file(GLOB profiles ${PROFILES}/*.yaml ${PROFILES}/*.json)
foreach(profile IN LISTS profiles)
  get_filename_component(stem ${profile} NAME_WE)
  set(page ${SHOTS}/${stem}.html)
  set(shot ${SHOTS}/${stem}.png)
  execute_process(COMMAND ${EXE} ${profile} --format html --sensitivity -o ${page} RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${stem}: edgecalc --format html exited ${code}")
  endif()
  file(REMOVE ${shot})
  execute_process(COMMAND ${BROWSER} --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
                          --user-data-dir=${SHOTS}/browser-profile --window-size=900,2400 --screenshot=${shot}
                          file://${page}
                  RESULT_VARIABLE code OUTPUT_QUIET ERROR_QUIET TIMEOUT 120)
  if(NOT EXISTS ${shot})
    message(FATAL_ERROR "${stem}: Chromium wrote no screenshot (exit ${code})")
  endif()
  execute_process(COMMAND ${STATS} ${shot} OUTPUT_VARIABLE stats RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${stem}: png_stats could not read ${shot}")
  endif()
  string(STRIP "${stats}" stats)
  string(REPLACE " " ";" fields "${stats}")
  list(GET fields 2 ink)
  list(GET fields 3 drawn)
  message("${stem}: ${stats} (width height ink option_pixels)")
  if(ink LESS 0.03)
    message(FATAL_ERROR "${stem}: the page is blank (ink ${ink})")
  endif()
  if(drawn LESS 2000)
    message(FATAL_ERROR "${stem}: the charts drew ${drawn} pixels in the options' colours")
  endif()
endforeach()
