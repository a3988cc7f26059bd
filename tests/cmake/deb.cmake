# ctest install.deb: cpack -G DEB on this build tree, then scripts/check-deb.sh on the package
# (installs it with dpkg into a scratch root and runs it; see the script). Then the checker is
# shown to fail: the same package with a stray /usr/share/edgecalc/ file must be rejected.
# -DBUILD=the build tree -DSOURCE=the source tree -DSCRATCH=a directory it may wipe
file(REMOVE_RECURSE "${SCRATCH}")
file(MAKE_DIRECTORY "${SCRATCH}")
execute_process(COMMAND cpack -G DEB -B "${SCRATCH}" WORKING_DIRECTORY "${BUILD}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
file(GLOB debs "${SCRATCH}/*.deb")
list(LENGTH debs count)
if(NOT status EQUAL 0 OR NOT count EQUAL 1)
  message(FATAL_ERROR "cpack -G DEB made ${count} packages (exit ${status}):\n${out}")
endif()
execute_process(COMMAND bash "${SOURCE}/scripts/check-deb.sh" "${debs}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "scripts/check-deb.sh rejected the package cpack made")
endif()

set(tree "${SCRATCH}/tampered")
execute_process(COMMAND dpkg-deb -R "${debs}" "${tree}" RESULT_VARIABLE status)
file(WRITE "${tree}/usr/share/edgecalc/catalog.yaml" "unread: true\n")
execute_process(COMMAND dpkg-deb --root-owner-group -b "${tree}" "${SCRATCH}/tampered.deb" OUTPUT_QUIET)
execute_process(COMMAND bash "${SOURCE}/scripts/check-deb.sh" "${SCRATCH}/tampered.deb"
                RESULT_VARIABLE status ERROR_VARIABLE err)
if(NOT status EQUAL 1 OR NOT err MATCHES "/usr/share/edgecalc is installed")
  message(FATAL_ERROR "check-deb.sh accepted a package with /usr/share/edgecalc (exit ${status}): ${err}")
endif()
file(REMOVE_RECURSE "${SCRATCH}")
