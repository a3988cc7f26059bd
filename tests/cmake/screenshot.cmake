# The HTML report as a person sees it: for each example profile, edgecalc writes the page,
# headless Chromium takes a screenshot, and png_stats checks that the page rendered (ink on at
# least 3% of it) and that the charts are drawn (pixels in the options' colours). The pictures go
# to the build tree (SHOTS), never the repository. Without a browser the test is skipped (exit
# 77) with a message, not failed.
#   cmake -DEXE=edgecalc -DSTATS=png_stats -DPROFILES=dir -DSHOTS=dir -P screenshot.cmake
include(${CMAKE_CURRENT_LIST_DIR}/browser.cmake)
file(MAKE_DIRECTORY ${SHOTS})
set(BROWSER_PROFILE ${SHOTS}/browser-profile)
file(GLOB profiles ${PROFILES}/*.yaml ${PROFILES}/*.json)
foreach(profile IN LISTS profiles)
  get_filename_component(stem ${profile} NAME_WE)
  set(page ${SHOTS}/${stem}.html)
  set(shot ${SHOTS}/${stem}.png)
  page_of(${profile} ${page})
  file(REMOVE ${shot})
  browser(ignored --window-size=900,2400 --screenshot=${shot} file://${page})
  if(NOT EXISTS ${shot})
    message(FATAL_ERROR "${stem}: Chromium wrote no screenshot (exit ${browser_exit})")
  endif()
  png_stats_of(${shot} ink drawn)
  if(ink LESS 0.03)
    message(FATAL_ERROR "${stem}: the page is blank (ink ${ink})")
  endif()
  if(drawn LESS 2000)
    message(FATAL_ERROR "${stem}: the charts drew ${drawn} pixels in the options' colours")
  endif()
endforeach()
