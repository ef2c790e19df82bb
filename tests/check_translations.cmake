# Fails when a user-visible string has no Simplified Chinese translation.
# Runs lupdate over the sources into a scratch copy of the .ts file (the
# checked-in file is left alone) and counts what is unfinished.
#   cmake -DLUPDATE=... -DSOURCE_DIR=... -DSOURCES_LIST=... -DTS_FILE=... -DWORK_DIR=... -P check_translations.cmake
file(MAKE_DIRECTORY ${WORK_DIR})
get_filename_component(ts_name ${TS_FILE} NAME)
set(scratch ${WORK_DIR}/${ts_name})
configure_file(${TS_FILE} ${scratch} COPYONLY)
execute_process(
    COMMAND ${LUPDATE} -silent -no-obsolete -locations none -I ${SOURCE_DIR} @${SOURCES_LIST} -ts ${scratch}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${rc}): ${err}")
endif()
file(READ ${scratch} ts)
string(REGEX MATCHALL "<source>[^<]*</source>[^<]*(<comment>[^<]*</comment>[^<]*)?<translation type=\"unfinished\"" unfinished "${ts}")
list(LENGTH unfinished count)
if(count GREATER 0)
    foreach(item IN LISTS unfinished)
        string(REGEX REPLACE "<source>([^<]*)</source>.*" "\\1" text "${item}")
        message("untranslated: ${text}")
    endforeach()
    message(FATAL_ERROR "${count} strings have no zh_CN translation: run "
        "'cmake --build build/dev --target update_translations', translate them in "
        "${TS_FILE} (Qt Linguist), and commit it")
endif()
string(REGEX MATCHALL "<message" all "${ts}")
list(LENGTH all total)
message(STATUS "all ${total} strings are translated")
